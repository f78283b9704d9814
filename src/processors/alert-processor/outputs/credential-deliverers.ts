/** The credential (HTTP) outputs' entries in the delivery registry: read the credential, then send. */
import type { CredentialTarget, DeliveryTable } from '../registry.js';
import { parsePagerDutySecret, sendToPagerDuty } from './pagerduty.js';
import { parsePhantomSecret, sendToPhantom } from './phantom.js';
import { parseWebhookSecret, postJson, slackMessage } from './webhook.js';

export const CREDENTIAL_DELIVERERS: DeliveryTable<CredentialTarget> = {
  slack: async (target, { credential, alert }) =>
    postJson(await credential(target.secret, parseWebhookSecret), slackMessage(alert)),
  webhook: async (target, { credential, alert }) =>
    postJson(await credential(target.secret, parseWebhookSecret), alert),
  pagerduty: async (target, { credential, alert }) =>
    sendToPagerDuty(await credential(target.secret, parsePagerDutySecret), alert),
  phantom: async (target, { credential, alert }) =>
    sendToPhantom(await credential(target.secret, parsePhantomSecret), alert),
};

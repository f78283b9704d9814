/** The credential (HTTP) outputs' entries in the delivery registry: read the credential, then send. */
import type { CredentialTarget, DeliveryTable } from '../registry.js';
import { parseCarbonBlackSecret, sendToCarbonBlack } from './carbonblack.js';
import { parseDemistoSecret, sendToDemisto } from './demisto.js';
import { parseGitHubSecret, sendToGitHub } from './github.js';
import { parseJiraSecret, sendToJira } from './jira.js';
import { parseKomandSecret, sendToKomand } from './komand.js';
import { parsePagerDutyIncidentSecret, sendToPagerDutyIncident } from './pagerduty-incident.js';
import { parsePagerDutySecret, parsePagerDutyV2Secret, sendToPagerDuty } from './pagerduty.js';
import { parsePhantomSecret, sendToPhantom } from './phantom.js';
import { parseTeamsSecret, sendToTeams } from './teams.js';
import { parseWebhookSecret, postJson, slackMessage } from './webhook.js';

export const CREDENTIAL_DELIVERERS: DeliveryTable<CredentialTarget> = {
  slack: async (target, { credential, alert }) =>
    postJson(await credential(target.secret, parseWebhookSecret), slackMessage(alert)),
  webhook: async (target, { credential, alert }) =>
    postJson(await credential(target.secret, parseWebhookSecret), alert),
  pagerduty: async (target, { credential, alert }) =>
    sendToPagerDuty(await credential(target.secret, parsePagerDutySecret), alert),
  'pagerduty-v2': async (target, { credential, alert }) =>
    sendToPagerDuty(
      await credential(target.secret, parsePagerDutyV2Secret),
      alert,
      `${target.descriptor}:${alert.id}`,
    ),
  'pagerduty-incident': async (target, { credential, alert }) =>
    sendToPagerDutyIncident(
      await credential(target.secret, parsePagerDutyIncidentSecret),
      alert,
      target.descriptor,
    ),
  phantom: async (target, { credential, alert }) =>
    sendToPhantom(await credential(target.secret, parsePhantomSecret), alert),
  github: async (target, { credential, alert }) =>
    sendToGitHub(await credential(target.secret, parseGitHubSecret), alert),
  jira: async (target, { credential, alert }) =>
    sendToJira(await credential(target.secret, parseJiraSecret), alert),
  teams: async (target, { credential, alert }) =>
    sendToTeams(await credential(target.secret, parseTeamsSecret), alert),
  carbonblack: async (target, { credential, alert }) =>
    sendToCarbonBlack(await credential(target.secret, parseCarbonBlackSecret), alert),
  demisto: async (target, { credential, alert }) =>
    sendToDemisto(await credential(target.secret, parseDemistoSecret), alert),
  komand: async (target, { credential, alert }) =>
    sendToKomand(await credential(target.secret, parseKomandSecret), alert),
};

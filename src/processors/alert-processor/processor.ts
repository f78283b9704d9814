/**
 * The alert processor's core: each alert (an SNS message from the rule processor) goes to
 * every output its rule names, each with its own retries, so one failing output never
 * stops the others. Every delivery is reported; when any finally failed the handler
 * throws, so Lambda's asynchronous retry (and then its failure destination) takes over.
 * A retry re-sends to all outputs of that event: the stable alert id lets receivers
 * deduplicate, and the S3 object key is the id, so that copy is simply rewritten.
 */
import type { OutputsConfig, SecretRef } from '../config/types.js';
import { isAlert, type Alert } from '../shared/alert.js';
import type { Logger } from '../shared/logger.js';
import { PermanentError } from './outputs/http.js';
import { DELIVERERS } from './outputs/index.js';
import {
  deliverTo,
  type AwsClients,
  type DeliveryContext,
  type DeliveryRegistry,
  type FunctionIdentity,
} from './registry.js';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from './retry.js';
import { describeRef, type SecretStore } from './secrets.js';
import { sendToStaging } from './staging.js';

export type { FunctionIdentity } from './registry.js';

/** Region and account from `arn:aws:lambda:<region>:<account>:function:<name>[:alias]`. */
export function identityFromArn(arn: string | undefined): FunctionIdentity | undefined {
  const parts = arn?.split(':') ?? [];
  if (parts.length < 7 || parts[0] !== 'arn') return undefined;
  return { partition: parts[1]!, region: parts[3]!, account: parts[4]!, functionName: parts[6]! };
}

export interface AlertProcessorDeps {
  outputs: OutputsConfig;
  clients: AwsClients;
  secrets: SecretStore;
  logger: Logger;
  retry?: RetryPolicy;
  now?: () => Date;
  /**
   * The bucket whose `staging/` prefix receives staged rules' alerts (STAGING_BUCKET: the
   * cluster's Firehose data bucket); unset, a staged alert fails delivery and is retried.
   */
  stagingBucket?: string;
  /** Service → deliverer; the full table unless a test narrows it. */
  deliverers?: DeliveryRegistry;
}

export interface Delivery {
  alert_id: string;
  rule_name: string;
  output: string;
  ok: boolean;
  attempts: number;
  error?: string;
}

export interface AlertEvent {
  Records?: { Sns?: { Message?: string; MessageId?: string } }[];
}

export interface AlertProcessor {
  process(
    event: unknown,
    functionArn?: string,
  ): Promise<{ deliveries: Delivery[]; rejected: number }>;
  handle(event: unknown, functionArn?: string): Promise<{ deliveries: Delivery[] }>;
}

/** The alerts in an event: SNS messages from the rule processor, or one alert invoked directly. */
function alertsOf(event: unknown, logger: Logger): { alerts: Alert[]; rejected: number } {
  if (isAlert(event)) return { alerts: [event], rejected: 0 };
  const alerts: Alert[] = [];
  let rejected = 0;
  for (const record of (event as AlertEvent)?.Records ?? []) {
    const message = record.Sns?.Message;
    let parsed: unknown;
    try {
      parsed = message === undefined ? undefined : JSON.parse(message);
    } catch {
      parsed = undefined;
    }
    if (isAlert(parsed)) alerts.push(parsed);
    else {
      // Retrying cannot fix a message that is not an alert: log it and go on.
      rejected++;
      logger.error('message is not a StreamAlert alert; skipped', {
        message_id: record.Sns?.MessageId,
        sample: (message ?? '').slice(0, 300),
      });
    }
  }
  return { alerts, rejected };
}

export function createAlertProcessor(deps: AlertProcessorDeps): AlertProcessor {
  const { outputs, clients, secrets, logger } = deps;
  const retry = deps.retry ?? DEFAULT_RETRY;
  const now = deps.now ?? (() => new Date());
  const deliverers = deps.deliverers ?? DELIVERERS;

  /** The output's credential, read (and cached) from SSM or Secrets Manager; errors name where it lives, never what it holds. */
  async function credential<T>(ref: SecretRef, parse: (value: string) => T): Promise<T> {
    let value: string;
    try {
      value = await secrets.get(ref);
    } catch (err) {
      throw new Error(`${describeRef(ref)}: ${(err as Error).message}`, { cause: err });
    }
    try {
      return parse(value);
    } catch (err) {
      // A credential that lacks what the service needs stays wrong until someone fixes it: no retry.
      throw new PermanentError(`${describeRef(ref)}: ${(err as Error).message}`, { cause: err });
    }
  }

  async function deliver(
    alert: Alert,
    output: string,
    identity: FunctionIdentity | undefined,
  ): Promise<Delivery> {
    const base = { alert_id: alert.id, rule_name: alert.rule_name, output };
    const target = outputs.get(output);
    if (!target)
      return {
        ...base,
        ok: false,
        attempts: 0,
        error: `output "${output}" is not in conf/outputs.json`,
      };
    const ctx: DeliveryContext = { alert, identity, clients, credential, now, logger };
    let attempts = 0;
    try {
      await withRetries(
        retry,
        (attempt) => {
          attempts = attempt;
          return deliverTo(deliverers, target, ctx);
        },
        (err, attempt) =>
          logger.warn('output attempt failed', { ...base, attempt, error: (err as Error).message }),
      );
      return { ...base, ok: true, attempts };
    } catch (err) {
      return { ...base, ok: false, attempts, error: (err as Error).message };
    }
  }

  /** The staging destination as one more delivery, with the same retries and reporting. */
  async function stage(alert: Alert): Promise<Delivery> {
    const base = { alert_id: alert.id, rule_name: alert.rule_name, output: 'staging' };
    let attempts = 0;
    try {
      await withRetries(
        retry,
        (attempt) => {
          attempts = attempt;
          return sendToStaging(clients.s3(), deps.stagingBucket, alert, now(), logger);
        },
        (err, attempt) =>
          logger.warn('staging attempt failed', {
            ...base,
            attempt,
            error: (err as Error).message,
          }),
      );
      return { ...base, ok: true, attempts };
    } catch (err) {
      return { ...base, ok: false, attempts, error: (err as Error).message };
    }
  }

  async function process(event: unknown, functionArn?: string) {
    const identity = identityFromArn(functionArn);
    const { alerts, rejected } = alertsOf(event, logger);
    // A staged rule's alert goes to the staging destination only, never to its outputs.
    const jobs = alerts.flatMap((alert) =>
      alert.staged === true
        ? [stage(alert)]
        : [...new Set(alert.outputs)].map((output) => deliver(alert, output, identity)),
    );
    const deliveries = await Promise.all(jobs);
    for (const d of deliveries)
      (d.ok ? logger.info : logger.error)(d.ok ? 'alert delivered' : 'alert not delivered', {
        ...d,
      });
    logger.metric('AlertsDelivered', deliveries.filter((d) => d.ok).length);
    logger.metric('AlertDeliveryFailures', deliveries.filter((d) => !d.ok).length);
    return { deliveries, rejected };
  }

  return {
    process,
    async handle(event, functionArn) {
      const { deliveries } = await process(event, functionArn);
      const failedDeliveries = deliveries.filter((d) => !d.ok);
      if (failedDeliveries.length > 0) {
        throw new Error(
          `${failedDeliveries.length} of ${deliveries.length} deliveries failed: ${failedDeliveries.map((d) => `${d.output} (${d.error})`).join('; ')}`,
        );
      }
      return { deliveries };
    },
  };
}

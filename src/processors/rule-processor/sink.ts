/**
 * Sends alerts to the cluster's alerts SNS topic with PublishBatch: up to 10 messages and
 * 256 KiB per call. Every message fits SNS's limit in bytes (alert.ts cuts or reduces an
 * alert that does not), and one SNS still refuses as too large is sent reduced: size is never
 * a reason to retry. Entries SNS refuses otherwise are retried; what still fails is handed
 * back so the handler can report the records that produced them (Kinesis retries those).
 */
import type { SNSClient } from '@aws-sdk/client-sns';
import type { Logger } from '../shared/logger.js';
import type { Alert } from './alert.js';
import type { DirectSns, PublishBatchInput, PublishBatchOutput } from './sns-direct.js';
// The message text is made in alert.ts: the rule sandbox uses it too, and this file's lazy
// SNS import would otherwise pull the SNS client into every bundle that does.
import {
  fitAlertMessage,
  MAX_MESSAGE_BYTES,
  reducedAlertMessage,
  SNS_MAX_BYTES,
  type AlertFit,
} from './alert.js';

export interface AlertPublisher {
  /** Returns the alerts that could not be delivered. */
  publish(alerts: readonly Alert[]): Promise<Alert[]>;
}

const MAX_ENTRIES = 10;

/** SNS's answer to a message over its size (InvalidParameter "Message too long"). */
function tooLarge(refusal: { Code?: string; Message?: string; SenderFault?: boolean }): boolean {
  return refusal.SenderFault === true && /too long|too large|size/i.test(refusal.Message ?? '');
}

function subject(alert: Alert): string {
  // SNS subjects: ASCII, no line breaks, at most 100 characters.
  return `StreamAlert: ${alert.rule_name}`.replace(/[^\x20-\x7e]/g, '?').slice(0, 100);
}

type PublishBatch = (input: PublishBatchInput) => Promise<PublishBatchOutput>;

/**
 * `sns`: the client, a function that makes it at the first publish (the Lambda's cold
 * start then never loads the SNS SDK for an invocation without alerts), or PublishBatch
 * without the SDK (sns-direct.ts: the Lambda's cold start then never loads it at all).
 */
export function createSnsPublisher(
  sns: SNSClient | (() => Promise<SNSClient>) | DirectSns,
  topicArn: string,
  logger: Logger,
  attempts = 3,
): AlertPublisher {
  let ready: Promise<PublishBatch> | undefined;
  const connect = (): Promise<PublishBatch> => {
    if ('publishBatch' in sns) return Promise.resolve((input) => sns.publishBatch(input));
    return (ready ??= Promise.all([
      typeof sns === 'function' ? sns() : sns,
      import('@aws-sdk/client-sns'),
    ])
      .then(
        ([client, { PublishBatchCommand }]): PublishBatch =>
          (input) =>
            client.send(new PublishBatchCommand(input)),
      )
      .catch((err: unknown) => {
        ready = undefined;
        throw err;
      }));
  };
  async function sendChunk(chunk: { alert: Alert; message: string }[]): Promise<Alert[]> {
    const publishBatch = await connect();
    let pending = chunk;
    for (let attempt = 1; attempt <= attempts && pending.length > 0; attempt++) {
      try {
        const res = await publishBatch({
          TopicArn: topicArn,
          PublishBatchRequestEntries: pending.map((p, i) => ({
            Id: String(i),
            Message: p.message,
            Subject: subject(p.alert),
          })),
        });
        const failed = new Map((res.Failed ?? []).map((f) => [Number(f.Id), f]));
        for (const f of res.Failed ?? [])
          logger.warn('SNS refused an alert', {
            code: f.Code,
            sender_fault: f.SenderFault,
            attempt,
          });
        pending = pending
          .map((p, i) => {
            const refusal = failed.get(i);
            // A message SNS finds too large is refused on every try: the next one carries
            // the alert reduced (record replaced by a size note and its location) instead.
            return refusal && tooLarge(refusal) ? { ...p, message: reduced(p.alert) } : p;
          })
          .filter((_, i) => failed.has(i));
      } catch (err) {
        logger.warn('PublishBatch failed', {
          error: (err as Error).message,
          attempt,
          alerts: pending.length,
        });
      }
      if (pending.length > 0 && attempt < attempts)
        await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
    }
    return pending.map((p) => p.alert);
  }

  /** Logged per alert not sent whole, with a metric: its record must then be read at its source. */
  function tooLargeAlert(alert: Alert, fit: AlertFit, recordBytes?: number) {
    logger.warn('alert too large for SNS: sent without its whole record', {
      rule: alert.rule_name,
      alert_id: alert.id,
      fit,
      record_bytes: recordBytes,
      limit_bytes: MAX_MESSAGE_BYTES,
    });
    logger.metric('AlertsReduced', 1);
  }
  function reduced(alert: Alert): string {
    const fit = reducedAlertMessage(alert);
    tooLargeAlert(alert, fit.fit, fit.recordBytes);
    return fit.text;
  }

  return {
    async publish(alerts) {
      const failed: Alert[] = [];
      let chunk: { alert: Alert; message: string }[] = [];
      let bytes = 0;
      for (const alert of alerts) {
        let message: string;
        try {
          const fit = fitAlertMessage(alert);
          message = fit.text;
          if (fit.fit !== 'whole') tooLargeAlert(alert, fit.fit, fit.recordBytes);
        } catch (err) {
          // The processor serializes every alert before queuing it; this guards a record a
          // later rule changed. Its record is retried rather than failing the whole batch.
          logger.error('alert cannot be serialized', {
            rule: alert.rule_name,
            error: (err as Error)?.message ?? String(err),
          });
          failed.push(alert);
          continue;
        }
        const size = Buffer.byteLength(message) + 200;
        if (chunk.length === MAX_ENTRIES || (chunk.length > 0 && bytes + size > SNS_MAX_BYTES)) {
          failed.push(...(await sendChunk(chunk)));
          chunk = [];
          bytes = 0;
        }
        chunk.push({ alert, message });
        bytes += size;
      }
      if (chunk.length > 0) failed.push(...(await sendChunk(chunk)));
      return failed;
    },
  };
}

/**
 * The rule processor's core, free of Lambda and AWS wiring: for each event record, its
 * lines are classified, the rules of the matched log run, and alerts are published in
 * batches. A record that does not classify is counted and logged with its source, never
 * dropped silently and never a reason to fail the batch. Only delivery problems (S3
 * read, SNS publish) fail a record, because retrying can fix those: Kinesis records are
 * then reported in `batchItemFailures`, other events make the invocation fail.
 */
import type { Logger } from '../shared/logger.js';
import { preview } from '../shared/logger.js';
import type { Service } from '../config/types.js';
import type { Alert } from './alert.js';
import type { Classifier } from './classifier.js';
import { BadRecordError, payloadOf, type EventRecord, type ObjectSource } from './payloads.js';
import type { RulesEngine } from './rules-engine.js';
import type { AlertPublisher } from './sink.js';

export interface RuleProcessorDeps {
  classifier: Classifier;
  engine: RulesEngine;
  publisher: AlertPublisher;
  objects: ObjectSource;
  logger: Logger;
  /** Keep every alert in the report (tests and `streamalert test`); the Lambda does not, to bound memory. */
  collectAlerts?: boolean;
}

export interface UnclassifiedRecord {
  service: Service | 'unknown';
  entity: string;
  /** Where it came from: Kinesis sequence number, s3://bucket/key, SNS message id. */
  origin: string;
  reason: string;
  /** The start of the record, for the log and the report. */
  sample: string;
}

export interface ProcessReport {
  /** Raw records seen (Kinesis records, S3 lines, SNS messages). */
  records: number;
  /** Typed records the rules ran on (one raw record may hold several, e.g. CloudTrail's Records[*]). */
  classified: number;
  alertsTriggered: number;
  alerts: Alert[];
  unclassified: UnclassifiedRecord[];
  unclassifiedCount: number;
  /** Origins whose processing failed and must be retried. */
  failedOrigins: string[];
  batchItemFailures: { itemIdentifier: string }[];
}

export interface LambdaEvent {
  Records?: EventRecord[];
}

/** Unclassified records logged one by one per invocation; the rest are counted in the summary. */
const DETAILED_LOG_LIMIT = 100;
/** Pending alerts published together. */
const FLUSH_AT = 100;

export interface RuleProcessor {
  process(event: LambdaEvent): Promise<ProcessReport>;
  /** The Lambda handler's behaviour: Kinesis gets batchItemFailures, other sources throw on failure. */
  handle(event: LambdaEvent): Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
}

export function createRuleProcessor(deps: RuleProcessorDeps): RuleProcessor {
  const { classifier, engine, publisher, objects, logger } = deps;

  async function process(event: LambdaEvent): Promise<ProcessReport> {
    const report: ProcessReport = {
      records: 0,
      classified: 0,
      alertsTriggered: 0,
      alerts: [],
      unclassified: [],
      unclassifiedCount: 0,
      failedOrigins: [],
      batchItemFailures: [],
    };
    const failed = new Set<string>();
    const kinesisOrigins = new Set<string>();
    let pending: { alert: Alert; origin: string }[] = [];

    const unclassified = (u: UnclassifiedRecord) => {
      report.unclassifiedCount++;
      if (report.unclassified.length < DETAILED_LOG_LIMIT) {
        report.unclassified.push(u);
        logger.warn('record did not classify', { ...u });
      }
    };
    const flush = async () => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      const undelivered = new Set(await publisher.publish(batch.map((p) => p.alert)));
      for (const p of batch) {
        if (undelivered.has(p.alert)) failed.add(p.origin);
      }
      if (undelivered.size > 0) logger.error('alerts not delivered to SNS; their records will be retried', { alerts: undelivered.size });
    };

    for (const record of event.Records ?? []) {
      const payload = payloadOf(record, objects);
      if (!payload) {
        report.records++;
        unclassified({ service: 'unknown', entity: '', origin: '', reason: 'not a Kinesis, S3 or SNS record', sample: preview(record, 300) });
        continue;
      }
      if (payload.service === 'kinesis') kinesisOrigins.add(payload.id);
      const candidates = classifier.candidates(payload.service, payload.entity);
      const where = { service: payload.service, entity: payload.entity, origin: payload.id };
      try {
        for await (const line of payload.lines()) {
          report.records++;
          if (!candidates) {
            unclassified({ ...where, reason: `${payload.service} source "${payload.entity}" is not in sources.json`, sample: preview(line) });
            continue;
          }
          const classified = classifier.classify(line, candidates);
          if (!classified) {
            unclassified({ ...where, reason: `matches none of the logs this source carries (${candidates.map((c) => c.def.name).join(', ')})`, sample: preview(line) });
            continue;
          }
          for (const rejected of classified.rejected) {
            unclassified({ ...where, reason: `part of a ${classified.log.name} payload that does not fit it: ${rejected.reason}`, sample: preview(rejected.value) });
          }
          report.classified += classified.records.length;
          const alerts = engine.run(classified, payload.service, payload.entity);
          report.alertsTriggered += alerts.length;
          for (const alert of alerts) {
            if (deps.collectAlerts) report.alerts.push(alert);
            pending.push({ alert, origin: payload.id });
          }
          if (pending.length >= FLUSH_AT) await flush();
        }
      } catch (err) {
        if (err instanceof BadRecordError) {
          report.records++;
          unclassified({ ...where, reason: err.message, sample: err.sample });
        } else {
          failed.add(payload.id);
          logger.error('record failed; it will be retried', { ...where, error: (err as Error).message });
        }
      }
    }
    try {
      await flush();
    } catch (err) {
      // publish() reports refused entries itself; a throw here means nothing was sent.
      for (const p of pending) failed.add(p.origin);
      logger.error('publishing alerts failed', { error: (err as Error).message });
    }

    report.failedOrigins = [...failed];
    report.batchItemFailures = report.failedOrigins.filter((o) => kinesisOrigins.has(o)).map((itemIdentifier) => ({ itemIdentifier }));
    logger.metric('TotalRecords', report.records);
    logger.metric('FailedParses', report.unclassifiedCount);
    logger.metric('TriggeredAlerts', report.alertsTriggered);
    if (report.unclassifiedCount > 0) {
      logger.error('unclassified records in this invocation', {
        FailedParses: report.unclassifiedCount,
        sources: [...new Set(report.unclassified.map((u) => `${u.service}:${u.entity}`))],
      });
    }
    logger.info('processed', { records: report.records, classified: report.classified, alerts: report.alertsTriggered, unclassified: report.unclassifiedCount, failed: report.failedOrigins.length });
    return report;
  }

  return {
    process,
    async handle(event) {
      const report = await process(event);
      const nonKinesis = report.failedOrigins.length - report.batchItemFailures.length;
      if (nonKinesis > 0) {
        // S3 and SNS invocations are retried by Lambda only when the handler fails.
        throw new Error(`${nonKinesis} S3/SNS record(s) failed and must be retried: ${report.failedOrigins.filter((o) => !report.batchItemFailures.some((b) => b.itemIdentifier === o)).join(', ')}`);
      }
      return { batchItemFailures: report.batchItemFailures };
    },
  };
}

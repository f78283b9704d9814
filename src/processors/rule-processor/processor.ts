/**
 * The rule processor's core, free of Lambda and AWS wiring: for each event record, its
 * lines are classified, the rules of the matched log run, and alerts are published in
 * batches. A record that does not classify is counted and logged with its source, never
 * dropped silently and never a reason to fail the batch.
 *
 * Failures are told apart per record:
 * - poison (retrying cannot help: nesting past the limit, decompression past the ceiling,
 *   corrupt data, an alert that cannot be serialized, anything else that throws while one
 *   record is processed): counted, logged with its origin, written to the dead-letter
 *   queue, and NOT retried, so one record never blocks a shard;
 * - transient (S3 read, SNS publish, dead-letter queue write): the record is retried —
 *   Kinesis records through `batchItemFailures`, other events by failing the invocation.
 *   Every record whose alerts were not published is retried; none is dropped.
 */
import type { Logger } from '../shared/logger.js';
import { preview } from '../shared/logger.js';
import type { Service } from '../config/types.js';
import { alertMessage, locateAlert } from './alert.js';
import type { Alert } from '../shared/alert.js';
import { NO_LOG, type Classifier, type LineReader } from './classifier.js';
import type { DeadLetter, DeadLetterSink } from './dead-letters.js';
import { DEFAULT_LIMITS, TransientError, type RecordLimits } from './limits.js';
import {
  BadRecordError,
  decodeKinesisData,
  payloadOf,
  streamOf,
  type EventRecord,
  type KinesisEventRecord,
  type ObjectSource,
  type Payload,
} from './payloads.js';
import { UNDECIDED } from './parsers/index.js';
import type { RulesEngine } from './rules-engine.js';
import type { AlertPublisher } from './sink.js';
import type { MergeSettings } from '../shared/merge.js';
import type { MergeWriter } from './merge-writer.js';
import type { Correlator } from '../sigma/correlate.js';
import { absenceAlerts, correlateAlerts } from '../sigma/correlation-alerts.js';

export interface RuleProcessorDeps {
  classifier: Classifier;
  engine: RulesEngine;
  publisher: AlertPublisher;
  objects: ObjectSource;
  logger: Logger;
  /** Keep every alert in the report (tests and `streamalert test`); the Lambda does not, to bound memory. */
  collectAlerts?: boolean;
  /** Where poison records go; without one (tests, `streamalert test`) they are only counted and logged. */
  deadLetters?: DeadLetterSink;
  /** Work bounds per record (decompression ceiling, nesting depth). */
  limits?: RecordLimits;
  /**
   * Rules with merge_window_mins: their matches go to the merge table instead of SNS (the
   * merger Lambda sends one alert per window). Without a writer (fixtures, no table
   * configured) they are published like any other alert.
   */
  merging?: { settings: ReadonlyMap<string, MergeSettings>; writer?: MergeWriter };
  /**
   * Sigma correlation rules with their window state (the correlation table): the matches of
   * the rules they reference are counted before each publish, and the alerts of windows that
   * fire are sent with the others (outputs, merging, staging alike). Without one, the
   * referenced rules' alerts are sent as they are.
   */
  correlator?: Correlator;
  /** The clock correlations read arrival times from (a record without an event time of its own). */
  now?: () => number;
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
  /** Poison records (also counted in `unclassified`): set aside, dead-lettered, not retried. */
  poisonCount: number;
  /** Poison records written to the dead-letter queue. */
  deadLettered: number;
  /** Origins whose processing failed and must be retried. */
  failedOrigins: string[];
  batchItemFailures: { itemIdentifier: string }[];
  /** Typed records per log type (source health: one metric line per log type per invocation). */
  byLogType: Map<string, number>;
  /** With collectAlerts (fixtures): the log each classified payload matched, in order. */
  logs?: string[];
}

export interface LambdaEvent {
  Records?: EventRecord[];
}

/** Unclassified records logged one by one per invocation; the rest are counted in the summary. */
const DETAILED_LOG_LIMIT = 100;
/** Pending alerts published together. */
const FLUSH_AT = 100;
/** Poison records written to the dead-letter queue together (bounds the memory they hold). */
const LETTERS_FLUSH_AT = 10;

/** The reason given for a line no candidate log takes, made once per candidate list. */
const noneReasons = new WeakMap<readonly { def: { name: string } }[], string>();
function noneOf(candidates: readonly { def: { name: string } }[]): string {
  let reason = noneReasons.get(candidates);
  if (reason === undefined) {
    reason = `matches none of the logs this source carries (${candidates.map((c) => c.def.name).join(', ')})`;
    noneReasons.set(candidates, reason);
  }
  return reason;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Why a record is poison, for the log and the dead letter. */
function poisonReason(err: unknown): string {
  if (err instanceof BadRecordError) return err.message;
  if (err instanceof RangeError)
    return `record cannot be processed (too deep or too big): ${err.message}`;
  return `processing the record threw: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
}

export interface RuleProcessor {
  process(event: LambdaEvent): Promise<ProcessReport>;
  /** The Lambda handler's behaviour: Kinesis gets batchItemFailures, other sources throw on failure. */
  handle(event: LambdaEvent): Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
  /**
   * The scheduled check of absence correlations (our extension): the alerts of the waits
   * whose deadline passed before `now`, sent as any alert is. Throws when some were not
   * delivered (they are sent again by a later tick).
   */
  tick(now: number): Promise<{ alerts: number }>;
}

export function createRuleProcessor(deps: RuleProcessorDeps): RuleProcessor {
  const { classifier, engine, publisher, objects, logger } = deps;
  const limits = deps.limits ?? DEFAULT_LIMITS;
  const wholeJson = classifier.semantics?.wholeS3Document ?? false;

  /**
   * Publishes `batch` (a merging rule's matches to the merge table instead): the alerts not
   * delivered, whose records (or wait) are to be retried.
   */
  async function deliver(batch: readonly { alert: Alert }[]): Promise<Set<Alert>> {
    let undelivered: Set<Alert>;
    const merging = deps.merging?.writer ? deps.merging : undefined;
    const toMerge = merging ? batch.filter((p) => merging.settings.has(p.alert.rule_name)) : [];
    const merged = new Set(toMerge);
    const toSend = merged.size > 0 ? batch.filter((p) => !merged.has(p)) : batch;
    try {
      undelivered = new Set(
        toSend.length > 0 ? await publisher.publish(toSend.map((p) => p.alert)) : [],
      );
    } catch (err) {
      // A throw means nothing of this batch is known to be delivered.
      undelivered = new Set(toSend.map((p) => p.alert));
      logger.error('publishing alerts failed', { error: errorText(err) });
    }
    if (merging && toMerge.length > 0) {
      let unwritten: Alert[];
      try {
        unwritten = await merging.writer!.write(
          toMerge.map((p) => ({
            alert: p.alert,
            settings: merging.settings.get(p.alert.rule_name)!,
          })),
        );
      } catch (err) {
        unwritten = toMerge.map((p) => p.alert);
        logger.error('writing matches to the merge table failed', { error: errorText(err) });
      }
      for (const a of unwritten) undelivered.add(a);
    }
    return undelivered;
  }

  /** Sends the sent marks of the delivered correlation alerts; a failed mark is logged. */
  async function markSent(
    sent: ReadonlyMap<Alert, () => Promise<void>>,
    undelivered: ReadonlySet<Alert>,
  ): Promise<void> {
    for (const [alert, mark] of sent) {
      if (undelivered.has(alert)) continue;
      try {
        await mark();
      } catch (err) {
        logger.error('marking a correlation alert sent failed; it may be sent again', {
          rule: alert.rule_name,
          alert_id: alert.id,
          error: errorText(err),
        });
      }
    }
  }

  async function process(event: LambdaEvent): Promise<ProcessReport> {
    const report: ProcessReport = {
      records: 0,
      classified: 0,
      alertsTriggered: 0,
      alerts: [],
      unclassified: [],
      unclassifiedCount: 0,
      poisonCount: 0,
      deadLettered: 0,
      failedOrigins: [],
      batchItemFailures: [],
      byLogType: new Map(),
    };
    const byLogType = report.byLogType;
    const failed = new Set<string>();
    /** `line`: an S3 object's line, so that two equal lines of one object count as two events. */
    let pending: { alert: Alert; origin: string; line?: number }[] = [];
    let letters: DeadLetter[] = [];

    const unclassified = (u: UnclassifiedRecord) => {
      report.unclassifiedCount++;
      if (report.unclassified.length < DETAILED_LOG_LIMIT) {
        report.unclassified.push(u);
        logger.warn('record did not classify', { ...u });
      }
    };
    /**
     * The pending alerts with correlations applied, in order: a referenced rule's match is
     * counted (its own alert kept only when a correlation generates it) and the alerts of
     * the windows it completes follow it. A record whose counting fails (the table) is
     * retried, none of its alerts sent now. `sent` gets each correlation alert's mark.
     */
    const correlate = async (
      batch: { alert: Alert; origin: string; line?: number }[],
      correlator: Correlator,
      sent: Map<Alert, () => Promise<void>>,
    ) => {
      const out: { alert: Alert; origin: string; line?: number }[] = [];
      const arrival = (deps.now ?? Date.now)();
      const broken = new Set<string>();
      for (const p of batch) {
        if (!correlator.referenced.has(p.alert.rule_name)) {
          out.push(p);
          continue;
        }
        if (broken.has(p.origin)) continue;
        try {
          const alerts = await correlateAlerts(
            [p.alert],
            correlator,
            { origin: p.line === undefined ? p.origin : `${p.origin}#${p.line}`, arrival },
            (alert, match) => {
              locateAlert(alert, { origin: p.origin });
              alertMessage(alert);
              if (match.sent) sent.set(alert, match.sent);
              report.alertsTriggered++;
              if (deps.collectAlerts) report.alerts.push(alert);
            },
          );
          for (const alert of alerts) out.push({ alert, origin: p.origin });
        } catch (err) {
          broken.add(p.origin);
          failed.add(p.origin);
          logger.error('counting a correlation event failed; its record will be retried', {
            origin: p.origin,
            rule: p.alert.rule_name,
            error: errorText(err),
          });
        }
      }
      return broken.size > 0 ? out.filter((p) => !broken.has(p.origin)) : out;
    };
    /** Publishes the pending alerts; the records of every alert not delivered are retried. */
    const flush = async () => {
      if (pending.length === 0) return;
      let batch = pending;
      pending = [];
      const sent = new Map<Alert, () => Promise<void>>();
      if (deps.correlator) batch = await correlate(batch, deps.correlator, sent);
      if (batch.length === 0) return;
      const undelivered = await deliver(batch);
      for (const p of batch) {
        if (undelivered.has(p.alert)) failed.add(p.origin);
      }
      if (undelivered.size > 0)
        logger.error('alerts not delivered (SNS or merge table); their records will be retried', {
          alerts: undelivered.size,
        });
      // Delivered correlation alerts: a retry of their records must not send them again.
      await markSent(sent, undelivered);
    };
    /** Writes the poison records collected so far to the dead-letter queue; a failed write retries the record. */
    const flushLetters = async () => {
      if (letters.length === 0) return;
      const batch = letters;
      letters = [];
      if (!deps.deadLetters) return;
      let unsent: DeadLetter[];
      try {
        unsent = await deps.deadLetters.send(batch);
      } catch (err) {
        unsent = batch;
        logger.error('writing to the dead-letter queue failed', { error: errorText(err) });
      }
      report.deadLettered += batch.length - unsent.length;
      for (const l of unsent) failed.add(l.origin);
      if (unsent.length > 0)
        logger.error('poison records not written to the dead-letter queue; they will be retried', {
          records: unsent.length,
        });
    };
    const poison = async (letter: DeadLetter, sample: string) => {
      report.records++;
      report.poisonCount++;
      logger.error('poison record: set aside, dead-lettered, not retried', {
        service: letter.service,
        entity: letter.entity,
        origin: letter.origin,
        ...(letter.sequenceNumber !== undefined ? { sequence_number: letter.sequenceNumber } : {}),
        ...(letter.line !== undefined ? { line: letter.line } : {}),
        reason: letter.reason,
        dead_letter_queue: deps.deadLetters !== undefined,
      });
      unclassified({
        service: letter.service as Service,
        entity: letter.entity,
        origin: letter.origin,
        reason: letter.reason,
        sample,
      });
      letters.push(letter);
      if (letters.length >= LETTERS_FLUSH_AT) await flushLetters();
    };

    const whereOf = (payload: Payload) => ({
      service: payload.service,
      entity: payload.entity,
      origin: payload.id,
    });

    /** A line whose classification, rules or alerts threw: poison. */
    const poisonLine = (payload: Payload, text: string, line: number, err: unknown) =>
      poison(
        {
          ...whereOf(payload),
          sequenceNumber: payload.service === 'kinesis' ? payload.id : undefined,
          ...(payload.service === 's3' ? { line } : {}),
          reason: poisonReason(err),
          data: payload.service === 's3' ? Buffer.from(text) : payload.data(),
        },
        preview(text),
      );

    /**
     * Line `line` (from 1) of a payload; a promise only when it has to wait (poison, a full
     * batch to publish). Made once per invocation, not per record: a closure per record
     * cost as much as the rest of the loop on small records.
     */
    const handleLine = (
      payload: Payload,
      candidates: ReturnType<typeof classifier.candidates>,
      scope: object,
      text: string,
      line: number,
    ): Promise<void> | undefined => {
      if (!candidates) {
        report.records++;
        unclassified({
          ...whereOf(payload),
          reason: `${payload.service} source "${payload.entity}" is not in sources.json`,
          sample: preview(text),
        });
        return undefined;
      }
      let alerts: Alert[];
      let classifiedCount: number;
      let classifiedLog: string;
      try {
        const classified = classifier.classify(text, candidates, scope);
        if (!classified) {
          report.records++;
          unclassified({
            ...whereOf(payload),
            reason: noneOf(candidates),
            sample: preview(text),
          });
          return undefined;
        }
        for (const rejected of classified.rejected) {
          unclassified({
            ...whereOf(payload),
            reason: `part of a ${classified.log.name} payload that does not fit it: ${rejected.reason}`,
            sample: preview(rejected.value),
          });
        }
        classifiedCount = classified.records.length;
        classifiedLog = classified.log.name;
        if (deps.collectAlerts) (report.logs ??= []).push(classified.log.name);
        alerts = engine.run(classified, payload.service, payload.entity);
        // Serialize now: an unserializable record is poison here, instead of failing a
        // whole publish batch on every retry. An alert too large for SNS is sent cut or
        // reduced to a note with this location (alert.ts), never refused.
        for (const alert of alerts) {
          locateAlert(
            alert,
            payload.service === 's3' ? { origin: payload.id, line } : { origin: payload.id },
          );
          alertMessage(alert);
        }
      } catch (err) {
        if (err instanceof TransientError) throw err;
        return poisonLine(payload, text, line, err);
      }
      report.records++;
      report.classified += classifiedCount;
      byLogType.set(classifiedLog, (byLogType.get(classifiedLog) ?? 0) + classifiedCount);
      report.alertsTriggered += alerts.length;
      for (const alert of alerts) {
        if (deps.collectAlerts) report.alerts.push(alert);
        pending.push({
          alert,
          origin: payload.id,
          ...(payload.service === 's3' ? { line } : {}),
        });
      }
      return pending.length >= FLUSH_AT ? flush() : undefined;
    };

    // Most records of a batch come from one source: its candidates are looked up once.
    let lastService: string | undefined;
    let lastEntity: string | undefined;
    let candidates: ReturnType<typeof classifier.candidates>;
    let reader: LineReader | undefined;
    const sourceIs = (service: string, entity: string) => {
      if (service === lastService && entity === lastEntity) return;
      lastService = service;
      lastEntity = entity;
      candidates = classifier.candidates(service as Service, entity);
      reader = candidates && classifier.lineReader(candidates);
    };

    /**
     * The plain-line loop: a Kinesis record of a source whose logs are line formats (or JSON
     * ones, which its text cannot be) goes from its text to its typed record and alerts with
     * no payload, input or classification object made for it; per record they cost more than
     * the reading of the line. A line the reader leaves undecided (it fits no log, a value
     * does not convert, it may be JSON) goes to `handleLine`; false when the data does not
     * decode (the general path then reports it). Otherwise what `handleLine` returns, and
     * the same report.
     */
    const plainLine = (record: KinesisEventRecord): Promise<void> | undefined | false => {
      const entity = streamOf(record.eventSourceARN);
      sourceIs('kinesis', entity);
      if (!reader) return false;
      let text: string;
      try {
        text = decodeKinesisData(record.kinesis.data, limits.maxDecompressedBytes);
      } catch {
        return false;
      }
      const typed = reader.read(text);
      const origin = record.kinesis.sequenceNumber;
      if (typed === NO_LOG) {
        // As handleLine reports a line classify gives nothing for, without the payload.
        report.records++;
        unclassified({
          service: 'kinesis',
          entity,
          origin,
          reason: noneOf(candidates!),
          sample: preview(text),
        });
        return undefined;
      }
      let alerts: Alert[];
      try {
        // The general path, with the text already decoded (a csv header needs no scope here:
        // a source with one has no reader).
        if (typed === UNDECIDED)
          return handleLine(
            payloadOf(record, objects, limits, wholeJson)!,
            candidates,
            {},
            text,
            1,
          );
        alerts = engine.runRecord(reader.log, typed, 'kinesis', entity);
        for (const alert of alerts) {
          locateAlert(alert, { origin });
          alertMessage(alert);
        }
      } catch (err) {
        if (err instanceof TransientError) {
          failed.add(origin);
          logger.error('record failed; it will be retried', {
            service: 'kinesis',
            entity,
            origin,
            error: err.message,
          });
          return undefined;
        }
        return poisonLine(payloadOf(record, objects, limits, wholeJson)!, text, 1, err);
      }
      report.records++;
      report.classified++;
      byLogType.set(reader.log.name, (byLogType.get(reader.log.name) ?? 0) + 1);
      // As the general path: the fixtures' runner reads the log each payload matched here.
      if (deps.collectAlerts) (report.logs ??= []).push(reader.log.name);
      report.alertsTriggered += alerts.length;
      for (const alert of alerts) {
        if (deps.collectAlerts) report.alerts.push(alert);
        pending.push({ alert, origin });
      }
      return pending.length >= FLUSH_AT ? flush() : undefined;
    };

    for (const record of event.Records ?? []) {
      if ('kinesis' in record) {
        const waiting = plainLine(record);
        if (waiting !== false) {
          if (waiting) await waiting;
          continue;
        }
      }
      const payload = payloadOf(record, objects, limits, wholeJson);
      if (!payload) {
        report.records++;
        unclassified({
          service: 'unknown',
          entity: '',
          origin: '',
          reason: 'not a Kinesis, S3 or SNS record',
          sample: preview(record, 300),
        });
        continue;
      }
      sourceIs(payload.service, payload.entity);
      // csv header state lives per payload: one Kinesis record, one S3 object, one SNS message.
      const scope = {};
      let line = 0;
      try {
        const lines = payload.lines();
        // Kinesis, SNS and app payloads are arrays: iterated without a promise per line
        // (for await over them cost more than the rest of the loop).
        if (Array.isArray(lines)) {
          for (const text of lines as string[]) {
            const waiting = handleLine(payload, candidates, scope, text, ++line);
            if (waiting) await waiting;
          }
        } else {
          for await (const text of lines) {
            const waiting = handleLine(payload, candidates, scope, text, ++line);
            if (waiting) await waiting;
          }
        }
      } catch (err) {
        if (err instanceof TransientError) {
          failed.add(payload.id);
          logger.error('record failed; it will be retried', {
            ...whereOf(payload),
            error: err.message,
          });
        } else {
          // Reading the payload itself failed for good (corrupt or oversized compression, a
          // log too deep to serialize): the rest of it cannot be read on a retry either.
          await poison(
            {
              ...whereOf(payload),
              sequenceNumber: payload.service === 'kinesis' ? payload.id : undefined,
              reason: poisonReason(err),
              data: payload.data(),
            },
            err instanceof BadRecordError ? err.sample : '',
          );
        }
      }
    }
    await flush();
    await flushLetters();

    report.failedOrigins = [...failed];
    if (failed.size > 0) {
      // The sequence numbers of the batch's Kinesis records (a payload's id), worked out only
      // when something failed.
      const kinesisOrigins = new Set<string>();
      for (const record of event.Records ?? [])
        if ('kinesis' in record) kinesisOrigins.add(record.kinesis.sequenceNumber);
      report.batchItemFailures = report.failedOrigins
        .filter((o) => kinesisOrigins.has(o))
        .map((itemIdentifier) => ({ itemIdentifier }));
    }
    logger.metric('TotalRecords', report.records);
    logger.metric('FailedParses', report.unclassifiedCount);
    logger.metric('TriggeredAlerts', report.alertsTriggered);
    if (report.poisonCount > 0) logger.metric('PoisonRecords', report.poisonCount);
    // One line per log type seen, whatever the batch size: the silence alarms need only that
    // a log type arrived, the volume-drop alarms its sum.
    for (const [logType, count] of byLogType) logger.logTypeRecords(logType, count);
    if (report.unclassifiedCount > 0) {
      logger.error('unclassified records in this invocation', {
        FailedParses: report.unclassifiedCount,
        sources: [...new Set(report.unclassified.map((u) => `${u.service}:${u.entity}`))],
      });
    }
    logger.info('processed', {
      records: report.records,
      classified: report.classified,
      alerts: report.alertsTriggered,
      unclassified: report.unclassifiedCount,
      poison: report.poisonCount,
      dead_lettered: report.deadLettered,
      failed: report.failedOrigins.length,
    });
    return report;
  }

  return {
    process,
    async tick(now) {
      if (!deps.correlator) return { alerts: 0 };
      const sent = new Map<Alert, () => Promise<void>>();
      const alerts = await absenceAlerts(deps.correlator, now, (alert, match) => {
        alertMessage(alert);
        if (match.sent) sent.set(alert, match.sent);
      });
      if (alerts.length === 0) return { alerts: 0 };
      const undelivered = await deliver(alerts.map((alert) => ({ alert })));
      await markSent(sent, undelivered);
      logger.info('absence correlations checked', {
        alerts: alerts.length,
        undelivered: undelivered.size,
      });
      if (undelivered.size > 0)
        throw new Error(`${undelivered.size} absence alert(s) not delivered; sent again later`);
      return { alerts: alerts.length };
    },
    async handle(event) {
      const report = await process(event);
      const nonKinesis = report.failedOrigins.length - report.batchItemFailures.length;
      if (nonKinesis > 0) {
        // S3 and SNS invocations are retried by Lambda only when the handler fails.
        throw new Error(
          `${nonKinesis} S3/SNS record(s) failed and must be retried: ${report.failedOrigins.filter((o) => !report.batchItemFailures.some((b) => b.itemIdentifier === o)).join(', ')}`,
        );
      }
      return { batchItemFailures: report.batchItemFailures };
    },
  };
}

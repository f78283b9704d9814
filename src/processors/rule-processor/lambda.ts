/**
 * Lambda entry of the rule processor (handler `index.handler`). Configuration and rules
 * come from the detection bundle the environment names (DETECTION_BUNDLE_BUCKET/_KEY: the
 * object the global root publishes), loaded at the first invocation and checked for a new
 * version at most every DETECTION_CHECK_INTERVAL_SECONDS (../detection/source.ts). Without
 * that environment they are read once from conf/ and rules/ beside the code (a zip built
 * before the bundle existed, local runs).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { toLogs, toSources, toTypes } from '../config/convert.js';
import { outputKeys } from '../config/output-keys.js';
import { importCorrelations, importRules } from '../rules/load.js';
import { createLogger, levelFrom } from '../shared/logger.js';
import { packageDir, s3ClientOptions } from '../shared/package-dir.js';
import { createClassifier } from './classifier.js';
import { GENERATION_FILE, generationIn } from './generation.js';
import { createSqsDeadLetterSink } from './dead-letters.js';
import { limitsFromEnv } from './limits.js';
import { s3ObjectSource } from './s3-objects.js';
import { createRuleProcessor, type LambdaEvent, type RuleProcessor } from './processor.js';
import { createRulesEngine } from './rules-engine.js';
import { createSnsPublisher } from './sink.js';
import { createDirectSns, directSnsTarget } from './sns-direct.js';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createAlertMerger, type RunContext } from '../alert-merger/merger.js';
import type { Rule } from '../../rules-api/index.js';
import { mergeSettingsOf, type MergeSettings } from '../shared/merge.js';
import { createMergeWriter } from './merge-writer.js';
import { toLookupTables, withSizeBounds, type LookupTableConfig } from '../config/lookup-tables.js';
import { toThreatIntel } from '../config/threat-intel.js';
import { createThreatIntelMatcher } from '../threat-intel/match.js';
import { createLookupStore, type LookupStore } from '../lookup-tables/store.js';
import { awsTableLoader } from '../lookup-tables/loaders.js';
import { installLookups } from '../lookup-tables/provider.js';
import type { DetectionBundle } from '../detection/bundle.js';
import {
  bundleLocationFromEnv,
  bundleMaxBytesFromEnv,
  s3BundleStore,
} from '../detection/s3-store.js';
import {
  checkIntervalMs,
  createDetectionSource,
  type DetectionSource,
} from '../detection/source.js';
import { pruneBundles, unpackBundle } from '../detection/unpack.js';
import { keepYoungGenerationSmall } from '../shared/young-generation.js';
import { createCorrelator, type Correlator } from '../sigma/correlate.js';
import { dynamoWindowState } from '../sigma/window-table.js';

// Before the first batch allocates: a 128 MB function's young generation otherwise grows
// to a tenth of its memory (see young-generation.ts).
keepYoungGenerationSmall(process.env);

const logger = createLogger({
  level: levelFrom(process.env.LOGGER_LEVEL),
  metrics: process.env.ENABLE_METRICS === 'true',
  // Set by modules/stream_alert unless the cluster switched source health off.
  sourceHealth: process.env.SOURCE_HEALTH === 'true',
});

// The AWS SDK clients are loaded and made when an invocation first needs them: a Kinesis
// invocation never loads S3, one without alerts or poison records loads nothing (cold start).
function s3Objects() {
  const clients = new Map<string, Promise<S3Client>>();
  return s3ObjectSource((region) => {
    const key = region ?? '';
    let client = clients.get(key);
    if (!client) {
      client = import('@aws-sdk/client-s3').then(
        ({ S3Client }) => new S3Client({ ...(region ? { region } : {}), ...s3ClientOptions() }),
      );
      clients.set(key, client);
    }
    return client;
  });
}

const snsClient = () => import('@aws-sdk/client-sns').then(({ SNSClient }) => new SNSClient({}));
/**
 * Alerts go out by PublishBatch without the SNS SDK where the environment holds what that
 * needs, as Lambda's does (sns-direct.ts: the SDK's load was 40% of a cold start's time to
 * its first alert); otherwise by the SDK client, made at the first alert.
 */
const alertsSns = () => {
  const target = directSnsTarget(process.env);
  return target ? createDirectSns(target) : snsClient;
};
const sqsClient = () => import('@aws-sdk/client-sqs').then(({ SQSClient }) => new SQSClient({}));
// Only a batch with a match of a merging rule loads the DynamoDB SDK.
const dynamoClient = (): Promise<DynamoDBClient> =>
  import('@aws-sdk/client-dynamodb').then(({ DynamoDBClient }) => new DynamoDBClient({}));

/** The rules with merge_window_mins and how each merges (name → settings). */
function mergingRules(rules: readonly Rule[]): Map<string, MergeSettings> {
  const merging = new Map<string, MergeSettings>();
  for (const r of rules) {
    const settings = mergeSettingsOf(r);
    if (settings) merging.set(r.name, settings);
  }
  return merging;
}

export interface HandlerOptions {
  /** The clock lookup tables are refreshed by and correlations read arrival times from (tests move it instead of waiting minutes). */
  now?: () => number;
}

interface Runtime {
  processor: RuleProcessor;
  /** The lookup tables, when conf/lookup_tables.json enables some. */
  lookups?: LookupStore;
}

/**
 * The lookup tables of the zip's conf/lookup_tables.json (none when absent or not enabled)
 * and the threat-intel feeds' indicator tables: one store, refreshed alike.
 */
function lookupStore(
  doc: unknown,
  feeds: readonly LookupTableConfig[],
  options: HandlerOptions,
): LookupStore | undefined {
  // Tables without max_size_mb share what the function's memory leaves (validate checked it).
  // The feeds' tables (each with its bound) are counted in the shares too.
  const memory = Number(process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE) || 128;
  const configured = toLookupTables(doc);
  const { tables } = withSizeBounds(
    { enabled: true, tables: [...(configured.enabled ? configured.tables : []), ...feeds] },
    memory,
  );
  if (tables.length === 0) return undefined;
  const s3 = new Map<string, Promise<S3Client>>();
  return createLookupStore({
    tables,
    logger,
    ...(options.now ? { now: options.now } : {}),
    load: awsTableLoader({
      s3: () => {
        let client = s3.get('');
        if (!client) {
          client = import('@aws-sdk/client-s3').then(
            ({ S3Client }) =>
              // A table's bucket may be in another region than the function.
              new S3Client({ followRegionRedirects: true, ...s3ClientOptions() }),
          );
          s3.set('', client);
        }
        return client;
      },
      dynamodb: dynamoClient,
    }),
  });
}

/** Makes (or reuses) the lookup store of a version: its lookup_tables.json and its feeds. */
type LookupsFor = (doc: unknown, feeds: readonly LookupTableConfig[]) => LookupStore | undefined;

/**
 * The lookup store for a conf/lookup_tables.json and the threat-intel feeds: the one made for
 * the previous version when both are the same, so a new bundle that changes only rules keeps
 * the tables in memory (and their refresh schedule) instead of loading every one from S3 again.
 */
function lookupStores(options: HandlerOptions): LookupsFor {
  let last: { key: string; store: LookupStore | undefined } | undefined;
  return (doc, feeds) => {
    const key = JSON.stringify([doc ?? null, feeds]);
    if (last?.key !== key) last = { key, store: lookupStore(doc, feeds, options) };
    return last.store;
  };
}

/**
 * What the processor runs from the environment's detection bundle, made by `load` from the
 * bundle's unpacked folder; undefined when the environment names no bundle.
 */
function detectionFromEnv<T>(
  load: (dir: string, version: string) => Promise<T>,
): DetectionSource<T> | undefined {
  const at = bundleLocationFromEnv(process.env);
  if (!at) return undefined;
  const client = () =>
    import('@aws-sdk/client-s3').then(
      ({ S3Client }) =>
        new S3Client({ ...(at.region ? { region: at.region } : {}), ...s3ClientOptions() }),
    );
  // The version running now: kept on /tmp beside a new one that loads, older ones removed.
  let running: string | undefined;
  return createDetectionSource({
    store: s3BundleStore(client, at),
    load: async (bundle: DetectionBundle) => {
      const value = await load(await unpackBundle(bundle), bundle.version);
      // Loaded: the source swaps it in now.
      const keep = new Set([bundle.version, ...(running ? [running] : [])]);
      const { failed } = await pruneBundles(keep);
      if (failed.length > 0)
        logger.warn('old detection bundle versions could not be removed from /tmp', {
          versions: failed,
        });
      running = bundle.version;
      return value;
    },
    logger,
    intervalMs: checkIntervalMs(process.env),
    maxBytes: bundleMaxBytesFromEnv(process.env),
  });
}

async function init(
  dir: string,
  options: HandlerOptions,
  lookupsFor: LookupsFor,
  detectionVersion?: string,
): Promise<Runtime> {
  const read = async (name: string) =>
    JSON.parse(await readFile(path.join(dir, 'conf', name), 'utf8')) as unknown;
  // types.json is optional: the build copies it only when the repository has one.
  const readOptional = (name: string) =>
    read(name).catch((err: NodeJS.ErrnoException) =>
      err.code === 'ENOENT' ? undefined : Promise.reject(err),
    );
  // outputs.json: rules' dynamic outputs are checked against it (an older zip has none).
  // generation.json: the StreamAlert generation to classify as (an older zip has none: 1.6-2.x).
  // lookup_tables.json: only when it enables a table (the build leaves it out otherwise).
  // threat_intel.json: only when it enables matching (the build leaves it out otherwise).
  const [logs, sources, types, outputs, stated, lookupTables, threatIntelDoc] = await Promise.all([
    read('logs.json'),
    read('sources.json'),
    readOptional('types.json'),
    readOptional('outputs.json'),
    readOptional(path.basename(GENERATION_FILE)),
    readOptional('lookup_tables.json'),
    readOptional('threat_intel.json'),
  ]);
  const threatIntel = toThreatIntel(threatIntelDoc);
  const generation = generationIn(stated);
  const rules = (await importRules(path.join(dir, 'rules'))).map((l) => l.rule);
  // Correlation rules keep their windows in the correlation table (the stream_alert module
  // sets CORRELATION_TABLE). Without it they cannot run: said at every cold start, never silent.
  const correlations = (await importCorrelations(path.join(dir, 'rules'))).map(
    (c) => c.correlation,
  );
  const correlationTable = process.env.CORRELATION_TABLE;
  let correlator: Correlator | undefined;
  if (correlations.length > 0 && !correlationTable)
    logger.error(
      'CORRELATION_TABLE is not set: Sigma correlation rules are not run; their referenced rules alert on their own',
      { correlations: correlations.map((c) => c.name) },
    );
  else if (correlations.length > 0)
    correlator = createCorrelator(
      correlations,
      dynamoWindowState(dynamoClient, correlationTable!, {
        logger,
        ...(options.now ? { now: options.now } : {}),
      }),
    );
  const topic = process.env.ALERTS_TOPIC_ARN;
  if (!topic) throw new Error('ALERTS_TOPIC_ARN is not set');
  // Poison records go to the cluster's dead-letter queue (the stream_alert module sets it).
  const deadLetterQueue = process.env.DEAD_LETTER_QUEUE_URL;
  if (!deadLetterQueue)
    logger.warn('DEAD_LETTER_QUEUE_URL is not set: poison records are only logged');
  // Rules with merge_window_mins write their matches to the merge table (the stream_alert
  // module sets MERGE_TABLE); the merger Lambda (handler index.merge) sends them.
  const merging = mergingRules(rules);
  const mergeTable = process.env.MERGE_TABLE;
  if (merging.size > 0 && !mergeTable)
    logger.warn('MERGE_TABLE is not set: alerts of merging rules are sent one by one', {
      rules: [...merging.keys()],
    });
  const limits = limitsFromEnv(process.env);
  logger.debug('loaded', { rules: rules.map((r) => r.name), limits });
  const lookups = lookupsFor(lookupTables, threatIntel.enabled ? threatIntel.feeds : []);
  const processor = createRuleProcessor({
    classifier: createClassifier(
      { logs: toLogs(logs), sources: toSources(sources), generation },
      limits,
    ),
    engine: createRulesEngine(
      rules,
      logger,
      toTypes(types),
      outputs === undefined ? undefined : outputKeys(outputs),
      detectionVersion,
      threatIntel.enabled && lookups ? createThreatIntelMatcher(threatIntel, lookups) : undefined,
    ),
    publisher: createSnsPublisher(alertsSns(), topic, logger),
    objects: s3Objects(),
    logger,
    limits,
    ...(merging.size > 0 && mergeTable
      ? {
          merging: {
            settings: merging,
            // A match the table never takes is dead-lettered, not left to close its window short.
            writer: createMergeWriter(
              dynamoClient,
              mergeTable,
              logger,
              undefined,
              undefined,
              deadLetterQueue
                ? createSqsDeadLetterSink(sqsClient, deadLetterQueue, logger)
                : undefined,
            ),
          },
        }
      : {}),
    ...(deadLetterQueue
      ? { deadLetters: createSqsDeadLetterSink(sqsClient, deadLetterQueue, logger) }
      : {}),
    ...(correlator ? { correlator } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  return { processor, ...(lookups ? { lookups } : {}) };
}

/**
 * The rule processor's handler. The processor (rules, conf, lookup tables) is the detection
 * bundle's current version, or the zip's own conf/ and rules/ without one. With lookup
 * tables: a table that never loaded is loaded first (failing the invocation, so its records
 * are retried, when it cannot be); the reloads that are due run while the records are
 * processed against the loaded versions.
 */
export function createHandler(
  options: HandlerOptions = {},
): (event: LambdaEvent) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  let ready: Promise<Runtime> | undefined;
  let detection: DetectionSource<Runtime> | undefined | null;
  const lookupsFor = lookupStores(options);
  const current = async (): Promise<Runtime> => {
    if (detection === undefined)
      detection =
        detectionFromEnv((dir, version) => init(dir, options, lookupsFor, version)) ?? null;
    if (detection) return (await detection.current()).value;
    ready ??= init(packageDir(), options, lookupsFor).catch((err: unknown) => {
      ready = undefined; // let the next invocation try again
      throw err;
    });
    return ready;
  };
  return async (event) => {
    const { processor, lookups } = await current();
    // The minute's tick (correlation.tf): absence correlations whose deadline passed.
    if (isCorrelationTick(event)) {
      await processor.tick((options.now ?? Date.now)());
      return { batchItemFailures: [] };
    }
    // Rules read the tables through the rules API's lookup(): those of the version this
    // invocation runs (none installed: every lookup misses).
    installLookups(lookups);
    if (!lookups) return processor.handle(event);
    await lookups.ready();
    const refresh = lookups.refreshDue();
    try {
      return await processor.handle(event);
    } finally {
      // Never rejects: a failed reload keeps the last good version.
      await refresh;
    }
  };
}

export const handler = createHandler();

/** The event EventBridge sends every minute (correlation.tf's target input). */
export const CORRELATION_TICK = { streamalert: 'correlation-tick' } as const;

function isCorrelationTick(event: unknown): boolean {
  return (
    typeof event === 'object' &&
    event !== null &&
    (event as Record<string, unknown>).streamalert === CORRELATION_TICK.streamalert
  );
}

/**
 * The alert merger's entry (handler `index.merge`, run every minute by EventBridge): it
 * ships in the rule processor's zip so the module deploys it without another bundle. Windows
 * are cut with the merge settings of the deployed rules (the detection bundle's), never with
 * what an item in the table says; it stops before the Lambda's time runs out.
 */
let merging: Promise<Map<string, MergeSettings>> | undefined;
let mergingDetection: DetectionSource<Map<string, MergeSettings>> | undefined | null;

const mergingIn = async (dir: string) =>
  mergingRules((await importRules(path.join(dir, 'rules'))).map((l) => l.rule));

async function mergeSettings(): Promise<Map<string, MergeSettings>> {
  if (mergingDetection === undefined) mergingDetection = detectionFromEnv(mergingIn) ?? null;
  if (mergingDetection) return (await mergingDetection.current()).value;
  merging ??= mergingIn(packageDir()).catch((err: unknown) => {
    merging = undefined;
    throw err;
  });
  return merging;
}

export async function merge(
  _event?: unknown,
  context?: RunContext,
): Promise<{ sent: number; retry_later: number; left_for_next_run: number }> {
  const table = process.env.MERGE_TABLE;
  const topic = process.env.ALERTS_TOPIC_ARN;
  if (!table || !topic) throw new Error('MERGE_TABLE and ALERTS_TOPIC_ARN must be set');
  const deadLetterQueue = process.env.DEAD_LETTER_QUEUE_URL;
  if (!deadLetterQueue)
    logger.warn('DEAD_LETTER_QUEUE_URL is not set: poison merge items are only logged');
  const report = await createAlertMerger({
    dynamo: dynamoClient,
    table,
    publisher: createSnsPublisher(alertsSns(), topic, logger),
    logger,
    rules: await mergeSettings(),
    ...(deadLetterQueue
      ? { deadLetters: createSqsDeadLetterSink(sqsClient, deadLetterQueue, logger) }
      : {}),
  }).run(context);
  // Failing the run makes the failure visible (Errors metric); the next run retries anyway.
  if (report.retryLater > 0)
    throw new Error(`${report.retryLater} merge window(s) left for the next run`);
  return {
    sent: report.sent.length,
    retry_later: report.retryLater,
    left_for_next_run: report.leftForNextRun,
  };
}

/**
 * Lambda entry of a collector (handler `index.handler`), run by its EventBridge schedule.
 * Everything it needs is in its environment (set by modules/collector): which source, its
 * non-secret settings, where the credential is (an SSM parameter name, or a Secrets Manager
 * ARN), the checkpoint table and the stream. The credential is read on every invocation,
 * never cached across them: a rotated secret is used from the next poll on.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { createSecretStore, type SecretStore } from '../alert-processor/secrets.js';
import { createLogger, levelFrom } from '../shared/logger.js';
import { dynamoCheckpointStore } from './checkpoint.js';
import { runCollector, type RunResult } from './collector.js';
import { kinesisSink } from './kinesis.js';
import { PermanentError } from './source.js';
import { SOURCES } from './sources/all.js';
import { streamalertAppSource } from './streamalert-app.js';

/** What the function keeps back from its timeout for the last checkpoint write. */
const RESERVE_MS = 10_000;

export interface CollectorEnv {
  name: string;
  type: string;
  settings: Record<string, string>;
  credential: string;
  /** `streamalert_app`: the credential is a StreamAlert app's (streamalert-app.ts). */
  credentialFormat: 'collector' | 'streamalert_app';
  table: string;
  stream: string;
  overlapMs: number;
  initialLookbackMs: number;
}

/** The environment read and checked; a missing or bad variable names itself. */
export function readEnv(env: NodeJS.ProcessEnv): CollectorEnv {
  const need = (k: string): string => {
    const v = env[k];
    if (!v) throw new PermanentError(`the collector's environment has no ${k}`);
    return v;
  };
  const seconds = (k: string, dflt: number): number => {
    const v = env[k] === undefined || env[k] === '' ? dflt : Number(env[k]);
    if (!Number.isInteger(v) || v < 0) throw new PermanentError(`${k} must be whole seconds`);
    return v * 1000;
  };
  let settings: unknown;
  try {
    settings = JSON.parse(env.COLLECTOR_SETTINGS ?? '{}');
  } catch {
    throw new PermanentError('COLLECTOR_SETTINGS is not JSON');
  }
  if (
    typeof settings !== 'object' ||
    settings === null ||
    Object.values(settings).some((v) => typeof v !== 'string')
  )
    throw new PermanentError('COLLECTOR_SETTINGS must be an object of strings');
  return {
    name: need('COLLECTOR_NAME'),
    type: need('COLLECTOR_TYPE'),
    settings: settings as Record<string, string>,
    credential: need('COLLECTOR_CREDENTIAL'),
    credentialFormat: credentialFormat(env.COLLECTOR_CREDENTIAL_FORMAT),
    table: need('CHECKPOINT_TABLE'),
    stream: need('STREAM_NAME'),
    overlapMs: seconds('OVERLAP_SECONDS', 600),
    initialLookbackMs: seconds('INITIAL_LOOKBACK_SECONDS', 3600),
  };
}

function credentialFormat(v: string | undefined): CollectorEnv['credentialFormat'] {
  if (v === undefined || v === '' || v === 'collector') return 'collector';
  if (v === 'streamalert_app') return v;
  throw new PermanentError('COLLECTOR_CREDENTIAL_FORMAT must be collector or streamalert_app');
}

const logger = createLogger({ level: levelFrom(process.env.LOGGER_LEVEL), metrics: true });

let clients: Promise<{ dynamo: DynamoDBClient; kinesis: KinesisClient }> | undefined;
const awsClients = () =>
  (clients ??= Promise.all([
    import('@aws-sdk/client-dynamodb'),
    import('@aws-sdk/client-kinesis'),
  ]).then(([d, k]) => ({ dynamo: new d.DynamoDBClient({}), kinesis: new k.KinesisClient({}) })));

// ttl 0: the credential is read again on every invocation (rotation).
let secrets: Promise<SecretStore> | undefined;
const secretStore = () =>
  (secrets ??= Promise.all([
    import('@aws-sdk/client-ssm'),
    import('@aws-sdk/client-secrets-manager'),
  ]).then(([ssm, sm]) => {
    const ssmClient = new ssm.SSMClient({});
    const smClient = new sm.SecretsManagerClient({});
    return createSecretStore({ ssm: () => ssmClient, secretsManager: () => smClient }, 0);
  }));

export async function handler(
  _event: unknown,
  context: { getRemainingTimeInMillis(): number },
): Promise<RunResult> {
  const env = readEnv(process.env);
  const own = SOURCES[env.type];
  if (!own) throw new PermanentError(`no collector source "${env.type}"`);
  const source = env.credentialFormat === 'streamalert_app' ? streamalertAppSource(own) : own;
  const remaining = context.getRemainingTimeInMillis();
  const { dynamo, kinesis } = await awsClients();
  const store = await secretStore();
  const ref = env.credential.startsWith('arn:')
    ? { secretsManagerSecret: env.credential }
    : { ssmParameter: env.credential };
  return runCollector(
    {
      name: env.name,
      source,
      settings: env.settings,
      store: dynamoCheckpointStore(dynamo, env.table, env.name),
      sink: kinesisSink(kinesis, env.stream, {
        onOversized: (e, bytes) => {
          logger.warn('event over the Kinesis record limit, not sent', {
            collector: env.name,
            id: e.id,
            bytes,
          });
          logger.metric('CollectorOversized', 1);
        },
      }),
      readCredential: () => store.get(ref),
      logger,
      overlapMs: env.overlapMs,
      initialLookbackMs: env.initialLookbackMs,
      // The lease outlives this invocation's timeout: a killed invocation frees it then.
      leaseMs: remaining + 60_000,
    },
    Date.now() + Math.max(1000, remaining - RESERVE_MS),
  );
}

/**
 * The threat-intel feed collector (handler `index.threatIntelFeeds`): it ships in this zip,
 * like every pull collector, but writes indicator tables to S3 instead of events to
 * Kinesis, so it has its own entry and environment (../threat-intel/lambda.ts).
 */
export { handler as threatIntelFeeds } from '../threat-intel/lambda.js';

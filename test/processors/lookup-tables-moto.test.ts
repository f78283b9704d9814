/**
 * Lookup tables through the real rule processor handler (src/processors/rule-processor/lambda.ts)
 * against moto: conf/lookup_tables.json as `build` puts it in the zip, the table a gzipped
 * JSON object in S3, a rule calling lookup(); alerts read from the SNS topic. The handler's
 * clock is moved instead of waiting cache_refresh_minutes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DynamoDBClient,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadProcessorsConfig } from '../../src/config/processors/load.js';
import type { Alert } from '../../src/processors/shared/alert.js';
import { loadDynamoDbTable } from '../../src/processors/lookup-tables/loaders.js';
import type { DynamoDbLookupTable } from '../../src/processors/config/lookup-tables.js';
import { clientConfig } from '../support/aws.js';
import { tempDir } from '../support/conf.js';
import { startMoto, type Moto } from '../support/moto.js';
import {
  alertQueue,
  kinesisEvents,
  writeRulePackage,
  type AlertQueue,
} from '../support/rule-processor-moto.js';

const REGION = 'us-east-1';
const BUCKET = 'acme-lookup-tables';
const KEY = 'bad_ips.json.gz';

let moto: Moto;
let s3: S3Client;
let alerts: AlertQueue;
const kinesisEvent = kinesisEvents(REGION, 'auth_stream');
let handler: (event: unknown) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
let now = Date.parse('2026-12-07T12:00:00Z');
const saved: Record<string, string | undefined> = {};
const stdout: string[] = [];

const RULE = `import { lookup, rule } from 'streamalert-action/rules';
export default rule({
  name: 'login_from_bad_ip',
  logs: ['auth'],
  outputs: ['slack:security'],
  rule: (record) => lookup('bad_ips', record.ip) !== undefined,
});
`;

/** The package the Lambda runs from: conf/ as `build` writes it, the rule, the rules API. */
async function lambdaPackage(): Promise<string> {
  const repo = tempDir('lookup-moto');
  const conf = path.join(repo, 'conf');
  mkdirSync(conf, { recursive: true });
  const write = (name: string, doc: unknown) =>
    writeFileSync(path.join(conf, name), JSON.stringify(doc));
  write('logs.json', { auth: { parser: 'json', schema: { user: 'string', ip: 'string' } } });
  write('sources.json', { kinesis: { auth_stream: { logs: ['auth'] } } });
  write('lookup_tables.json', {
    enabled: true,
    tables: {
      bad_ips: {
        driver: 's3',
        bucket: BUCKET,
        key: KEY,
        compression: 'gzip',
        cache_refresh_minutes: 5,
      },
    },
  });
  const { texts } = await loadProcessorsConfig(conf);
  expect(texts.lookupTables).not.toBeNull();
  return writeRulePackage(
    path.join(repo, 'package'),
    {
      'logs.json': texts.logs,
      'sources.json': texts.sources,
      'lookup_tables.json': texts.lookupTables!,
    },
    { 'bad_ip.mjs': RULE },
  );
}

const putTable = (body: Buffer) =>
  s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: body }));

/** One invocation; the alerts it published, by the IP of their record. */
async function invoke(...ips: string[]): Promise<Map<string, Alert>> {
  const result = await handler(kinesisEvent(ips.map((ip) => ({ user: 'u', ip }))));
  expect(result.batchItemFailures).toEqual([]);
  const got = await alerts.received(1);
  return new Map(got.map((a) => [String(a.record.ip), a]));
}

beforeAll(async () => {
  moto = await startMoto();
  s3 = new S3Client(clientConfig(moto, REGION));
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  alerts = await alertQueue(moto, REGION, { topic: 'acme_alerts', queue: 'lookup-alerts' });
  const env = {
    ...moto.env,
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    STREAMALERT_PACKAGE_DIR: await lambdaPackage(),
    ALERTS_TOPIC_ARN: alerts.topicArn,
    ENABLE_METRICS: 'true',
    LOGGER_LEVEL: 'info',
  };
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout.push(String(chunk));
    return true;
  });
  // Imported after the environment is set: the logger reads ENABLE_METRICS when loaded.
  const lambda = await import('../../src/processors/rule-processor/lambda.js');
  handler = lambda.createHandler({ now: () => now }) as typeof handler;
}, 600_000);

afterAll(async () => {
  vi.restoreAllMocks();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await moto?.stop();
});

const logged = () =>
  stdout.flatMap((chunk) =>
    chunk
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>),
  );

describe('lookup tables in the rule processor handler against moto', () => {
  it('loads the S3 table at cold start; a rule alerts with the row it looked up', async () => {
    await putTable(gzipSync(JSON.stringify({ '6.6.6.6': { feed: 'abuse', version: 1 } })));
    const alerts = await invoke('6.6.6.6', '10.0.0.1');
    expect([...alerts.keys()]).toEqual(['6.6.6.6']);
    expect(alerts.get('6.6.6.6')!.context).toEqual({
      lookup_tables: [
        { table: 'bad_ips', key: '6.6.6.6', found: true, value: { feed: 'abuse', version: 1 } },
      ],
    });
  });

  it('swaps in the replaced object once cache_refresh_minutes have passed', async () => {
    await putTable(
      gzipSync(
        JSON.stringify({
          '6.6.6.6': { feed: 'abuse', version: 2 },
          '7.7.7.7': { feed: 'tor', version: 2 },
        }),
      ),
    );
    // Not yet due: the loaded version answers.
    now += 4 * 60_000;
    expect([...(await invoke('7.7.7.7')).keys()]).toEqual([]);
    // Due: this invocation reloads in the background; the next one reads the new version.
    now += 60_000;
    await invoke('7.7.7.7');
    const alerts = await invoke('7.7.7.7', '6.6.6.6');
    expect(alerts.get('7.7.7.7')!.context!.lookup_tables).toEqual([
      { table: 'bad_ips', key: '7.7.7.7', found: true, value: { feed: 'tor', version: 2 } },
    ]);
    expect(
      (alerts.get('6.6.6.6')!.context!.lookup_tables as { value: unknown }[])[0]!.value,
    ).toEqual({ feed: 'abuse', version: 2 });
  });

  it('keeps the last good version when the replacement is corrupt, with a log line and a metric', async () => {
    stdout.length = 0;
    await putTable(gzipSync('{"6.6.6.6": {"feed": "abuse", "vers'));
    now += 5 * 60_000;
    await invoke('7.7.7.7');
    const alerts = await invoke('7.7.7.7');
    expect(alerts.get('7.7.7.7')!.context!.lookup_tables).toEqual([
      { table: 'bad_ips', key: '7.7.7.7', found: true, value: { feed: 'tor', version: 2 } },
    ]);
    const lines = logged();
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'lookup table reload failed; the last good version is kept',
        table: 'bad_ips',
        source: `s3://${BUCKET}/${KEY}`,
        error: expect.stringMatching(/^is not JSON/),
      }),
    );
    expect(lines).toContainEqual({ metric_name: 'LookupTableRefreshFailures', metric_value: 1 });
  });

  it('reads a dynamodb table whole by Scan: partition and sort keys, the value attribute, its bound', async () => {
    const dynamo = new DynamoDBClient(clientConfig(moto, REGION));
    await dynamo.send(
      new CreateTableCommand({
        TableName: 'acme-owners',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'account', AttributeType: 'S' },
          { AttributeName: 'region', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'account', KeyType: 'HASH' },
          { AttributeName: 'region', KeyType: 'RANGE' },
        ],
      }),
    );
    await dynamo.send(
      new BatchWriteItemCommand({
        RequestItems: {
          'acme-owners': (
            [
              {
                account: { S: '111122223333' },
                region: { S: 'us-east-1' },
                owner: { M: { team: { S: 'sec' }, pager: { BOOL: true }, tier: { N: '1' } } },
                ignored: { S: 'not projected' },
              },
              {
                account: { S: '111122223333' },
                region: { S: 'eu-west-1' },
                owner: { SS: ['a', 'b'] },
              },
              // No value attribute: as in StreamAlert, the key finds nothing.
              { account: { S: '444455556666' }, region: { S: 'us-east-1' } },
            ] as Record<string, AttributeValue>[]
          ).map((Item) => ({ PutRequest: { Item } })),
        },
      }),
    );
    const table: DynamoDbLookupTable = {
      driver: 'dynamodb',
      name: 'owners',
      table: 'acme-owners',
      partitionKey: 'account',
      sortKey: 'region',
      keyDelimiter: ':',
      valueKey: 'owner',
      consistentRead: false,
      refreshMinutes: 3,
      maxKeys: 10,
    };
    const loaded = await loadDynamoDbTable(dynamo, table);
    if (typeof loaded === 'string') throw new Error(`a Scan is never ${loaded}`);
    expect(loaded.rows.size).toBe(2);
    expect(loaded.rows.get('111122223333:us-east-1')).toEqual({
      team: 'sec',
      pager: true,
      tier: 1,
    });
    // A string set: a list, in no particular order (DynamoDB's sets have none).
    expect([...(loaded.rows.get('111122223333:eu-west-1') as string[])].sort()).toEqual(['a', 'b']);
    expect(loaded.rows.get('444455556666:us-east-1')).toBeUndefined();
    await expect(loadDynamoDbTable(dynamo, { ...table, maxKeys: 1 })).rejects.toThrow(
      'has more than cache_maximum_key_count (1) items',
    );
  });
});

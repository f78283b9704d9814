/**
 * Staging (rule option `staged: true`) against moto: the rules engine marks a staged
 * rule's alert, and the alert processor writes it under staging/<rule>/dt=<day>/ in the
 * staging bucket instead of sending it to the rule's outputs; a rule that is not staged
 * in the same event still reaches its output. The per-rule metric is the processor's
 * StagedAlerts log line (a metric filter makes it a CloudWatch metric).
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertProcessor } from '../../src/processors/alert-processor/processor.js';
import { createSecretStore } from '../../src/processors/alert-processor/secrets.js';
import { toOutputs } from '../../src/processors/config/outputs-convert.js';
import type { LogDefinition } from '../../src/processors/config/types.js';
import { createRulesEngine } from '../../src/processors/rule-processor/rules-engine.js';
import { createLogger } from '../../src/processors/shared/logger.js';
import { rule } from '../../src/rules-api/index.js';
import { clientConfig } from '../support/aws.js';
import { startMoto, type Moto } from '../support/moto.js';

const REGION = 'us-east-1';
const DATA_BUCKET = 'acme.prod.streamalert.data';
const OUTPUT_BUCKET = 'acme.security.alerts';

const log: LogDefinition = {
  name: 'cloudtrail:events',
  category: 'cloudtrail',
  parser: 'json',
  schema: { eventName: 'string' },
  optionalTopLevelKeys: [],
  embeddedJson: false,
  optionalEnvelopeKeys: [],
  header: false,
};

const rules = [
  rule({
    name: 'new_console_login',
    logs: ['cloudtrail:events'],
    outputs: ['aws-s3:alerts'],
    staged: true,
    rule: (r) => r.eventName === 'ConsoleLogin',
  }),
  rule({
    name: 'trail_stopped',
    logs: ['cloudtrail:events'],
    outputs: ['aws-s3:alerts'],
    rule: (r) => r.eventName === 'ConsoleLogin',
  }),
];

let moto: Moto;
const cfg = () => clientConfig(moto, REGION);

beforeAll(async () => {
  moto = await startMoto();
  const s3 = new S3Client(cfg());
  await s3.send(new CreateBucketCommand({ Bucket: DATA_BUCKET }));
  await s3.send(new CreateBucketCommand({ Bucket: OUTPUT_BUCKET }));
});

afterAll(async () => {
  await moto?.stop();
});

async function keys(bucket: string): Promise<string[]> {
  const res = await new S3Client(cfg()).send(new ListObjectsV2Command({ Bucket: bucket }));
  return (res.Contents ?? []).map((o) => o.Key!).sort();
}

function processor(lines: string[], stagingBucket: string | undefined) {
  return createAlertProcessor({
    outputs: toOutputs({ 'aws-s3': { alerts: OUTPUT_BUCKET } }),
    clients: {
      s3: () => new S3Client(cfg()),
      sns: () => new SNSClient(cfg()),
      lambda: () => new LambdaClient(cfg()),
    },
    secrets: createSecretStore({
      ssm: () => new SSMClient(cfg()),
      secretsManager: () => new SecretsManagerClient(cfg()),
    }),
    logger: createLogger({ write: (l) => lines.push(l) }),
    retry: { attempts: 2, baseDelayMs: 1 },
    stagingBucket,
    now: () => new Date('2026-12-01T10:00:00Z'),
  });
}

describe('a staged rule', () => {
  it("lands in staging/<rule>/ of the data bucket and never in the rule's outputs", async () => {
    const engine = createRulesEngine(rules, createLogger({ write: () => {} }));
    const alerts = engine.run(
      { log, records: [{ eventName: 'ConsoleLogin' }], rejected: [] },
      'kinesis',
      'acme_prod_stream_alert_kinesis',
    );
    expect(alerts.map((a) => [a.rule_name, a.staged])).toEqual([
      ['new_console_login', true],
      ['trail_stopped', undefined],
    ]);

    const lines: string[] = [];
    const event = {
      Records: alerts.map((a, i) => ({ Sns: { Message: JSON.stringify(a), MessageId: `m-${i}` } })),
    };
    const { deliveries } = await processor(lines, DATA_BUCKET).handle(event);
    expect(deliveries.map((d) => [d.rule_name, d.output, d.ok])).toEqual([
      ['new_console_login', 'staging', true],
      ['trail_stopped', 'aws-s3:alerts', true],
    ]);

    const staged = alerts[0]!;
    const key = `staging/new_console_login/dt=2026-12-01/${staged.id}.json`;
    expect(await keys(DATA_BUCKET)).toEqual([key]);
    const body = await (
      await new S3Client(cfg()).send(new GetObjectCommand({ Bucket: DATA_BUCKET, Key: key }))
    ).Body!.transformToString();
    expect(JSON.parse(body)).toMatchObject({
      rule_name: 'new_console_login',
      staged: true,
      record: { eventName: 'ConsoleLogin' },
    });
    // Only the rule that is not staged reached the output bucket.
    const out = await keys(OUTPUT_BUCKET);
    expect(out).toHaveLength(1);
    expect(out[0]).toContain('/trail_stopped/');

    const metricLines = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.metric_name === 'StagedAlerts');
    expect(metricLines).toEqual([
      expect.objectContaining({ metric_value: 1, rule_name: 'new_console_login' }),
    ]);
  });

  it('fails the delivery, without retrying or touching its outputs, when the cluster has no staging bucket', async () => {
    const engine = createRulesEngine(rules.slice(0, 1), createLogger({ write: () => {} }));
    const [alert] = engine.run(
      { log, records: [{ eventName: 'ConsoleLogin', n: 2 }], rejected: [] },
      'kinesis',
      'acme_prod_stream_alert_kinesis',
    );
    const before = await keys(OUTPUT_BUCKET);
    const { deliveries } = await processor([], undefined).process(alert);
    expect(deliveries).toEqual([
      expect.objectContaining({
        output: 'staging',
        ok: false,
        attempts: 1,
        error: expect.stringContaining('modules.kinesis.firehose'),
      }),
    ]);
    expect(await keys(OUTPUT_BUCKET)).toEqual(before);
  });
});

/**
 * Sends sample records through a deployed cluster and shows the alerts its rules raise.
 * The stand-in (moto) holds everything a real account would — the stream, the buckets and
 * their notifications, the topics and their subscriptions, the functions and their
 * configuration — but runs no Lambda code. So this plays the Lambda service, driven by what
 * is deployed:
 *
 * - each Kinesis event source mapping of the rule processor: records are put on the stream,
 *   read back with GetRecords as its poller reads them (from LATEST: earlier records were
 *   delivered before), in batches of its size;
 * - each S3 notification to the rule processor: the object is written, and the event names it;
 * - each SNS subscription of the rule processor: the message is published, and read back
 *   through an SQS queue subscribed to the same topic;
 * - the alerts topic: an SQS queue subscribed to it receives what the rule processor
 *   published (the alerts as delivered), and the alert processor — the topic's Lambda
 *   subscriber — is invoked with each, as SNS invokes it;
 * - the alert merger's schedule (EventBridge, every minute): invoked once.
 *
 * Each function runs from its deployed zip with its deployed environment (LocalLambda).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import {
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
  PutRecordCommand,
} from '@aws-sdk/client-kinesis';
import {
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
  type EventSourceMappingConfiguration,
} from '@aws-sdk/client-lambda';
import {
  GetBucketNotificationConfigurationCommand,
  PutObjectCommand,
  S3Client,
  type LambdaFunctionConfiguration,
} from '@aws-sdk/client-s3';
import {
  ListSubscriptionsByTopicCommand,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { ClusterConfig, Config } from '../config/types.js';
import { localClientConfig, localHttp1Config } from '../local-aws/clients.js';
import type { Alert } from '../processors/shared/alert.js';
import { loadFixtures, type FixtureRecord } from '../rule-test/fixtures.js';
import { s3StateStore } from '../state/s3-store.js';
import { stateLocation } from '../state/location.js';
import {
  kinesisEvent,
  s3Event,
  scheduledEvent,
  snsEvent,
  type KinesisRecordIn,
  type SnsEnvelope,
} from './events.js';
import { LocalLambda, type DeployedFunction, type Invocation } from './lambda-runtime.js';

export interface PipelineOptions {
  config: Config;
  fixturesDir: string;
  /** The zips `build` made, which the apply deployed (matched by code hash). */
  buildDir: string;
  endpoint: string;
  workDir: string;
  /** node_modules with the AWS SDK the Lambda runtime would carry. */
  sdkPath: string;
  print: (line: string) => void;
}

export interface Delivery {
  output: string;
  ok: boolean;
  error?: string;
}

export interface RaisedAlert {
  cluster: string;
  alert: Alert;
  /** The alert processor's deliveries (undefined when it failed before delivering). */
  deliveries?: Delivery[];
  error?: string;
}

export interface PipelineReport {
  alerts: RaisedAlert[];
  /** Records sent into the deployed sources. */
  sent: number;
  /** `service source` of sample records no deployed source carries. */
  skipped: string[];
  /** Matches of merging rules waiting in a merge table for their window to close. */
  waitingInMergeTables: number;
  /** Invocations that failed (function: error). */
  failures: string[];
}

interface StateResource {
  module?: string;
  type: string;
  name: string;
  instances?: { attributes?: Record<string, unknown> }[];
}

/** Base64 SHA-256 of each zip in the build folder: what Lambda reports as CodeSha256. */
async function zipsByHash(buildDir: string): Promise<Map<string, string>> {
  const zips = new Map<string, string>();
  for (const name of (await readdir(buildDir)).filter((n) => n.endsWith('.zip'))) {
    const file = path.join(buildDir, name);
    zips.set(
      createHash('sha256')
        .update(await readFile(file))
        .digest('base64'),
      file,
    );
  }
  return zips;
}

/** `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]` → name and qualifier. */
function functionOfArn(arn: string): { name: string; qualifier?: string } {
  const parts = arn.split(':');
  return { name: parts[6] ?? arn, ...(parts[7] ? { qualifier: parts[7] } : {}) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The 'processed' line the rule processor logs per invocation, as a short text. */
function processedSummary(inv: Invocation): string {
  for (const line of inv.logs) {
    try {
      const l = JSON.parse(line) as Record<string, unknown>;
      if (l.message === 'processed')
        return `${String(l.records)} record(s), ${String(l.classified)} classified, ${String(l.alerts)} alert(s)${Number(l.unclassified) > 0 ? `, ${String(l.unclassified)} unclassified` : ''}`;
    } catch {
      // not a JSON line
    }
  }
  return 'no summary logged';
}

class Cluster {
  readonly lambda: LambdaClient;
  readonly sns: SNSClient;
  readonly sqs: SQSClient;
  readonly s3: S3Client;
  readonly kinesis: KinesisClient;
  readonly account: string;

  constructor(
    readonly config: Config,
    readonly c: ClusterConfig,
    readonly endpoint: string,
  ) {
    this.lambda = new LambdaClient(localClientConfig(endpoint, c.region));
    this.sns = new SNSClient(localClientConfig(endpoint, c.region));
    this.sqs = new SQSClient(localClientConfig(endpoint, c.region));
    this.s3 = new S3Client(localClientConfig(endpoint, c.region));
    this.kinesis = new KinesisClient(localHttp1Config(endpoint, c.region));
    this.account = config.global.account.awsAccountId;
  }

  async deployed(name: string, qualifier: string): Promise<DeployedFunction> {
    const f = await this.lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: qualifier }),
    );
    const base = `arn:aws:lambda:${this.c.region}:${this.account}:function:${name}`;
    return {
      name,
      qualifier,
      invokedArn: qualifier === '$LATEST' ? base : `${base}:${qualifier}`,
      version: f.Version ?? '$LATEST',
      region: this.c.region,
      handler: f.Handler ?? 'index.handler',
      runtime: f.Runtime ?? 'nodejs22.x',
      timeoutSeconds: f.Timeout ?? 3,
      memoryMb: f.MemorySize ?? 128,
      environment: f.Environment?.Variables ?? {},
      codeSha256: f.CodeSha256 ?? '',
    };
  }

  /** A queue subscribed to `topicArn` (raw delivery off: SNS's envelope, as Lambda receives it). */
  async watch(topicArn: string, queueName: string): Promise<string> {
    const url = (await this.sqs.send(new CreateQueueCommand({ QueueName: queueName }))).QueueUrl!;
    const arn = (
      await this.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
      )
    ).Attributes!.QueueArn!;
    await this.sns.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: arn }),
    );
    return url;
  }

  /** Every SNS envelope the queue holds, waiting until `idleSeconds` pass without one. */
  async drain(queueUrl: string, idleSeconds = 2): Promise<SnsEnvelope[]> {
    const out: SnsEnvelope[] = [];
    for (let idle = 0; idle < idleSeconds;) {
      const res = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
        }),
      );
      const messages = res.Messages ?? [];
      if (messages.length === 0) idle++;
      for (const m of messages) {
        out.push(JSON.parse(m.Body!) as SnsEnvelope);
        await this.sqs.send(
          new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle! }),
        );
      }
    }
    return out;
  }

  async lambdaSubscriptions(topicArn: string): Promise<{ arn: string; endpoint: string }[]> {
    const subs = await this.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
    return (subs.Subscriptions ?? [])
      .filter((s) => s.Protocol === 'lambda' && s.Endpoint && s.SubscriptionArn)
      .map((s) => ({ arn: s.SubscriptionArn!, endpoint: s.Endpoint! }));
  }
}

/** The cluster's state (what its root's apply recorded), to find its functions by address. */
async function clusterState(
  config: Config,
  cluster: string,
  endpoint: string,
): Promise<StateResource[]> {
  const store = s3StateStore(endpoint)({ ...stateLocation(config, []), pathStyle: true });
  const text = await store.readState(cluster);
  if (!text)
    throw new Error(`cluster ${cluster} has no state in the state bucket: was it applied?`);
  return (JSON.parse(text) as { resources?: StateResource[] }).resources ?? [];
}

function attributes(
  state: StateResource[],
  type: string,
  name: string,
): Record<string, unknown> | undefined {
  return state.find((r) => r.module === 'module.stream_alert' && r.type === type && r.name === name)
    ?.instances?.[0]?.attributes;
}

/** The record's bytes as its source would carry them (gzip when the fixture says compress). */
function bytesOf(f: FixtureRecord, gzip = f.compress): Buffer {
  return gzip ? gzipSync(Buffer.from(f.data)) : Buffer.from(f.data);
}

export async function runPipeline(o: PipelineOptions): Promise<PipelineReport> {
  const { print } = o;
  const zips = await zipsByHash(o.buildDir);
  const local = new LocalLambda(o.workDir, o.endpoint, o.sdkPath, async (sha) => {
    const file = zips.get(sha);
    if (!file)
      throw new Error(
        `the deployed code (CodeSha256 ${sha}) is none of the zips built in ${o.buildDir}`,
      );
    return readFile(file);
  });
  const { records, problems } = await loadFixtures(o.fixturesDir);
  if (problems.length > 0) throw new Error(`sample records: ${problems.join('; ')}`);
  const report: PipelineReport = {
    alerts: [],
    sent: 0,
    skipped: [],
    waitingInMergeTables: 0,
    failures: [],
  };
  const used = new Set<FixtureRecord>();
  const invoke = async (fn: DeployedFunction, event: unknown, what: string) => {
    const inv = await local.invoke(fn, event);
    if (!inv.ok) {
      report.failures.push(`${fn.name}: ${inv.error?.type}: ${inv.error?.message}`);
      print(`    ${what}: FAILED (${inv.error?.type}: ${inv.error?.message})`);
      for (const l of inv.logs.slice(-10)) print(`      | ${l.slice(0, 300)}`);
    }
    return inv;
  };

  for (const c of o.config.clusters) {
    const cluster = new Cluster(o.config, c, o.endpoint);
    const state = await clusterState(o.config, c.id, o.endpoint);
    const rp = attributes(state, 'aws_lambda_function', 'rule_processor');
    const rpAlias = attributes(state, 'aws_lambda_alias', 'rule_processor_production');
    if (!rp || !rpAlias) throw new Error(`cluster ${c.id}: no rule processor in its state`);
    const ruleProcessor = await cluster.deployed(String(rp.function_name), String(rpAlias.name));
    const calls = (arn: string | undefined): boolean =>
      arn !== undefined && functionOfArn(arn).name === ruleProcessor.name;
    print(
      `  cluster ${c.id} (${c.region}): rule processor ${ruleProcessor.name}:${ruleProcessor.qualifier} ` +
        `(${ruleProcessor.runtime}, ${ruleProcessor.memoryMb} MB, ${ruleProcessor.timeoutSeconds} s; version ${ruleProcessor.version})`,
    );

    // Watch the alerts topic before anything is sent, as an operator's subscription would.
    const alertsTopic = ruleProcessor.environment.ALERTS_TOPIC_ARN;
    if (!alertsTopic) throw new Error(`${ruleProcessor.name} has no ALERTS_TOPIC_ARN`);
    const alertsQueue = await cluster.watch(alertsTopic, `streamalert-demo-alerts-${c.id}`);

    // Kinesis: the mappings as deployed.
    const mappings: EventSourceMappingConfiguration[] = [];
    let marker: string | undefined;
    do {
      const page = await cluster.lambda.send(
        new ListEventSourceMappingsCommand({ Marker: marker }),
      );
      mappings.push(...(page.EventSourceMappings ?? []).filter((m) => calls(m.FunctionArn)));
      marker = page.NextMarker;
    } while (marker);
    for (const m of mappings.filter((x) => x.EventSourceArn?.includes(':kinesis:'))) {
      const streamArn = m.EventSourceArn!;
      const stream = streamArn.split('/').pop()!;
      const mine = records.filter((f) => f.service === 'kinesis' && f.source === stream);
      if (mine.length === 0) continue;
      const shards =
        (await cluster.kinesis.send(new ListShardsCommand({ StreamName: stream }))).Shards ?? [];
      // The mapping has polled since it was deployed (from its StartingPosition): what the
      // stream held before now was delivered then. So its next batches start at LATEST.
      const iterators = new Map<string, string>();
      for (const s of shards)
        iterators.set(
          s.ShardId!,
          (
            await cluster.kinesis.send(
              new GetShardIteratorCommand({
                StreamName: stream,
                ShardId: s.ShardId!,
                ShardIteratorType: 'LATEST',
              }),
            )
          ).ShardIterator!,
        );
      for (const [i, f] of mine.entries()) {
        await cluster.kinesis.send(
          new PutRecordCommand({
            StreamName: stream,
            Data: bytesOf(f),
            PartitionKey: `streamalert-demo-${i}`,
          }),
        );
        used.add(f);
      }
      report.sent += mine.length;
      print(`    Kinesis ${stream}: put ${mine.length} sample record(s)`);
      const batch = m.BatchSize ?? 100;
      for (const [shard, first] of iterators) {
        let iterator: string | undefined = first;
        const got: KinesisRecordIn[] = [];
        for (let polls = 0; iterator && polls < 20; polls++) {
          const res: GetRecordsCommandOutput = await cluster.kinesis.send(
            new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }),
          );
          got.push(...(res.Records ?? []));
          iterator = res.NextShardIterator;
          if ((res.Records ?? []).length === 0) break;
        }
        for (let i = 0; i < got.length; i += batch) {
          const part = got.slice(i, i + batch);
          const event = kinesisEvent(
            part,
            shard,
            streamArn,
            c.region,
            `arn:aws:iam::${cluster.account}:role/${ruleProcessor.name}`,
          );
          const what = `rule processor ← Kinesis batch of ${part.length} from ${shard}`;
          const inv = await invoke(ruleProcessor, event, what);
          if (inv.ok) {
            const failures =
              (inv.value as { batchItemFailures?: unknown[] } | null)?.batchItemFailures ?? [];
            print(
              `    ${what}: ${processedSummary(inv)}${failures.length > 0 ? `; ${failures.length} item failure(s) to retry` : ''} (${inv.durationMs} ms)`,
            );
          }
        }
      }
    }

    // S3: each s3_events bucket whose notification calls the rule processor.
    for (const bucket of c.modules.s3Events.map((s) => s.bucketId)) {
      const mine = records.filter((f) => f.service === 's3' && f.source === bucket);
      if (mine.length === 0) continue;
      const notification = await cluster.s3.send(
        new GetBucketNotificationConfigurationCommand({ Bucket: bucket }),
      );
      const config: LambdaFunctionConfiguration | undefined = (
        notification.LambdaFunctionConfigurations ?? []
      ).find(
        (n) =>
          calls(n.LambdaFunctionArn) &&
          (n.Events ?? []).some((e) => e === 's3:ObjectCreated:*' || e === 's3:ObjectCreated:Put'),
      );
      if (!config) continue;
      const rules = config.Filter?.Key?.FilterRules ?? [];
      const prefix = rules.find((r) => r.Name?.toLowerCase() === 'prefix')?.Value ?? '';
      const suffix = rules.find((r) => r.Name?.toLowerCase() === 'suffix')?.Value ?? '';
      for (const [i, f] of mine.entries()) {
        const gzip = f.compress || suffix.endsWith('.gz');
        const name = `${path.basename(f.file, '.json')}-${f.index}${gzip ? '.json.gz' : '.log'}`;
        const key = `${prefix}streamalert-demo/${name}${suffix && !name.endsWith(suffix) ? suffix : ''}`;
        const body = bytesOf(f, gzip);
        const put = await cluster.s3.send(
          new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }),
        );
        used.add(f);
        report.sent++;
        const event = s3Event(
          {
            bucket,
            key,
            size: body.length,
            eTag: put.ETag ?? '',
            ...(put.VersionId ? { versionId: put.VersionId } : {}),
          },
          c.region,
          config.Id ?? `streamalert-demo-${i}`,
          cluster.account,
        );
        const what = `rule processor ← S3 s3://${bucket}/${key}`;
        const inv = await invoke(ruleProcessor, event, what);
        if (inv.ok) print(`    ${what}: ${processedSummary(inv)} (${inv.durationMs} ms)`);
      }
    }

    // SNS: each input topic with a subscription of the rule processor.
    for (const topicArn of c.modules.streamAlert.ruleProcessor.inputSnsTopics) {
      const topic = topicArn.split(':').pop()!;
      const mine = records.filter((f) => f.service === 'sns' && f.source === topic);
      if (mine.length === 0) continue;
      const sub = (await cluster.lambdaSubscriptions(topicArn)).find((s) => calls(s.endpoint));
      if (!sub) continue;
      const queue = await cluster.watch(topicArn, `streamalert-demo-input-${c.id}`);
      for (const f of mine) {
        await cluster.sns.send(new PublishCommand({ TopicArn: topicArn, Message: f.data }));
        used.add(f);
        report.sent++;
      }
      const delivered = await cluster.drain(queue, 1);
      print(`    SNS ${topic}: published ${mine.length} sample record(s)`);
      for (const envelope of delivered) {
        const what = `rule processor ← SNS message ${envelope.MessageId.slice(0, 8)} from ${topic}`;
        const inv = await invoke(ruleProcessor, snsEvent(envelope, sub.arn), what);
        if (inv.ok) print(`    ${what}: ${processedSummary(inv)} (${inv.durationMs} ms)`);
      }
    }

    // The alert merger, as its schedule runs it.
    const merger = attributes(state, 'aws_lambda_function', 'alert_merger');
    const schedule = attributes(state, 'aws_cloudwatch_event_rule', 'alert_merger');
    const table = ruleProcessor.environment.MERGE_TABLE;
    if (merger && schedule && table) {
      const dynamo = new DynamoDBClient(localClientConfig(o.endpoint, c.region));
      const waiting = async () =>
        (await dynamo.send(new ScanCommand({ TableName: table, Select: 'COUNT' }))).Count ?? 0;
      const fn = await cluster.deployed(String(merger.function_name), '$LATEST');
      const what = 'alert merger ← EventBridge schedule (every minute)';
      const inv = await invoke(
        fn,
        scheduledEvent(String(schedule.arn), c.region, cluster.account),
        what,
      );
      if (inv.ok) {
        const r = inv.value as { sent?: number } | null;
        const left = await waiting();
        report.waitingInMergeTables += left;
        print(
          `    ${what}: sent ${r?.sent ?? 0} merged alert(s)` +
            (left > 0
              ? `; ${left} match(es) wait in ${table} until their merge window closes`
              : ''),
        );
      }
    }

    // What the rules raised, as the alerts topic delivered it, then the alert processor.
    await sleep(200);
    const envelopes = await cluster.drain(alertsQueue);
    const apSub = (await cluster.lambdaSubscriptions(alertsTopic))[0];
    const ap = apSub ? functionOfArn(apSub.endpoint) : undefined;
    const alertProcessor = ap
      ? await cluster.deployed(ap.name, ap.qualifier ?? '$LATEST')
      : undefined;
    for (const envelope of envelopes) {
      const alert = JSON.parse(envelope.Message) as Alert;
      const raised: RaisedAlert = { cluster: c.id, alert };
      report.alerts.push(raised);
      if (!alertProcessor || !apSub) continue;
      const inv = await local.invoke(alertProcessor, snsEvent(envelope, apSub.arn));
      if (inv.ok) {
        raised.deliveries = (
          (inv.value as { deliveries?: Delivery[] } | null)?.deliveries ?? []
        ).map((d) => ({ output: d.output, ok: d.ok, ...(d.error ? { error: d.error } : {}) }));
      } else {
        raised.error = `${inv.error?.type}: ${inv.error?.message}`;
        raised.deliveries = deliveriesFromLogs(inv.logs);
      }
    }
  }
  report.skipped = [
    ...new Set(records.filter((f) => !used.has(f)).map((f) => `${f.service} ${f.source}`)),
  ];
  return report;
}

/** A failed alert processor run still logged each delivery ('alert delivered' / 'alert not delivered'). */
function deliveriesFromLogs(logs: readonly string[]): Delivery[] {
  const out: Delivery[] = [];
  for (const line of logs) {
    try {
      const l = JSON.parse(line) as Record<string, unknown>;
      if (l.message === 'alert delivered' || l.message === 'alert not delivered')
        out.push({
          output: String(l.output),
          ok: l.ok === true,
          ...(typeof l.error === 'string' ? { error: l.error } : {}),
        });
    } catch {
      // not a JSON line
    }
  }
  return out;
}

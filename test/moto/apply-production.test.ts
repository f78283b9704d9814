/**
 * The production example, applied for real: Terraform and the AWS provider against moto,
 * through the rendered S3 backend. Bootstraps the global root (state bucket, monitoring)
 * exactly as docs/operations.md ("First deployment", "From the CLI") tells a new team to,
 * then applies the cluster, checks the resources through the AWS SDK and that a second plan
 * is clean.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloudTrailClient, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeFlowLogsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeRuleCommand,
  EventBridgeClient,
  ListTargetsByRuleCommand,
} from '@aws-sdk/client-eventbridge';
import { DescribeDeliveryStreamCommand, FirehoseClient } from '@aws-sdk/client-firehose';
import { GetUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { DescribeStreamSummaryCommand } from '@aws-sdk/client-kinesis';
import { GetAliasCommand, GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  GetBucketNotificationConfigurationCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { renderCommand } from '../../src/commands/render.js';
import { startMoto, type Moto } from '../support/moto.js';
import { createNamedResources } from '../support/prerequisites.js';
import { clientConfig, kinesisClient } from '../support/aws.js';
import { REPO_ROOT, copyExample } from '../support/conf.js';
import { terraformOk } from '../support/terraform.js';
import { buildCommand } from '../../src/commands/build.js';

const REGION = 'us-west-2';
const PREFIX = 'acme_production';

let moto: Moto;
let work: string;
let conf: string;
let out: string;
let watched: { vpc: string; subnet: string; eni: string };

beforeAll(async () => {
  moto = await startMoto();
  conf = copyExample('production');
  work = path.dirname(conf);
  out = path.join(work, 'terraform');
  // What the example expects to exist already (the VPC, subnet and ENI it watches, its
  // input bucket and topic); the example's EC2 ids are rewritten to the ones moto made.
  const ids = await createNamedResources(moto, conf);
  watched = {
    vpc: ids.get('vpc-0f1e2d3c4b5a69788')!,
    subnet: ids.get('subnet-0a1b2c3d4e5f60718')!,
    eni: ids.get('eni-0123456789abcdef0')!,
  };
  // The real processor zips, built from the example's rules and conf.
  await buildCommand({
    configDir: conf,
    rulesDir: path.join(REPO_ROOT, 'examples', 'production', 'rules'),
    outDir: path.join(work, 'build'),
  });
});

afterAll(async () => {
  await moto?.stop();
});

describe('production example against moto', () => {
  it(
    'bootstraps the global root, then moves its state into the bucket it created',
    { timeout: 900_000 },
    async () => {
      const options = {
        outDir: out,
        buildDir: path.join(work, 'build'),
        awsEndpoint: moto.endpoint,
      };
      await renderCommand(conf, { ...options, bootstrap: true });
      const globalRoot = path.join(out, 'global');
      await terraformOk(['init', '-input=false', '-no-color'], globalRoot, moto.env);
      await terraformOk(
        ['apply', '-auto-approve', '-input=false', '-no-color'],
        globalRoot,
        moto.env,
      );

      await renderCommand(conf, options);
      await terraformOk(
        ['init', '-migrate-state', '-force-copy', '-input=false', '-no-color'],
        globalRoot,
        moto.env,
      );
      const s3 = new S3Client(clientConfig(moto, 'us-east-1'));
      const objects = await s3.send(
        new ListObjectsV2Command({ Bucket: 'acme.streamalert.terraform.state' }),
      );
      expect(objects.Contents?.map((o) => o.Key)).toContain(
        'stream_alert_state/global/terraform.tfstate',
      );
      const plan = await terraformOk(
        ['plan', '-detailed-exitcode', '-input=false', '-no-color'],
        globalRoot,
        moto.env,
        [0, 2],
      );
      expect(plan.code, plan.stdout).toBe(0);

      const sns = new SNSClient(clientConfig(moto, REGION));
      const topic = await sns.send(
        new GetTopicAttributesCommand({
          TopicArn: `arn:aws:sns:${REGION}:123456789012:stream_alert_monitoring`,
        }),
      );
      expect(topic.Attributes?.KmsMasterKeyId).toBeTruthy();
    },
  );

  it(
    'applies the cluster through its S3 backend and creates every component',
    { timeout: 1_200_000 },
    async () => {
      const root = path.join(out, 'production');
      await terraformOk(['init', '-input=false', '-no-color'], root, moto.env);
      await terraformOk(['apply', '-auto-approve', '-input=false', '-no-color'], root, moto.env);

      const lambda = new LambdaClient(clientConfig(moto, REGION));
      const manifest = JSON.parse(readFileSync(path.join(work, 'build', 'manifest.json'), 'utf8'));
      for (const fn of ['rule_processor', 'alert_processor']) {
        const name = `${PREFIX}_streamalert_${fn}`;
        const f = await lambda.send(new GetFunctionCommand({ FunctionName: name }));
        expect(f.Configuration?.Runtime).toBe('nodejs22.x');
        // The deployed code is the zip `build` made.
        expect(f.Configuration?.CodeSha256).toBe(manifest[fn].source_code_hash);
        const alias = await lambda.send(
          new GetAliasCommand({ FunctionName: name, Name: 'production' }),
        );
        expect(alias.FunctionVersion).toBe('$LATEST');
      }
      const ruleProcessor = await lambda.send(
        new GetFunctionCommand({ FunctionName: `${PREFIX}_streamalert_rule_processor` }),
      );
      expect(ruleProcessor.Configuration?.MemorySize).toBe(256);
      expect(ruleProcessor.Configuration?.Timeout).toBe(10);

      const sns = new SNSClient(clientConfig(moto, REGION));
      const alerts = await sns.send(
        new GetTopicAttributesCommand({
          TopicArn: `arn:aws:sns:${REGION}:123456789012:${PREFIX}_streamalerts`,
        }),
      );
      expect(alerts.Attributes?.KmsMasterKeyId).toBeTruthy();

      const kinesis = kinesisClient(moto, REGION);
      const stream = await kinesis.send(
        new DescribeStreamSummaryCommand({ StreamName: `${PREFIX}_stream_alert_kinesis` }),
      );
      expect(stream.StreamDescriptionSummary?.OpenShardCount).toBe(1);
      expect(stream.StreamDescriptionSummary?.RetentionPeriodHours).toBe(24);
      expect(stream.StreamDescriptionSummary?.EncryptionType).toBe('KMS');

      const firehose = new FirehoseClient(clientConfig(moto, REGION));
      const delivery = await firehose.send(
        new DescribeDeliveryStreamCommand({
          DeliveryStreamName: `${PREFIX}_stream_alert_firehose`,
        }),
      );
      expect(delivery.DeliveryStreamDescription?.DeliveryStreamStatus).toBe('ACTIVE');

      const s3 = new S3Client(clientConfig(moto, REGION));
      for (const bucket of [
        'acme.production.streamalert.results',
        'acme.production.streamalert.cloudtrail',
      ]) {
        await s3.send(new HeadBucketCommand({ Bucket: bucket }));
      }
      const notification = await s3.send(
        new GetBucketNotificationConfigurationCommand({ Bucket: 'acme.production.osquery.logs' }),
      );
      expect(notification.LambdaFunctionConfigurations?.map((c) => c.LambdaFunctionArn)).toEqual([
        `arn:aws:lambda:${REGION}:123456789012:function:${PREFIX}_streamalert_rule_processor:production`,
      ]);

      const cloudwatch = new CloudWatchClient(clientConfig(moto, REGION));
      const alarms =
        (await cloudwatch.send(new DescribeAlarmsCommand({ MaxRecords: 100 }))).MetricAlarms ?? [];
      const metrics = alarms.map((a) => `${a.Namespace}/${a.MetricName}`);
      for (const m of [
        'AWS/Lambda/Errors',
        'AWS/Lambda/Throttles',
        'AWS/Lambda/IteratorAge',
        'AWS/Kinesis/GetRecords.IteratorAgeMilliseconds',
        'AWS/Kinesis/WriteProvisionedThroughputExceeded',
        'AWS/Firehose/DeliveryToS3.DataFreshness',
      ]) {
        expect(metrics).toContain(m);
      }
      for (const alarm of alarms) {
        expect(alarm.AlarmActions).toEqual([
          `arn:aws:sns:${REGION}:123456789012:stream_alert_monitoring`,
        ]);
      }

      const trail = await new CloudTrailClient(clientConfig(moto, REGION)).send(
        new GetTrailStatusCommand({ Name: 'acme.production.streamalert.cloudtrail' }),
      );
      expect(trail.IsLogging).toBe(true);
      const events = new EventBridgeClient(clientConfig(moto, REGION));
      const rule = await events.send(
        new DescribeRuleCommand({ Name: `${PREFIX}_streamalert_all_events` }),
      );
      expect(JSON.parse(rule.EventPattern!)).toEqual({ account: ['123456789012'] });
      const targets = await events.send(
        new ListTargetsByRuleCommand({ Rule: `${PREFIX}_streamalert_all_events` }),
      );
      expect(targets.Targets?.[0]?.Arn).toBe(stream.StreamDescriptionSummary?.StreamARN);

      const flowLogs =
        (await new EC2Client(clientConfig(moto, REGION)).send(new DescribeFlowLogsCommand({})))
          .FlowLogs ?? [];
      expect(flowLogs).toHaveLength(3);
      expect(new Set(flowLogs.map((f) => f.ResourceId))).toEqual(
        new Set([watched.vpc, watched.subnet, watched.eni]),
      );
      for (const f of flowLogs) {
        expect(f.LogDestination).toMatch(
          new RegExp(`:log-group:${PREFIX}_streamalert_flow_logs(:\\*)?$`),
        );
        expect(f.TrafficType).toBe('ALL');
      }

      const user = await new IAMClient(clientConfig(moto, REGION)).send(
        new GetUserCommand({ UserName: `${PREFIX}_stream_alert_user` }),
      );
      expect(user.User?.UserName).toBe(`${PREFIX}_stream_alert_user`);

      const outputs = JSON.parse((await terraformOk(['output', '-json'], root, moto.env)).stdout);
      expect(outputs.kinesis_production_username.value).toBe(`${PREFIX}_stream_alert_user`);
      expect(outputs.kinesis_production_secret_key.sensitive).toBe(true);
      const shown = await terraformOk(['output', '-no-color'], root, moto.env);
      expect(shown.stdout).toMatch(/kinesis_production_secret_key = <sensitive>/);
    },
  );

  it('plans no changes on a second run', { timeout: 600_000 }, async () => {
    const root = path.join(out, 'production');
    await terraformOk(['plan', '-out=second.tfplan', '-input=false', '-no-color'], root, moto.env);
    const plan = JSON.parse(
      (await terraformOk(['show', '-json', 'second.tfplan'], root, moto.env)).stdout,
    );
    // Attributes that differ between state and configuration, per changed resource.
    const changed: Record<string, string[]> = {};
    for (const c of plan.resource_changes ?? []) {
      if (c.change.actions.every((a: string) => a === 'no-op' || a === 'read')) continue;
      const before = c.change.before ?? {};
      const after = c.change.after ?? {};
      changed[`${c.address} ${c.change.actions.join(',')}`] = Object.keys({ ...before, ...after })
        .filter(
          (k) =>
            JSON.stringify(before[k]) !== JSON.stringify(after[k]) && !c.change.after_unknown?.[k],
        )
        .sort();
    }
    // Nothing: every attribute reads back as configured (the moto launcher keeps an event
    // source mapping's alias and a stream's tags, which moto 5.2 itself drops).
    expect(changed).toEqual({});
  });
});

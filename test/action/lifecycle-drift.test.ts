/**
 * Drift, end to end: a scheduled `command: drift` run of the action (a process), GitHub
 * played by the local server, AWS by moto, the real Terraform. A deployed cluster's Kinesis
 * retention is changed outside Terraform; the next drift run opens one issue naming the
 * cluster and the stream; once the change is undone, the next run closes it.
 */
import { cpSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import {
  AddTagsToStreamCommand,
  DecreaseStreamRetentionPeriodCommand,
  DescribeStreamSummaryCommand,
  IncreaseStreamRetentionPeriodCommand,
} from '@aws-sdk/client-kinesis';
import { DRIFT_LABEL, DRIFT_MARKER } from '../../src/report/drift.js';
import { PLAN_FILE } from '../../src/terraform/terraform.js';
import { FakeGitHub } from '../support/github-server.js';
import { explainRun, runAction, type ActionRun } from '../support/action-runner.js';
import { startMoto, type Moto } from '../support/moto.js';
import { clientConfig, kinesisClient } from '../support/aws.js';
import { REPO_ROOT, seedGlobal, tempDir, writeConf } from '../support/conf.js';
import { terraformOk } from '../support/terraform.js';

const TOKEN = 'ghs_driftTokenThatMustNeverLeak0123456789';
const STATE_BUCKET = 'acme-drift-state';
const STREAM = 'acme_staging_stream_alert_kinesis';
const SCHEDULED = { schedule: '17 6 * * *', repository: { default_branch: 'main' } };

let moto: Moto;
let github: FakeGitHub;
let repo: string;

/** The smallest cluster the schema takes with a stream: the processors and one Kinesis stream. */
const CLUSTER = {
  id: 'staging',
  region: 'us-east-1',
  modules: {
    stream_alert: {
      alert_processor: { timeout: 25, memory: 128 },
      rule_processor: { timeout: 10, memory: 256 },
    },
    kinesis: { streams: { shards: 1, retention: 24 } },
  },
};

function run(command: 'plan' | 'drift', n: number): Promise<ActionRun> {
  const sha = n.toString(16).padStart(40, 'd');
  return runAction({
    eventName: 'schedule',
    event: SCHEDULED,
    sha,
    ref: 'refs/heads/main',
    cwd: repo,
    inputs: {
      command,
      'github-token': TOKEN,
      clusters: 'staging',
      'aws-endpoint': moto.endpoint,
      parallelism: '2',
      'backend-config': `bucket=${STATE_BUCKET}`,
    },
    env: { ...moto.env, GITHUB_API_URL: github.url },
  });
}

async function retentionNow(): Promise<number | undefined> {
  const kinesis = kinesisClient(moto, 'us-east-1');
  return (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: STREAM })))
    .StreamDescriptionSummary?.RetentionPeriodHours;
}

async function retention(hours: number): Promise<void> {
  const kinesis = kinesisClient(moto, 'us-east-1');
  const now = await retentionNow();
  if (now === hours) return;
  await kinesis.send(
    now !== undefined && hours > now
      ? new IncreaseStreamRetentionPeriodCommand({
          StreamName: STREAM,
          RetentionPeriodHours: hours,
        })
      : new DecreaseStreamRetentionPeriodCommand({
          StreamName: STREAM,
          RetentionPeriodHours: hours,
        }),
  );
}

beforeAll(async () => {
  moto = await startMoto();
  github = new FakeGitHub();
  await github.start();
  repo = tempDir('drift-repo');
  // The production example's schemas, outputs and rules: the plan builds the real zips.
  const example = path.join(REPO_ROOT, 'examples', 'production');
  cpSync(path.join(example, 'rules'), path.join(repo, 'rules'), { recursive: true });
  writeConf(seedGlobal(), { staging: CLUSTER }, repo, {
    'logs.json': undefined,
    'sources.json': undefined,
  });
  for (const file of ['logs.json', 'sources.json', 'outputs.json'])
    cpSync(path.join(example, 'conf', file), path.join(repo, 'conf', file));
  await new S3Client(clientConfig(moto, 'us-east-1')).send(
    new CreateBucketCommand({ Bucket: STATE_BUCKET }),
  );
});

afterAll(async () => {
  await github?.stop();
  await moto?.stop();
});

describe('drift on a schedule', () => {
  it(
    'opens an issue after an out-of-band change and closes it once the change is undone',
    { timeout: 1_800_000 },
    async () => {
      // Deploy: the action's plan, then its saved plan applied as apply-on-merge would.
      const planned = await run('plan', 1);
      expect(planned.code, explainRun(planned)).toBe(0);
      const root = path.join(repo, 'terraform', 'staging');
      await terraformOk(['apply', '-input=false', '-no-color', PLAN_FILE], root, moto.env);
      // moto 5.2.1 drops the Tags of CreateStream (AddTagsToStream works): without them every
      // plan would show the stream's tags as drift, which AWS itself would not.
      await kinesisClient(moto, 'us-east-1').send(
        new AddTagsToStreamCommand({
          StreamName: STREAM,
          Tags: { Name: STREAM, 'streamalert:cluster': 'staging' },
        }),
      );

      // Someone doubles the stream's retention in the console.
      await retention(48);
      const drifted = await run('drift', 2);
      expect(drifted.code, explainRun(drifted)).toBe(0);
      expect(drifted.outputs.drifted).toBe('true');
      expect(github.issues).toHaveLength(1);
      const issue = github.issues[0]!;
      expect(issue).toMatchObject({ state: 'open', labels: [DRIFT_LABEL] });
      expect(issue.body.split('\n')[0]).toBe(DRIFT_MARKER);
      // The table names the cluster with one in-place change, the details the stream.
      expect(issue.body).toMatch(/\| `staging` \| 📝 Changes \| 0 \| 1 \| 0 \|/);
      expect(issue.body).toContain('aws_kinesis_stream');
      expect(issue.body).toMatch(/retention_period\s*=\s*48 -> 24/);
      expect(drifted.outputs['issue-url']).toBe(
        `https://github.test/acme/detections/issues/${issue.number}`,
      );
      expect(drifted.stdout).toContain(`Drift issue opened: ${drifted.outputs['issue-url']}`);
      expect(drifted.summary).toContain('**staging**: drifted (+0 ~1 -0)');
      expect(issue.body).not.toContain(TOKEN);

      // Put back as the configuration says: the next run finds no drift and closes the issue.
      await retention(24);
      expect(await retentionNow()).toBe(24);
      const clean = await run('drift', 3);
      expect(clean.code, explainRun(clean)).toBe(0);
      expect(clean.outputs.drifted, clean.summary).toBe('false');
      expect(github.issues).toHaveLength(1);
      expect(github.issues[0]).toMatchObject({ state: 'closed', stateReason: 'completed' });
      const closing = github.comments.filter((c) => c.issue === issue.number);
      expect(closing).toHaveLength(1);
      expect(closing[0]!.body).toMatch(/^✅ \*\*No drift any more:\*\* the root planned/);
      expect(clean.stdout).toContain('drift issue closed');
      // Every write went out with the action's token.
      for (const r of github.requests.filter((q) => q.method !== 'GET'))
        expect(r.authorization).toBe(`token ${TOKEN}`);
    },
  );
});

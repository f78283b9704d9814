/**
 * The backtest through the action, as a runner runs it: a pull_request event whose base
 * commit is in the checkout, a pull request that widens a rule's condition (and its
 * fixture), objects in the moto bucket named as the cluster's Firehose data bucket, and the
 * real Terraform plan. The plan comment shows the rule's alerts before -> after over the
 * fixtures and over the sampled records.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { hourPrefixes } from '../../src/backtest/sample.js';
import { COMMENT_MAX_LENGTH } from '../../src/report/comment.js';
import { FakeGitHub } from '../support/github-server.js';
import { runAction } from '../support/action-runner.js';
import { startMoto, type Moto } from '../support/moto.js';
import { clientConfig } from '../support/aws.js';
import { REPO_ROOT, seedGlobal, tempDir, writeConf } from '../support/conf.js';

const TOKEN = 'ghs_backtestTokenThatMustNeverLeak012345';
const STATE_BUCKET = 'acme-backtest-state';
const DATA_BUCKET = 'acme.staging.streamalert.results';
const RULE = path.join('rules', 'osquery_authorized_keys_added.ts');
const FIXTURE = path.join('tests', 'rules', 'osquery_authorized_keys_added.json');

let moto: Moto;
let github: FakeGitHub;
let repo: string;

function git(...args: string[]): string {
  return execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  }).trim();
}

const keyChange = (action: string, host: string) =>
  JSON.stringify({
    name: 'pack_incident-response_authorized_keys',
    hostIdentifier: host,
    calendarTime: 'Wed May  1 10:00:00 2024 UTC',
    unixTime: 1714557600,
    columns: {},
    action,
  });

beforeAll(async () => {
  moto = await startMoto();
  github = new FakeGitHub();
  await github.start();
  repo = tempDir('backtest-repo');
  const example = path.join(REPO_ROOT, 'examples', 'production');
  for (const dir of ['rules', 'tests'])
    cpSync(path.join(example, dir), path.join(repo, dir), { recursive: true });
  for (const file of ['logs.json', 'outputs.json'])
    cpSync(path.join(example, 'conf', file), path.join(repo, 'conf', file));
  const sources = JSON.parse(readFileSync(path.join(example, 'conf', 'sources.json'), 'utf8'));
  // The staging cluster's stream carries osquery results: what its Firehose copies.
  sources.kinesis.acme_staging_stream_alert_kinesis = { logs: ['osquery'] };
  writeFileSync(path.join(repo, 'conf', 'sources.json'), JSON.stringify(sources, null, 2));
  writeConf(
    seedGlobal(),
    {
      staging: {
        id: 'staging',
        region: 'us-east-1',
        modules: {
          stream_alert: {
            alert_processor: { timeout: 25, memory: 128 },
            rule_processor: { timeout: 10, memory: 256 },
          },
          kinesis: {
            streams: { shards: 1, retention: 24 },
            firehose: { enabled: true, s3_bucket_suffix: 'streamalert.results' },
          },
          kinesis_events: { enabled: true },
        },
        outputs: {},
      },
    },
    repo,
    { 'logs.json': undefined, 'sources.json': undefined },
  );
  const s3 = new S3Client(clientConfig(moto, 'us-east-1'));
  await s3.send(new CreateBucketCommand({ Bucket: STATE_BUCKET }));
  await s3.send(new CreateBucketCommand({ Bucket: DATA_BUCKET }));
  const [thisHour] = hourPrefixes(Date.now(), 6);
  await s3.send(
    new PutObjectCommand({
      Bucket: DATA_BUCKET,
      Key: `${thisHour}acme_staging_stream_alert_firehose-1-2026-12-02.gz`,
      Body: gzipSync(
        [
          keyChange('added', 'h1'),
          keyChange('removed', 'h1'),
          keyChange('removed', 'h2'),
          keyChange('removed', 'h3'),
        ].join('\n') + '\n',
      ),
    }),
  );
}, 120_000);

afterAll(async () => {
  await github?.stop();
  await moto?.stop();
});

describe('the backtest in the plan comment', () => {
  it(
    "shows a changed rule's alerts before -> after over the fixtures and the Firehose sample",
    { timeout: 900_000 },
    async () => {
      git('init', '-q');
      git('add', '-A');
      git('commit', '-qm', 'base');
      const base = git('rev-parse', 'HEAD');
      // The pull request: removed keys alert too, and the fixture says so.
      const rule = readFileSync(path.join(repo, RULE), 'utf8');
      const widened = rule.replace(" && rec.action === 'added'", '');
      expect(widened).not.toBe(rule);
      writeFileSync(path.join(repo, RULE), widened);
      const fixture = JSON.parse(readFileSync(path.join(repo, FIXTURE), 'utf8'));
      for (const r of fixture.records)
        if (r.data.action === 'removed') r.trigger_rules = ['osquery_authorized_keys_added'];
      writeFileSync(path.join(repo, FIXTURE), JSON.stringify(fixture, null, 2));
      git('commit', '-qam', 'alert on removed keys too');
      const head = git('rev-parse', 'HEAD');

      const run = await runAction({
        eventName: 'pull_request',
        event: {
          action: 'synchronize',
          number: 21,
          pull_request: { number: 21, head: { sha: head }, base: { sha: base } },
          repository: { default_branch: 'main' },
        },
        sha: head,
        ref: 'refs/pull/21/merge',
        cwd: repo,
        inputs: {
          'github-token': TOKEN,
          clusters: 'staging',
          'aws-endpoint': moto.endpoint,
          parallelism: '2',
          'backend-config': `bucket=${STATE_BUCKET}`,
        },
        env: { ...moto.env, GITHUB_API_URL: github.url },
      });
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
      const comments = github.comments.filter((c) => c.issue === 21);
      expect(comments).toHaveLength(1);
      const body = comments[0]!.body;
      expect(body.length).toBeLessThanOrEqual(COMMENT_MAX_LENGTH);
      expect(body).toContain(
        `🔁 **Backtest** of 1 added or changed rule (before = base \`${base.slice(0, 12)}\`):\n`,
      );
      expect(body).toMatch(
        /- `osquery_authorized_keys_added`: 1 -> 2 alerts over the fixtures \(\d+ records\) · 1 -> 4 alerts over 6 h \(4 records sampled\)\n/,
      );
      expect(run.summary).toContain('1 -> 4 alerts over 6 h (4 records sampled)');
      const report = JSON.parse(
        readFileSync(path.join(repo, 'terraform', 'plan-report.json'), 'utf8'),
      );
      expect(report.backtest.sample).toMatchObject({ records: 4, objects: 1, hours: 6 });
      expect(body).not.toContain(TOKEN);
    },
  );
});

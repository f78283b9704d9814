/**
 * The merge queue, a failed apply and its recovery, then drift, end to end: the action as a
 * process, GitHub played by the local server, AWS by moto, the real Terraform. The pull
 * request is reviewed; queued on `merge_group`, a commit that plans what was reviewed passes
 * and one whose plan changed after the review fails the check, naming the root, with nothing
 * written to the pull request. On the merge the apply fails halfway (a Kinesis stream of the same name already
 * exists, made outside Terraform), which the pull request's comment and the commit status
 * show; the cause is removed and the same push is run again: the rest of the reviewed plan
 * applies. Then the deployed stream's retention is changed outside Terraform: the next
 * scheduled `command: drift` run opens one issue naming the cluster and the stream; once
 * the change is undone, the next run closes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateStreamCommand,
  DecreaseStreamRetentionPeriodCommand,
  DeleteStreamCommand,
  DescribeStreamSummaryCommand,
  IncreaseStreamRetentionPeriodCommand,
} from '@aws-sdk/client-kinesis';
import { DRIFT_LABEL, DRIFT_MARKER } from '../../src/report/drift.js';
import { FakeGitHub } from '../support/github-server.js';
import { explainRun, runAction, type ActionRun } from '../support/action-runner.js';
import { startMoto, type Moto } from '../support/moto.js';
import { clientConfig, kinesisClient } from '../support/aws.js';
import { seedGlobal, tempDir, writeConf, copyExampleDetections } from '../support/conf.js';

const TOKEN = 'ghs_lifecycleTokenThatMustNeverLeak012345';
const STATE_BUCKET = 'acme-lifecycle-state';
const STREAM = 'acme_staging_stream_alert_kinesis';
const RUN_URL = 'https://github.test/acme/detections/actions/runs/4242';

let moto: Moto;
let github: FakeGitHub;
let repo: string;

const sha = (n: number): string => n.toString(16).padStart(40, 'b');

/** The smallest cluster with a stream the failure can hit. */
function writeCluster(shards = 1): void {
  const staging = {
    id: 'staging',
    region: 'us-east-1',
    modules: {
      stream_alert: {
        alert_processor: { timeout: 25, memory: 128 },
        rule_processor: { timeout: 10, memory: 256 },
      },
      kinesis: { streams: { shards, retention: 24 } },
      kinesis_events: { enabled: true },
    },
  };
  writeConf(seedGlobal(), { staging }, repo, { 'logs.json': undefined, 'sources.json': undefined });
}

function run(
  eventName: 'pull_request' | 'push' | 'schedule' | 'merge_group',
  event: object,
  commit: string,
  command?: 'drift',
  ref = eventName === 'pull_request' ? 'refs/pull/7/merge' : 'refs/heads/main',
): Promise<ActionRun> {
  return runAction({
    eventName,
    event,
    sha: commit,
    ref,
    cwd: repo,
    inputs: {
      ...(command ? { command } : {}),
      'github-token': TOKEN,
      clusters: 'staging',
      'aws-endpoint': moto.endpoint,
      parallelism: '2',
      'backend-config': `bucket=${STATE_BUCKET}`,
    },
    env: { ...moto.env, GITHUB_API_URL: github.url },
  });
}

const push = (commit: string) =>
  run(
    'push',
    { ref: 'refs/heads/main', after: commit, repository: { default_branch: 'main' } },
    commit,
  );

/** The scheduled drift run of the workflow's `schedule:` trigger. */
const drift = (commit: string) =>
  run(
    'schedule',
    { schedule: '17 6 * * *', repository: { default_branch: 'main' } },
    commit,
    'drift',
  );

/** The merge_group event GitHub sends for pull request #7 queued on main. */
function queued(commit: string): Promise<ActionRun> {
  const headRef = `refs/heads/gh-readonly-queue/main/pr-7-${sha(100)}`;
  return run(
    'merge_group',
    {
      action: 'checks_requested',
      merge_group: {
        head_sha: commit,
        head_ref: headRef,
        base_sha: sha(100),
        base_ref: 'refs/heads/main',
      },
      repository: { default_branch: 'main' },
    },
    commit,
    undefined,
    headRef,
  );
}

const writes = () => github.requests.filter((r) => r.method !== 'GET').length;

async function retentionNow(): Promise<number | undefined> {
  const kinesis = kinesisClient(moto, 'us-east-1');
  return (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: STREAM })))
    .StreamDescriptionSummary?.RetentionPeriodHours;
}

/** Sets the stream's retention as someone in the console would. */
async function retention(hours: number): Promise<void> {
  const now = await retentionNow();
  if (now === hours) return;
  const change = { StreamName: STREAM, RetentionPeriodHours: hours };
  await kinesisClient(moto, 'us-east-1').send(
    now !== undefined && hours > now
      ? new IncreaseStreamRetentionPeriodCommand(change)
      : new DecreaseStreamRetentionPeriodCommand(change),
  );
}

function commentOf(issue: number): string {
  const comments = github.comments.filter((c) => c.issue === issue);
  expect(comments).toHaveLength(1);
  return comments[0]!.body;
}

beforeAll(async () => {
  moto = await startMoto();
  github = new FakeGitHub();
  await github.start();
  repo = tempDir('lifecycle-repo');
  copyExampleDetections(repo);
  await new S3Client(clientConfig(moto, 'us-east-1')).send(
    new CreateBucketCommand({ Bucket: STATE_BUCKET }),
  );
});

afterAll(async () => {
  await github?.stop();
  await moto?.stop();
});

describe('the merge queue check', () => {
  it(
    'passes the reviewed plan and fails a queued commit whose plan changed after the review, naming the root',
    { timeout: 1_200_000 },
    async () => {
      writeCluster();
      const reviewed = await run(
        'pull_request',
        {
          action: 'opened',
          number: 7,
          pull_request: { number: 7, head: { sha: sha(1) } },
          repository: { default_branch: 'main' },
        },
        sha(1),
      );
      expect(reviewed.code, explainRun(reviewed)).toBe(0);
      const before = writes();

      const same = await queued(sha(5));
      expect(same.code, explainRun(same)).toBe(0);
      expect(same.summary).toContain('- **staging**: :white_check_mark: the reviewed plan');

      // main moved under the pull request: the queued commit now plans two shards.
      writeCluster(2);
      const changed = await queued(sha(6));
      expect(changed.code).not.toBe(0);
      expect(changed.stdout).toMatch(
        /::error::the queued commit plans what #7 did not review, in staging: /,
      );
      expect(changed.summary).toMatch(
        /- \*\*staging\*\*: :no_entry: the plan differs from the one reviewed at/,
      );
      // Nothing was written: no comment, no status.
      expect(writes()).toBe(before);
      // The pull request merges as reviewed (one shard).
      writeCluster();
    },
  );
});

describe('a failed apply and its recovery', () => {
  it(
    'shows the failure on the pull request and the commit, then the re-run applies the rest of the reviewed plan',
    { timeout: 1_200_000 },
    async () => {
      // The pull request reviewed above (#7, head sha(1)).
      const stateLine = commentOf(7).split('\n')[1];

      // Someone made the stream by hand meanwhile: creating it fails, the rest is created.
      const kinesis = kinesisClient(moto, 'us-east-1');
      await kinesis.send(new CreateStreamCommand({ StreamName: STREAM, ShardCount: 1 }));
      github.pullsByCommit.set(sha(2), [
        {
          number: 7,
          merged_at: '2026-12-01T12:00:00Z',
          merge_commit_sha: sha(2),
          head: { sha: sha(1) },
          labels: [],
        },
      ]);
      const failed = await push(sha(2));
      expect(failed.code, explainRun(failed)).not.toBe(0);
      const failedComment = commentOf(7);
      expect(failedComment.split('\n')[1]).toBe(stateLine);
      expect(failedComment).toContain('| `staging` | ❌ Apply failed |');
      expect(failedComment).toContain('**`staging` failed:**');
      expect(failedComment).toMatch(/ResourceInUse|already exists/);
      expect(failedComment).toContain(
        `Applied at merge commit ${sha(2).slice(0, 7)} of #7 · [workflow run](${RUN_URL})`,
      );
      expect(github.statuses).toEqual([
        {
          sha: sha(2),
          state: 'failure',
          context: 'streamalert/apply',
          description: 'failed: staging',
          target_url: RUN_URL,
        },
      ]);

      // The hand-made stream is removed; the same push runs again.
      await kinesis.send(new DeleteStreamCommand({ StreamName: STREAM }));
      const recovered = await push(sha(2));
      expect(recovered.code, explainRun(recovered)).toBe(0);
      const recoveredComment = commentOf(7);
      expect(recoveredComment.split('\n')[1]).toBe(stateLine);
      expect(recoveredComment).toMatch(
        /\| `staging` \| ✅ Applied \(the remaining \d+ changes? of the \d+ reviewed\) \|/,
      );
      expect(recoveredComment).not.toContain('Apply failed');
      expect(recovered.summary).toMatch(
        /staging.*applied \(the remaining \d+ of \d+ reviewed changes/,
      );
      expect(github.statuses.at(-1)).toEqual({
        sha: sha(2),
        state: 'success',
        context: 'streamalert/apply',
        description: '1 applied, 0 without changes',
        target_url: RUN_URL,
      });
      const stream = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: STREAM }));
      expect(stream.StreamDescriptionSummary?.StreamStatus).toBe('ACTIVE');
      for (const c of github.comments) expect(c.body).not.toContain(TOKEN);
    },
  );
});

describe('drift on a schedule, of the cluster just deployed', () => {
  it(
    'opens an issue after an out-of-band change and closes it once the change is undone',
    { timeout: 1_200_000 },
    async () => {
      // Someone doubles the stream's retention in the console.
      expect(await retentionNow()).toBe(24);
      await retention(48);
      const drifted = await drift(sha(3));
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
      const clean = await drift(sha(4));
      expect(clean.code, explainRun(clean)).toBe(0);
      expect(clean.outputs.drifted, clean.summary).toBe('false');
      expect(github.issues).toHaveLength(1);
      expect(github.issues[0]).toMatchObject({ state: 'closed', stateReason: 'completed' });
      const closing = github.comments.filter((c) => c.issue === issue.number);
      expect(closing).toHaveLength(1);
      expect(closing[0]!.body).toMatch(/^✅ \*\*No drift any more:\*\* the root planned/);
      expect(clean.stdout).toContain('drift issue closed');
      // Every write of both tests went out with the action's token.
      for (const r of github.requests.filter((q) => q.method !== 'GET'))
        expect(r.authorization).toBe(`token ${TOKEN}`);
    },
  );
});

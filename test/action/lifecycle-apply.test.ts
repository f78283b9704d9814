/**
 * A failed apply and its recovery, end to end: the action as a process, GitHub played by
 * the local server, AWS by moto, the real Terraform. The pull request is reviewed; on the
 * merge the apply fails halfway (a Kinesis stream of the same name already exists, made
 * outside Terraform), which the pull request's comment and the commit status show; the
 * cause is removed and the same push is run again: the rest of the reviewed plan applies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamSummaryCommand,
} from '@aws-sdk/client-kinesis';
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
function writeCluster(): void {
  const staging = {
    id: 'staging',
    region: 'us-east-1',
    modules: {
      stream_alert: {
        alert_processor: { timeout: 25, memory: 128 },
        rule_processor: { timeout: 10, memory: 256 },
      },
      kinesis: { streams: { shards: 1, retention: 24 } },
      kinesis_events: { enabled: true },
    },
  };
  writeConf(seedGlobal(), { staging }, repo, { 'logs.json': undefined, 'sources.json': undefined });
}

function run(
  eventName: 'pull_request' | 'push',
  event: object,
  commit: string,
): Promise<ActionRun> {
  return runAction({
    eventName,
    event,
    sha: commit,
    ref: eventName === 'push' ? 'refs/heads/main' : 'refs/pull/7/merge',
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
}

const push = (commit: string) =>
  run(
    'push',
    { ref: 'refs/heads/main', after: commit, repository: { default_branch: 'main' } },
    commit,
  );

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

describe('a failed apply and its recovery', () => {
  it(
    'shows the failure on the pull request and the commit, then the re-run applies the rest of the reviewed plan',
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

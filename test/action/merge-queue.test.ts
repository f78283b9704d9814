/**
 * The merge queue end to end: the action as a process on `merge_group`, GitHub played by
 * the local server, AWS by moto, the real Terraform. A queued commit that plans what the pull
 * request reviewed passes; one whose plan changed after the review fails the check, naming
 * the root. Nothing is written to the pull request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { FakeGitHub } from '../support/github-server.js';
import { explainRun, runAction, type ActionRun } from '../support/action-runner.js';
import { startMoto, type Moto } from '../support/moto.js';
import { clientConfig } from '../support/aws.js';
import { seedGlobal, tempDir, writeConf, copyExampleDetections } from '../support/conf.js';

const TOKEN = 'ghs_queueTokenThatMustNeverLeak0123456789';
const STATE_BUCKET = 'acme-queue-state';

let moto: Moto;
let github: FakeGitHub;
let repo: string;

const sha = (n: number): string => n.toString(16).padStart(40, 'c');

function writeCluster(shards: number): void {
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

function run(eventName: string, event: object, commit: string, ref: string): Promise<ActionRun> {
  return runAction({
    eventName,
    event,
    sha: commit,
    ref,
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

/** The merge_group event GitHub sends for pull request #9 queued on main. */
function queued(commit: string): Promise<ActionRun> {
  const headRef = `refs/heads/gh-readonly-queue/main/pr-9-${sha(100)}`;
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
    headRef,
  );
}

const writes = () => github.requests.filter((r) => r.method !== 'GET').length;

beforeAll(async () => {
  moto = await startMoto();
  github = new FakeGitHub();
  await github.start();
  repo = tempDir('queue-repo');
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
      writeCluster(1);
      const reviewed = await run(
        'pull_request',
        {
          action: 'opened',
          number: 9,
          pull_request: { number: 9, head: { sha: sha(1) } },
          repository: { default_branch: 'main' },
        },
        sha(1),
        'refs/pull/9/merge',
      );
      expect(reviewed.code, explainRun(reviewed)).toBe(0);
      const before = writes();

      const same = await queued(sha(2));
      expect(same.code, explainRun(same)).toBe(0);
      expect(same.summary).toContain('- **staging**: :white_check_mark: the reviewed plan');

      // main moved under the pull request: the queued commit now plans two shards.
      writeCluster(2);
      const changed = await queued(sha(3));
      expect(changed.code).not.toBe(0);
      expect(changed.stdout).toMatch(
        /::error::the queued commit plans what #9 did not review, in staging: /,
      );
      expect(changed.summary).toMatch(
        /- \*\*staging\*\*: :no_entry: the plan differs from the one reviewed at/,
      );
      // Nothing was written: no comment, no status.
      expect(writes()).toBe(before);
    },
  );
});

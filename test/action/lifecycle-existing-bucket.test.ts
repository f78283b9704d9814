/**
 * An organisation whose state bucket already exists (global.json
 * `terraform.create_state_bucket: false`, the bucket named by the action's backend-config
 * input): the action as a runner runs it (a process, GitHub played by a local server, AWS
 * by moto, the real Terraform) plans and applies into that bucket without ever managing
 * it — no bucket in the plan, nothing of it changed, and what else it holds untouched.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateBucketCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { FakeGitHub } from '../support/github-server.js';
import { explainRun, runAction, type ActionRun } from '../support/action-runner.js';
import { startMoto, type Moto } from '../support/moto.js';
import { clientConfig } from '../support/aws.js';
import { seedGlobal, tempDir, writeConf, copyExampleDetections } from '../support/conf.js';

const TOKEN = 'ghs_existingBucketTokenNeverLeaks0123456';
/** The organisation's bucket; global.json names another, which does not exist. */
const BUCKET = 'acme-org-terraform-state';
const OTHER_TEAM_KEY = 'other-team/network/terraform.tfstate';

let moto: Moto;
let github: FakeGitHub;
let repo: string;
let s3: S3Client;

const sha = (n: number): string => n.toString(16).padStart(40, 'c');

function run(eventName: 'pull_request' | 'push', commit: string): Promise<ActionRun> {
  // Every job starts from a fresh checkout.
  rmSync(path.join(repo, 'terraform'), { recursive: true, force: true });
  return runAction({
    eventName,
    event:
      eventName === 'pull_request'
        ? {
            action: 'opened',
            number: 3,
            pull_request: { number: 3, head: { sha: commit } },
            repository: { default_branch: 'main' },
          }
        : { ref: 'refs/heads/main', after: commit, repository: { default_branch: 'main' } },
    sha: commit,
    ref: eventName === 'push' ? 'refs/heads/main' : 'refs/pull/3/merge',
    cwd: repo,
    inputs: {
      'github-token': TOKEN,
      'aws-endpoint': moto.endpoint,
      'backend-config': `bucket=${BUCKET}`,
    },
    env: { ...moto.env, GITHUB_API_URL: github.url },
  });
}

beforeAll(async () => {
  moto = await startMoto();
  github = new FakeGitHub();
  await github.start();
  repo = tempDir('existing-bucket-repo');
  // A detections repository: the production example's schemas, outputs, rules and fixtures.
  copyExampleDetections(repo);
  s3 = new S3Client(clientConfig(moto, 'us-east-1'));
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: OTHER_TEAM_KEY, Body: '{"x":1}' }));
  const global = seedGlobal() as { terraform: Record<string, unknown> };
  global.terraform.create_state_bucket = false;
  writeConf(
    global,
    {
      alpha: {
        id: 'alpha',
        region: 'us-east-1',
        modules: {
          stream_alert: {
            alert_processor: { timeout: 25, memory: 128 },
            rule_processor: { timeout: 10, memory: 128 },
          },
        },
      },
    },
    repo,
    { 'logs.json': undefined, 'sources.json': undefined },
  );
});

afterAll(async () => {
  await github?.stop();
  await moto?.stop();
});

describe('an existing state bucket (create_state_bucket: false)', () => {
  it('plans and applies into it without managing it', { timeout: 1_200_000 }, async () => {
    const planned = await run('pull_request', sha(1));
    expect(planned.code, explainRun(planned)).toBe(0);
    const comment = github.comments.find((c) => c.issue === 3)!.body;
    expect(comment).not.toContain('First deployment');
    // The state bucket is not managed here (the global root's own detection bundle bucket is).
    expect(comment).not.toContain('module.terraform_state');
    expect(JSON.parse(planned.outputs.summary!)).toMatchObject({
      global: { status: 'changes', destroy: 0 },
      alpha: { status: 'changes', destroy: 0 },
    });

    github.pullsByCommit.set(sha(2), [
      {
        number: 3,
        merged_at: '2026-12-01T12:00:00Z',
        merge_commit_sha: sha(2),
        head: { sha: sha(1) },
        labels: [],
      },
    ]);
    const applied = await run('push', sha(2));
    expect(applied.code, explainRun(applied)).toBe(0);
    expect(applied.summary).toMatch(/global.*applied/);
    expect(applied.summary).toMatch(/alpha.*applied/);

    const keys = (await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents?.map(
      (o) => o.Key,
    );
    // Each root's state, and beside it the record of the inputs applied (plan what changed).
    expect(keys?.sort()).toEqual([
      OTHER_TEAM_KEY,
      'stream_alert_state/alpha/streamalert-applied.json',
      'stream_alert_state/alpha/terraform.tfstate',
      'stream_alert_state/global/streamalert-applied.json',
      'stream_alert_state/global/terraform.tfstate',
    ]);
    // Untouched: the other team's state, and the bucket's settings (we would have enabled versioning).
    const other = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: OTHER_TEAM_KEY }));
    expect(await other.Body?.transformToString()).toBe('{"x":1}');
    expect(
      (await s3.send(new GetBucketVersioningCommand({ Bucket: BUCKET }))).Status,
    ).toBeUndefined();
    const state = await s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'stream_alert_state/global/terraform.tfstate' }),
    );
    expect(await state.Body?.transformToString()).not.toContain('module.terraform_state');
  });
});

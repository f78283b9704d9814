/**
 * A matrix plan end to end, as a workflow runs it: the action as a process, GitHub played
 * by the local server, AWS by moto, the real Terraform. A `roots` job lists the roots,
 * three matrix jobs (each its own checkout, as on separate runners) plan one root each
 * into a report part, and one `comment` job merges the downloaded parts into the one
 * pull-request comment; apply on merge then accepts that comment.
 * The organisation's state bucket already exists and holds another team's state (global.json
 * `terraform.create_state_bucket: false`, the bucket named by the backend-config input): the
 * plans and the apply use it without ever managing it — no bucket in any plan, its settings
 * and the other team's object untouched.
 */
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
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
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { parseCommentState } from '../../src/report/comment.js';
import { FakeGitHub } from '../support/github-server.js';
import { explainRun, runAction, type ActionRun } from '../support/action-runner.js';
import { startMoto, type Moto } from '../support/moto.js';
import { clientConfig } from '../support/aws.js';
import { REPO_ROOT, seedGlobal, tempDir, writeConf } from '../support/conf.js';

const TOKEN = 'ghs_matrixTokenThatMustNeverLeak01234567';
const STATE_BUCKET = 'acme-matrix-state';
const HEAD = 'c'.repeat(40);
const MERGE = 'd'.repeat(40);
const PARTS = 'streamalert-parts';
/** Another team's state in the same bucket: never read, changed or removed. */
const OTHER_TEAM_KEY = 'other-team/network/terraform.tfstate';

let moto: Moto;
let github: FakeGitHub;
let repo: string;

/** The smallest cluster: the two processors only. */
function cluster(id: string): object {
  return {
    id,
    region: 'us-east-1',
    modules: {
      stream_alert: {
        alert_processor: { timeout: 25, memory: 128 },
        rule_processor: { timeout: 10, memory: 256 },
      },
    },
  };
}

const pullRequest = {
  action: 'synchronize',
  number: 21,
  pull_request: { number: 21, head: { sha: HEAD } },
  repository: { default_branch: 'main' },
};

function run(
  cwd: string,
  inputs: Record<string, string>,
  push = false,
  env: Record<string, string> = {},
): Promise<ActionRun> {
  return runAction({
    eventName: push ? 'push' : 'pull_request',
    event: push
      ? { ref: 'refs/heads/main', after: MERGE, repository: { default_branch: 'main' } }
      : pullRequest,
    sha: push ? MERGE : HEAD,
    ref: push ? 'refs/heads/main' : 'refs/pull/21/merge',
    cwd,
    inputs: {
      'github-token': TOKEN,
      'aws-endpoint': moto.endpoint,
      'backend-config': `bucket=${STATE_BUCKET}`,
      parallelism: '1',
      ...inputs,
    },
    env: { ...moto.env, GITHUB_API_URL: github.url, ...env },
  });
}

/** A fresh checkout of the repository, as each job of the workflow gets on its runner. */
function checkout(label: string): string {
  const dir = tempDir(`matrix-${label}`);
  cpSync(repo, dir, { recursive: true });
  return dir;
}

/** What actions/download-artifact with merge-multiple does: every job's part in one folder. */
function download(jobs: readonly string[], into: string): void {
  mkdirSync(path.join(into, PARTS), { recursive: true });
  for (const job of jobs)
    for (const name of readdirSync(path.join(job, PARTS)))
      cpSync(path.join(job, PARTS, name), path.join(into, PARTS, name));
}

/** A provider cache of one job's own (the AWS provider is large: removed after the file). */
const caches: string[] = [];
function pluginCache(): string {
  caches.push(tempDir('matrix-plugins'));
  return caches[caches.length - 1]!;
}

beforeAll(async () => {
  moto = await startMoto();
  github = new FakeGitHub();
  await github.start();
  repo = tempDir('matrix-repo');
  const example = path.join(REPO_ROOT, 'examples', 'production');
  for (const dir of ['rules', 'tests'])
    cpSync(path.join(example, dir), path.join(repo, dir), { recursive: true });
  const global = seedGlobal() as { terraform: Record<string, unknown> };
  global.terraform.create_state_bucket = false;
  writeConf(global, { alpha: cluster('alpha'), bravo: cluster('bravo') }, repo, {
    'logs.json': undefined,
    'sources.json': undefined,
  });
  for (const file of ['logs.json', 'sources.json', 'outputs.json'])
    cpSync(path.join(example, 'conf', file), path.join(repo, 'conf', file));
  const s3 = new S3Client(clientConfig(moto, 'us-east-1'));
  await s3.send(new CreateBucketCommand({ Bucket: STATE_BUCKET }));
  await s3.send(
    new PutObjectCommand({ Bucket: STATE_BUCKET, Key: OTHER_TEAM_KEY, Body: '{"x":1}' }),
  );
});

afterAll(async () => {
  for (const dir of caches) rmSync(dir, { recursive: true, force: true });
  await github?.stop();
  await moto?.stop();
});

describe('a matrix plan', () => {
  it(
    'merges three matrix parts into one comment that apply on merge accepts',
    { timeout: 900_000 },
    async () => {
      const roots = await run(checkout('roots'), { command: 'roots', 'matrix-jobs': '3' });
      expect(roots.code, explainRun(roots)).toBe(0);
      expect(JSON.parse(roots.outputs.roots!)).toEqual(['global', 'alpha', 'bravo']);
      const matrix = JSON.parse(roots.outputs.matrix!) as string[];
      expect(matrix).toEqual(['global', 'alpha', 'bravo']);

      // The matrix jobs, at the same time, each on its own checkout and with its own provider
      // cache, as on separate runners (inits of two processes filling one cache collide).
      const jobs = matrix.map((clusters) => checkout(clusters));
      const plans = await Promise.all(
        jobs.map((cwd, i) =>
          run(cwd, { command: 'plan', clusters: matrix[i]!, 'parts-dir': PARTS }, false, {
            TF_PLUGIN_CACHE_DIR: pluginCache(),
          }),
        ),
      );
      plans.forEach((p) => expect(p.code, explainRun(p)).toBe(0));
      // The parts never touch the pull request: no comment flaps between them.
      expect(github.requests.filter((r) => r.path.includes('/comments'))).toEqual([]);
      expect(JSON.parse(plans[1]!.outputs.summary!)).toMatchObject({
        alpha: { status: 'changes' },
      });

      // A part that never arrived (bravo's artifact is missing) is shown, and fails the job.
      const partial = checkout('comment-partial');
      download(jobs.slice(0, 2), partial);
      const incomplete = await run(partial, { command: 'comment', 'parts-dir': PARTS });
      expect(incomplete.code).not.toBe(0);
      expect(github.comments).toHaveLength(1);
      expect(github.comments[0]!.body).toContain('No plan for bravo: no report part covers it');

      const full = checkout('comment');
      download(jobs, full);
      const merged = await run(full, { command: 'comment', 'parts-dir': PARTS });
      expect(merged.code, explainRun(merged)).toBe(0);
      expect(github.comments).toHaveLength(1);
      const body = github.comments[0]!.body;
      for (const root of ['global', 'alpha', 'bravo']) expect(body).toContain(`\`${root}\``);
      expect(body).not.toContain('No plan for');
      // The bucket exists and is not managed here (global's own detection bundle bucket is).
      expect(body).not.toContain('First deployment');
      expect(body).not.toContain('module.terraform_state');
      expect(body).toContain(HEAD.slice(0, 7));
      expect(body).not.toContain(TOKEN);
      const state = parseCommentState(body);
      expect(state?.commit).toBe(HEAD);
      expect(Object.keys(state!.roots)).toEqual(['global', 'alpha', 'bravo']);
      for (const root of ['global', 'alpha', 'bravo'])
        expect(state!.roots[root]!.status, root).toBe('changes');
      expect(merged.outputs['has-changes']).toBe('true');
      expect(Object.keys(JSON.parse(merged.outputs.summary!))).toEqual([
        'global',
        'alpha',
        'bravo',
      ]);
      expect(merged.outputs['comment-url']).toMatch(/\/pull\/21#issuecomment-\d+$/);
      expect(merged.summary).toContain('alpha');

      // The merge: apply on merge reads the merged comment and applies global and alpha as reviewed.
      github.pullsByCommit.set(MERGE, [
        {
          number: 21,
          merged_at: '2026-12-01T12:00:00Z',
          merge_commit_sha: MERGE,
          head: { sha: HEAD },
          labels: [],
        },
      ]);
      const applied = await run(checkout('apply'), { clusters: 'global,alpha' }, true);
      expect(applied.code, explainRun(applied)).toBe(0);
      expect(applied.summary).toMatch(/global.*applied/);
      expect(applied.summary).toMatch(/alpha.*applied/);
      await new LambdaClient(clientConfig(moto, 'us-east-1')).send(
        new GetFunctionCommand({ FunctionName: 'acme_alpha_streamalert_rule_processor' }),
      );

      // Each applied root's state, and beside it the record of the inputs applied (plan what
      // changed), in the organisation's bucket; the other team's state and the bucket's
      // settings untouched (a managed bucket would have had versioning enabled).
      const s3 = new S3Client(clientConfig(moto, 'us-east-1'));
      const keys = (await s3.send(new ListObjectsV2Command({ Bucket: STATE_BUCKET }))).Contents;
      expect(keys?.map((o) => o.Key).sort()).toEqual([
        OTHER_TEAM_KEY,
        'stream_alert_state/alpha/streamalert-applied.json',
        'stream_alert_state/alpha/terraform.tfstate',
        'stream_alert_state/global/streamalert-applied.json',
        'stream_alert_state/global/terraform.tfstate',
      ]);
      const other = await s3.send(
        new GetObjectCommand({ Bucket: STATE_BUCKET, Key: OTHER_TEAM_KEY }),
      );
      expect(await other.Body?.transformToString()).toBe('{"x":1}');
      expect(
        (await s3.send(new GetBucketVersioningCommand({ Bucket: STATE_BUCKET }))).Status,
      ).toBeUndefined();
      const globalState = await s3.send(
        new GetObjectCommand({
          Bucket: STATE_BUCKET,
          Key: 'stream_alert_state/global/terraform.tfstate',
        }),
      );
      expect(await globalState.Body?.transformToString()).not.toContain('module.terraform_state');
    },
  );
});

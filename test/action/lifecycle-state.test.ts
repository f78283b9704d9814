/**
 * The deploy lifecycle from the pull request, as a runner runs the action (a process,
 * GitHub played by a local server, AWS by moto, the real Terraform), in an account that
 * starts empty: the first pull request's plan is the bootstrap (no state bucket yet), its
 * merge creates the bucket, moves global's state into it and applies the clusters in the
 * same job; then a cluster removed from conf is planned as a destroy, refused on merge
 * without the allow-destroy label and destroyed (its state object removed) with it; the
 * next pull request retires its region's monitoring and hands the state bucket over.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { FakeGitHub } from '../support/github-server.js';
import { explainRun, runAction, type ActionRun } from '../support/action-runner.js';
import { startMoto, type Moto } from '../support/moto.js';
import { clientConfig } from '../support/aws.js';
import { seedGlobal, tempDir, writeConf, copyExampleDetections } from '../support/conf.js';

const TOKEN = 'ghs_lifecycleTokenThatMustNeverLeak01234';
const BUCKET = 'acme.streamalert.terraform.state';
const PREFIX = 'stream_alert_state';

let moto: Moto;
let github: FakeGitHub;
let repo: string;

/** The smallest cluster: the processors only. */
const cluster = (id: string, region: string): object => ({
  id,
  region,
  modules: {
    stream_alert: {
      alert_processor: { timeout: 25, memory: 128 },
      rule_processor: { timeout: 10, memory: 128 },
    },
  },
});

function writeClusters(
  clusters: Record<string, object>,
  global: (g: Record<string, any>) => void = () => {}, // eslint-disable-line @typescript-eslint/no-explicit-any
): void {
  // A fresh conf/clusters each time: a cluster left out is a removed file.
  rmSync(path.join(repo, 'conf', 'clusters'), { recursive: true, force: true });
  const g = seedGlobal() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  global(g);
  // Keeps the example's logs.json and sources.json (copied in beforeAll): its rules need them.
  writeConf(g, clusters, repo, { 'logs.json': undefined, 'sources.json': undefined });
}

const sha = (n: number): string => n.toString(16).padStart(40, 'b');

function run(eventName: 'pull_request' | 'push', commit: string, pr?: number): Promise<ActionRun> {
  // Every job starts from a fresh checkout: nothing Terraform wrote in an earlier job is left.
  rmSync(path.join(repo, 'terraform'), { recursive: true, force: true });
  rmSync(path.join(repo, 'build'), { recursive: true, force: true });
  return runAction({
    eventName,
    event:
      eventName === 'pull_request'
        ? {
            action: 'synchronize',
            number: pr,
            pull_request: { number: pr, head: { sha: commit } },
            repository: { default_branch: 'main' },
          }
        : { ref: 'refs/heads/main', after: commit, repository: { default_branch: 'main' } },
    sha: commit,
    ref: eventName === 'push' ? 'refs/heads/main' : `refs/pull/${pr}/merge`,
    cwd: repo,
    inputs: { 'github-token': TOKEN, 'aws-endpoint': moto.endpoint, parallelism: '2' },
    env: { ...moto.env, GITHUB_API_URL: github.url },
  });
}

function merged(number: number, head: string, merge: string, labels: string[] = []): void {
  github.pullsByCommit.set(merge, [
    {
      number,
      merged_at: '2026-12-01T12:00:00Z',
      merge_commit_sha: merge,
      head: { sha: head },
      labels: labels.map((name) => ({ name })),
    },
  ]);
}

function commentOf(issue: number): string {
  const comments = github.comments.filter((c) => c.issue === issue);
  expect(comments).toHaveLength(1);
  return comments[0]!.body;
}

async function stateKeys(): Promise<string[]> {
  const s3 = new S3Client(clientConfig(moto, 'us-east-1'));
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${PREFIX}/` }));
  return (listed.Contents ?? []).map((o) => o.Key!).sort();
}

async function ruleProcessorExists(id: string, region: string): Promise<boolean> {
  try {
    await new LambdaClient(clientConfig(moto, region)).send(
      new GetFunctionCommand({ FunctionName: `acme_${id}_streamalert_rule_processor` }),
    );
    return true;
  } catch {
    return false;
  }
}

// A failed run's comment holds Terraform's error (the log only names the failing step).
const explain = (r: ActionRun): string =>
  explainRun(
    r,
    github.comments.map((c) => c.body),
  );

beforeAll(async () => {
  moto = await startMoto();
  github = new FakeGitHub();
  await github.start();
  repo = tempDir('lifecycle-repo');
  // A detections repository: the production example's schemas, outputs, rules and fixtures.
  copyExampleDetections(repo);
});

afterAll(async () => {
  await github?.stop();
  await moto?.stop();
});

describe('the deploy lifecycle from the pull request', () => {
  it(
    'first deployment: the plan shows the bootstrap, the merge creates the bucket, moves the state and applies the clusters',
    { timeout: 1_500_000 },
    async () => {
      // beta lives in another region than the account's: its destroy (below) must find it there.
      writeClusters({ alpha: cluster('alpha', 'us-east-1'), beta: cluster('beta', 'us-west-2') });
      const planned = await run('pull_request', sha(1), 1);
      expect(planned.code, explain(planned)).toBe(0);
      const comment = commentOf(1);
      expect(comment).toContain(
        `First deployment: the state bucket \`${BUCKET}\` does not exist yet`,
      );
      // The bootstrap plan of global creates the bucket; the clusters are planned too (reviewed before merge).
      expect(comment).toContain('module.terraform_state.aws_s3_bucket.this');
      expect(JSON.parse(planned.outputs.summary!)).toMatchObject({
        global: { status: 'changes' },
        alpha: { status: 'changes', destroy: 0 },
        beta: { status: 'changes', destroy: 0 },
      });
      // A plan creates nothing.
      await expect(
        new S3Client(clientConfig(moto, 'us-east-1')).send(
          new HeadBucketCommand({ Bucket: BUCKET }),
        ),
      ).rejects.toThrow();

      merged(1, sha(1), sha(2));
      const applied = await run('push', sha(2));
      expect(applied.code, explain(applied)).toBe(0);
      expect(applied.summary).toMatch(/global.*applied \(first deployment: state bucket/);
      expect(applied.summary).toMatch(/alpha.*applied/);
      expect(applied.summary).toMatch(/beta.*applied/);
      // Beside each state, the record of the inputs applied (plan what changed).
      expect(await stateKeys()).toEqual([
        `${PREFIX}/alpha/streamalert-applied.json`,
        `${PREFIX}/alpha/terraform.tfstate`,
        `${PREFIX}/beta/streamalert-applied.json`,
        `${PREFIX}/beta/terraform.tfstate`,
        `${PREFIX}/global/streamalert-applied.json`,
        `${PREFIX}/global/terraform.tfstate`,
      ]);
      expect(await ruleProcessorExists('alpha', 'us-east-1')).toBe(true);
      expect(await ruleProcessorExists('beta', 'us-west-2')).toBe(true);
    },
  );

  it(
    'a removed cluster is planned as a destroy, refused without the label, destroyed with it',
    { timeout: 1_500_000 },
    async () => {
      writeClusters({ alpha: cluster('alpha', 'us-east-1') });
      const planned = await run('pull_request', sha(3), 2);
      expect(planned.code, explain(planned)).toBe(0);
      const comment = commentOf(2);
      expect(comment).toContain('Cluster file removed, state still there: `beta`');
      expect(comment).toContain('streamalert:allow-destroy');
      expect(comment).not.toContain('First deployment');
      const summary = JSON.parse(planned.outputs.summary!);
      expect(summary.beta.status).toBe('changes');
      expect(summary.beta.add).toBe(0);
      expect(summary.beta.destroy).toBeGreaterThan(0);
      // Only beta was planned: alpha's and global's inputs are those the first merge applied.
      expect(summary.alpha).toEqual({ status: 'unchanged', since: sha(2) });
      expect(summary.global).toEqual({ status: 'unchanged', since: sha(2) });
      expect(comment).toContain('| `alpha` | ⏭️ Unchanged since bbbbbbb | – | – | – |');

      merged(2, sha(3), sha(4));
      const refused = await run('push', sha(4));
      expect(refused.code).not.toBe(0);
      expect(refused.summary).toMatch(
        /beta.*refused.*cluster file was removed.*streamalert:allow-destroy/,
      );
      expect(await ruleProcessorExists('beta', 'us-west-2')).toBe(true);
      expect(await stateKeys()).toContain(`${PREFIX}/beta/terraform.tfstate`);

      merged(2, sha(3), sha(5), ['streamalert:allow-destroy']);
      const destroyed = await run('push', sha(5));
      expect(destroyed.code, explain(destroyed)).toBe(0);
      expect(destroyed.summary).toMatch(
        /beta.*destroyed \(cluster removed\); state object removed/,
      );
      expect(await ruleProcessorExists('beta', 'us-west-2')).toBe(false);
      expect(await ruleProcessorExists('alpha', 'us-east-1')).toBe(true);
      expect(await stateKeys()).toEqual([
        `${PREFIX}/alpha/streamalert-applied.json`,
        `${PREFIX}/alpha/terraform.tfstate`,
        `${PREFIX}/global/streamalert-applied.json`,
        `${PREFIX}/global/terraform.tfstate`,
      ]);

      // beta was the last cluster in us-west-2: the next plan destroys global's monitoring there
      // (global's state still holds it, so the region keeps a provider for the destroy). The
      // same pull request hands the bucket over (create_state_bucket true -> false): it is
      // forgotten, never destroyed, for it holds every root's state.
      writeClusters({ alpha: cluster('alpha', 'us-east-1') }, (g) => {
        g.terraform.create_state_bucket = false;
      });
      const next = await run('pull_request', sha(6), 3);
      expect(next.code, explain(next)).toBe(0);
      const nextSummary = JSON.parse(next.outputs.summary!);
      expect(nextSummary.global).toMatchObject({ status: 'changes', add: 0, change: 0 });
      expect(nextSummary.global.destroy).toBeGreaterThan(0);
      expect(nextSummary.alpha).toEqual({ status: 'unchanged', since: sha(2) });
      expect(nextSummary.beta).toBeUndefined();
      expect(commentOf(3)).toContain('module.monitoring_us_west_2.aws_sns_topic.monitoring[0]');
      const report = JSON.parse(
        readFileSync(path.join(repo, 'terraform', 'plan-report.json'), 'utf8'),
      ) as { roots: { root: string; changes: { address: string; action: string }[] }[] };
      const globalChanges = report.roots.find((r) => r.root === 'global')!.changes;
      const deletes = globalChanges.filter((c) => c.action === 'delete');
      expect(deletes.length).toBe(nextSummary.global.destroy);
      for (const c of deletes) expect(c.address).toMatch(/^module\.monitoring_us_west_2\./);
      // The bucket and its settings leave global's state; nothing else is planned.
      const forgets = globalChanges.filter((c) => c.action === 'forget').map((c) => c.address);
      expect(forgets).toContain('module.terraform_state.aws_s3_bucket.this');
      for (const a of forgets) expect(a).toMatch(/^module\.terraform_state\./);
      expect(deletes.length + forgets.length).toBe(globalChanges.length);
      expect(commentOf(3)).toContain('**Forget (left in AWS, no longer managed here)**');
    },
  );
});

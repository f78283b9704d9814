/**
 * The deploy lifecycle's decisions inside the engine: the state bucket (an in-memory one)
 * decides whether the plan is the first deployment's bootstrap, whether clusters removed
 * from conf are planned as destroys, and what apply on merge does about both. Terraform is
 * scripted; validation and rendering are real.
 */
import { readFileSync, rmSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishPlanComment, type PullRequestHost } from '../../src/door-kit/github.js';
import { mergeApplyCommand } from '../../src/commands/merge-apply.js';
import type { EngineOptions } from '../../src/door-kit/options.js';
import { ALLOW_DESTROY_LABEL } from '../../src/review/safety.js';
import { renderComment } from '../../src/report/comment.js';
import { seedCluster, seedGlobal, writeConf } from '../support/conf.js';
import { change, FakeTerraform, type RootScript } from '../support/fake-terraform.js';
import { MemoryStateBucket } from '../support/memory-state.js';
import { engine, planWithoutBuild, script } from './engine.js';

const MERGE = 'feedfacefeedfacefeedfacefeedfacefeedface';
const BUCKET = 'acme.streamalert.terraform.state';

class MemoryHost implements PullRequestHost {
  readonly comments = new Map<number, string>();
  constructor(private readonly labels: string[] = []) {}
  async mergedPullRequestFor() {
    return { number: 5, labels: this.labels };
  }
  async findComment(issue: number, isOurs: (body: string) => boolean) {
    const body = this.comments.get(issue);
    return body !== undefined && isOurs(body) ? { body } : undefined;
  }
  async upsertComment(issue: number, _isOurs: (body: string) => boolean, body: string) {
    this.comments.set(issue, body);
    return { url: `https://github.test/acme/detections/pull/${issue}#comment` };
  }
}

const create = (address: string, type: string): RootScript => ({
  show: { resource_changes: [change(address, type, ['create'])] },
});
const BUCKET_CREATE = create('module.terraform_state.aws_s3_bucket.this', 'aws_s3_bucket');
const LAMBDA = 'module.stream_alert.aws_lambda_function.rule_processor';
const destroyLambda: RootScript = {
  show: { resource_changes: [change(LAMBDA, 'aws_lambda_function', ['delete'])] },
};

/** Engine options with the in-memory bucket; global.json changed by `global`. */
function setup(
  tf: FakeTerraform,
  bucket: MemoryStateBucket,
  global: (g: Record<string, any>) => void = () => {}, // eslint-disable-line @typescript-eslint/no-explicit-any
  extra: Partial<EngineOptions> = {},
): EngineOptions {
  const o = engine(tf, { stateStore: bucket.factory, ...extra });
  const g = seedGlobal() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  global(g);
  writeConf(g, { production: seedCluster() }, path.dirname(o.configDir));
  return o;
}

const mainTf = (o: EngineOptions, root: string): string =>
  readFileSync(path.join(o.outDir, root, 'main.tf'), 'utf8');

async function review(o: EngineOptions, host: MemoryHost): Promise<string> {
  const { report } = await planWithoutBuild(o);
  const comment = renderComment(report);
  await publishPlanComment(host, 5, comment);
  return comment;
}

describe('first deployment', () => {
  it('plans global with local state and the clusters against empty local state when the bucket is missing', async () => {
    const bucket = new MemoryStateBucket();
    bucket.exists = false;
    const tf = new FakeTerraform({ global: BUCKET_CREATE, ...script() });
    const o = setup(tf, bucket);
    const { report } = await planWithoutBuild(o);
    expect(report.failure).toBeUndefined();
    expect(report.firstDeployment).toEqual({ bucket: BUCKET });
    expect(report.roots.map((r) => [r.root, r.status])).toEqual([
      ['global', 'changes'],
      ['production', 'changes'],
    ]);
    for (const root of ['global', 'production']) {
      expect(mainTf(o, root)).toContain('backend "local" {}');
      expect(mainTf(o, root)).not.toContain('backend "s3"');
    }
    const comment = renderComment(report);
    expect(comment).toContain(
      `First deployment: the state bucket \`${BUCKET}\` does not exist yet`,
    );
  });

  it('inits the local roots without the S3 backend-config lines', async () => {
    const bucket = new MemoryStateBucket();
    bucket.exists = false;
    const tf = new FakeTerraform({ global: BUCKET_CREATE, ...script() });
    const o = setup(tf, bucket, undefined, { backendConfig: ['bucket=team-state'] });
    const { report } = await planWithoutBuild(o);
    expect(report.firstDeployment).toEqual({ bucket: 'team-state' });
    expect(tf.calls.filter((c) => c.op === 'init').map((c) => c.args)).toEqual([[], []]);
  });

  it('checks the bucket and region that backend-config gives terraform init', async () => {
    const bucket = new MemoryStateBucket();
    const o = setup(new FakeTerraform(script()), bucket, undefined, {
      backendConfig: ['bucket=team-state', 'region="eu-west-1"', 'use_path_style=true'],
    });
    await planWithoutBuild(o);
    expect(bucket.opened).toEqual([
      { bucket: 'team-state', prefix: 'stream_alert_state', region: 'eu-west-1', pathStyle: true },
    ]);
  });

  it('on merge applies global, moves its state into the bucket, then plans and applies the clusters', async () => {
    const bucket = new MemoryStateBucket();
    bucket.exists = false;
    const roots: Record<string, RootScript> = { global: BUCKET_CREATE, ...script() };
    const tf = new FakeTerraform(roots);
    const o = setup(tf, bucket, undefined, { backendConfig: ['encrypt=true'] });
    const host = new MemoryHost();
    await review(o, host);
    // The global apply creates the bucket; global then plans no change against its moved state.
    const apply = tf.apply.bind(tf);
    tf.apply = async (dir) => {
      if (path.basename(dir) === 'global') {
        bucket.exists = true;
        roots.global = {};
      }
      return apply(dir);
    };
    rmSync(o.outDir, { recursive: true }); // the apply job's fresh checkout
    const outcome = await mergeApplyCommand({ ...o, commit: MERGE }, host, planWithoutBuild);
    expect(outcome.failure).toBeUndefined();
    expect(
      tf.calls.filter((c) => c.op !== 'init' && c.op !== 'show').map((c) => `${c.op} ${c.root}`),
    ).toEqual([
      // review
      'plan global',
      'plan production',
      // merge: the bootstrap of global alone, its state moved, then the roots on the bucket:
      // global, just applied from this commit, is left out by its applied record
      'plan global',
      'apply global',
      'migrateState global',
      'plan production',
      'apply production',
    ]);
    // Both records hold what the next plan computes: a pull request changing nothing plans nothing.
    expect([...bucket.applied.keys()].sort()).toEqual(['global', 'production']);
    const next = await planWithoutBuild({ ...o, commit: 'c'.repeat(40) });
    expect(next.report.roots).toEqual([]);
    expect(next.report.unchanged).toEqual([
      { root: 'global', since: MERGE },
      { root: 'production', since: MERGE },
    ]);
    expect(mainTf(o, 'global')).toContain('backend "s3"');
    // The move into the bucket and the inits against it get the backend-config lines.
    expect(tf.calls.find((c) => c.op === 'migrateState')?.args).toEqual(['encrypt=true']);
    expect(tf.calls.filter((c) => c.op === 'init').map((c) => c.args)).toEqual([
      [],
      [],
      [],
      ['encrypt=true'],
    ]);
    expect(outcome.lines).toEqual([
      '## StreamAlert apply for #5 at feedfac',
      '',
      `- **global**: :white_check_mark: applied (first deployment: state bucket ${BUCKET} created, state moved into it)`,
      '- **production**: :white_check_mark: applied',
    ]);
  });

  it('applies nothing when the bootstrap plan is not the reviewed one', async () => {
    const bucket = new MemoryStateBucket();
    bucket.exists = false;
    const roots: Record<string, RootScript> = { global: BUCKET_CREATE, ...script() };
    const tf = new FakeTerraform(roots);
    const o = setup(tf, bucket);
    const host = new MemoryHost();
    await review(o, host);
    roots.global = create('module.monitoring_us_east_1.aws_sns_topic.t', 'aws_sns_topic');
    const outcome = await mergeApplyCommand({ ...o, commit: MERGE }, host, planWithoutBuild);
    expect(outcome.failure).toMatch(
      /^first deployment: the global root .* was refused, nothing applied: the plan differs/,
    );
    expect(tf.calls.filter((c) => c.op === 'apply' || c.op === 'migrateState')).toEqual([]);
  });

  it('stops with global.json and the key named when the bucket is missing and not ours to create', async () => {
    const bucket = new MemoryStateBucket();
    bucket.exists = false;
    const tf = new FakeTerraform(script());
    const o = setup(tf, bucket, (g) => (g.terraform.create_state_bucket = false));
    const { report } = await planWithoutBuild(o);
    expect(report.failure).toEqual({
      step: 'state',
      messages: [
        `${path.join(o.configDir, 'global.json')}: /terraform/create_state_bucket: is false, but the state bucket "${BUCKET}" does not exist: ` +
          'create it (or name another with the backend-config input), or set create_state_bucket to true so the first deployment creates it',
      ],
    });
    expect(tf.calls).toEqual([]);
  });

  it('with create_state_bucket false uses the existing bucket and never manages it', async () => {
    const bucket = new MemoryStateBucket();
    const o = setup(new FakeTerraform(script()), bucket, (g) => {
      g.terraform.create_state_bucket = false;
    });
    const { report } = await planWithoutBuild(o);
    expect(report.failure).toBeUndefined();
    expect(report.firstDeployment).toBeUndefined();
    expect(mainTf(o, 'global')).not.toContain('module "terraform_state"');
    // A bucket an earlier configuration created is forgotten, not destroyed.
    expect(mainTf(o, 'global')).toMatch(
      /removed \{\s+from = module\.terraform_state\s+lifecycle \{\s+destroy = false/,
    );
    expect(mainTf(o, 'global')).toContain('backend "s3"');
    expect(existsSync(path.join(o.outDir, 'modules', 'terraform_state'))).toBe(false);
  });
});

describe('removed clusters', () => {
  function removedSetup(tf: FakeTerraform, labels: string[] = []) {
    const bucket = new MemoryStateBucket();
    bucket.states.set('global', '{"resources":[]}');
    bucket.states.set('production', MemoryStateBucket.stateIn('us-west-2'));
    bucket.states.set('staging', MemoryStateBucket.stateIn('eu-central-1'));
    return { bucket, o: setup(tf, bucket), host: new MemoryHost(labels) };
  }

  it('plans a root with state but no cluster file as a destroy, in the region its state names', async () => {
    const tf = new FakeTerraform({ ...script(), staging: destroyLambda });
    const { o } = removedSetup(tf);
    const { report } = await planWithoutBuild(o);
    expect(report.roots.map((r) => [r.root, r.removed ?? false])).toEqual([
      ['global', false],
      ['production', false],
      ['staging', true],
    ]);
    const tree = mainTf(o, 'staging');
    expect(tree).toContain('key          = "stream_alert_state/staging/terraform.tfstate"');
    expect(tree).toContain('region = "eu-central-1"');
    expect(tree).not.toContain('module ');
    const comment = renderComment(report);
    expect(comment).toContain('Cluster file removed, state still there: `staging`');
    expect(comment).toContain(ALLOW_DESTROY_LABEL);
  });

  it("keeps the monitoring of a removed cluster's region in global until it is destroyed", async () => {
    // The removed cluster's alarms publish to its region's monitoring topic while it exists.
    const tf = new FakeTerraform({ ...script(), staging: destroyLambda });
    const { o } = removedSetup(tf);
    await planWithoutBuild(o);
    const global = mainTf(o, 'global');
    expect(global).toContain('module "monitoring_eu_central_1"');
    expect(global).toMatch(/alias\s*=\s*"eu_central_1"/);
  });

  it("keeps a provider for a region only global's state still has resources in, so its monitoring is destroyed", async () => {
    // Without the provider Terraform fails the plan: "Provider configuration not present".
    const tf = new FakeTerraform(script());
    const { o, bucket } = removedSetup(tf);
    bucket.states.delete('staging');
    bucket.states.set('global', MemoryStateBucket.stateIn('ap-southeast-2'));
    await planWithoutBuild(o);
    const global = mainTf(o, 'global');
    expect(global).toMatch(/alias\s*=\s*"ap_southeast_2"/);
    expect(global).toContain('region = "ap-southeast-2"');
    expect(global).not.toContain('module "monitoring_ap_southeast_2"');
    expect(global).not.toContain('monitoring_eu_central_1');
  });

  it('refuses its destroy without the label and keeps its state', async () => {
    const tf = new FakeTerraform({ ...script(), staging: destroyLambda });
    const { o, host, bucket } = removedSetup(tf);
    await review(o, host);
    const outcome = await mergeApplyCommand({ ...o, commit: MERGE }, host, planWithoutBuild);
    expect(outcome.decisions.find((d) => d.root === 'staging')).toEqual({
      kind: 'refuse',
      root: 'staging',
      reason: `its cluster file was removed, so the plan destroys all of it, and the pull request lacks the label ${ALLOW_DESTROY_LABEL}`,
    });
    expect(tf.calls.filter((c) => c.op === 'apply').map((c) => c.root)).toEqual(['production']);
    expect(bucket.removed).toEqual([]);
    expect(outcome.failure).toMatch(/^1 root\(s\) refused/);
  });

  it('destroys it with the label and removes its state object; an empty one is just removed', async () => {
    const tf = new FakeTerraform({ ...script(), staging: destroyLambda });
    const { o, host, bucket } = removedSetup(tf, [ALLOW_DESTROY_LABEL]);
    bucket.states.set('old', '{"version":4,"resources":[]}');
    await review(o, host);
    const outcome = await mergeApplyCommand({ ...o, commit: MERGE }, host, planWithoutBuild);
    expect(outcome.failure).toBeUndefined();
    expect(tf.calls.filter((c) => c.op === 'apply').map((c) => c.root)).toEqual([
      'production',
      'staging',
    ]);
    expect(bucket.removed).toEqual(['old', 'staging']);
    expect(outcome.lines).toContain(
      '- **staging**: :white_check_mark: destroyed (cluster removed); state object removed',
    );
    expect(outcome.lines).toContain(
      '- **old**: cluster removed, nothing left to destroy; state object removed',
    );
  });

  it('keeps the state and stops when a removed state names no region', async () => {
    const tf = new FakeTerraform(script());
    const { o, bucket } = removedSetup(tf);
    bucket.states.set(
      'staging',
      JSON.stringify({
        resources: [{ instances: [{ attributes: { arn: 'arn:aws:iam::1:role/r' } }] }],
      }),
    );
    const { report } = await planWithoutBuild(o);
    expect(report.failure?.step).toBe('state');
    expect(report.failure?.messages[0]).toMatch(/removed cluster "staging" .* names no region/);
    expect(tf.calls).toEqual([]);
  });
});

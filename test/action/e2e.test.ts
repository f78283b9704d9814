/**
 * The built action end to end, as a runner runs it: dist/index.js as a process, a
 * pull_request or push event, GitHub played by a local server, AWS by moto, and the real
 * Terraform. Covers the one live comment, apply of what was reviewed, refusal of a plan
 * that changed, and the destroy guardrail.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DescribeStreamSummaryCommand, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { COMMENT_MARKER } from '../../src/report/comment.js';
import { FakeGitHub, type FakePull } from '../support/github-server.js';
import { runAction, type ActionRun } from '../support/action-runner.js';
import { startMoto, type Moto } from '../support/moto.js';
import { clientConfig, kinesisClient } from '../support/aws.js';
import { REPO_ROOT, seedGlobal, tempDir, writeConf } from '../support/conf.js';

const TOKEN = 'ghs_e2eTokenThatMustNeverLeak0123456789';
const STATE_BUCKET = 'acme-team-state';
const STREAM = 'acme_staging_stream_alert_kinesis';
/** A Slack webhook wrongly put in outputs.json: a mask pattern must hide it in annotations and the comment. */
const WEBHOOK_SECRET = 'T0000/B0000/e2eWebhookSecret42';

/**
 * A rule from the pull request that looks for credentials in its environment: it fires (as
 * its fixture expects) only when it sees none, and says what it saw.
 */
const ENV_PROBE_RULE = `import { rule } from 'streamalert-action/rules';
export default rule({
  name: 'env_probe',
  logs: ['osquery:differential'],
  outputs: [],
  rule: (record) => {
    if (record.name !== 'env_probe') return false;
    const seen = Object.keys(process.env).filter((k) => /^(AWS_|GITHUB_|INPUT_|ACTIONS_)/.test(k) || /TOKEN|SECRET|KEY/.test(k));
    console.log('credentials seen by the rule: ' + (seen.join(',') || 'none'));
    return seen.length === 0;
  },
});
`;
const ENV_PROBE_FIXTURE = {
  records: [
    {
      description: 'a pull-request rule sees no credentials',
      service: 'sns',
      source: 'acme-osquery-results',
      data: {
        name: 'env_probe',
        hostIdentifier: 'host-1',
        calendarTime: 'Wed May  1 10:00:00 2024 UTC',
        unixTime: 1714557600,
        columns: {},
        action: 'added',
      },
      trigger_rules: ['env_probe'],
    },
  ],
};

let moto: Moto;
let github: FakeGitHub;
let repo: string;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function cluster(mutate: (c: any) => void = () => {}): object {
  const c = {
    id: 'staging',
    region: 'us-east-1',
    modules: {
      stream_alert: {
        alert_processor: { timeout: 25, memory: 128 },
        rule_processor: { timeout: 10, memory: 256 },
      },
      cloudwatch_monitoring: { enabled: true },
      kinesis: { streams: { shards: 1, retention: 24 } },
      kinesis_events: { enabled: true },
    },
    outputs: { kinesis: ['username', 'secret_key'] },
  };
  mutate(c);
  return c;
}

function writeCluster(body: object | string): void {
  // Keeps the production example's logs.json and sources.json (copied in beforeAll): its rules need them.
  writeConf(seedGlobal(), { staging: body }, repo, {
    'logs.json': undefined,
    'sources.json': undefined,
  });
}

const sha = (n: number): string => n.toString(16).padStart(40, 'a');

function pullRequestEvent(number: number, head: string): object {
  return {
    action: 'synchronize',
    number,
    pull_request: { number, head: { sha: head } },
    repository: { default_branch: 'main' },
  };
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
      // Every init gets it: the state goes to this bucket, not the one global.json names.
      'backend-config': `bucket=${STATE_BUCKET}`,
      'mask-patterns': 'acme_staging_stream_alert_user\nhooks\\.slack\\.com/services/[^"\\s]+',
    },
    env: { ...moto.env, GITHUB_API_URL: github.url },
  });
}

function merged(number: number, head: string, merge: string, labels: string[] = []): void {
  const pull: FakePull = {
    number,
    merged_at: '2026-11-26T12:00:00Z',
    merge_commit_sha: merge,
    head: { sha: head },
    labels: labels.map((name) => ({ name })),
  };
  github.pullsByCommit.set(merge, [pull]);
}

function commentOf(issue: number): string {
  const comments = github.comments.filter((c) => c.issue === issue);
  expect(comments).toHaveLength(1);
  return comments[0]!.body;
}

async function stream() {
  const kinesis = kinesisClient(moto, 'us-east-1');
  const names = (await kinesis.send(new ListStreamsCommand({}))).StreamNames ?? [];
  if (!names.includes(STREAM)) return undefined;
  return (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: STREAM })))
    .StreamDescriptionSummary;
}

const explain = (r: ActionRun): string => `exit ${r.code}\n${r.stdout}\n${r.stderr}`;

beforeAll(async () => {
  moto = await startMoto();
  github = new FakeGitHub();
  await github.start();
  repo = tempDir('e2e-repo');
  // A detections repository: the production example's schemas, outputs, rules and
  // fixtures (the action builds the real processor zips from them), with its own clusters.
  const example = path.join(REPO_ROOT, 'examples', 'production');
  for (const dir of ['rules', 'tests'])
    cpSync(path.join(example, dir), path.join(repo, dir), { recursive: true });
  for (const file of ['logs.json', 'sources.json', 'outputs.json']) {
    cpSync(path.join(example, 'conf', file), path.join(repo, 'conf', file));
  }
  writeFileSync(path.join(repo, 'rules', 'env_probe.ts'), ENV_PROBE_RULE);
  writeFileSync(
    path.join(repo, 'tests', 'rules', 'env_probe.json'),
    JSON.stringify(ENV_PROBE_FIXTURE, null, 2),
  );
  await new S3Client(clientConfig(moto, 'us-east-1')).send(
    new CreateBucketCommand({ Bucket: STATE_BUCKET }),
  );
});

afterAll(async () => {
  await github?.stop();
  await moto?.stop();
});

describe('the action on pull requests and pushes', () => {
  it(
    'creates one comment, edits it on each push, and shows a broken configuration in it',
    { timeout: 900_000 },
    async () => {
      writeCluster(cluster());
      const first = await run('pull_request', pullRequestEvent(7, sha(1)), sha(1));
      expect(first.code, explain(first)).toBe(0);
      const created = commentOf(7);
      expect(created.startsWith(COMMENT_MARKER)).toBe(true);
      expect(created).toContain('staging');
      expect(created).toContain(sha(1).slice(0, 7));
      expect(first.outputs['has-changes']).toBe('true');
      expect(JSON.parse(first.outputs.summary!)).toMatchObject({
        staging: { status: 'changes', change: 0, destroy: 0 },
      });
      expect(first.outputs['comment-url']).toMatch(
        /^https:\/\/github\.test\/acme\/detections\/pull\/7#issuecomment-\d+$/,
      );
      expect(first.summary).toContain('staging');
      // Rule fixtures ran before the plan and their result is in the comment.
      expect(created).toMatch(/[Rr]ule tests?/);
      // The pull request's rules ran without the token or the AWS credentials of the step.
      expect(first.stderr).toContain('rule output: credentials seen by the rule: none');
      expect(created).not.toContain('env_probe');
      const creations = github.requests.filter((r) => r.method === 'POST');
      expect(creations).toHaveLength(1);
      expect(creations[0]?.authorization).toBe(`token ${TOKEN}`);

      writeCluster(cluster((c) => (c.modules.kinesis.streams.shards = 0)));
      const outputsFile = path.join(repo, 'conf', 'outputs.json');
      const outputs = JSON.parse(readFileSync(outputsFile, 'utf8'));
      writeFileSync(
        outputsFile,
        JSON.stringify(
          { ...outputs, slack: { security: `https://hooks.slack.com/services/${WEBHOOK_SECRET}` } },
          null,
          2,
        ),
      );
      const broken = await run('pull_request', pullRequestEvent(7, sha(2)), sha(2)).finally(() =>
        writeFileSync(outputsFile, JSON.stringify(outputs, null, 2)),
      );
      expect(broken.code).not.toBe(0);
      const failed = commentOf(7);
      expect(failed).toContain(
        'conf/clusters/staging.json: /modules/kinesis/streams/shards: must be >= 1',
      );
      expect(broken.stdout).toMatch(
        /::error title=[^,]*,file=conf\/clusters\/staging\.json,line=\d+,col=\d+::/,
      );
      // The webhook quoted by the outputs.json problem is masked in its annotation, the failure line and the comment.
      expect(broken.stdout).toMatch(
        /::error title=[^,]*,file=conf\/outputs\.json,line=\d+,col=\d+::conf\/outputs\.json: \/slack\/security: .*\*\*\*/,
      );
      expect(failed).toMatch(/conf\/outputs\.json: \/slack\/security: .*\*\*\*/);
      for (const text of [broken.stdout, broken.stderr, broken.summary, failed])
        expect(text).not.toContain(WEBHOOK_SECRET);

      // Fixed on the next push: the same comment shows the plan again. This plan is the one
      // the next test merges.
      writeCluster(cluster((c) => (c.modules.kinesis.streams.shards = 2)));
      const second = await run('pull_request', pullRequestEvent(7, sha(3)), sha(3));
      expect(second.code, explain(second)).toBe(0);
      const edited = commentOf(7);
      expect(edited).not.toBe(created);
      expect(edited).not.toBe(failed);
      expect(edited).toContain(sha(3).slice(0, 7));
      expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
      expect(github.requests.filter((r) => r.method === 'PATCH')).toHaveLength(2);

      for (const body of github.comments.map((c) => c.body)) {
        expect(body).not.toContain(TOKEN);
        // mask-patterns: the writer user's name is masked wherever it would appear.
        expect(body).not.toContain('acme_staging_stream_alert_user');
      }
    },
  );

  it('applies on merge exactly what the pull request reviewed', { timeout: 900_000 }, async () => {
    // Reviewed: the last plan of pull request #7 above (head sha(3), two shards).
    writeCluster(cluster((c) => (c.modules.kinesis.streams.shards = 2)));
    merged(7, sha(3), sha(5));
    const applied = await run(
      'push',
      { ref: 'refs/heads/main', after: sha(5), repository: { default_branch: 'main' } },
      sha(5),
    );
    expect(applied.code, explain(applied)).toBe(0);
    expect(applied.summary).toMatch(/staging.*applied/);
    expect((await stream())?.OpenShardCount).toBe(2);
    const lambda = new LambdaClient(clientConfig(moto, 'us-east-1'));
    await lambda.send(
      new GetFunctionCommand({ FunctionName: 'acme_staging_streamalert_rule_processor' }),
    );
    const objects = await new S3Client(clientConfig(moto, 'us-east-1')).send(
      new ListObjectsV2Command({ Bucket: STATE_BUCKET }),
    );
    expect(objects.Contents?.map((o) => o.Key)).toContain(
      'stream_alert_state/staging/terraform.tfstate',
    );
  });

  it('refuses a merge whose plan differs from the reviewed one', { timeout: 900_000 }, async () => {
    // Merged without a new plan on the pull request: the comment still shows the creation.
    writeCluster(
      cluster((c) => {
        c.modules.kinesis.streams.shards = 2;
        c.modules.kinesis.streams.retention = 48;
      }),
    );
    merged(7, sha(3), sha(6));
    const refused = await run(
      'push',
      { ref: 'refs/heads/main', after: sha(6), repository: { default_branch: 'main' } },
      sha(6),
    );
    expect(refused.code).not.toBe(0);
    expect(refused.summary).toMatch(/staging.*refused.*differs from the one reviewed/);
    expect((await stream())?.RetentionPeriodHours).toBe(24);
  });

  it(
    'refuses to destroy a stream without the allow-destroy label, and destroys it with the label',
    { timeout: 900_000 },
    async () => {
      writeCluster(
        cluster((c) => {
          delete c.modules.kinesis;
          delete c.modules.kinesis_events;
          delete c.outputs;
        }),
      );
      const planned = await run('pull_request', pullRequestEvent(8, sha(7)), sha(7));
      expect(planned.code, explain(planned)).toBe(0);
      const comment = commentOf(8);
      expect(comment).toContain('streamalert:allow-destroy');
      expect(comment).toContain('aws_kinesis_stream');

      merged(8, sha(7), sha(8));
      const refused = await run(
        'push',
        { ref: 'refs/heads/main', after: sha(8), repository: { default_branch: 'main' } },
        sha(8),
      );
      expect(refused.code).not.toBe(0);
      expect(refused.summary).toMatch(/staging.*refused.*lose data.*streamalert:allow-destroy/);
      expect(await stream()).toBeDefined();

      merged(8, sha(7), sha(9), ['streamalert:allow-destroy']);
      const applied = await run(
        'push',
        { ref: 'refs/heads/main', after: sha(9), repository: { default_branch: 'main' } },
        sha(9),
      );
      expect(applied.code, explain(applied)).toBe(0);
      expect(await stream()).toBeUndefined();
    },
  );
});

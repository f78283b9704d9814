/**
 * Fail at plan, not at apply (issue 12, part 7): a cluster naming a VPC and an s3_events
 * bucket that do not exist fails the pull request's plan, and the comment names the
 * cluster file and the key of each, as a configuration problem; once they exist, the same
 * cluster plans cleanly. The action runs as a process, GitHub is the local server, AWS is
 * moto and Terraform is real.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { FakeGitHub } from '../support/github-server.js';
import { explainRun, runAction, type ActionRun } from '../support/action-runner.js';
import { startMoto, type Moto } from '../support/moto.js';
import { clientConfig } from '../support/aws.js';
import { seedGlobal, tempDir, writeConf, copyExampleDetections } from '../support/conf.js';
import { createBucket } from '../support/prerequisites.js';

const TOKEN = 'ghs_preflightTokenThatMustNeverLeak01234';
const STATE_BUCKET = 'acme-preflight-state';
const MISSING_VPC = 'vpc-0123456789abcdef0';
const BUCKET = 'acme.staging.osquery.logs';
const FILE = 'conf/clusters/staging.json';

let moto: Moto;
let github: FakeGitHub;
let repo: string;

function writeCluster(vpc: string): void {
  const cluster = {
    id: 'staging',
    region: 'us-east-1',
    modules: {
      stream_alert: {
        alert_processor: { timeout: 25, memory: 128 },
        rule_processor: { timeout: 10, memory: 256 },
      },
      kinesis: { streams: { shards: 1, retention: 24 } },
      flow_logs: { enabled: true, vpcs: [vpc] },
      s3_events: [{ s3_bucket_id: BUCKET }],
    },
  };
  // Keeps the production example's logs.json and sources.json (copied in beforeAll): its rules need them.
  writeConf(seedGlobal(), { staging: cluster }, repo, {
    'logs.json': undefined,
    'sources.json': undefined,
  });
}

function plan(head: string): Promise<ActionRun> {
  return runAction({
    eventName: 'pull_request',
    event: {
      action: 'synchronize',
      number: 12,
      pull_request: { number: 12, head: { sha: head } },
      repository: { default_branch: 'main' },
    },
    sha: head,
    ref: 'refs/pull/12/merge',
    cwd: repo,
    inputs: {
      'github-token': TOKEN,
      'aws-endpoint': moto.endpoint,
      clusters: 'staging',
      'backend-config': `bucket=${STATE_BUCKET}`,
    },
    env: { ...moto.env, GITHUB_API_URL: github.url },
  });
}

function comment(): string {
  const comments = github.comments.filter((c) => c.issue === 12);
  expect(comments).toHaveLength(1);
  return comments[0]!.body;
}

beforeAll(async () => {
  moto = await startMoto();
  github = new FakeGitHub();
  await github.start();
  repo = tempDir('preflight-repo');
  copyExampleDetections(repo);
  await createBucket(moto, STATE_BUCKET, 'us-east-1');
});

afterAll(async () => {
  await github?.stop();
  await moto?.stop();
});

describe('a cluster naming resources that do not exist', () => {
  it(
    'fails the plan naming the cluster file and keys, then plans cleanly once they exist',
    { timeout: 1_200_000 },
    async () => {
      writeCluster(MISSING_VPC);
      const failed = await plan('1'.repeat(40));
      expect(failed.code, explainRun(failed)).not.toBe(0);
      const body = comment();
      expect(body).toContain(
        `${FILE}: /modules/flow_logs/vpcs/0: VPC ${MISSING_VPC} does not exist in us-east-1 (looked up while planning)`,
      );
      expect(body).toContain(
        `${FILE}: /modules/s3_events/0/s3_bucket_id: S3 bucket ${BUCKET} does not exist (looked up while planning)`,
      );
      // Translated, not shown twice: the provider's own words for these two are gone.
      expect(body).not.toContain('no matching EC2 VPC found');
      expect(body).not.toContain("couldn't find resource");
      // Annotations on the line of each key, as for a validation problem.
      expect(failed.stdout).toMatch(
        new RegExp(
          `::error title=[^,]*,file=${FILE.replace(/\./g, '\\.')},line=\\d+,col=\\d+::${FILE.replace(/\./g, '\\.')}: /modules/flow_logs/vpcs/0: VPC`,
        ),
      );
      expect(failed.stdout).toContain(`::${FILE}: /modules/s3_events/0/s3_bucket_id: S3 bucket`);

      // The team creates them (here: in moto) and names the real VPC id.
      const ec2 = new EC2Client(clientConfig(moto, 'us-east-1'));
      const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc!.VpcId!;
      await createBucket(moto, BUCKET, 'us-east-1');
      writeCluster(vpc);
      const clean = await plan('2'.repeat(40));
      expect(clean.code, explainRun(clean)).toBe(0);
      const after = comment();
      expect(after).not.toContain('does not exist');
      expect(JSON.parse(clean.outputs.summary!)).toMatchObject({ staging: { status: 'changes' } });
      for (const body of github.comments.map((c) => c.body)) expect(body).not.toContain(TOKEN);
    },
  );
});

/**
 * `command: promote` end to end: the action as a process (a scheduled run), the staging
 * destination in moto S3 (objects as the alert processor writes them), and the local
 * GitHub server. One quiet staged rule gets ONE pull request removing exactly its
 * `staged: true` line; the noisy one stays staged and is listed with its top merge keys;
 * a rule staged too recently is watched (its marker is written); a second run updates the
 * same pull request instead of opening another.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../support/action-runner.js';
import { clientConfig } from '../support/aws.js';
import { seedCluster, seedGlobal, tempDir, writeConf } from '../support/conf.js';
import { FakeGitHub } from '../support/github-server.js';
import { startMoto, type Moto } from '../support/moto.js';

const REGION = 'us-west-2';
const BUCKET = 'acme.production.streamalert.results';
const TOKEN = 'ghs_promoteTestToken0123456789';
const BRANCH = 'streamalert/promote-staged-rules';

const RULES = `import { rule } from 'streamalert-action/rules';

export const quiet = rule({
  name: 'quiet_login',
  logs: ['osquery'],
  outputs: ['aws-s3:alerts'],
  staged: true,
  rule: (r) => r.name === 'login',
});

export const noisy = rule({
  name: 'noisy_login',
  logs: ['osquery'],
  outputs: ['aws-s3:alerts'],
  merge_by_keys: ['hostIdentifier'],
  merge_window_mins: 60,
  staged: true,
  rule: (r) => r.action === 'added',
});

export const fresh = rule({ name: 'fresh_rule', logs: ['osquery'], outputs: ['aws-s3:alerts'], staged: true, rule: () => false });
`;

const day = (daysAgo: number) =>
  new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

let moto: Moto;
const github = new FakeGitHub();
let repo: string;
const s3 = () => new S3Client(clientConfig(moto, REGION));

async function put(key: string, body: unknown): Promise<void> {
  await s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: JSON.stringify(body) }));
}

const alert = (rule: string, id: string, host: string) => ({
  id,
  rule_name: rule,
  staged: true,
  outputs: ['aws-s3:alerts'],
  record: { hostIdentifier: host, action: 'added' },
});

function promote(): Promise<ActionRun> {
  return runAction({
    eventName: 'schedule',
    event: { schedule: '0 6 * * *' },
    sha: 'a'.repeat(40),
    ref: 'refs/heads/main',
    cwd: repo,
    inputs: {
      command: 'promote',
      'github-token': TOKEN,
      'aws-endpoint': moto.endpoint,
      'quiet-threshold': '1',
    },
    env: { ...moto.env, GITHUB_API_URL: github.url },
  });
}

beforeAll(async () => {
  moto = await startMoto();
  await github.start();
  repo = tempDir('promote');
  writeConf(seedGlobal(), { production: seedCluster() }, repo, {
    'outputs.json': { 'aws-s3': { alerts: 'acme.security.alerts' } },
  });
  mkdirSync(path.join(repo, 'rules'));
  writeFileSync(path.join(repo, 'rules', 'logins.ts'), RULES);

  await s3().send(
    new CreateBucketCommand({
      Bucket: BUCKET,
      CreateBucketConfiguration: { LocationConstraint: REGION },
    }),
  );
  // quiet_login: staged three days ago (its marker), one alert yesterday.
  await put('staging/quiet_login/staged-since.json', { staged_since: `${day(3)}T06:00:00.000Z` });
  await put(`staging/quiet_login/dt=${day(1)}/q1.json`, alert('quiet_login', 'q1', 'host-a'));
  // noisy_login: no marker yet (its earliest alert starts the watch), three alerts today.
  await put(`staging/noisy_login/dt=${day(2)}/n0.json`, alert('noisy_login', 'n0', 'host-b'));
  for (const [id, host] of [
    ['n1', 'host-a'],
    ['n2', 'host-a'],
    ['n3', 'host-c'],
  ] as const)
    await put(`staging/noisy_login/dt=${day(0)}/${id}.json`, alert('noisy_login', id, host));
  // A rule that is no longer staged: its marker goes, so staging it again starts afresh.
  await put('staging/old_rule/staged-since.json', { staged_since: `${day(30)}T00:00:00.000Z` });
}, 600_000);

afterAll(async () => {
  await github.stop();
  await moto?.stop();
});

async function text(key: string): Promise<string | undefined> {
  try {
    const res = await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return await res.Body!.transformToString();
  } catch {
    return undefined;
  }
}

describe('command promote', () => {
  it('opens one pull request promoting the quiet rule and lists the noisy one', async () => {
    const run = await promote();
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(JSON.parse(run.outputs.promoted!)).toEqual(['quiet_login']);
    // This repository has written no fixtures yet: the edit is built, and the log says so.
    expect(run.stdout).toContain('edited rules built; no fixture folder to test (tests/rules)');

    expect(github.openPulls).toHaveLength(1);
    const pr = github.openPulls[0]!;
    expect(run.outputs['pull-request-url']).toBe(
      `https://github.test/acme/detections/pull/${pr.number}`,
    );
    expect(pr).toMatchObject({
      head: BRANCH,
      base: 'main',
      title: 'Promote staged rule quiet_login',
    });

    // One commit on the default branch's head, changing only the quiet rule's line.
    expect(github.gitCommits).toHaveLength(1);
    const commit = github.gitCommits[0]!;
    expect(commit.parent).toBe('a'.repeat(40));
    expect(Object.keys(commit.files)).toEqual(['rules/logins.ts']);
    const expected = RULES.replace(
      "  outputs: ['aws-s3:alerts'],\n  staged: true,\n  rule: (r) => r.name === 'login',",
      "  outputs: ['aws-s3:alerts'],\n  rule: (r) => r.name === 'login',",
    );
    expect(expected).not.toBe(RULES);
    expect(commit.files['rules/logins.ts']).toBe(expected);
    expect(github.refs.get(BRANCH)).toBe(commit.sha);
    // The checkout itself is not touched.
    expect(readFileSync(path.join(repo, 'rules', 'logins.ts'), 'utf8')).toBe(RULES);

    // The table: per rule and day, with each decision.
    const rows = pr.body.split('\n');
    const row = (rule: string) => rows.find((l) => l.startsWith(`| \`${rule}\``)) ?? '';
    expect(row('quiet_login')).toMatch(/\| 1 \| promoted \|$/);
    expect(row('noisy_login')).toMatch(/\| 4 \| stays staged: noisy \|$/);
    expect(row('fresh_rule')).toMatch(/\| 0 \| stays staged: watched too briefly \|$/);
    expect(pr.body).toContain(`| ${day(1).slice(5)} |`);
    // The noisy rule with its top merge keys.
    expect(pr.body).toContain('- 2 × `hostIdentifier="host-a"`');
    expect(pr.body).toContain('- 1 × `hostIdentifier="host-c"`');
    expect(pr.body).not.toContain(TOKEN);

    // Markers: written for the rules that had none, removed for the rule no longer staged.
    expect(JSON.parse((await text('staging/noisy_login/staged-since.json'))!)).toEqual({
      staged_since: `${day(2)}T00:00:00.000Z`,
    });
    expect(await text('staging/fresh_rule/staged-since.json')).toBeDefined();
    expect(await text('staging/old_rule/staged-since.json')).toBeUndefined();
  }, 600_000);

  it('updates the same pull request on the next run', async () => {
    const before = github.openPulls[0]!.number;
    const run = await promote();
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(github.openPulls.map((p) => p.number)).toEqual([before]);
    expect(
      github.requests.some((r) => r.method === 'PATCH' && r.path.endsWith(`/pulls/${before}`)),
    ).toBe(true);
    expect(
      github.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/pulls')),
    ).toHaveLength(1);
    // The branch was moved to the new commit (forced: it is rebuilt from the default branch).
    expect(github.refs.get(BRANCH)).toBe(github.gitCommits[1]!.sha);
  }, 600_000);
});

/**
 * promote before it pushes (issue 28, item 6), through the real command: the rules are
 * built and run in the rule sandbox from processor bundles made from src/, the staging
 * counts come from an in-memory store, the pull request goes to the local GitHub server
 * through Octokit. The edit is made on the parsed file (a `staged: true /* c *\/,` and a
 * nested `staged: true` after a regex holding `]]`), hostile merge key values stay inert
 * and the body fits; a rule set whose fixtures fail is not pushed at all.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubPromotionHost } from '../../src/door-kit/github.js';
import type { EngineOptions } from '../../src/door-kit/options.js';
import { promoteCommand } from '../../src/commands/promote.js';
import { MAX_BODY_CHARS } from '../../src/promote/body.js';
import type { StagingStore } from '../../src/promote/staging-store.js';
import { seedCluster, seedGlobal, tempDir, writeConf } from '../support/conf.js';
import { FakeGitHub } from '../support/github-server.js';
import { outsideCode } from '../support/markdown.js';
import { processorBundles } from '../support/processor-bundles.js';

const BUCKET = 'acme.production.streamalert.results';
const NOW = new Date('2026-12-05T06:00:00.000Z');

const RULES = `import { rule } from 'streamalert-action/rules';

export const quiet = rule({
  name: 'quiet_keys',
  logs: ['osquery'],
  outputs: ['aws-s3:alerts'],
  matchers: [(r) => !/[[\\]]]/.test(String(r.name))],
  context: { demo: { staged: true } },
  staged: true /* until it proves quiet */,
  rule: (r) => r.action === 'added',
});

export const noisy = rule({
  name: 'noisy_keys',
  logs: ['osquery'],
  outputs: ['aws-s3:alerts'],
  merge_by_keys: ['hostIdentifier'],
  merge_window_mins: 60,
  staged: true,
  rule: (r) => r.action === 'removed',
});
`;

const FIXTURE = (trigger: string[]) => ({
  records: [
    {
      description: 'a key added',
      service: 'kinesis',
      source: 'acme_production_stream_alert_kinesis',
      log: 'osquery',
      data: { name: 'keys', hostIdentifier: 'h', columns: {}, action: 'added' },
      trigger_rules: trigger,
    },
  ],
});

function memoryStore(objects: Record<string, string>): StagingStore {
  const under = (b: string, p: string) =>
    Object.keys(objects)
      .filter((k) => k.startsWith(`${b}/${p}`))
      .map((k) => k.slice(b.length + 1));
  return {
    list: async (b, p) => under(b, p),
    folders: async (b, p) => [
      ...new Set(under(b, p).map((k) => `${p}${k.slice(p.length).split('/')[0]}/`)),
    ],
    get: async (b, k) => objects[`${b}/${k}`],
    put: async (b, k, body) => void (objects[`${b}/${k}`] = body),
    delete: async (b, k) => void delete objects[`${b}/${k}`],
  };
}

/** Staged alerts: quiet_keys none, noisy_keys three with hostile merge key values. */
function staging(hostile: string[]): Record<string, string> {
  const o: Record<string, string> = {};
  for (const rule of ['quiet_keys', 'noisy_keys'])
    o[`${BUCKET}/staging/${rule}/staged-since.json`] = JSON.stringify({
      staged_since: '2026-12-01T00:00:00.000Z',
    });
  hostile.forEach((host, i) => {
    o[`${BUCKET}/staging/noisy_keys/dt=2026-12-04/n${i}.json`] = JSON.stringify({
      id: `n${i}`,
      rule_name: 'noisy_keys',
      staged: true,
      record: { hostIdentifier: host },
    });
  });
  return o;
}

const github = new FakeGitHub();

function repository(fixtureTriggers: string[]): string {
  const repo = tempDir('promote-check');
  writeConf(seedGlobal(), { production: seedCluster() }, repo, {
    'outputs.json': { 'aws-s3': { alerts: 'acme.security.alerts' } },
  });
  mkdirSync(path.join(repo, 'rules'));
  writeFileSync(path.join(repo, 'rules', 'keys.ts'), RULES);
  mkdirSync(path.join(repo, 'tests', 'rules'), { recursive: true });
  writeFileSync(
    path.join(repo, 'tests', 'rules', 'keys.json'),
    JSON.stringify(FIXTURE(fixtureTriggers)),
  );
  return repo;
}

function options(repo: string): EngineOptions {
  return {
    configDir: path.join(repo, 'conf'),
    rulesDir: path.join(repo, 'rules'),
    fixturesDir: path.join(repo, 'tests', 'rules'),
    outDir: path.join(repo, 'terraform'),
    buildDir: path.join(repo, 'build'),
    bootstrap: false,
    clusters: [],
    parallelism: 1,
    terraformBinary: 'terraform',
    backendConfig: [],
    commit: 'a'.repeat(40),
    mask: (t) => t,
  };
}

// The commands run in this process read both from its environment; the worker runs other
// files after this one (integration files share workers), so both are put back.
const ENV_BEFORE = {
  STREAMALERT_PROCESSOR_BUNDLES: process.env.STREAMALERT_PROCESSOR_BUNDLES,
  GITHUB_API_URL: process.env.GITHUB_API_URL,
};
beforeAll(async () => {
  process.env.STREAMALERT_PROCESSOR_BUNDLES = processorBundles();
  await github.start();
  process.env.GITHUB_API_URL = github.url;
}, 900_000);
afterAll(async () => {
  for (const [k, v] of Object.entries(ENV_BEFORE))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  await github.stop();
});

const HOSTILE = [
  'x` @acme/security-team <img src=y> [link](https://evil.test/) `',
  'h'.repeat(70_000),
  '``` @acme/admins ```',
];

describe('promote checks before it pushes', () => {
  it("removes only the rule's own staged: true, keeps data inert, and fits the body", async () => {
    const repo = repository(['quiet_keys']);
    const outcome = await promoteCommand(
      options(repo),
      {
        quietThreshold: 0,
        minStagedHours: 48,
        repoRoot: repo,
        now: NOW,
        store: () => memoryStore(staging(HOSTILE)),
      },
      githubPromotionHost('ghs_token', { owner: 'acme', repo: 'detections' }),
    );
    expect(outcome.promoted).toEqual(['quiet_keys']);
    expect(outcome.lines).toContain('edited rules built and tested (tests/rules)');
    const commit = github.gitCommits.at(-1)!;
    expect(commit.files['rules/keys.ts']).toBe(
      RULES.replace('  staged: true /* until it proves quiet */,\n', ''),
    );
    const body = github.openPulls.at(-1)!.body;
    expect(body.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
    // Outside its code spans, nothing live.
    const outside = body.split('\n').map(outsideCode).join('\n');
    expect(outside).not.toMatch(/@acme|<img|\]\(https/);
    expect(body).toContain('(cut: 70017 characters)');
  }, 300_000);

  it('pushes nothing when the edited rule set fails its fixtures', async () => {
    const repo = repository(['noisy_keys']); // the fixture expects the wrong rule
    const commits = github.gitCommits.length;
    const pulls = github.openPulls.length;
    await expect(
      promoteCommand(
        options(repo),
        {
          quietThreshold: 0,
          minStagedHours: 48,
          repoRoot: repo,
          now: NOW,
          store: () => memoryStore(staging(['h'])),
        },
        githubPromotionHost('ghs_token', { owner: 'acme', repo: 'detections' }),
      ),
    ).rejects.toThrow(/the edited rules fail their fixtures/);
    expect(github.gitCommits).toHaveLength(commits);
    expect(github.openPulls).toHaveLength(pulls);
    expect(github.refs.has('streamalert/promote-staged-rules')).toBe(commits > 0);
  }, 300_000);
});

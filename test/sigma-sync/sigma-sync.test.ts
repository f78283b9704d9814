/**
 * `sigma-sync` as a user runs it (the CLI as a process; GitHub played by a local server):
 * the first sync opens one pull request bringing the upstream rules that can run here; the
 * next keeps a local edit while taking upstream's, removes what upstream removed and updates
 * the same pull request; a conflicting edit keeps the local version and is listed; a local
 * run without --repo writes into the checkout.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-runner.js';
import { REPO_ROOT, tempDir } from '../support/conf.js';
import { FakeGitHub } from '../support/github-server.js';
import { githubTarball, type TarEntry } from '../support/tarball.js';

const UPSTREAM = 'acme/sigma-rules';
const sha = (n: number) => n.toString(16).padStart(40, 'a');

const rule = (title: string, event: string, level = 'medium') => `title: ${title}
id: 6a1f0e0e-0000-4000-8000-00000000000${title.length % 10}
status: test
description: ${title}, written for the sigma-sync test
level: ${level}
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventName: ${event}
  condition: selection
`;

const LOGIN = rule('Console login from a new place', 'ConsoleLogin');
const TRAIL = rule('Trail deleted', 'DeleteTrail', 'high');

describe('command sigma-sync', () => {
  const github = new FakeGitHub();
  const repo = tempDir('sigma-sync');
  const tarballs = new Map<string, Buffer>();
  const refs = new Map<string, string>();
  const publish = (ref: string, n: number, entries: TarEntry[]) => {
    refs.set(ref, sha(n));
    tarballs.set(sha(n), githubTarball(`acme-sigma-rules-${sha(n).slice(0, 7)}`, entries, sha(n)));
  };
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: repo,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@t',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@t',
      },
    });
  const sync = (ref: string, pr = true) =>
    runCli(
      [
        'sigma-sync',
        '--sigma-repository',
        UPSTREAM,
        '--sigma-ref',
        ref,
        '--sigma-folders',
        'rules/cloud',
        ...(pr ? ['--repo', 'acme/detections'] : []),
      ],
      repo,
      { env: { GITHUB_TOKEN: 'ghs_sigmasynctoken', GITHUB_API_URL: github.url } },
    );
  /** Merges the sync pull request: its last commit's files into the checkout. */
  const merge = () => {
    const last = github.gitCommits.at(-1)!;
    for (const [file, content] of Object.entries(last.files)) {
      const target = path.join(repo, file);
      if (content === null) rmSync(target);
      else {
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, content);
      }
    }
    git('add', '-A');
    git('commit', '-qm', 'merge sync');
  };
  const synced = (p: string) => path.join(repo, 'rules', 'sigma', p);

  beforeAll(async () => {
    await github.start();
    github.upstreams.set(UPSTREAM, { refs, tarballs });
    for (const dir of ['conf', 'rules', 'tests'])
      cpSync(path.join(REPO_ROOT, 'examples', 'production', dir), path.join(repo, dir), {
        recursive: true,
      });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-qm', 'detections');
  });
  afterAll(async () => {
    await github.stop();
    rmSync(repo, { recursive: true, force: true });
  });

  it('opens one pull request with the upstream rules that can run here, listing the others', async () => {
    publish('v1', 1, [
      { path: 'rules/cloud/aws/login_new_place.yml', content: LOGIN },
      { path: 'rules/cloud/aws/trail_deleted.yml', content: TRAIL },
      // Cannot run here: an unknown modifier, and a name a local rule has.
      {
        path: 'rules/cloud/aws/odd_modifier.yml',
        content: TRAIL.replace('eventName:', 'eventName|sideways:'),
      },
      { path: 'rules/cloud/aws/cloudtrail_stopped.yml', content: TRAIL },
      { path: 'rules/cloud/aws/linked.yml', type: '2', link: '/etc/passwd' },
      { path: 'rules/windows/process.yml', content: LOGIN },
    ]);
    const run = await sync('v1');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(github.openPulls).toHaveLength(1);
    const pr = github.openPulls[0]!;
    expect(pr.head).toBe('streamalert/sigma-sync');
    expect(pr.title).toBe('Sigma rules from acme/sigma-rules@v1');
    const files = github.gitCommits.at(-1)!.files;
    expect(Object.keys(files).sort()).toEqual([
      'rules/sigma/cloud/aws/login_new_place.yml',
      'rules/sigma/cloud/aws/trail_deleted.yml',
      'rules/sigma/sigma-sync.json',
    ]);
    expect(files['rules/sigma/cloud/aws/login_new_place.yml']).toBe(LOGIN);
    expect(JSON.parse(files['rules/sigma/sigma-sync.json']!)).toEqual({
      repository: UPSTREAM,
      ref: 'v1',
      commit: sha(1),
      folders: ['rules/cloud'],
      files: {
        'rules/cloud/aws/login_new_place.yml': sha(1),
        'rules/cloud/aws/trail_deleted.yml': sha(1),
      },
    });
    expect(pr.body).toContain('### Added (2)');
    expect(pr.body).toMatch(/### Not brought: new upstream rules that cannot run here \(2\)/);
    expect(pr.body).toContain(
      '- `rules/sigma/cloud/aws/odd_modifier.yml`: `line 11, column 5: eventName: unsupported modifier "sideways"',
    );
    expect(pr.body).toContain('sideways');
    expect(pr.body).toContain(
      'rule name cloudtrail_stopped is taken by cloudtrail_stopped.ts of the rules folder',
    );
    expect(pr.body).toContain('1 archive entry was refused');
    expect(pr.body).not.toContain('ghs_sigmasynctoken');
    expect(run.stdout).toContain(
      '2 added, 0 updated, 0 merged, 0 removed, 0 conflict(s), 0 held, 2 not brought',
    );
  });

  it('keeps a local edit, takes upstream changes and removals, and updates the same pull request', async () => {
    merge();
    // A local edit: the login rule is more severe here.
    writeFileSync(
      synced('cloud/aws/login_new_place.yml'),
      LOGIN.replace('level: medium', 'level: high'),
    );
    git('commit', '-qam', 'ours');
    const login2 = LOGIN.replace(
      '    eventName: ConsoleLogin',
      '    eventName: ConsoleLogin\n    eventSource: signin.amazonaws.com',
    );
    const added = rule('Access key created', 'CreateAccessKey');
    publish('v2', 2, [
      { path: 'rules/cloud/aws/login_new_place.yml', content: login2 },
      { path: 'rules/cloud/aws/key_created.yml', content: added },
    ]);
    const run = await sync('v2');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(github.openPulls).toHaveLength(1);
    expect(github.openPulls[0]!.title).toBe('Sigma rules from acme/sigma-rules@v2');
    const files = github.gitCommits.at(-1)!.files;
    expect(files['rules/sigma/cloud/aws/login_new_place.yml']).toBe(
      login2.replace('level: medium', 'level: high'),
    );
    expect(files['rules/sigma/cloud/aws/trail_deleted.yml']).toBeNull();
    expect(files['rules/sigma/cloud/aws/key_created.yml']).toBe(added);
    expect(github.openPulls[0]!.body).toContain('### Merged with the local edits (1)');
    expect(github.openPulls[0]!.body).toContain('### Removed upstream (1)');
    expect(github.openPulls[0]!.body).toContain('last sync `v1`');
    merge();
    expect(existsSync(synced('cloud/aws/trail_deleted.yml'))).toBe(false);
    // What was merged is a valid rule set.
    const validate = await runCli(['validate'], repo);
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
  });

  it('keeps a conflicting local edit and lists it; a local run writes into the checkout', async () => {
    writeFileSync(
      synced('cloud/aws/key_created.yml'),
      readFileSync(synced('cloud/aws/key_created.yml'), 'utf8').replace(
        'level: medium',
        'level: low',
      ),
    );
    const ours = readFileSync(synced('cloud/aws/key_created.yml'), 'utf8');
    const login3 = readFileSync(synced('cloud/aws/login_new_place.yml'), 'utf8').replace(
      'status: test',
      'status: stable',
    );
    publish('v3', 3, [
      {
        path: 'rules/cloud/aws/login_new_place.yml',
        content: login3.replace('level: high', 'level: medium'),
      },
      {
        path: 'rules/cloud/aws/key_created.yml',
        content: rule('Access key created', 'CreateAccessKey', 'critical'),
      },
    ]);
    const run = await sync('v3', false);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'conflict: sigma/cloud/aws/key_created.yml: both sides changed line 5 of the last synced version',
    );
    expect(readFileSync(synced('cloud/aws/key_created.yml'), 'utf8')).toBe(ours);
    // The local level edit survives upstream's status change.
    expect(readFileSync(synced('cloud/aws/login_new_place.yml'), 'utf8')).toBe(login3);
    const lock = JSON.parse(readFileSync(synced('sigma-sync.json'), 'utf8'));
    expect(lock.commit).toBe(sha(3));
    // The conflicting file's base stays the version it was synced from.
    expect(lock.files['rules/cloud/aws/key_created.yml']).toBe(sha(2));
    expect(lock.files['rules/cloud/aws/login_new_place.yml']).toBe(sha(3));
    expect(github.openPulls).toHaveLength(1);
  });
});

/** The action's inputs and event, read into settings (no process, no GitHub). */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventInfo } from '../../src/action/event.js';
import { engineOptions } from '../../src/action/run.js';
import { readSettings } from '../../src/action/settings.js';

const inputs =
  (values: Record<string, string>) =>
  (name: string): string =>
    values[name] ?? '';

describe('readSettings', () => {
  it('gives the documented defaults when no input is set', () => {
    expect(readSettings(inputs({}))).toEqual({
      command: 'auto',
      workingDirectory: '.',
      configDir: 'conf',
      rulesDir: 'rules',
      fixturesDir: 'tests/rules',
      outDir: 'terraform',
      buildDir: 'build',
      clusters: [],
      parallelism: availableParallelism(),
      githubToken: '',
      terraformBinary: 'terraform',
      backendConfig: [],
      maskPatterns: [],
      failOn: 'none',
      quietThreshold: 0,
      promoteAfterHours: 48,
      backtest: { enabled: true, hours: 6, maxMb: 50 },
      planAll: false,
      classifyOnly: false,
      sigma: { repository: 'SigmaHQ/sigma', ref: '', folders: ['rules/cloud'] },
    });
  });

  it('reads plan-all as true or false, naming a bad value', () => {
    expect(readSettings(inputs({ 'plan-all': 'true' })).planAll).toBe(true);
    expect(() => readSettings(inputs({ 'plan-all': 'all' }))).toThrow(
      'input plan-all: "all" is not true or false',
    );
  });

  it('reads the backtest inputs and names a bad one', () => {
    expect(
      readSettings(inputs({ backtest: 'False', 'backtest-hours': '0.5', 'backtest-max-mb': '5' }))
        .backtest,
    ).toEqual({ enabled: false, hours: 0.5, maxMb: 5 });
    expect(() => readSettings(inputs({ backtest: 'yes' }))).toThrow(
      'input backtest: "yes" is not true or false',
    );
    expect(() => readSettings(inputs({ 'backtest-hours': '0' }))).toThrow(
      'input backtest-hours: "0" is not a number above 0 and at most 168',
    );
    expect(() => readSettings(inputs({ 'backtest-max-mb': '2000' }))).toThrow(
      'input backtest-max-mb: "2000" is not a number above 0 and at most 1024',
    );
  });

  it('reads every input', () => {
    const s = readSettings(
      inputs({
        command: 'plan',
        'working-directory': 'infra',
        'config-dir': 'c',
        'rules-dir': 'r',
        'fixtures-dir': 'f',
        'out-dir': 'o',
        'build-dir': 'b',
        clusters: 'production, pci\nglobal',
        parallelism: '3',
        'github-token': 'ghs_x',
        'terraform-binary': 'tofu',
        'backend-config': '# the state\nbucket=acme-state\n\n  role_arn=arn:aws:iam::1:role/tf  \n',
        'mask-patterns': '\n  acct-\\d+\n',
        'aws-endpoint': 'http://127.0.0.1:4566//',
        'quiet-threshold': ' 5 ',
        'promote-after-hours': '72',
      }),
    );
    expect(s).toMatchObject({
      command: 'plan',
      workingDirectory: 'infra',
      configDir: 'c',
      rulesDir: 'r',
      fixturesDir: 'f',
      outDir: 'o',
      buildDir: 'b',
      clusters: ['production', 'pci', 'global'],
      parallelism: 3,
      githubToken: 'ghs_x',
      terraformBinary: 'tofu',
      backendConfig: ['bucket=acme-state', 'role_arn=arn:aws:iam::1:role/tf'],
      awsEndpoint: 'http://127.0.0.1:4566',
      quietThreshold: 5,
      promoteAfterHours: 72,
    });
    expect(s.maskPatterns.map((p) => p.source)).toEqual(['acct-\\d+']);
  });

  it('names the input in every error, and never echoes a backend-config value', () => {
    const bad = (values: Record<string, string>) => () => readSettings(inputs(values));
    expect(bad({ command: 'destroy' })).toThrow(
      'input command: "destroy" is not one of auto, validate, render, build, test, plan, apply, drift, roots, comment, promote, sigma-sync, backtest',
    );
    expect(bad({ parallelism: '0' })).toThrow('input parallelism: "0" is not a whole number >= 1');
    expect(bad({ parallelism: '2.5' })).toThrow('input parallelism: "2.5"');
    expect(bad({ 'quiet-threshold': '-1' })).toThrow(
      'input quiet-threshold: "-1" is not a whole number >= 0',
    );
    expect(bad({ 'promote-after-hours': 'two days' })).toThrow(
      'input promote-after-hours: "two days" is not a whole number >= 0',
    );
    expect(bad({ 'aws-endpoint': 'localhost:4566' })).toThrow(
      'input aws-endpoint: "localhost:4566" must be an http or https URL',
    );
    expect(bad({ 'aws-endpoint': 'http//x' })).toThrow(
      'input aws-endpoint: "http//x" is not a URL',
    );
    // The endpoint is written into each root's shared config file: a line break (which the
    // URL parser would drop) must not add a setting such as credential_process.
    expect(
      bad({ 'aws-endpoint': 'http://127.0.0.1:4566/\ncredential_process = /bin/sh -c id' }),
    ).toThrow('holds a space, control character');
    expect(bad({ 'aws-endpoint': 'http://127.0.0.1:4566/#x' })).toThrow('one of # ;');
    expect(bad({ 'mask-patterns': 'ok\n(' })).toThrow(
      /^mask-patterns line 2: not a valid regular expression/,
    );
    let message = '';
    try {
      readSettings(inputs({ 'backend-config': 'bucket=x\nsecret_key hunter2' }));
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe(
      'input backend-config #2: "secret_key hunter2…" is not key=value (e.g. bucket=my-state-bucket)',
    );
  });
});

describe('eventInfo', () => {
  const pr = { number: 12, head: { sha: 'headsha' } };
  const repository = { default_branch: 'main' };

  it('plans a pull request for its head commit', () => {
    expect(
      eventInfo('auto', {
        eventName: 'pull_request',
        sha: 'mergesha',
        ref: 'refs/pull/12/merge',
        payload: { pull_request: pr, repository },
      }),
    ).toEqual({ mode: 'plan', pullRequest: 12, commit: 'headsha' });
  });

  it("reads a pull request's labels; the plan-all one plans every root", () => {
    const labelled = {
      ...pr,
      labels: [{ name: 'streamalert:plan-all' }, { name: 7 }, null, { name: 'docs' }],
    };
    const event = eventInfo('auto', {
      eventName: 'pull_request',
      sha: 'mergesha',
      ref: 'refs/pull/12/merge',
      payload: { pull_request: labelled, repository },
    });
    expect(event.labels).toEqual(['streamalert:plan-all', 'docs']);
    process.env.GITHUB_REPOSITORY ??= 'acme/detections'; // engineOptions builds the run's URL
    expect(engineOptions(readSettings(inputs({})), event).planAll).toBe(true);
    expect(
      engineOptions(readSettings(inputs({})), { ...event, labels: ['docs'] }).planAll,
    ).toBeUndefined();
    expect(
      engineOptions(readSettings(inputs({ 'plan-all': 'true' })), { ...event, labels: [] }).planAll,
    ).toBe(true);
  });

  it("takes a pull request's base commit for the backtest", () => {
    expect(
      eventInfo('auto', {
        eventName: 'pull_request',
        sha: 'mergesha',
        ref: 'refs/pull/12/merge',
        payload: { pull_request: { ...pr, base: { sha: 'basesha' } }, repository },
      }),
    ).toEqual({ mode: 'plan', pullRequest: 12, commit: 'headsha', base: 'basesha' });
  });

  it('applies a push to the default branch, and only that push', () => {
    const push = (ref: string) =>
      eventInfo('auto', { eventName: 'push', sha: 'pushed', ref, payload: { repository } });
    expect(push('refs/heads/main')).toEqual({ mode: 'apply', commit: 'pushed' });
    expect(push('refs/heads/feature')).toEqual({ mode: 'plan', commit: 'pushed' });
    expect(
      eventInfo('auto', {
        eventName: 'workflow_dispatch',
        sha: 's',
        ref: 'refs/heads/main',
        payload: { repository },
      }),
    ).toEqual({ mode: 'plan', commit: 's' });
  });

  it('takes another command as given, keeping the pull request to comment on', () => {
    expect(
      eventInfo('validate', {
        eventName: 'pull_request',
        sha: 'm',
        ref: 'r',
        payload: { pull_request: pr },
      }),
    ).toEqual({ mode: 'validate', pullRequest: 12, commit: 'headsha' });
  });

  it('looks for drift on a schedule', () => {
    expect(
      eventInfo('auto', {
        eventName: 'schedule',
        sha: 'head',
        ref: 'refs/heads/main',
        payload: { repository },
      }),
    ).toEqual({ mode: 'drift', commit: 'head' });
  });

  it('checks a merge queue commit against the pull request named in the queue branch', () => {
    const group = (head_ref: string) =>
      eventInfo('auto', {
        eventName: 'merge_group',
        sha: 'queued',
        ref: head_ref,
        payload: {
          merge_group: {
            head_sha: 'queued',
            head_ref,
            base_sha: 'base',
            base_ref: 'refs/heads/main',
          },
          repository,
        },
      });
    expect(group('refs/heads/gh-readonly-queue/main/pr-7-0123abcd')).toEqual({
      mode: 'verify-queue',
      pullRequest: 7,
      commit: 'queued',
    });
    // A branch that names no pull request: the command says so (no pull request to check against).
    expect(group('refs/heads/gh-readonly-queue/main/other')).toEqual({
      mode: 'verify-queue',
      commit: 'queued',
    });
  });

  it('applies on workflow_dispatch with command apply (the recovery re-run), for the branch head', () => {
    expect(
      eventInfo('apply', {
        eventName: 'workflow_dispatch',
        sha: 'head-of-main',
        ref: 'refs/heads/main',
        payload: { repository },
      }),
    ).toEqual({ mode: 'apply', commit: 'head-of-main' });
  });
});

describe('readSettings: the matrix inputs', () => {
  it('reads parts-dir and matrix-jobs, and needs parts-dir for command comment', () => {
    expect(
      readSettings(inputs({ command: 'roots', 'matrix-jobs': '4', 'parts-dir': 'parts' })),
    ).toMatchObject({ command: 'roots', matrixJobs: 4, partsDir: 'parts' });
    expect(readSettings(inputs({ command: 'comment', 'parts-dir': 'parts' })).command).toBe(
      'comment',
    );
    expect(() => readSettings(inputs({ command: 'comment' }))).toThrow(
      /^input parts-dir: command comment merges the report parts found there/,
    );
    expect(() => readSettings(inputs({ 'matrix-jobs': '300' }))).toThrow(
      'input matrix-jobs: "300" is not a whole number from 1 to 256',
    );
  });
});

describe('path inputs', () => {
  const event = eventInfo('comment', {
    eventName: 'pull_request',
    sha: 'c'.repeat(40),
    ref: 'refs/pull/7/merge',
    payload: { pull_request: { number: 7, head: { sha: 'a'.repeat(40) } } },
  });

  it('honours absolute paths and puts relative ones under working-directory', () => {
    process.env.GITHUB_REPOSITORY ??= 'acme/detections';
    const options = engineOptions(
      readSettings(
        inputs({
          command: 'comment',
          'working-directory': 'detections',
          'parts-dir': '/tmp/plan-parts',
          'config-dir': '/etc/streamalert/conf',
          'out-dir': '../terraform',
        }),
      ),
      event,
    );
    expect(options).toMatchObject({
      partsDir: '/tmp/plan-parts',
      configDir: '/etc/streamalert/conf',
      rulesDir: path.join('detections', 'rules'),
      outDir: 'terraform',
    });
  });
});

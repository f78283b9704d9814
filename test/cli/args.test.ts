/** The CLI's flags, read into the engine's options with the action's rules (no process). */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/args.js';

const run = (argv: string[]) => {
  const r = parseCliArgs(argv);
  if (r.kind !== 'run') throw new Error('expected a command');
  return r;
};

describe('parseCliArgs', () => {
  it('gives the documented defaults', () => {
    expect(run(['plan'])).toEqual({
      kind: 'run',
      command: 'plan',
      options: {
        configDir: 'conf',
        rulesDir: 'rules',
        fixturesDir: path.join('tests', 'rules'),
        outDir: 'terraform',
        buildDir: 'build',
        bootstrap: false,
        clusters: [],
        parallelism: availableParallelism(),
        terraformBinary: 'terraform',
        backendConfig: [],
        maskPatterns: [],
        failOn: 'none',
        // As the action: a missing state bucket makes the plan the first deployment.
        manageState: true,
      },
      // The action's defaults (src/registry/inputs.ts); --base is the CLI's own.
      settings: {
        quietThreshold: 0,
        promoteAfterHours: 48,
        sigma: { repository: 'SigmaHQ/sigma', ref: '', folders: ['rules/cloud'] },
        backtestHours: 6,
        backtestMaxMb: 50,
        base: 'HEAD',
      },
    });
  });

  it('reads every flag', () => {
    const { options } = run([
      'render',
      '--config-dir=c',
      '--out-dir',
      'o',
      '--build-dir',
      'b',
      '--aws-endpoint',
      'https://localstack:4566/',
      '--bootstrap',
      '--clusters',
      'production,pci global',
      '--parallelism',
      '4',
      '--backend-config',
      'bucket=s',
      '--backend-config',
      'region=us-east-1',
      '--terraform-binary',
      'tofu',
      '--mask-pattern',
      'a+',
    ]);
    expect(options).toMatchObject({
      configDir: 'c',
      outDir: 'o',
      buildDir: 'b',
      awsEndpoint: 'https://localstack:4566',
      bootstrap: true,
      clusters: ['production', 'pci', 'global'],
      parallelism: 4,
      backendConfig: ['bucket=s', 'region=us-east-1'],
      terraformBinary: 'tofu',
    });
    expect(options.maskPatterns.map((p) => p.source)).toEqual(['a+']);
  });

  it('reads --plan-all as a switch', () => {
    expect(run(['plan', '--plan-all']).options.planAll).toBe(true);
    expect(run(['plan']).options.planAll).toBeUndefined();
  });

  it('takes build --out-dir as the zips folder', () => {
    expect(run(['build', '--out-dir', 'zips']).options).toMatchObject({
      buildDir: 'zips',
      outDir: 'terraform',
    });
    expect(run(['plan', '--out-dir', 'tf']).options).toMatchObject({
      buildDir: 'build',
      outDir: 'tf',
    });
  });

  it("reads the new commands' flags with the action's rules", () => {
    expect(
      run(['promote', '--quiet-threshold', '2', '--promote-after-hours', '24', '--repo', 'a/b'])
        .settings,
    ).toMatchObject({ quietThreshold: 2, promoteAfterHours: 24, repo: 'a/b' });
    expect(run(['roots', '--matrix-jobs', '3']).settings.matrixJobs).toBe(3);
    expect(run(['comment', '--parts-dir', 'p']).options.partsDir).toBe('p');
    expect(run(['backtest', '--base', 'main', '--backtest-hours', '1.5']).settings).toMatchObject({
      base: 'main',
      backtestHours: 1.5,
    });
    const bad = (argv: string[]) => () => parseCliArgs(argv);
    expect(bad(['promote', '--quiet-threshold=-1'])).toThrow(
      '--quiet-threshold: "-1" is not a whole number >= 0',
    );
    expect(bad(['backtest', '--backtest-hours', '500'])).toThrow(
      '--backtest-hours: "500" is not a number above 0 and at most 168',
    );
    expect(bad(['roots', '--matrix-jobs', '0'])).toThrow(
      '--matrix-jobs: "0" is not a whole number from 1 to 256',
    );
    expect(bad(['promote', '--repo', 'acme'])).toThrow('--repo: "acme" is not owner/name');
  });

  it('splits clusters the way the action does (commas and whitespace, each once)', () => {
    expect(run(['plan', '--clusters', ' a,,b\nc a ']).options.clusters).toEqual(['a', 'b', 'c']);
  });

  it('answers help, and names the flag in every error', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['plan', '-h'])).toEqual({ kind: 'help' });
    const bad = (argv: string[]) => () => parseCliArgs(argv);
    expect(bad([])).toThrow('no command given');
    expect(bad(['frobnicate'])).toThrow('unknown command "frobnicate"');
    expect(bad(['plan', 'extra'])).toThrow('unexpected argument "extra" after plan');
    expect(bad(['plan', '--nope'])).toThrow(/--nope/);
    expect(bad(['render', '--aws-endpoint', 'localhost:4566'])).toThrow(
      '--aws-endpoint: "localhost:4566" must be an http or https URL',
    );
    expect(bad(['plan', '--parallelism', 'many'])).toThrow(
      '--parallelism: "many" is not a whole number >= 1',
    );
    expect(bad(['plan', '--backend-config', 'bucket'])).toThrow(
      '--backend-config #1: "bucket…" is not key=value',
    );
    expect(bad(['plan', '--mask-pattern', 'x', '--mask-pattern', '.*'])).toThrow(
      '--mask-pattern #2: the pattern matches the empty string',
    );
  });
});

/**
 * One command registry (issue 22): both doors offer the same commands with the same
 * defaults, and every file generated from the registry (action.yml, the sub-actions, the
 * CLI usage) is what the registry says. A stale file fails naming `npm run docs`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../src/action/settings.js';
import { parseCliArgs } from '../../src/cli/args.js';
import { USAGE } from '../../src/cli/usage.js';
import { readActionMetadata } from '../../src/docs/action-yml.js';
import { ACTION_FILES, jobActionYml } from '../../src/docs/action-files.js';
import { COMMANDS, commandsOf, inputsOf, type CommandName } from '../../src/registry/commands.js';
import { ACTION_INPUTS, CLI_INPUTS, flagOf, INPUTS } from '../../src/registry/inputs.js';
import { JOBS, MAX_JOB_INPUTS } from '../../src/registry/jobs.js';
import { OUTPUTS } from '../../src/registry/outputs.js';
import { RUNNERS } from '../../src/registry/run.js';
import { REPO_ROOT } from '../support/conf.js';

const read = (file: string): string => readFileSync(path.join(REPO_ROOT, file), 'utf8');

describe('the command registry', () => {
  it('gives every command both doors, except the CLI-only init, migrate and demo', () => {
    const names = (door: 'action' | 'cli') => commandsOf(door).map((c) => c.name);
    expect(names('cli')).toEqual(COMMANDS.map((c) => c.name));
    expect(names('action')).toEqual(
      COMMANDS.map((c) => c.name).filter((n) => n !== 'init' && n !== 'migrate' && n !== 'demo'),
    );
    // Each command the action offers runs through one runner, shared with the CLI.
    expect(Object.keys(RUNNERS).sort()).toEqual([...names('action')].sort());
  });

  it('names only inputs and outputs it defines, each once', () => {
    const inputs = INPUTS.map((i) => i.name);
    expect(new Set(inputs).size).toBe(inputs.length);
    expect(new Set(OUTPUTS.map((o) => o.name)).size).toBe(OUTPUTS.length);
    for (const c of COMMANDS) {
      for (const i of c.inputs) expect(inputs, `${c.name} reads ${i}`).toContain(i);
      for (const o of c.outputs)
        expect(
          OUTPUTS.map((x) => x.name),
          `${c.name} sets ${o}`,
        ).toContain(o);
    }
    // An input no command of its door reads is an input nobody can use.
    for (const door of ['action', 'cli'] as const) {
      const read = new Set(
        commandsOf(door).flatMap((c) => inputsOf(c.name as CommandName, door) as string[]),
      );
      for (const i of door === 'action' ? ACTION_INPUTS : CLI_INPUTS)
        expect(read, `${door}: ${i.name}`).toContain(i.name);
    }
  });

  it('gives both doors the same defaults', () => {
    const action = readSettings(() => '');
    const cli = parseCliArgs(['plan']);
    if (cli.kind !== 'run') throw new Error('expected a command');
    const { options, settings } = cli;
    expect({
      configDir: options.configDir,
      rulesDir: options.rulesDir,
      fixturesDir: options.fixturesDir,
      outDir: options.outDir,
      buildDir: options.buildDir,
      clusters: options.clusters,
      parallelism: options.parallelism,
      terraformBinary: options.terraformBinary,
      backendConfig: options.backendConfig,
      failOn: options.failOn,
      quietThreshold: settings.quietThreshold,
      promoteAfterHours: settings.promoteAfterHours,
      backtestHours: settings.backtestHours,
      backtestMaxMb: settings.backtestMaxMb,
    }).toEqual({
      configDir: action.configDir,
      rulesDir: action.rulesDir,
      fixturesDir: action.fixturesDir,
      outDir: action.outDir,
      buildDir: action.buildDir,
      clusters: action.clusters,
      parallelism: action.parallelism,
      terraformBinary: action.terraformBinary,
      backendConfig: action.backendConfig,
      failOn: action.failOn,
      quietThreshold: action.quietThreshold,
      promoteAfterHours: action.promoteAfterHours,
      backtestHours: action.backtest.hours,
      backtestMaxMb: action.backtest.maxMb,
    });
    expect(action.command).toBe('auto');
  });

  it('accepts every command of its door, in the action and in the CLI', () => {
    for (const c of commandsOf('action')) {
      const inputs: Record<string, string> = { command: c.name, 'parts-dir': 'parts' };
      expect(readSettings((n) => inputs[n] ?? '').command).toBe(c.name);
    }
    // migrate takes its two folders; without them it is a usage error, not help.
    for (const c of commandsOf('cli'))
      expect(parseCliArgs(c.name === 'migrate' ? [c.name, 'sa', 'new'] : [c.name]).kind).not.toBe(
        'help',
      );
  });

  it('lists every CLI command and flag in the usage text', () => {
    for (const c of commandsOf('cli')) expect(USAGE).toMatch(new RegExp(`^  ${c.name}\\b`, 'm'));
    for (const i of CLI_INPUTS) expect(USAGE).toContain(`  --${flagOf(i)}`);
  });
});

describe('action.yml', () => {
  const { inputs, outputs } = readActionMetadata(read('action.yml'));

  it('has every input and output of the registry, with its default', () => {
    expect(inputs.map((i) => [i.name, i.default])).toEqual(
      ACTION_INPUTS.map((i) => [i.name, i.default]),
    );
    expect(outputs.map((o) => o.name)).toEqual(OUTPUTS.map((o) => o.name));
  });

  it('keeps the inputs existing workflows use, with their defaults', () => {
    // The contract of `uses: org/streamalert-action@v1` before the registry (issue 22).
    expect(Object.fromEntries(inputs.map((i) => [i.name, i.default]))).toMatchObject({
      command: 'auto',
      'config-dir': 'conf',
      'rules-dir': 'rules',
      'fixtures-dir': 'tests/rules',
      'working-directory': '.',
      'out-dir': 'terraform',
      'build-dir': 'build',
      clusters: '',
      parallelism: '',
      'fail-on': 'none',
      backtest: 'true',
      'backtest-hours': '6',
      'backtest-max-mb': '50',
      'github-token': '${{ github.token }}',
      'terraform-binary': 'terraform',
      'backend-config': '',
      'mask-patterns': '',
      'aws-endpoint': '',
      'parts-dir': '',
      'matrix-jobs': '',
      'quiet-threshold': '0',
      'promote-after-hours': '48',
    });
  });
});

describe.each(ACTION_FILES.map((f) => f.path))('%s', (file) => {
  it('is what the registry generates', () => {
    const generated = ACTION_FILES.find((f) => f.path === file)!.render();
    expect(
      existsSync(path.join(REPO_ROOT, file)) && read(file) === generated,
      `${file} is out of date: run \`npm run docs\` and commit ${file}`,
    ).toBe(true);
  });
});

describe.each(JOBS)('the $name sub-action', (job) => {
  const file = `${job.name}/action.yml`;
  const { inputs } = readActionMetadata(read(file));

  it(`offers at most ${MAX_JOB_INPUTS} inputs, each one the registry's and read by its commands`, () => {
    expect(inputs.length).toBeLessThanOrEqual(MAX_JOB_INPUTS);
    const readByJob = new Set(
      job.commands.flatMap((c) =>
        c === 'auto'
          ? [...inputsOf('plan', 'action'), ...inputsOf('apply', 'action')]
          : [...inputsOf(c, 'action')],
      ),
    );
    for (const i of inputs) {
      expect(
        ACTION_INPUTS.map((x) => x.name),
        i.name,
      ).toContain(i.name);
      expect(readByJob, `${job.name} lists ${i.name}`).toContain(i.name);
    }
    expect(inputs[0]).toMatchObject({ name: 'command', default: job.commands[0] });
  });

  it('runs the root action: its main, resolved from its folder, is dist/index.js', () => {
    const main = /^ {2}main: (.+)$/m.exec(read(file))![1]!;
    expect(path.posix.join(job.name, main)).toBe('dist/index.js');
    expect(jobActionYml(job)).toContain('using: node24');
  });
});

/**
 * The CLI's flags, read into the engine's options with the parsing rules the action uses
 * too (src/commands/inputs.ts). The commands, flags and defaults are the registry's
 * (src/registry): the same as the action's inputs. Pure: no I/O, so every rule is unit-tested.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  InputError,
  parseAwsEndpoint,
  parseBackendConfig,
  parseBoundedNumber,
  parseClusters,
  parseCount,
  parseList,
  parseFailOn,
  parseMaskPatterns,
  parseMatrixJobs,
  parseParallelism,
} from '../door-kit/inputs.js';
import type { EngineOptions } from '../door-kit/options.js';
import { commandsOf, type CommandName } from '../registry/commands.js';
import { CLI_INPUTS, flagOf, inputDef, type InputName } from '../registry/inputs.js';
import type { CommandSettings } from '../registry/run.js';

export const CLI_COMMANDS: readonly CommandName[] = commandsOf('cli').map(
  (c) => c.name as CommandName,
);
/** The commands that run the engine on a repository's configuration (`init` and `migrate` write a new one). */
export type CliCommand = Exclude<CommandName, 'init' | 'migrate'>;

/** The engine options without what main adds at run time (the mask and the git commit). */
export type CliOptions = Omit<EngineOptions, 'mask' | 'commit'> & { maskPatterns: RegExp[] };

/** The command settings without what main adds (the folder it runs in). */
export type CliSettings = Omit<CommandSettings, 'repoRoot'> & {
  /** `owner/name`: GitHub writes (drift issue, promotion pull request) go there, with a token. */
  repo?: string;
};

export type CliRequest =
  | { kind: 'help' }
  | { kind: 'init'; folder: string; force: boolean }
  | { kind: 'migrate'; checkout: string; folder: string }
  | { kind: 'run'; command: CliCommand; options: CliOptions; settings: CliSettings };

/** The parseArgs options of the registry's CLI flags, with their defaults. */
function flagOptions(): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = {
    help: { type: 'boolean', short: 'h', default: false },
  };
  for (const i of CLI_INPUTS) {
    const def = i.cli?.default ?? i.default;
    // A boolean input (true/false in the action) is a switch in the CLI.
    if (i.kind === 'flag' || i.kind === 'boolean')
      options[flagOf(i)] = { type: 'boolean', default: def === 'true' };
    else if (i.kind === 'lines')
      options[flagOf(i)] = { type: 'string', multiple: true, default: [] };
    // No default for an empty one (the reader decides), nor for out-dir and build-dir (build
    // takes --out-dir as its build-dir).
    else if (def === '' || i.name === 'out-dir' || i.name === 'build-dir')
      options[flagOf(i)] = { type: 'string' };
    else options[flagOf(i)] = { type: 'string', default: def };
  }
  return options;
}

/** A flag's registry default (what the action's input defaults to). */
const defaultOf = (name: InputName): string => inputDef(name).default;

/** Throws InputError on anything unusable (unknown flag or command, bad value). */
export function parseCliArgs(argv: readonly string[]): CliRequest {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: flagOptions() });
  } catch (err) {
    throw new InputError((err as Error).message);
  }
  const { positionals } = parsed;
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const str = (name: string): string | undefined => values[name] as string | undefined;
  if (values.help) return { kind: 'help' };
  const command = positionals[0];
  if (command === undefined) throw new InputError('no command given');
  if (!(CLI_COMMANDS as readonly string[]).includes(command))
    throw new InputError(`unknown command "${command}"`);
  if (command === 'init') {
    if (positionals.length > 2)
      throw new InputError(`unexpected argument "${positionals[2]}" after init ${positionals[1]}`);
    return { kind: 'init', folder: positionals[1] ?? '.', force: values.force === true };
  }
  if (values.force) throw new InputError(`--force is for init only, not ${command}`);
  if (command === 'migrate') {
    if (positionals.length !== 3)
      throw new InputError(
        positionals.length < 3
          ? 'migrate needs two folders: the StreamAlert checkout and the new folder (migrate <checkout> <folder>)'
          : `unexpected argument "${positionals[3]}" after migrate ${positionals[1]} ${positionals[2]}`,
      );
    return { kind: 'migrate', checkout: positionals[1]!, folder: positionals[2]! };
  }
  if (positionals.length > 1)
    throw new InputError(`unexpected argument "${positionals[1]}" after ${command}`);
  const awsEndpoint = parseAwsEndpoint(str('aws-endpoint'), '--aws-endpoint');
  // `build --out-dir` names the zips' folder: build writes no Terraform tree.
  const buildDir =
    str('build-dir') ??
    (command === 'build' ? str('out-dir') : undefined) ??
    defaultOf('build-dir');
  const matrixJobs = parseMatrixJobs(str('matrix-jobs'), '--matrix-jobs');
  const partsDir = str('parts-dir');
  const repo = str('repo');
  if (repo !== undefined && !/^[\w.-]+\/[\w.-]+$/.test(repo))
    throw new InputError(`--repo: "${repo}" is not owner/name (e.g. acme/detections)`);
  return {
    kind: 'run',
    command: command as CliCommand,
    options: {
      // `plan` looks at the state bucket as the action does: a missing bucket makes it the
      // first deployment's plan (global creates the bucket), removed clusters are destroys;
      // `apply` looks again, to render as the saved plan did.
      ...(command === 'plan' || command === 'apply' ? { manageState: true } : {}),
      configDir: str('config-dir')!,
      rulesDir: str('rules-dir')!,
      fixturesDir: str('fixtures-dir')!,
      outDir: (command === 'build' ? undefined : str('out-dir')) ?? defaultOf('out-dir'),
      buildDir,
      ...(awsEndpoint ? { awsEndpoint } : {}),
      bootstrap: values.bootstrap === true,
      ...(values['plan-all'] === true ? { planAll: true } : {}),
      ...(values['classify-only'] === true ? { classifyOnly: true } : {}),
      clusters: parseClusters(str('clusters')),
      parallelism: parseParallelism(str('parallelism'), '--parallelism'),
      terraformBinary: str('terraform-binary')!,
      backendConfig: parseBackendConfig(values['backend-config'] as string[], '--backend-config'),
      maskPatterns: parseMaskPatterns(values['mask-pattern'] as string[], '--mask-pattern'),
      failOn: parseFailOn(str('fail-on'), '--fail-on'),
      ...(partsDir ? { partsDir } : {}),
      ...(str('example') !== undefined ? { example: str('example')! } : {}),
    },
    settings: {
      ...(matrixJobs !== undefined ? { matrixJobs } : {}),
      quietThreshold: parseCount(
        str('quiet-threshold'),
        '--quiet-threshold',
        Number(defaultOf('quiet-threshold')),
      ),
      promoteAfterHours: parseCount(
        str('promote-after-hours'),
        '--promote-after-hours',
        Number(defaultOf('promote-after-hours')),
      ),
      backtestHours: parseBoundedNumber(
        str('backtest-hours'),
        '--backtest-hours',
        Number(defaultOf('backtest-hours')),
        168,
      ),
      backtestMaxMb: parseBoundedNumber(
        str('backtest-max-mb'),
        '--backtest-max-mb',
        Number(defaultOf('backtest-max-mb')),
        1024,
      ),
      base: str('base')!,
      sigma: {
        repository: str('sigma-repository')!,
        ref: str('sigma-ref') ?? '',
        folders: parseList(str('sigma-folders')),
      },
      ...(repo !== undefined ? { repo } : {}),
    },
  };
}

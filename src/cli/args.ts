/**
 * The CLI's flags, read into the engine's options with the parsing rules the action uses
 * too (src/commands/inputs.ts). Pure: no I/O, so every rule is unit-tested.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  InputError,
  parseAwsEndpoint,
  parseBackendConfig,
  parseClusters,
  parseFailOn,
  parseMaskPatterns,
  parseParallelism,
} from '../door-kit/inputs.js';
import type { EngineOptions } from '../door-kit/options.js';

export const CLI_COMMANDS = [
  'init',
  'validate',
  'render',
  'build',
  'test',
  'plan',
  'apply',
  'demo',
] as const;
/** The commands that run the engine on a repository's configuration (`init` writes a new one). */
export type CliCommand = Exclude<(typeof CLI_COMMANDS)[number], 'init'>;

/** The engine options without what main adds at run time (the mask and the git commit). */
export type CliOptions = Omit<EngineOptions, 'mask' | 'commit'> & { maskPatterns: RegExp[] };

export type CliRequest =
  | { kind: 'help' }
  | { kind: 'init'; folder: string; force: boolean }
  | { kind: 'run'; command: CliCommand; options: CliOptions };

/** Throws InputError on anything unusable (unknown flag or command, bad value). */
export function parseCliArgs(argv: readonly string[]): CliRequest {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'config-dir': { type: 'string', default: 'conf' },
        'out-dir': { type: 'string' },
        'build-dir': { type: 'string' },
        'aws-endpoint': { type: 'string' },
        'rules-dir': { type: 'string', default: 'rules' },
        'fixtures-dir': { type: 'string', default: path.join('tests', 'rules') },
        bootstrap: { type: 'boolean', default: false },
        clusters: { type: 'string', default: '' },
        parallelism: { type: 'string' },
        'backend-config': { type: 'string', multiple: true, default: [] },
        'terraform-binary': { type: 'string', default: 'terraform' },
        'mask-pattern': { type: 'string', multiple: true, default: [] },
        'fail-on': { type: 'string', default: 'none' },
        force: { type: 'boolean', default: false },
        example: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new InputError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const command = positionals[0];
  if (command === undefined) throw new InputError('no command given');
  if (!(CLI_COMMANDS as readonly string[]).includes(command))
    throw new InputError(`unknown command "${command}"`);
  if (command === 'init') {
    if (positionals.length > 2)
      throw new InputError(`unexpected argument "${positionals[2]}" after init ${positionals[1]}`);
    return { kind: 'init', folder: positionals[1] ?? '.', force: values.force };
  }
  if (values.force) throw new InputError(`--force is for init only, not ${command}`);
  if (positionals.length > 1)
    throw new InputError(`unexpected argument "${positionals[1]}" after ${command}`);
  const awsEndpoint = parseAwsEndpoint(values['aws-endpoint'], '--aws-endpoint');
  // `build --out-dir` names the zips' folder: build writes no Terraform tree.
  const buildDir =
    values['build-dir'] ?? (command === 'build' ? values['out-dir'] : undefined) ?? 'build';
  return {
    kind: 'run',
    command: command as CliCommand,
    options: {
      // `plan` looks at the state bucket as the action does: a missing bucket makes it the
      // first deployment's plan (global creates the bucket), removed clusters are destroys;
      // `apply` looks again, to render as the saved plan did.
      ...(command === 'plan' || command === 'apply' ? { manageState: true } : {}),
      configDir: values['config-dir'],
      rulesDir: values['rules-dir'],
      fixturesDir: values['fixtures-dir'],
      outDir: (command === 'build' ? undefined : values['out-dir']) ?? 'terraform',
      buildDir,
      ...(awsEndpoint ? { awsEndpoint } : {}),
      bootstrap: values.bootstrap,
      clusters: parseClusters(values.clusters),
      parallelism: parseParallelism(values.parallelism, '--parallelism'),
      terraformBinary: values['terraform-binary'],
      backendConfig: parseBackendConfig(values['backend-config'], '--backend-config'),
      maskPatterns: parseMaskPatterns(values['mask-pattern'], '--mask-pattern'),
      failOn: parseFailOn(values['fail-on'], '--fail-on'),
      ...(values.example !== undefined ? { example: values.example } : {}),
    },
  };
}

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
} from '../commands/inputs.js';
import type { EngineOptions } from '../commands/options.js';

export const CLI_COMMANDS = [
  'validate',
  'render',
  'build',
  'test',
  'plan',
  'apply',
  'demo',
] as const;
export type CliCommand = (typeof CLI_COMMANDS)[number];

/** The engine options without what main adds at run time (the mask and the git commit). */
export type CliOptions = Omit<EngineOptions, 'mask' | 'commit'> & { maskPatterns: RegExp[] };

export type CliRequest =
  { kind: 'help' } | { kind: 'run'; command: CliCommand; options: CliOptions };

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

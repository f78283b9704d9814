/**
 * The action's inputs, read once into one typed settings object with the parsing rules
 * the CLI uses too (src/commands/inputs.ts). Errors name the input.
 */
import path from 'node:path';
import * as core from '@actions/core';
import {
  InputError,
  inputLines,
  parseAwsEndpoint,
  parseBackendConfig,
  parseBoolean,
  parseBoundedNumber,
  parseClusters,
  parseMaskPatternLines,
  parseMatrixJobs,
  parseFailOn,
  parseParallelism,
  parseCount,
  parseList,
} from '../door-kit/inputs.js';
import type { FailOn } from '../findings/severity.js';
import { commandsOf } from '../registry/commands.js';
import { inputDefault, type InputName } from '../registry/inputs.js';
import type { SharedCommand } from '../registry/run.js';

/** `auto`, then every command the registry gives the action (src/registry/commands.ts). */
export const COMMANDS: readonly Command[] = [
  'auto',
  ...(commandsOf('action').map((c) => c.name) as SharedCommand[]),
];
export type Command = 'auto' | SharedCommand;

export interface ActionSettings {
  command: Command;
  /** Folder the other paths are relative to (the repository checkout by default). */
  workingDirectory: string;
  configDir: string;
  rulesDir: string;
  /** Rule fixtures (tests/rules/*.json); skipped when the folder does not exist. */
  fixturesDir: string;
  outDir: string;
  buildDir: string;
  /** Roots to plan/apply; empty means all. */
  clusters: string[];
  parallelism: number;
  githubToken: string;
  terraformBinary: string;
  backendConfig: string[];
  maskPatterns: RegExp[];
  awsEndpoint?: string;
  failOn: FailOn;
  /** A matrix plan's folder of report parts (plan writes one, comment merges them all). */
  partsDir?: string;
  /** `command: roots`: matrix jobs to split the roots over, at most. */
  matrixJobs?: number;
  /** `command: promote`: most alerts per day a staged rule may raise and be promoted. */
  quietThreshold: number;
  /** `command: promote`: hours a rule stays staged, at least, before promotion. */
  promoteAfterHours: number;
  /** Backtest changed rules on pull requests (inputs backtest, backtest-hours, backtest-max-mb). */
  backtest: { enabled: boolean; hours: number; maxMb: number };
  /** Plan every root, not only those whose inputs changed since their last apply. */
  planAll: boolean;
  /** `command: test`: check the events' classification only. */
  classifyOnly: boolean;
  /** `command: sigma-sync`: the upstream repository, ref and folders. */
  sigma: { repository: string; ref: string; folders: string[] };
}

/** Reads one input by its action.yml name ('' when not set), as core.getInput does. */
export type InputReader = (name: string) => string;

/**
 * The input as given, else its registry default: what a runner passes when the workflow
 * leaves it out. A default that is an expression (`${{ github.token }}`) is GitHub's to
 * evaluate, never a value.
 */
function withDefaults(input: InputReader): (name: InputName) => string {
  return (name) => {
    const def = inputDefault(name);
    return input(name) || (def.includes('${{') ? '' : def);
  };
}

const numberDefault = (name: InputName): number => Number(inputDefault(name));

export function readSettings(raw: InputReader = (name) => core.getInput(name)): ActionSettings {
  const input = withDefaults(raw);
  const command = input('command');
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new InputError(`input command: "${command}" is not one of ${COMMANDS.join(', ')}`);
  }
  const awsEndpoint = parseAwsEndpoint(input('aws-endpoint'), 'input aws-endpoint');
  return {
    command: command as Command,
    workingDirectory: input('working-directory'),
    configDir: input('config-dir'),
    rulesDir: input('rules-dir'),
    fixturesDir: input('fixtures-dir'),
    outDir: input('out-dir'),
    buildDir: input('build-dir'),
    clusters: parseClusters(input('clusters')),
    parallelism: parseParallelism(input('parallelism'), 'input parallelism'),
    githubToken: input('github-token'),
    terraformBinary: input('terraform-binary'),
    backendConfig: parseBackendConfig(inputLines(input('backend-config')), 'input backend-config'),
    maskPatterns: parseMaskPatternLines(input('mask-patterns'), 'mask-patterns'),
    failOn: parseFailOn(input('fail-on'), 'input fail-on'),
    ...(awsEndpoint ? { awsEndpoint } : {}),
    ...matrixSettings(input, command),
    quietThreshold: parseCount(
      input('quiet-threshold'),
      'input quiet-threshold',
      numberDefault('quiet-threshold'),
    ),
    promoteAfterHours: parseCount(
      input('promote-after-hours'),
      'input promote-after-hours',
      numberDefault('promote-after-hours'),
    ),
    sigma: {
      repository: input('sigma-repository'),
      ref: input('sigma-ref'),
      folders: parseList(input('sigma-folders')),
    },
    planAll: parseBoolean(input('plan-all'), 'input plan-all', inputDefault('plan-all') === 'true'),
    classifyOnly: parseBoolean(
      input('classify-only'),
      'input classify-only',
      inputDefault('classify-only') === 'true',
    ),
    backtest: {
      enabled: parseBoolean(
        input('backtest'),
        'input backtest',
        inputDefault('backtest') === 'true',
      ),
      // A week and a gigabyte at most: the backtest must stay a small part of a plan.
      hours: parseBoundedNumber(
        input('backtest-hours'),
        'input backtest-hours',
        numberDefault('backtest-hours'),
        168,
      ),
      maxMb: parseBoundedNumber(
        input('backtest-max-mb'),
        'input backtest-max-mb',
        numberDefault('backtest-max-mb'),
        1024,
      ),
    },
  };
}

/** The matrix inputs; `comment` needs parts-dir (it has nothing else to read). */
function matrixSettings(
  input: (name: InputName) => string,
  command: string,
): Pick<ActionSettings, 'partsDir' | 'matrixJobs'> {
  const partsDir = input('parts-dir').trim();
  if (command === 'comment' && partsDir === '')
    throw new InputError(
      "input parts-dir: command comment merges the report parts found there; set it to the folder the plan jobs' artifacts were downloaded into",
    );
  const matrixJobs = parseMatrixJobs(input('matrix-jobs'), 'input matrix-jobs');
  return {
    ...(partsDir ? { partsDir } : {}),
    ...(matrixJobs !== undefined ? { matrixJobs } : {}),
  };
}

/**
 * A path input as the engine takes it: a relative one under working-directory, an absolute
 * one as given (`parts-dir: /tmp/parts` is where download-artifact put the parts, not
 * `tmp/parts` in the checkout).
 */
export function inputPath(workingDirectory: string, input: string): string {
  return path.isAbsolute(input) ? path.normalize(input) : path.join(workingDirectory, input);
}

/** The action's inputs, read once into one typed settings object. */
import { availableParallelism } from 'node:os';
import * as core from '@actions/core';

export const COMMANDS = ['auto', 'validate', 'render', 'build', 'plan', 'apply'] as const;
export type Command = (typeof COMMANDS)[number];

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
  maskPatterns: string;
  awsEndpoint?: string;
}

function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

export function readSettings(): ActionSettings {
  const command = core.getInput('command') || 'auto';
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new Error(`Invalid command '${command}'. Expected one of: ${COMMANDS.join(', ')}.`);
  }
  const parallelismInput = core.getInput('parallelism');
  const parallelism = parallelismInput === '' ? availableParallelism() : Number(parallelismInput);
  if (!Number.isInteger(parallelism) || parallelism < 1) {
    throw new Error(
      `Invalid parallelism '${parallelismInput}'. Expected a whole number of at least 1.`,
    );
  }
  const backendConfig = lines(core.getInput('backend-config'));
  for (const line of backendConfig) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(line)) {
      throw new Error(
        `Invalid backend-config line '${line.split('=')[0]}…'. Expected key=value, one per line.`,
      );
    }
  }
  const awsEndpoint = core.getInput('aws-endpoint') || undefined;
  if (awsEndpoint && !/^https?:\/\/[^\s]+$/.test(awsEndpoint)) {
    throw new Error(
      `Invalid aws-endpoint '${awsEndpoint}'. Expected an http(s) URL such as http://localhost:4566.`,
    );
  }
  return {
    command: command as Command,
    workingDirectory: core.getInput('working-directory') || '.',
    configDir: core.getInput('config-dir') || 'conf',
    rulesDir: core.getInput('rules-dir') || 'rules',
    fixturesDir: core.getInput('fixtures-dir') || 'tests/rules',
    outDir: core.getInput('out-dir') || 'terraform',
    buildDir: core.getInput('build-dir') || 'build',
    clusters: core
      .getInput('clusters')
      .split(/[\s,]+/)
      .filter(Boolean),
    parallelism,
    githubToken: core.getInput('github-token'),
    terraformBinary: core.getInput('terraform-binary') || 'terraform',
    backendConfig,
    maskPatterns: core.getInput('mask-patterns'),
    awsEndpoint: awsEndpoint?.replace(/\/+$/, ''),
  };
}

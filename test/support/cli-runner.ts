/** Runs the CLI as a user does, as a process (from src/ unless STREAMALERT_TEST_DIST=1). */
import { execFile } from 'node:child_process';
import { entryCommand } from './entry-point.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string>;
  /** Processor bundles for commands that build zips or test rules (see entryCommand). */
  bundlesDir?: string;
}

export function runCli(args: string[], cwd: string, options: CliOptions = {}): Promise<CliRun> {
  const entry = entryCommand('cli', options.bundlesDir);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...entry.args, ...args],
      { cwd, env: { ...process.env, ...entry.env, ...options.env } },
      (error, stdout, stderr) => {
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          stdout,
          stderr,
        });
      },
    );
  });
}

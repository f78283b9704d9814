/**
 * Runs the action as a child process, the way a GitHub runner does: INPUT_* variables, an
 * event file, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, and GITHUB_API_URL pointing at the
 * fake GitHub server. The process runs src/ through the source loader with processor
 * bundles built from the same sources, or dist/ with STREAMALERT_TEST_DIST=1 (entry-point.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { entryCommand, RUN_DIST } from './entry-point.js';
import { processorBundles } from './processor-bundles.js';

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** A run's exit code and output, for an assertion's message; `extra` adds e.g. the comments posted. */
export function explainRun(r: ActionRun, extra: string[] = []): string {
  return [`exit ${r.code}`, r.stdout, r.stderr, ...extra].join('\n');
}

export interface ActionInvocation {
  eventName: string;
  event: object;
  sha: string;
  ref: string;
  inputs: Record<string, string>;
  env: Record<string, string>;
  cwd: string;
}

/** Parses the GITHUB_OUTPUT file format (`name<<DELIM ... DELIM` blocks). */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!m) continue;
    const [, name, delimiter] = m as unknown as [string, string, string];
    const value: string[] = [];
    while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i] as string);
    outputs[name] = value.join('\n');
  }
  return outputs;
}

let bundles: string | undefined;

export function runAction(inv: ActionInvocation): Promise<ActionRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'streamalert-runner-'));
  const eventPath = path.join(dir, 'event.json');
  const outputPath = path.join(dir, 'output');
  const summaryPath = path.join(dir, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(inv.event));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const inputs = Object.fromEntries(
    Object.entries(inv.inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]),
  );
  // One bundle set per test file: sources edited while the file runs do not start another build.
  bundles ??= RUN_DIST ? undefined : processorBundles();
  const entry = entryCommand('action', bundles);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    TF_CLI_CONFIG_FILE: process.env.TF_CLI_CONFIG_FILE ?? '',
    // Set by test/support/global-setup.ts: compiled code shared between the runs.
    ...(process.env.NODE_COMPILE_CACHE
      ? { NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE }
      : {}),
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: inv.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: inv.sha,
    GITHUB_REF: inv.ref,
    GITHUB_REPOSITORY: 'acme/detections',
    GITHUB_SERVER_URL: 'https://github.test',
    GITHUB_RUN_ID: '4242',
    GITHUB_WORKSPACE: inv.cwd,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    RUNNER_TEMP: dir,
    ...entry.env,
    ...inputs,
    ...inv.env,
  };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      entry.args,
      { cwd: inv.cwd, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          stdout,
          stderr,
          outputs: parseOutputs(readFileSync(outputPath, 'utf8')),
          summary: readFileSync(summaryPath, 'utf8'),
        });
      },
    );
  });
}

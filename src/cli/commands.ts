/**
 * What each CLI command prints and its exit code. The shared commands run through the
 * registry's runners (src/registry/run.ts) and are printed by one presenter; `init`,
 * `migrate` and `demo` are the CLI's own.
 */
import path from 'node:path';
import { formatInit, initCommand } from '../commands/init.js';
import { migrateCommand, REPORT_FILE } from '../commands/migrate.js';
import { annotateProblems } from '../door-kit/errors.js';
import type { EngineOptions } from '../door-kit/options.js';
import { RUNNERS, type CommandContext, type CommandResult } from '../registry/run.js';
import type { CliCommand } from './args.js';

/** Where a command's messages go (masked by main). */
export interface Output {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** `init [folder]`: scaffold a new repository; it needs no configuration, so no engine options. */
export async function init(folder: string, force: boolean, out: Output): Promise<number> {
  out.stdout(formatInit(await initCommand({ folder, force })));
  return 0;
}

/**
 * `migrate <checkout> <folder>`: the report on stdout, exit 0 once the repository is
 * written; rules not translated are named on stderr too (and fail `test` until ported).
 */
export async function migrate(checkout: string, folder: string, out: Output): Promise<number> {
  const r = await migrateCommand(checkout, folder);
  out.stdout(r.report);
  out.stderr(
    `${folder}: wrote ${r.written} file(s); the report is ${path.join(folder, REPORT_FILE)}\n`,
  );
  const stubs = r.plan.rules.filter((x) => x.reason !== undefined).map((x) => x.name);
  if (stubs.length > 0)
    out.stderr(`warning: ${stubs.length} rule(s) not translated (stubs): ${stubs.join(', ')}\n`);
  if (r.plan.unreadable.length > 0)
    out.stderr(
      `warning: ${r.plan.unreadable.length} Python file(s) with rules not read: ${r.plan.unreadable.map((u) => u.from).join(', ')}\n`,
    );
  return 0;
}

/** A line as printed: one newline at its end. */
const line = (text: string): string => `${text.replace(/\n$/, '')}\n`;

/**
 * A result on a terminal: the result on stdout, progress and errors on stderr, exit 1 when
 * the command failed. The job summary, the outputs and the pull-request comment are the
 * action's: what they hold is in the lines.
 */
export function present(result: CommandResult, out: Output): number {
  annotateProblems(result.problems ?? []);
  for (const text of result.log ?? []) out.stderr(line(text));
  for (const text of result.lines ?? []) out.stdout(line(text));
  for (const n of result.notices ?? []) out.stdout(line(`notice: ${n}`));
  for (const w of result.warnings ?? []) out.stderr(line(`warning: ${w}`));
  for (const e of result.errors ?? []) out.stderr(line(e));
  if (result.failure) out.stderr(line(result.failure));
  return result.failure ? 1 : 0;
}

export async function runCommand(
  command: CliCommand,
  ctx: CommandContext,
  out: Output,
): Promise<number> {
  if (command === 'demo') return demo(ctx.options, out);
  return present(await RUNNERS[command](ctx), out);
}

async function demo(o: EngineOptions, out: Output): Promise<number> {
  // Loaded only here: the demo's AWS SDK clients are a chunk of their own in the bundle.
  const { demoCommand } = await import('../commands/demo.js');
  return demoCommand(o, (text) => out.stdout(`${text}\n`));
}

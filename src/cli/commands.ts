/** What each CLI command prints and its exit code; the work is src/commands'. */
import { applyCommand } from '../commands/apply.js';
import { buildCommand, formatBuild } from '../commands/build.js';
import { formatInit, initCommand } from '../commands/init.js';
import { renderOptions, type EngineOptions } from '../door-kit/options.js';
import { planAndWrite } from '../commands/plan.js';
import { planLines } from '../door-kit/plan-outcome.js';
import { annotateProblems } from '../door-kit/errors.js';
import { renderCommand } from '../commands/render.js';
import { testCommand } from '../commands/test.js';
import { validateCommand } from '../commands/validate.js';
import type { CliCommand } from './args.js';

/** Where a command's messages go (masked by main). */
export interface Output {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

type Handler = (o: EngineOptions, out: Output) => Promise<number>;

/** `init [folder]`: scaffold a new repository; it needs no configuration, so no engine options. */
export async function init(folder: string, force: boolean, out: Output): Promise<number> {
  out.stdout(formatInit(await initCommand({ folder, force })));
  return 0;
}

export const COMMANDS: Record<CliCommand, Handler> = {
  async validate(o, out) {
    const result = await validateCommand(o.configDir);
    out.stdout(
      `${o.configDir}: valid (${result.clusters.length} cluster(s): ${result.clusters.join(', ')})\n`,
    );
    if (result.notice) out.stdout(`notice: ${result.notice}\n`);
    return 0;
  },

  async render(o, out) {
    const result = await renderCommand(o.configDir, renderOptions(o));
    out.stdout(
      `rendered ${result.roots.length} root(s) into ${o.outDir}: ${result.roots.join(', ')}\n`,
    );
    return 0;
  },

  async build(o, out) {
    out.stdout(
      formatBuild(
        await buildCommand({ configDir: o.configDir, rulesDir: o.rulesDir, outDir: o.buildDir }),
      ),
    );
    return 0;
  },

  async test(o, out) {
    const result = await testCommand({
      configDir: o.configDir,
      rulesDir: o.rulesDir,
      fixturesDir: o.fixturesDir,
    });
    (result.ok ? out.stdout : out.stderr)(result.text);
    return result.ok ? 0 : 1;
  },

  async plan(o, out) {
    const run = await planAndWrite(o);
    annotateProblems(run.problems);
    for (const line of planLines(run.report)) out.stdout(`${line}\n`);
    out.stdout(`comment markdown: ${run.commentFile}\n`);
    return run.failure ? 1 : 0;
  },

  async demo(o, out) {
    // Loaded only here: the demo's AWS SDK clients are a chunk of their own in the bundle.
    const { demoCommand } = await import('../commands/demo.js');
    return demoCommand(o, (line) => out.stdout(`${line}\n`));
  },

  async apply(o, out) {
    const results = await applyCommand(o);
    for (const r of results) out.stdout(`${r.root}: ${r.ok ? 'applied' : `FAILED\n${r.output}`}\n`);
    if (results.length === 0) out.stdout('nothing to apply: no root has changes\n');
    return results.every((r) => r.ok) ? 0 : 1;
  },
};

/**
 * `migrate <StreamAlert checkout> <new folder>` (CLI only): writes a repository of this
 * project from a StreamAlert checkout — conf/ as it is, the test events as fixtures, the
 * Python rules translated to TypeScript (src/migrate) — and MIGRATION.md, the report it
 * also prints.
 *
 * The new folder must be new or empty: nothing is ever overwritten. The checkout is read
 * whole and checked (links leaving it, sizes) before anything is written; files are written
 * as `init` writes them (src/init/safe-write.ts: no link followed, none replaced).
 */
import { lstat, mkdir, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { writeNewFile } from '../init/safe-write.js';
import { MigrateError, readCheckout } from '../migrate/checkout.js';
import { planMigration, type MigrationPlan } from '../migrate/migrate.js';
import { migrationReport } from '../migrate/report.js';

export { MigrateError };

export const REPORT_FILE = 'MIGRATION.md';

export interface MigrateResult {
  folder: string;
  plan: MigrationPlan;
  /** The report, as written to MIGRATION.md. */
  report: string;
  written: number;
}

async function emptyTarget(folder: string, checkoutRoot: string): Promise<string> {
  const existing = await lstat(folder).catch(() => undefined);
  if (existing) {
    if (!existing.isDirectory() && !existing.isSymbolicLink())
      throw new MigrateError(`${folder}: exists and is not a folder`);
    const real = await realpath(folder);
    if (!(await lstat(real)).isDirectory()) throw new MigrateError(`${folder}: is not a folder`);
    const present = (await readdir(real)).filter((n) => n !== '.git');
    if (present.length > 0)
      throw new MigrateError(
        `${folder}: not empty (${present.slice(0, 5).join(', ')}${present.length > 5 ? ', ...' : ''}); migrate writes into a new or empty folder and never overwrites`,
      );
  } else await mkdir(folder, { recursive: true });
  const real = await realpath(folder);
  if (real === checkoutRoot)
    throw new MigrateError(`${folder}: is the checkout itself; give a new folder`);
  return real;
}

export async function migrateCommand(checkout: string, folder: string): Promise<MigrateResult> {
  const source = await readCheckout(checkout);
  const plan = planMigration(source);
  const report = migrationReport(plan, checkout);
  plan.files.set(REPORT_FILE, Buffer.from(report));
  const root = await emptyTarget(folder, source.root);
  let written = 0;
  for (const [rel, bytes] of [...plan.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    try {
      await writeNewFile(root, rel, bytes);
    } catch (err) {
      throw new MigrateError(
        `${path.join(folder, rel)}: could not be written: ${(err as Error).message} (${written} file(s) written before it; remove ${folder} and run again)`,
      );
    }
    written++;
  }
  return { folder, plan, report, written };
}

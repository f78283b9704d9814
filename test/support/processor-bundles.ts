/**
 * The processor bundles (what `npm run package` puts in dist/processors), built by the
 * same script into a cache keyed by the sources' hash: tests never depend on a dist/
 * someone may or may not have regenerated, and a second run does not pay ncc again.
 * With STREAMALERT_TEST_DIST=1 (the gate, which has just checked that dist/ is what the
 * sources build) they are dist/processors themselves: the shipped bundles, and no ncc.
 * The integration tier's global setup calls processorBundles() once before any file
 * runs, so parallel test files never build the same bundles side by side.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = path.join(dir, n);
      return statSync(p).isDirectory() ? files(p) : [p];
    });
}

export function processorBundles(): string {
  if (process.env.STREAMALERT_TEST_DIST === '1') return path.join(REPO_ROOT, 'dist', 'processors');
  const hash = createHash('sha256');
  for (const f of [
    ...files(path.join(REPO_ROOT, 'src')),
    path.join(REPO_ROOT, 'scripts', 'package-processors.mjs'),
  ]) {
    // The bundles reach beyond src/processors (the rule sandbox runs src/rule-test), so every
    // source counts: a stale bundle would test old code.
    if (!f.endsWith('.ts') && !f.endsWith('.cjs') && !f.endsWith('.mjs')) continue;
    hash.update(path.relative(REPO_ROOT, f)).update(readFileSync(f));
  }
  const cache = path.join(REPO_ROOT, 'node_modules', '.cache', 'streamalert-processor-bundles');
  const dir = path.join(cache, hash.digest('hex').slice(0, 16));
  if (existsSync(dir)) return dir;
  mkdirSync(cache, { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}`;
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'package-processors.mjs'), tmp], {
    cwd: REPO_ROOT,
    stdio: 'pipe',
  });
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another test file built it first
  }
  return dir;
}

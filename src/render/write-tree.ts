/**
 * Writes a rendered tree all-or-nothing: into a sibling temp folder first, then swapped in
 * with renames, so a failure at any point leaves the previous tree (or nothing) in place.
 * Each root's `.terraform/` and lock file are carried over so a re-render does not force
 * a fresh `terraform init`.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { RenderedTree } from './render.js';

/** Marks a folder as ours: we only ever replace folders that carry it. */
export const TREE_MARKER = '.streamalert-rendered';
const KEPT_PER_ROOT = ['.terraform', '.terraform.lock.hcl'];

export async function writeTree(outDir: string, tree: RenderedTree): Promise<void> {
  const target = path.resolve(outDir);
  if (existsSync(target)) {
    const entries = await readdir(target);
    if (entries.length > 0 && !entries.includes(TREE_MARKER)) {
      throw new Error(`refusing to replace ${outDir}: it is not empty and was not written by "streamalert render"`);
    }
  }

  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = `${target}.tmp-${suffix}`;
  const retired = `${target}.old-${suffix}`;
  let retiredOld = false;
  try {
    for (const [rel, content] of tree.files) {
      const file = path.join(staging, rel);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    }
    await writeFile(path.join(staging, TREE_MARKER), 'Written by streamalert render. Replaced on every render.\n');

    if (existsSync(target)) {
      for (const root of tree.roots) {
        for (const kept of KEPT_PER_ROOT) {
          const from = path.join(target, root, kept);
          if (existsSync(from)) await rename(from, path.join(staging, root, kept));
        }
      }
      await rename(target, retired);
      retiredOld = true;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await rename(staging, target);
  } catch (err) {
    // Put the previous tree back if the swap itself failed half-way.
    if (retiredOld && !existsSync(target)) await rename(retired, target);
    throw err;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  await rm(retired, { recursive: true, force: true });
}

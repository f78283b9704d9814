/**
 * Writes a rendered tree all-or-nothing: into a sibling temp folder first, then swapped in
 * with renames, so a failure at any point leaves the previous tree (or nothing) in place.
 * Everything else Terraform keeps in a root — `.terraform/`, the lock file, and above all a
 * local `terraform.tfstate` (the bootstrap apply's only record) — is carried over; only
 * configuration files (which we render) and stale saved plans are replaced.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { RenderedTree } from './render.js';

/** Marks a folder as ours: we only ever replace folders that carry it. */
export const TREE_MARKER = '.streamalert-rendered';

/** Entries of an old root that belong to the render (or are stale once it changes). */
function replacedOnRender(entry: string): boolean {
  return entry.endsWith('.tf') || entry.endsWith('.tf.json') || entry.endsWith('.tfplan');
}

export async function writeTree(outDir: string, tree: RenderedTree): Promise<void> {
  const target = path.resolve(outDir);
  if (existsSync(target)) {
    const entries = await readdir(target);
    if (entries.length > 0 && !entries.includes(TREE_MARKER)) {
      throw new Error(
        `refusing to replace ${outDir}: it is not empty and was not written by "streamalert render"`,
      );
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
    await writeFile(
      path.join(staging, TREE_MARKER),
      'Written by streamalert render. Replaced on every render.\n',
    );

    if (existsSync(target)) {
      for (const root of tree.roots) {
        const oldRoot = path.join(target, root);
        if (!existsSync(oldRoot)) continue;
        for (const entry of await readdir(oldRoot)) {
          if (!replacedOnRender(entry))
            await rename(path.join(oldRoot, entry), path.join(staging, root, entry));
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

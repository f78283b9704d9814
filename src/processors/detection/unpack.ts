/**
 * A bundle's files on disk (the rules are ES modules: Node imports them from files). Each
 * version gets its own folder, named by the version, written into a fresh temporary folder
 * and renamed into place whole, so a folder that exists is complete and a version never
 * sees another's files. The paths were checked by parseDetectionBundle; the folder is new,
 * so nothing in it (a planted link) can redirect a write.
 */
import { lstat, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { badBundlePath, type DetectionBundle } from './bundle.js';

/** A version's folder name: the bundle's SHA-256. */
const VERSION = /^[0-9a-f]{64}$/;

export function detectionRoot(): string {
  return path.join(tmpdir(), 'streamalert-detection');
}

/** The bundle's folder (`<root>/<version>`), written when it is not there yet. */
export async function unpackBundle(
  bundle: DetectionBundle,
  root = detectionRoot(),
): Promise<string> {
  if (!VERSION.test(bundle.version)) throw new Error('internal: bad bundle version');
  const target = path.join(root, bundle.version);
  if (await isDir(target)) return target;
  await mkdir(root, { recursive: true });
  const staging = await mkdtemp(path.join(root, '.unpack-'));
  try {
    for (const [name, data] of bundle.files) {
      if (badBundlePath(name)) throw new Error(`internal: unchecked bundle path ${name}`);
      const file = path.join(staging, ...name.split('/'));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, data, { flag: 'wx' });
    }
    await rename(staging, target);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    // Another load of the same version finished first: its folder is as good.
    if (await isDir(target)) return target;
    throw err;
  }
  return target;
}

/**
 * Removes the unpacked versions not in `keep` (the one now running and the one before it).
 * A warm container lives for hours and every merge that changes a rule publishes a new
 * version, while /tmp holds 512 MB by default; the rules of a version are imported when it
 * loads, so its files are not read again. Only folders named like a version are touched, and
 * a failure to remove one is returned, not thrown: a full /tmp is a later load's error to report.
 */
export async function pruneBundles(
  keep: ReadonlySet<string>,
  root = detectionRoot(),
): Promise<{ removed: string[]; failed: string[] }> {
  const removed: string[] = [];
  const failed: string[] = [];
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return { removed, failed };
  }
  for (const name of names) {
    if (!VERSION.test(name) || keep.has(name)) continue;
    try {
      await rm(path.join(root, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      failed.push(name);
    }
  }
  return { removed, failed };
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await lstat(p)).isDirectory(); // a link is not one of ours
  } catch {
    return false;
  }
}

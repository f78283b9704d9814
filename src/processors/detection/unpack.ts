/**
 * A bundle's files on disk (the rules are ES modules: Node imports them from files). Each
 * version gets its own folder, named by the version, written into a fresh temporary folder
 * and renamed into place whole, so a folder that exists is complete and a version never
 * sees another's files. The paths were checked by parseDetectionBundle; the folder is new,
 * so nothing in it (a planted link) can redirect a write.
 */
import { lstat, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { badBundlePath, type DetectionBundle } from './bundle.js';

export function detectionRoot(): string {
  return path.join(tmpdir(), 'streamalert-detection');
}

/** The bundle's folder (`<root>/<version>`), written when it is not there yet. */
export async function unpackBundle(
  bundle: DetectionBundle,
  root = detectionRoot(),
): Promise<string> {
  if (!/^[0-9a-f]{64}$/.test(bundle.version)) throw new Error('internal: bad bundle version');
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

async function isDir(p: string): Promise<boolean> {
  try {
    return (await lstat(p)).isDirectory(); // a link is not one of ours
  } catch {
    return false;
  }
}

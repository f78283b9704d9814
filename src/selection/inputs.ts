/**
 * A root's inputs as one fingerprint: what `terraform plan` of that root reads from this
 * repository. Two runs with the same fingerprint for a root plan the same configuration
 * against its state, so a pull request need not plan a root whose fingerprint is the one
 * last applied (select.ts). What goes in:
 * - the root's own rendered files (main.tf, the endpoint file): its clusters' config, the
 *   regions and removed roots the state bucket decided (they are rendered into them);
 * - the modules it calls (`source = "../modules/<name>"`), and those they call in turn;
 * - each processor zip the root's files name, by content, and the detection bundle (the
 *   rules and their conf) for the root that names it: the global root publishes it, the
 *   cluster roots only name its bucket and key, so a rule-only change plans the global root;
 * - the log types of source_health.json for the roots that name it (their silence alarms):
 *   its rule names are not in any root, so adding a rule on a log type already read
 *   replans no cluster;
 * - the backend-config lines (another bucket is another state).
 * What does not: the live AWS resources and state (drift is the scheduled run's job: it
 * plans everything), the Terraform binary and the provider, whose version the rendered
 * `required_providers` pins as far as the configuration does.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DETECTION_BUNDLE_FILE, SOURCE_HEALTH_FILE } from '../render/model.js';
import type { RenderedTree } from '../render/render.js';

/** Changes whenever what goes into the fingerprint changes, so old records never match. */
const INPUTS_VERSION = 'streamalert-inputs-1';

/**
 * What of a build file a root reads: all of it, but only the log types of source_health.json
 * (a file that is not JSON is hashed whole: the plan then fails on it anyway).
 */
function digestOf(name: string, data: Buffer): string {
  let read: Buffer | string = data;
  if (name === SOURCE_HEALTH_FILE) {
    try {
      const logTypes = (JSON.parse(data.toString('utf8')) as { log_types?: object }).log_types;
      read = JSON.stringify(Object.keys(logTypes ?? {}).sort());
    } catch {
      // hashed whole
    }
  }
  return createHash('sha256').update(read).digest('hex');
}

/**
 * The zips (and the detection bundle, source_health.json) `build` wrote, by name: regular files only. The build writes them atomically
 * (a rename), so anything else with a .zip name (a symlink a pull request committed into
 * the build folder, pointing at /dev/zero or a secret) is not one of them and is never read.
 */
function zipsIn(buildDir: string): Map<string, string> {
  const zips = new Map<string, string>();
  let names: string[];
  try {
    names = readdirSync(buildDir).filter(
      (n) => n.endsWith('.zip') || n === DETECTION_BUNDLE_FILE || n === SOURCE_HEALTH_FILE,
    );
  } catch {
    return zips; // no build (a plan without one): the files say what they name
  }
  for (const name of names.sort()) {
    const file = path.join(buildDir, name);
    if (!lstatSync(file).isFile()) continue;
    zips.set(name, digestOf(name, readFileSync(file)));
  }
  return zips;
}

/** Whether a root's text names the zip as a path's last part (`".../rule_processor.zip"`). */
const namesZip = (text: string, name: string): boolean =>
  text.includes(`/${name}"`) || text.includes(`"${name}"`);

/** A root's `source = "../modules/x"`, or a module's `source = "../x"`: the module folders named. */
const MODULE_SOURCE = /\bsource\s*=\s*"\.\.\/(?:modules\/)?([A-Za-z0-9_-]+)\/?"/g;

/** The module folders a root calls, directly or through other modules, sorted. */
function modulesCalled(tree: RenderedTree, rootText: string, paths: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue = [...rootText.matchAll(MODULE_SOURCE)].map((m) => m[1]!);
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const rel of paths)
      if (rel.startsWith(`modules/${name}/`))
        for (const m of tree.files.get(rel)!.matchAll(MODULE_SOURCE)) queue.push(m[1]!);
  }
  return [...seen].sort();
}

/** Each root's inputs fingerprint (hex SHA-256), for every root of the tree. */
export function rootInputs(
  tree: RenderedTree,
  buildDir: string,
  backendConfig: readonly string[],
): Map<string, string> {
  const paths = [...tree.files.keys()].sort();
  const zips = zipsIn(buildDir);
  const result = new Map<string, string>();
  for (const root of tree.roots) {
    const hash = createHash('sha256').update(`${INPUTS_VERSION}\0`);
    for (const line of backendConfig) hash.update(`backend\0${line}\0`);
    let text = '';
    for (const rel of paths) {
      if (!rel.startsWith(`${root}/`)) continue;
      const content = tree.files.get(rel)!;
      hash.update(`${rel}\0${content}\0`);
      text += `${content}\n`;
    }
    for (const name of modulesCalled(tree, text, paths)) {
      hash.update(`module\0${name}\0`);
      for (const rel of paths)
        if (rel.startsWith(`modules/${name}/`)) hash.update(`${rel}\0${tree.files.get(rel)}\0`);
    }
    for (const [name, digest] of zips)
      if (namesZip(text, name)) hash.update(`zip\0${name}\0${digest}\0`);
    result.set(root, hash.digest('hex'));
  }
  return result;
}

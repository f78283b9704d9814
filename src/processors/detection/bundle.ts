/**
 * The detection bundle: the rules and the conf the rule processor reads, shipped apart from
 * its code (one object in S3, published by the global root), so a pull request that changes
 * only rules changes no cluster root. One JSON document, written by `build` and read here:
 *
 *   {"format":"streamalert-detection-bundle-1","files":{"conf/logs.json":"<base64>",…}}
 *
 * JSON rather than a zip: the Lambda may import no zip library, and one bounded JSON.parse
 * is far less to get wrong than a zip reader facing a hostile archive. Its version is the
 * SHA-256 (hex) of its bytes, so the same rules and conf are the same version everywhere,
 * and every alert names the version that raised it.
 *
 * The object is trusted no more than a pull request: every path is checked (relative, no
 * `..`, only the folders the processor reads), and the size, the file count and the depth
 * are capped before anything is written to disk.
 */
import { createHash } from 'node:crypto';
import { RULES_MAX_DEPTH, RULES_MAX_FILES } from '../rules/load.js';

export const DETECTION_BUNDLE_FORMAT = 'streamalert-detection-bundle-1';
/** What `build` names it, and the object key the global root publishes it under. */
export const DETECTION_BUNDLE_FILE = 'detection-bundle.json';
export const DETECTION_BUNDLE_KEY = 'detection/bundle.json';

/** Default ceiling on the bundle's bytes (env DETECTION_BUNDLE_MAX_BYTES). */
export const DEFAULT_BUNDLE_MAX_BYTES = 20 * 1024 * 1024;
/** The rules' own cap, plus the conf files and the rules API package. */
export const BUNDLE_MAX_FILES = RULES_MAX_FILES + 16;

/** Files the processor reads: conf/<name>.json, rules/…, and the rules API the rules import. */
const ROOTS = ['conf', 'rules', 'node_modules'] as const;
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.@+-]*$/;
const REQUIRED = ['conf/logs.json', 'conf/sources.json'];

export interface DetectionBundle {
  /** SHA-256 (hex) of the bundle's bytes. */
  version: string;
  /** Relative path (with `/`) → contents, sorted by path. */
  files: Map<string, Buffer>;
}

export class BundleError extends Error {}

export function bundleVersion(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Why a path may not be in a bundle, or undefined when it may. */
export function badBundlePath(name: string): string | undefined {
  const parts = name.split('/');
  if (!(ROOTS as readonly string[]).includes(parts[0]!) || parts.length < 2)
    return `must be under ${ROOTS.map((r) => `${r}/`).join(', ')}`;
  if (parts.length > RULES_MAX_DEPTH + 3) return 'is nested too deep';
  if (!parts.every((p) => SEGMENT.test(p) && p !== '..'))
    return 'must be plain names joined by "/" (letters, digits, _ . @ + -)';
  if (parts[0] === 'conf' && !/^conf\/[a-z_]+\.json$/.test(name))
    return 'a conf file must be conf/<name>.json';
  if (parts[0] === 'node_modules' && parts[1] !== 'streamalert-action')
    return 'node_modules/ holds only the rules API (streamalert-action)';
  return undefined;
}

/** The bundle's bytes: the same files give the same bytes (paths sorted), hence the same version. */
export function writeDetectionBundle(files: ReadonlyMap<string, Buffer>): Buffer {
  const body: Record<string, string> = {};
  for (const name of [...files.keys()].sort()) {
    const bad = badBundlePath(name);
    if (bad) throw new Error(`internal: detection bundle entry ${name} ${bad}`);
    body[name] = files.get(name)!.toString('base64');
  }
  for (const name of REQUIRED)
    if (!(name in body)) throw new Error(`internal: detection bundle without ${name}`);
  return Buffer.from(`${JSON.stringify({ format: DETECTION_BUNDLE_FORMAT, files: body })}\n`);
}

export interface BundleLimits {
  maxBytes: number;
  maxFiles: number;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Reads a bundle, refusing anything `writeDetectionBundle` would not have written. */
export function parseDetectionBundle(
  bytes: Buffer,
  limits: BundleLimits = { maxBytes: DEFAULT_BUNDLE_MAX_BYTES, maxFiles: BUNDLE_MAX_FILES },
): DetectionBundle {
  if (bytes.length > limits.maxBytes)
    throw new BundleError(`is ${bytes.length} bytes, more than the ${limits.maxBytes} allowed`);
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new BundleError(`is not JSON (${(err as Error).message})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new BundleError('is not a JSON object');
  const { format, files } = doc as { format?: unknown; files?: unknown };
  if (format !== DETECTION_BUNDLE_FORMAT)
    throw new BundleError(`/format: must be "${DETECTION_BUNDLE_FORMAT}"`);
  if (typeof files !== 'object' || files === null || Array.isArray(files))
    throw new BundleError('/files: must be an object of path → base64 contents');
  const entries = Object.entries(files as Record<string, unknown>);
  if (entries.length > limits.maxFiles)
    throw new BundleError(
      `/files: ${entries.length} files, more than the ${limits.maxFiles} allowed`,
    );
  const out = new Map<string, Buffer>();
  let total = 0;
  for (const [name, value] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const at = `/files/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const bad = badBundlePath(name);
    if (bad) throw new BundleError(`${at}: ${bad}`);
    if (typeof value !== 'string' || !BASE64.test(value))
      throw new BundleError(`${at}: must be base64 text`);
    const data = Buffer.from(value, 'base64');
    total += data.length;
    if (total > limits.maxBytes)
      throw new BundleError(`${at}: the files hold more than the ${limits.maxBytes} bytes allowed`);
    out.set(name, data);
  }
  // A folder and a file of the same name cannot both be written.
  for (const name of out.keys()) {
    const parts = name.split('/');
    for (let i = 1; i < parts.length; i++)
      if (out.has(parts.slice(0, i).join('/')))
        throw new BundleError(`/files: ${parts.slice(0, i).join('/')} is both a file and a folder`);
  }
  for (const name of REQUIRED) if (!out.has(name)) throw new BundleError(`/files: no ${name}`);
  return { version: bundleVersion(bytes), files: out };
}

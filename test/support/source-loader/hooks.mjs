/**
 * Module hooks that let Node run this repository's TypeScript sources: `./x.js` imports
 * resolve to `./x.ts` when only the .ts exists (the NodeNext convention src/ follows), and
 * .ts files under src/ are stripped of their types by sucrase, the transformer the action
 * already ships for users' rules. Types are not checked here: `npm run typecheck` does that.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

// Every test that runs the CLI starts a process: transformed sources are kept on disk by
// content hash, so a process only loads sucrase and transforms the files that changed.
const CACHE = new URL('../../../node_modules/.cache/streamalert-source-loader/', import.meta.url);
// A new sucrase may transform differently: its version is part of every cache key.
const SUCRASE_VERSION = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('sucrase/package.json'), 'utf8'),
).version;
let sucrase;

async function stripTypes(file, source) {
  const key = createHash('sha256')
    .update(`sucrase ${SUCRASE_VERSION} es2022\0`)
    .update(source)
    .digest('hex');
  const cached = new URL(`${key}.js`, CACHE);
  try {
    return await readFile(cached, 'utf8');
  } catch {
    // not transformed yet
  }
  sucrase ??= await import('sucrase');
  const { code } = sucrase.transform(source, {
    transforms: ['typescript'],
    // Keep modern syntax as written: Node 20 runs ES2022 natively.
    disableESTransforms: true,
    filePath: file,
  });
  await mkdir(CACHE, { recursive: true });
  const tmp = new URL(`${key}.${process.pid}.tmp`, CACHE);
  await writeFile(tmp, code);
  await rename(tmp, cached); // atomic: parallel test processes may write the same entry
  return code;
}

/** Only the project's own sources are transformed, never node_modules. */
function ownTypeScript(url) {
  return url.startsWith('file:') && url.endsWith('.ts') && !url.includes('/node_modules/');
}

export async function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL;
  if (parent && ownTypeScript(parent) && /^\.\.?\//.test(specifier) && specifier.endsWith('.js')) {
    const ts = new URL(`${specifier.slice(0, -3)}.ts`, parent);
    if (!existsSync(new URL(specifier, parent)) && existsSync(ts)) {
      return nextResolve(ts.href, context);
    }
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!ownTypeScript(url)) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const source = await stripTypes(file, await readFile(file, 'utf8'));
  // package.json says "type": "module": every .ts source is an ES module.
  return { format: 'module', source, shortCircuit: true };
}

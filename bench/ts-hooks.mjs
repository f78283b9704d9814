/**
 * Node module hooks that run the TypeScript sources directly (types stripped by sucrase),
 * so benchmarks measure src/ without a bundling step. Registered by ts-loader.mjs.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, URL } from 'node:url';
import { transform } from 'sucrase';

export async function resolve(specifier, context, next) {
  if (
    specifier.endsWith('.js') &&
    (specifier.startsWith('.') || specifier.startsWith('file:')) &&
    context.parentURL
  ) {
    const ts = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
    if (existsSync(fileURLToPath(ts))) return next(ts.href, context);
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (url.endsWith('.ts')) {
    const source = await readFile(fileURLToPath(url), 'utf8');
    return {
      format: 'module',
      source: transform(source, {
        transforms: ['typescript'],
        filePath: fileURLToPath(url),
        disableESTransforms: true,
      }).code,
      shortCircuit: true,
    };
  }
  return next(url, context);
}

/**
 * `npm run docs`: rewrites every generated region of the docs pages from its source
 * (tables.ts), and action.yml and the sub-actions' action.yml files from the registry
 * (action-files.ts), and says which changed. Fails when a page lacks the region of one of
 * its generators, or holds a region no generator writes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACTION_FILES } from './action-files.js';
import { regionsOf, withRegions } from './regions.js';
import { GENERATORS, regionBody } from './tables.js';

/** The pages that hold generated regions, relative to the repository root. */
export const GENERATED_PAGES: readonly string[] = [...new Set(GENERATORS.map((g) => g.page))];

/**
 * `text` (the page `page`) with every region rewritten, and the names of the regions whose
 * text changed. Throws when a region is unknown, missing or doubled.
 */
export function regeneratePage(
  page: string,
  text: string,
  root: string,
): { text: string; changed: string[] } {
  const own = GENERATORS.filter((g) => g.page === page);
  const regions = regionsOf(text, page);
  for (const r of regions)
    if (!own.some((g) => g.name === r.name))
      throw new Error(`${page}: no generator writes region "${r.name}" (see src/docs/tables.ts)`);
  for (const g of own)
    if (regions.filter((r) => r.name === g.name).length !== 1)
      throw new Error(
        `${page}: needs exactly one <!-- generated:${g.name} --> ... <!-- /generated --> region`,
      );
  const bodies = Object.fromEntries(own.map((g) => [g.name, regionBody(g, root)]));
  const changed = regions.filter((r) => r.body !== bodies[r.name]).map((r) => r.name);
  return { text: withRegions(text, page, bodies), changed };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
  let n = 0;
  // The action files first: the inputs and outputs tables are read from action.yml.
  for (const f of ACTION_FILES) {
    const file = path.join(root, f.path);
    const text = f.render();
    let old: string | undefined;
    try {
      old = readFileSync(file, 'utf8');
    } catch {
      old = undefined;
    }
    if (old === text) continue;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    console.log(`${f.path}: rewrote`);
    n++;
  }
  for (const page of GENERATED_PAGES) {
    const file = path.join(root, page);
    const { text, changed } = regeneratePage(page, readFileSync(file, 'utf8'), root);
    if (changed.length === 0) continue;
    writeFileSync(file, text);
    console.log(`${page}: rewrote ${changed.join(', ')}`);
    n += changed.length;
  }
  if (n === 0) console.log('docs: every generated table and action file is current');
}

/**
 * The folders of src/ import one another only as the layer table (src/docs/layers.ts)
 * allows: no folder imports one the table does not list for it, the folders form no cycle,
 * src/shared knows no feature and no @actions package, and the Lambda code (src/processors)
 * imports nothing deploy-time. A failure names the importing file, its line and the import.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../src/docs/layers.js';
import { REPO_ROOT } from '../support/conf.js';
import {
  cycleOf,
  folderEdges,
  importsOf,
  layerViolations,
  sourceFiles,
  type SourceFile,
} from './imports.js';

const SRC = path.join(REPO_ROOT, 'src');
const files = sourceFiles(SRC);
const layer = (folder: string) => LAYERS.find((l) => l.folder === folder)!;

describe('the layer table', () => {
  it('lists every folder of src/ once, and only those', () => {
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(LAYERS.map((l) => l.folder).sort()).toEqual(folders);
  });

  it('lets a folder import only folders listed before it (so it has no cycle)', () => {
    const seen = new Set<string>();
    const late: string[] = [];
    for (const l of LAYERS) {
      for (const to of l.mayImport) if (!seen.has(to)) late.push(`${l.folder} -> ${to}`);
      seen.add(l.folder);
    }
    expect(late).toEqual([]);
    const allowed = LAYERS.flatMap((l) => l.mayImport.map((to) => ({ from: l.folder, to })));
    expect(cycleOf(allowed)?.join(' -> ')).toBeUndefined();
  });

  it('keeps src/shared free of features and src/processors free of deploy-time code', () => {
    expect(layer('shared').mayImport).toEqual([]);
    expect(layer('processors').mayImport).toEqual(['rules-api', 'shared']);
  });
});

describe('the imports of src/', () => {
  it('are all allowed by the layer table', () => {
    expect(layerViolations(files, LAYERS)).toEqual([]);
  });

  it('make no cycle between folders', () => {
    expect(cycleOf(folderEdges(files).edges)?.join(' -> ')).toBeUndefined();
  });
});

describe('the check', () => {
  // Prepare: a tiny tree with the table's folders; each case adds one bad file.
  const tree = (...extra: SourceFile[]): SourceFile[] => [
    { path: 'shared/log-mask.ts', text: 'export const x = 1;\n' },
    { path: 'config/load.ts', text: "import { x } from '../shared/log-mask.js';\n" },
    ...extra,
  ];

  it('finds import, export-from, type-only and dynamic imports, but not comments', () => {
    const text = [
      "import type { A } from '../a/x.js';",
      "export { b } from './b.js';",
      '// import { c } from "../c/y.js";',
      "const d = await import('../d/z.js');",
    ].join('\n');
    expect(importsOf(text)).toEqual([
      { specifier: '../a/x.js', line: 1 },
      { specifier: './b.js', line: 2 },
      { specifier: '../d/z.js', line: 4 },
    ]);
  });

  it('names the file, the line and the import of an edge the table does not allow', () => {
    const bad = {
      path: 'processors/shared/logger.ts',
      text: "\nimport type { Config } from '../../config/types.js';\n",
    };
    expect(layerViolations(tree(bad), LAYERS)).toEqual([
      "src/processors/shared/logger.ts:2 imports '../../config/types.js': processors/ may not import config/ (it may import: rules-api, shared)",
    ]);
  });

  it('refuses @actions/* in src/shared and a feature folder in it', () => {
    const bad = {
      path: 'shared/annotations.ts',
      text: "import * as core from '@actions/core';\nimport { x } from '../config/load.js';\n",
    };
    expect(layerViolations(tree(bad), LAYERS)).toEqual([
      "src/shared/annotations.ts:2 imports '../config/load.js': shared/ may not import config/ (it may import: no other folder)",
      "src/shared/annotations.ts:1 imports '@actions/core': only action, door-kit, github may import @actions/* (pass what you need in, as shared/annotations.ts does)",
    ]);
  });

  it('refuses a package the Lambda code may not carry', () => {
    const bad = { path: 'processors/x.ts', text: "import Handlebars from 'handlebars';\n" };
    expect(layerViolations(tree(bad), LAYERS)).toEqual([
      "src/processors/x.ts:1 imports 'handlebars': processors/ may import only the packages @aws-sdk/*, aws4, jsonpath-plus and node:*",
    ]);
  });

  it('names a folder the table does not list', () => {
    expect(layerViolations(tree({ path: 'misc/a.ts', text: '' }), LAYERS)).toEqual([
      'src/misc/ is not in the layer table (src/docs/layers.ts): add it there',
    ]);
  });

  it('finds a cycle between folders', () => {
    expect(
      cycleOf([
        { from: 'config', to: 'cost' },
        { from: 'cost', to: 'config' },
      ]),
    ).toEqual(['config', 'cost', 'config']);
  });
});

/**
 * Reads the imports of src/ and checks them against the layer table (src/docs/layers.ts).
 * Every `import`, `export … from` and `import()` counts, type-only ones too: a type names a
 * folder's meaning just as a value does. TypeScript's own scanner finds them, so text in
 * comments and strings is never mistaken for an import.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ACTIONS_FOLDERS, ACTIONS_SCOPE, type Layer } from '../../src/docs/layers.js';

export interface SourceFile {
  /** Relative to src/, with `/`: `commands/plan.ts`. */
  readonly path: string;
  readonly text: string;
}

export interface Import {
  readonly specifier: string;
  readonly line: number;
}

/** Every module specifier of a TypeScript file, with its line (1-based). */
export function importsOf(text: string): Import[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map((f) => ({
    specifier: f.fileName,
    line: text.slice(0, f.pos).split('\n').length,
  }));
}

/** The src/ files, read. */
export function sourceFiles(srcDir: string): SourceFile[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .flatMap((e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) return walk(p);
        return /\.(ts|mts|cts|js|mjs|cjs)$/.test(e.name) ? [p] : [];
      });
  return walk(srcDir).map((p) => ({
    path: path.relative(srcDir, p).split(path.sep).join('/'),
    text: readFileSync(p, 'utf8'),
  }));
}

const folderOf = (file: string): string => file.split('/')[0] as string;

/** The npm package a bare specifier names (`@scope/name/x` gives `@scope/name`), or undefined for Node built-ins. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const matches = (pkg: string, pattern: string): boolean =>
  pattern.endsWith('/*') ? pkg.startsWith(pattern.slice(0, -1)) : pkg === pattern;

export interface Edge {
  readonly from: string;
  readonly to: string;
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
}

/**
 * The folder-to-folder imports of `files`, one per import (a file's imports inside its
 * own folder are left out), and the imports that leave src/ or that no file answers.
 */
export function folderEdges(files: readonly SourceFile[]): { edges: Edge[]; packages: Edge[] } {
  const edges: Edge[] = [];
  const packages: Edge[] = [];
  for (const file of files) {
    const from = folderOf(file.path);
    for (const { specifier, line } of importsOf(file.text)) {
      if (!specifier.startsWith('.')) {
        packages.push({ from, to: specifier, file: file.path, line, specifier });
        continue;
      }
      const target = path.posix.normalize(
        path.posix.join(path.posix.dirname(file.path), specifier),
      );
      const to = target.startsWith('../') ? '(outside src/)' : folderOf(target);
      if (to !== from) edges.push({ from, to, file: file.path, line, specifier });
    }
  }
  return { edges, packages };
}

/** A cycle among the folders of `graph` (folder -> folders it imports), as a path, or undefined. */
export function findCycle(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

const where = (e: Edge): string => `src/${e.file}:${e.line} imports '${e.specifier}'`;

/** Every import of `files` the table does not allow, one readable line each. */
export function layerViolations(files: readonly SourceFile[], layers: readonly Layer[]): string[] {
  const byFolder = new Map(layers.map((l) => [l.folder, l]));
  const { edges, packages } = folderEdges(files);
  const problems: string[] = [];
  for (const folder of new Set(files.map((f) => folderOf(f.path))))
    if (!folder.includes('.') && !byFolder.has(folder))
      problems.push(`src/${folder}/ is not in the layer table (src/docs/layers.ts): add it there`);
  for (const e of edges) {
    const layer = byFolder.get(e.from);
    if (!layer) continue;
    if (!byFolder.has(e.to))
      problems.push(`${where(e)}: ${e.to} is not a folder of the layer table`);
    else if (!layer.mayImport.includes(e.to))
      problems.push(
        `${where(e)}: ${e.from}/ may not import ${e.to}/ (it may import: ${layer.mayImport.join(', ') || 'no other folder'})`,
      );
  }
  for (const e of packages) {
    const pkg = packageOf(e.specifier);
    if (pkg === undefined) continue;
    const layer = byFolder.get(e.from);
    if (matches(pkg, ACTIONS_SCOPE) && !ACTIONS_FOLDERS.includes(e.from))
      problems.push(
        `${where(e)}: only ${ACTIONS_FOLDERS.join(', ')} may import ${ACTIONS_SCOPE} (pass what you need in, as shared/annotations.ts does)`,
      );
    else if (layer?.packages && !layer.packages.some((p) => matches(pkg, p)))
      problems.push(
        `${where(e)}: ${e.from}/ may import only the packages ${layer.packages.join(', ') || '(none)'} and node:*`,
      );
  }
  return problems;
}

/** Cycles in the table itself (the allowed imports), or among the imports `files` really make. */
export function cycleOf(edges: Iterable<{ from: string; to: string }>): string[] | undefined {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    if (!graph.has(from)) graph.set(from, new Set());
    graph.get(from)!.add(to);
  }
  return findCycle(graph);
}

/**
 * Which test files are integration tests: those that use a helper starting something slow
 * or outside this process's source — moto, the Terraform CLI, the ncc-built processor
 * bundles, the action run as a process. Every other test file is a unit test and runs in
 * `npm run test:unit`. The rule reads each file's imports, so a new test file lands in the
 * right tier without being listed anywhere.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The test/support helpers that make a test an integration test: module -> functions. */
export const INTEGRATION_HELPERS: Record<string, string[]> = {
  moto: ['startMoto'], // a moto server
  terraform: ['terraform', 'terraformOk', 'expectValidRoots'], // the Terraform CLI
  // ncc builds of the processors: minutes after every source change
  'processor-bundles': ['processorBundles'],
  'action-runner': ['runAction'], // the action end to end, with bundles
  // the CLI as a process: a node start and the source loader per run, seconds per file
  'cli-runner': ['runCli'],
};

const SUPPORT_IMPORT = /import\s*\{([^}]*)\}\s*from\s*'(?:\.\.?\/)+support\/([\w-]+)\.js'/g;

/** The names an import clause brings in (`a`, `b as c`, `type d` give a, b, d). */
function importedNames(clause: string): string[] {
  return clause
    .split(',')
    .map((n) => n.trim().replace(/^type\s+/, ''))
    .map((n) => n.split(/\s+as\s+/)[0] as string);
}

/** True when `source` imports one of the helpers above (a constant such as REPO_ROOT does not count). */
export function usesIntegrationHelper(source: string): boolean {
  return [...source.matchAll(SUPPORT_IMPORT)].some(([, clause, module]) =>
    importedNames(clause as string).some((n) => INTEGRATION_HELPERS[module as string]?.includes(n)),
  );
}

function testFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) return name === 'fixtures' ? [] : testFiles(p);
      return name.endsWith('.test.ts') ? [p] : [];
    });
}

const LOCAL_IMPORT = /from\s+'(\.\.?\/[^']+)\.js'/g;

/**
 * True when `file`, or a test module it imports (a shared harness, fixtures), uses an
 * integration helper. test/support itself is not followed: there the named import decides,
 * so importing a type or a constant from action-runner.ts does not make a unit test slow.
 */
function needsIntegration(file: string, support: string, seen = new Set<string>()): boolean {
  if (seen.has(file) || !existsSync(file)) return false;
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  if (usesIntegrationHelper(source)) return true;
  return [...source.matchAll(LOCAL_IMPORT)].some(([, spec]) => {
    const imported = path.resolve(path.dirname(file), `${spec}.ts`);
    return !imported.startsWith(support + path.sep) && needsIntegration(imported, support, seen);
  });
}

/** The integration test files under `testDir`, relative to `root` (vitest's glob form). */
export function integrationTestFiles(root: string, testDir = path.join(root, 'test')): string[] {
  const support = path.join(testDir, 'support');
  return testFiles(testDir)
    .filter((file) => needsIntegration(file, support))
    .map((file) => path.relative(root, file).split(path.sep).join('/'));
}

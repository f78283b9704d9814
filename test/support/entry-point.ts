/**
 * How tests start the action and the CLI as processes. By default from src/ through the
 * source loader (test/support/source-loader), so a test always exercises the current
 * source; `npm run package` is only needed to ship. STREAMALERT_TEST_DIST=1 runs the
 * committed bundles instead (dist/index.js, dist/cli/index.js and dist/processors), to
 * check what a runner executes after `npm run package`.
 */
import path from 'node:path';
import { REPO_ROOT } from './conf.js';

export type Entry = 'action' | 'cli';

export interface EntryCommand {
  /** Arguments for `process.execPath`, before the entry's own arguments. */
  args: string[];
  /** Environment the entry needs on top of the caller's. */
  env: Record<string, string>;
}

export const RUN_DIST = process.env.STREAMALERT_TEST_DIST === '1';

const SOURCES: Record<Entry, string> = {
  action: path.join(REPO_ROOT, 'src', 'action', 'index.ts'),
  cli: path.join(REPO_ROOT, 'src', 'cli', 'index.ts'),
};
const BUNDLES: Record<Entry, string> = {
  action: path.join(REPO_ROOT, 'dist', 'index.js'),
  cli: path.join(REPO_ROOT, 'dist', 'cli', 'index.js'),
};
const LOADER = path.join(REPO_ROOT, 'test', 'support', 'source-loader', 'register.mjs');

/**
 * `bundlesDir`: the processor bundles a source run builds zips and tests rules with (from
 * processorBundles()). Without it a source run that needs them fails naming the missing
 * bundle, instead of silently using a dist/processors built from older sources.
 */
export function entryCommand(entry: Entry, bundlesDir?: string): EntryCommand {
  if (RUN_DIST) return { args: [BUNDLES[entry]], env: {} };
  return {
    args: ['--import', LOADER, SOURCES[entry]],
    env: {
      STREAMALERT_PROCESSOR_BUNDLES:
        bundlesDir ?? path.join(REPO_ROOT, 'node_modules', '.cache', 'no-processor-bundles-given'),
    },
  };
}

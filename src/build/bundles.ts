/**
 * Where the prebuilt processor bundles live: dist/processors in the action's checkout
 * (made by `npm run package`, committed with dist/), or STREAMALERT_PROCESSOR_BUNDLES.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../shared/package-root.js';

export const BUNDLE_FILES = {
  ruleProcessor: 'rule_processor/index.js',
  alertProcessor: 'alert_processor/index.js',
  /** The pull collectors (one bundle, every source). */
  collector: 'collector/index.js',
  rulesApi: 'rules-api/rules.mjs',
  /** The rule sandbox child: imports and tests the pull request's rules without credentials. */
  sandbox: 'sandbox/child.mjs',
} as const;

export function processorBundlesDir(explicit?: string): string {
  const dir =
    explicit ??
    process.env.STREAMALERT_PROCESSOR_BUNDLES ??
    path.join(packageRoot(), 'dist', 'processors');
  for (const file of Object.values(BUNDLE_FILES)) {
    if (!existsSync(path.join(dir, file))) {
      throw new Error(
        `processor bundle ${path.join(dir, file)} is missing: run \`npm run package\` (or node scripts/package-processors.mjs DIR and set STREAMALERT_PROCESSOR_BUNDLES=DIR)`,
      );
    }
  }
  return dir;
}

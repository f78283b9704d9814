/**
 * Runs once before the integration files: points TF_CLI_CONFIG_FILE at a CLI configuration
 * the suite writes itself (the machine's own points at a file that does not exist), and
 * makes sure the processor bundles exist.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeTerraformCliConfig } from './terraform.js';
import { processorBundles } from './processor-bundles.js';

export default function setup(): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'streamalert-tf-'));
  process.env.TF_CLI_CONFIG_FILE = writeTerraformCliConfig(dir);
  // Built (or found in the cache) once here: test files running side by side would
  // otherwise each start the same ncc build.
  processorBundles();
  return () => rmSync(dir, { recursive: true, force: true });
}

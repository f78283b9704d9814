/**
 * Runs once before the integration files: points TF_CLI_CONFIG_FILE at a CLI configuration
 * the suite writes itself (the machine's own points at a file that does not exist), and
 * makes sure the processor bundles exist and starts the shared AWS provider (shared-provider.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PLUGIN_MIRROR, writeTerraformCliConfig } from './terraform.js';
import { SHARED_PROVIDER_ENV, startSharedProvider } from './shared-provider.js';
import { processorBundles } from './processor-bundles.js';

export default async function setup(): Promise<() => void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'streamalert-tf-'));
  process.env.TF_CLI_CONFIG_FILE = writeTerraformCliConfig(dir);
  // Built (or found in the cache) once here: test files running side by side would
  // otherwise each start the same ncc build.
  processorBundles();
  // Set before vitest starts the workers, which inherit it (see shared-provider.ts).
  const provider = await startSharedProvider(PLUGIN_MIRROR);
  if (provider) process.env[SHARED_PROVIDER_ENV] = provider.reattach;
  return () => {
    provider?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

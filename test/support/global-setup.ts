/**
 * Runs once before the integration files: points TF_CLI_CONFIG_FILE at a CLI configuration
 * the suite writes itself (the machine's own points at a file that does not exist), and
 * makes sure the processor bundles exist, starts the shared AWS provider and puts the
 * `terraform` that uses it first on PATH (shared-provider.ts), and starts the server that
 * forks the test files' moto servers (moto-forks.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PLUGIN_MIRROR, writeTerraformCliConfig } from './terraform.js';
import { installTerraformShim, providerBinary, startSharedProvider } from './shared-provider.js';
import { processorBundles } from './processor-bundles.js';
import { FORK_SOCKET_VARIABLE, startForkServer } from './moto-forks.js';
import { defaultGogc } from '../../src/terraform/exec.js';

export default async function setup(): Promise<() => void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'streamalert-tf-'));
  process.env.TF_CLI_CONFIG_FILE = writeTerraformCliConfig(dir);
  // The suite starts the action and the CLI as processes about a hundred times; each one
  // compiled the 6 MB bundle again (~0.35 CPU-s). Node keeps the compiled code here instead;
  // what runs is the same bundle (a runner's single process gains nothing from it).
  process.env.NODE_COMPILE_CACHE ??= path.join(dir, 'node-compile-cache');
  // The action and the CLI start Terraform with a larger GOGC (src/terraform/exec.ts: at Go's
  // default a plan spends a third of its CPU collecting garbage); the suite's own Terraform
  // runs (module tests, the applies of test/moto, validate) and the shared provider take the
  // same. Set before anything starts so every child inherits it.
  process.env.GOGC ??= defaultGogc();
  // Built (or found in the cache) once here: test files running side by side would
  // otherwise each start the same ncc build.
  processorBundles();
  const forks = await startForkServer(dir);
  process.env[FORK_SOCKET_VARIABLE] = forks.socket;
  const provider = await startSharedProvider(PLUGIN_MIRROR);
  if (provider) {
    const real = execFileSync('sh', ['-c', 'command -v terraform']).toString().trim();
    const shim = installTerraformShim(
      path.join(dir, 'bin'),
      provider.reattach,
      real,
      providerBinary(PLUGIN_MIRROR)!,
    );
    // Set before vitest starts the workers, which inherit it; the action and CLI processes
    // the tests start are given the same PATH.
    process.env.PATH = `${shim}${path.delimiter}${process.env.PATH ?? ''}`;
  }
  return () => {
    provider?.stop();
    forks.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

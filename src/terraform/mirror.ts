/**
 * Offline: a machine without the Terraform registry (an air-gapped runner, this project's
 * own test machine) installs providers from a filesystem mirror. The user names one with
 * STREAMALERT_TF_PLUGIN_MIRROR; without a name, a mirror at the default place is used only
 * when the user has no Terraform CLI configuration of their own (theirs decides how
 * providers are installed). The CLI configuration that points Terraform at the mirror is
 * written once per process into a temp folder, removed on exit.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import type { TerraformEnv } from './exec.js';

/** Where `npm run example` and the tests look too. */
export const DEFAULT_PROVIDER_MIRROR = '/opt/tf-plugins';
export const MIRROR_VARIABLE = 'STREAMALERT_TF_PLUGIN_MIRROR';

const isFolder = (p: string) => statSync(p, { throwIfNoEntry: false })?.isDirectory() === true;
const isFile = (p: string) => statSync(p, { throwIfNoEntry: false })?.isFile() === true;

/** The mirror to install providers from, or undefined for Terraform's own configuration. */
export function providerMirror(
  env: NodeJS.ProcessEnv = process.env,
  defaultMirror = DEFAULT_PROVIDER_MIRROR,
): string | undefined {
  const named = env[MIRROR_VARIABLE];
  if (named) {
    if (!isFolder(named)) throw new Error(`${MIRROR_VARIABLE}=${named}: no such folder`);
    return path.resolve(named);
  }
  const own = env.TF_CLI_CONFIG_FILE || path.join(homedir(), '.terraformrc');
  if (isFile(own)) return undefined;
  return isFolder(defaultMirror) ? defaultMirror : undefined;
}

/** The CLI configuration text: every hashicorp provider from the mirror, nothing else. */
export function mirrorCliConfig(mirror: string): string {
  return `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(mirror)}
    include = ["registry.terraform.io/hashicorp/*"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/*"]
  }
}
`;
}

const written = new Map<string, string>();

function cliConfigFor(mirror: string): string {
  let file = written.get(mirror);
  if (!file) {
    const dir = mkdtempSync(path.join(tmpdir(), 'streamalert-terraform-'));
    file = path.join(dir, 'terraform.rc');
    writeFileSync(file, mirrorCliConfig(mirror));
    written.set(mirror, file);
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return file;
}

/** Terraform's environment with the mirror's CLI configuration, when a mirror applies. */
export function withProviderMirror<T extends TerraformEnv>(
  opts: T,
  env: NodeJS.ProcessEnv = process.env,
  defaultMirror = DEFAULT_PROVIDER_MIRROR,
): T {
  if (opts.env.TF_CLI_CONFIG_FILE) return opts;
  const mirror = providerMirror(env, defaultMirror);
  if (!mirror) return opts;
  return { ...opts, env: { ...opts.env, TF_CLI_CONFIG_FILE: cliConfigFor(mirror) } };
}

/**
 * One long-lived AWS provider process for the Terraform runs that never configure it:
 * `terraform validate`, `terraform test` of the modules (every tests/*.tftest.hcl plans
 * against `mock_provider "aws"`) and `terraform show -json` of a saved plan (the action
 * runs one per planned root; it only reads the provider's schema to decode the plan).
 * Starting the AWS provider costs about 1.5 CPU seconds (it builds the schema of every
 * resource before it serves): a module test starts it twice per `run` block (~190 starts),
 * a show once (~70 in the suite; measured on one root: 2.0-3.1 CPU-s per show alone, 1.3
 * with the shared provider, the same JSON byte for byte). Terraform attaches to a provider
 * started with `-debug` through TF_REATTACH_PROVIDERS and leaves it running; the calls these
 * commands make (schema, validate) keep no state in the provider, so concurrent Terraform
 * processes can share it. Runs that configure the provider (plan, apply against moto) keep
 * their own processes: a configured provider holds one region and one endpoint.
 *
 * The action and the CLI run as processes and call `terraform` from PATH, as on a runner:
 * they reach the shared provider through a `terraform` first on PATH (installTerraformShim)
 * that sets TF_REATTACH_PROVIDERS for those commands only and runs the real binary.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Terraform commands that never configure a provider, and so may use the shared one. */
const UNCONFIGURED = ['validate', 'test', 'show'];

const AWS = path.join('registry.terraform.io', 'hashicorp', 'aws');

/** The newest AWS provider binary in the filesystem mirror, if the mirror has one. */
function providerBinary(mirror: string): string | undefined {
  const versionsDir = path.join(mirror, AWS);
  if (!existsSync(versionsDir)) return undefined;
  const newest = readdirSync(versionsDir)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .pop();
  if (!newest) return undefined;
  const platformDir = path.join(versionsDir, newest, 'linux_amd64');
  if (!existsSync(platformDir)) return undefined;
  const binary = readdirSync(platformDir).find((f) => f.startsWith('terraform-provider-aws'));
  return binary ? path.join(platformDir, binary) : undefined;
}

export interface SharedProvider {
  /** The TF_REATTACH_PROVIDERS value. */
  reattach: string;
  stop(): void;
}

/**
 * Starts the provider in debug mode and waits for the reattach line it prints. Undefined
 * when the mirror has no AWS provider: every run then starts its own, as without this.
 */
export async function startSharedProvider(mirror: string): Promise<SharedProvider | undefined> {
  const binary = providerBinary(mirror);
  if (!binary) return undefined;
  const child: ChildProcess = spawn(binary, ['-debug'], { stdio: ['ignore', 'pipe', 'pipe'] });
  // Keep reading both pipes for the process's lifetime: a full pipe would block its logging.
  child.stderr?.resume();
  const reattach = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`${binary} -debug ${why} before printing TF_REATTACH_PROVIDERS:\n${seen}`));
    };
    const timer = setTimeout(() => fail('took 60 s'), 60_000);
    const onExit = (code: number | null) => fail(`exited (${code})`);
    child.once('error', reject);
    child.once('exit', onExit);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const m = /TF_REATTACH_PROVIDERS='([^']+)'/.exec(seen);
      if (!m) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      // From here on the output is only read away, not kept.
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      resolve(m[1] as string);
    };
    child.stdout?.on('data', onData);
  });
  return {
    reattach,
    stop: () => {
      child.kill();
    },
  };
}

/** `text` as one shell word. */
const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * Writes `<dir>/terraform`: the real `terraform` (found on PATH now) with the shared
 * provider for the UNCONFIGURED commands. Returns `dir`, to put first on PATH.
 */
export function installTerraformShim(dir: string, reattach: string, realTerraform: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'terraform');
  writeFileSync(
    file,
    [
      '#!/bin/sh',
      '# test/support/shared-provider.ts: commands that never configure the AWS provider share one.',
      `case "$1" in ${UNCONFIGURED.join('|')})`,
      `  TF_REATTACH_PROVIDERS=${shellQuote(reattach)}; export TF_REATTACH_PROVIDERS ;;`,
      'esac',
      `exec ${shellQuote(realTerraform)} "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(file, 0o755);
  return dir;
}

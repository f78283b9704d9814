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
export function providerBinary(mirror: string): string | undefined {
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

/** Terraform commands that configure the provider; each starts it once per walk and config. */
const CONFIGURED = ['plan', 'apply', 'destroy', 'refresh', 'import'];

/**
 * Writes `<dir>/terraform`: the real `terraform` (found on PATH now) with the shared
 * provider for the UNCONFIGURED commands. For the CONFIGURED ones in a root that holds ONE
 * `provider "aws"` block (every cluster root; global has one per region), it starts a
 * provider of its own with `-debug` for that one command and attaches Terraform to it:
 * a plan otherwise starts the provider three times (schemas, the validate walk, the plan
 * walk) and an apply twice, ~1.2 CPU-s each (measured on a cluster root: 7.1-8.2 CPU-s per
 * plan, 4.6-5.7 with one start; the same plan JSON apart from the order of
 * relevant_attributes). A configured provider holds one region and endpoint, so a root with
 * several configurations, or one without the provider installed by `terraform init` (an
 * error the tests must see as a user would), runs as it is. Returns `dir`, to put first on PATH.
 */
export function installTerraformShim(
  dir: string,
  reattach: string,
  realTerraform: string,
  providerBinary: string,
): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'terraform');
  const real = shellQuote(realTerraform);
  writeFileSync(
    file,
    [
      '#!/bin/sh',
      '# test/support/shared-provider.ts: fewer AWS provider starts, the same Terraform runs.',
      `case "$1" in ${UNCONFIGURED.join('|')})`,
      `  TF_REATTACH_PROVIDERS=${shellQuote(reattach)}; export TF_REATTACH_PROVIDERS`,
      `  exec ${real} "$@" ;;`,
      `${CONFIGURED.join('|')}) ;;`,
      `*) exec ${real} "$@" ;;`,
      'esac',
      `[ -z "$TF_REATTACH_PROVIDERS" ] && [ -d ${shellQuote(`.terraform/providers/${AWS}`)} ] &&`,
      `  [ "$(cat ./*.tf 2>/dev/null | grep -c '^provider "aws"')" = 1 ] || exec ${real} "$@"`,
      'out=$(mktemp) || exec ' + real + ' "$@"',
      // A provider started with -debug cannot take a custom CA bundle ("unable to add custom
      // RootCAs HTTPClient, has no WithTransportOptions"): on a machine that sets AWS_CA_BUNDLE
      // (for a proxy) every configured command failed. The tests reach moto over plain HTTP,
      // where a bundle is never used, so the debug provider starts without it.
      `env -u AWS_CA_BUNDLE ${shellQuote(providerBinary)} -debug >"$out" 2>/dev/null </dev/null &`,
      'pid=$!',
      '# The provider goes with this command, however it ends.',
      `trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$out"' EXIT`,
      "trap 'exit 143' TERM INT HUP",
      'tries=0',
      `until grep -q "TF_REATTACH_PROVIDERS='.*'" "$out"; do`,
      '  tries=$((tries + 1))',
      '  # Not up within two minutes (or gone): Terraform starts its own, as without the shim.',
      '  if [ $tries -gt 2400 ] || ! kill -0 $pid 2>/dev/null; then',
      '    kill $pid 2>/dev/null; rm -f "$out"; trap - EXIT; exec ' + real + ' "$@"',
      '  fi',
      '  sleep 0.05',
      'done',
      `TF_REATTACH_PROVIDERS=$(sed -n "s/.*TF_REATTACH_PROVIDERS='\\(.*\\)'.*/\\1/p" "$out")`,
      'export TF_REATTACH_PROVIDERS',
      `${real} "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(file, 0o755);
  return dir;
}

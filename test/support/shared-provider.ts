/**
 * One long-lived AWS provider process for the Terraform runs that never configure it:
 * `terraform validate` and `terraform test` of the modules (every tests/*.tftest.hcl
 * plans against `mock_provider "aws"`). Starting the AWS provider costs about 1.5 CPU
 * seconds (it builds the schema of every resource before it serves), and such a run
 * starts it twice per `run` block: the module tests alone were ~190 starts. Terraform
 * attaches to a provider started with `-debug` through TF_REATTACH_PROVIDERS and leaves it
 * running; the calls these commands make (schema, validate) keep no state in the provider,
 * so concurrent Terraform processes can share it. Runs that configure the provider (plan,
 * apply against moto) keep their own processes: a configured provider holds one region
 * and one endpoint.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The variable the global setup hands the reattach JSON to the test workers in. */
export const SHARED_PROVIDER_ENV = 'STREAMALERT_TEST_TF_REATTACH';

/** Terraform commands that never configure a provider, and so may use the shared one. */
const UNCONFIGURED = new Set(['validate', 'test']);

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

/** The environment a Terraform `command` gets: the shared provider where it is safe to use. */
export function sharedProviderEnv(command: string | undefined): Record<string, string> {
  const reattach = process.env[SHARED_PROVIDER_ENV];
  return reattach && command && UNCONFIGURED.has(command)
    ? { TF_REATTACH_PROVIDERS: reattach }
    : {};
}

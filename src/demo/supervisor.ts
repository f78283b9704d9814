/**
 * `streamalert demo` (`npm run demo`): deploys an example (examples/production by default)
 * into a fresh local AWS stand-in and shows the alerts its sample records raise. This
 * process is the supervisor; it owns everything the demo starts and stops all of it, on
 * success, on failure and on Ctrl-C (SIGINT), SIGTERM or SIGHUP:
 *
 * - a temp folder (the example's copy, Terraform's files, the unpacked functions; TMPDIR
 *   of every child points into it), removed at the end;
 * - moto, through the shipped launcher, in its own process group (it also exits by itself
 *   when this process dies without cleaning up);
 * - the worker (worker.ts): this same CLI again, in its own process group, so Terraform,
 *   its provider and the functions' node processes — all the worker's descendants — are
 *   stopped with one signal to the group.
 *
 * Never real AWS: the worker's environment has every AWS_* variable of this one removed
 * and the stand-in's endpoint and test credentials put in their place (localAwsEnv); the
 * worker checks it again. `--aws-endpoint` (a stand-in already running, e.g. `npm run
 * local-aws`) must name this machine.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InputError } from '../door-kit/inputs.js';
import { loadConfig } from '../config/load.js';
import {
  INSTALL_MOTO,
  isLoopbackEndpoint,
  localAwsEnv,
  LocalAwsMissing,
  startLocalAws,
  type LocalAws,
} from '../local-aws/moto.js';
import { packageRoot } from '../shared/package-root.js';
import type { DeployCommands } from './deploy.js';
import { runDemoWorker } from './worker.js';

/** Set (to JSON) in the worker's environment by the supervisor; its presence makes a run the worker. */
export const WORKER_ENV = 'STREAMALERT_DEMO_WORKER';

export const FIRST_LINE =
  'streamalert demo: runs only against a local AWS stand-in (moto on 127.0.0.1) with test credentials; nothing here reaches real AWS.';

export interface DemoRequest {
  example: string;
  /** A stand-in already running on this machine; otherwise a fresh one is started. */
  awsEndpoint?: string;
  print: (line: string) => void;
  /** The plan and apply commands the worker deploys with (src/commands/demo.ts hands them in). */
  commands: DeployCommands;
  /** The CLI entry to start the worker with (this process's own). */
  entry?: { execPath: string; args: string[] };
}

interface WorkerState {
  workDir: string;
  startedAt: number;
}

/** The examples shipped with the package (folders of examples/ with a conf/). */
export function examples(): string[] {
  const dir = path.join(packageRoot(), 'examples');
  return readdirSync(dir)
    .filter((n) => existsSync(path.join(dir, n, 'conf', 'global.json')))
    .sort();
}

/** The Terraform CLI configuration of the demo: the provider mirror when there is one, and a plugin cache. */
function terraformCliConfig(dir: string): string | undefined {
  const mirror = process.env.STREAMALERT_TF_PLUGIN_MIRROR ?? '/opt/tf-plugins';
  const own = process.env.TF_CLI_CONFIG_FILE;
  // A user's own CLI configuration (a network mirror, registry credentials) is kept when
  // there is no local mirror to point at.
  if (!existsSync(mirror) && own && existsSync(own)) return undefined;
  const cache = path.join(dir, 'terraform-plugin-cache');
  const file = path.join(dir, 'terraform.rc');
  const installation = existsSync(mirror)
    ? `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/hashicorp/*"]\n  }\n}\n`
    : '';
  rmSync(cache, { recursive: true, force: true });
  writeFileSync(file, `${installation}plugin_cache_dir = ${JSON.stringify(cache)}\n`);
  return file;
}

/**
 * What the demo needs besides python3 and moto (the launcher says those), each in one line:
 * the AWS SDK the processors run with (from `npm ci`) and Terraform.
 */
async function missingTool(): Promise<string | undefined> {
  const sdk = path.join(packageRoot(), 'node_modules', '@aws-sdk', 'client-sns');
  if (!existsSync(sdk))
    return `the demo runs the Lambda processors with this checkout's AWS SDK, and ${path.dirname(sdk)} has none: run npm ci first`;
  const ok = await new Promise<boolean>((resolve) =>
    execFile('terraform', ['version'], { timeout: 60_000 }, (error) => resolve(!error)),
  );
  if (!ok)
    return 'the demo deploys with Terraform (1.10 or later), and `terraform version` does not run: install it (https://developer.hashicorp.com/terraform/install)';
  return undefined;
}

function killGroup(child: ChildProcess | undefined, signal: NodeJS.Signals): void {
  if (child?.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone
  }
}

/** Resolves when no process of the group is left (or after `ms`). */
async function groupGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      process.kill(-pid, 0);
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

export async function superviseDemo(r: DemoRequest): Promise<number> {
  const startedAt = Date.now();
  const { print } = r;
  print(FIRST_LINE);
  const known = examples();
  if (!known.includes(r.example))
    throw new InputError(`--example: no example "${r.example}" (examples/: ${known.join(', ')})`);
  if (r.awsEndpoint !== undefined && !isLoopbackEndpoint(r.awsEndpoint))
    throw new InputError(
      `--aws-endpoint: the demo runs only against a stand-in on this machine (127.0.0.1, localhost, ::1), not ${r.awsEndpoint}`,
    );
  const config = await loadConfig(path.join(packageRoot(), 'examples', r.example, 'conf'));
  const missing = await missingTool();
  if (missing) {
    print(missing);
    return 1;
  }

  const temp = mkdtempSync(path.join(tmpdir(), 'streamalert-demo-'));
  let moto: LocalAws | undefined;
  let motoLog = '';
  let worker: ChildProcess | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (worker?.pid !== undefined) {
        killGroup(worker, 'SIGTERM');
        if (!(await groupGone(worker.pid, 5_000))) {
          killGroup(worker, 'SIGKILL');
          await groupGone(worker.pid, 5_000);
        }
      }
      await moto?.stop();
      rmSync(temp, { recursive: true, force: true, maxRetries: 3 });
    })());
  const onSignal = (signal: NodeJS.Signals): void => {
    print(`\n${signal}: stopping everything the demo started...`);
    void stop().then(() => {
      print('stopped; nothing of the demo is left running');
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, onSignal);

  try {
    let endpoint = r.awsEndpoint;
    if (endpoint === undefined) {
      print(`\n[1/4] A fresh local AWS stand-in`);
      try {
        moto = await startLocalAws({
          detached: true,
          account: config.global.account.awsAccountId,
          onOutput: (chunk) => {
            motoLog = (motoLog + chunk.toString('utf8')).slice(-200_000);
          },
        });
      } catch (err) {
        if (err instanceof LocalAwsMissing) {
          print(`cannot start the local AWS stand-in: ${err.message}`);
          return 1;
        }
        throw err;
      }
      endpoint = moto.endpoint;
      print(
        `  moto on ${endpoint} (account ${config.global.account.awsAccountId}, empty), started from scripts/local-aws/moto_launcher.py`,
      );
    } else {
      print(`\n[1/4] The local AWS stand-in at ${endpoint} (not started by the demo)`);
    }

    const cliConfig = terraformCliConfig(temp);
    const state: WorkerState = { workDir: path.join(temp, 'work'), startedAt };
    const env: Record<string, string> = {
      ...localAwsEnv(endpoint, process.env, config.global.account.region),
      TMPDIR: temp,
      TF_IN_AUTOMATION: '1',
      CHECKPOINT_DISABLE: '1',
      ...(cliConfig ? { TF_CLI_CONFIG_FILE: cliConfig } : {}),
      [WORKER_ENV]: JSON.stringify(state),
    };
    // Nothing of the caller's Terraform setup may change what the demo applies.
    for (const k of Object.keys(env))
      if (/^TF_(CLI_ARGS|VAR_|WORKSPACE|DATA_DIR)/.test(k)) delete env[k];
    const entry = r.entry ?? {
      execPath: process.execPath,
      args: [...process.execArgv, process.argv[1]!],
    };
    worker = spawn(
      entry.execPath,
      [...entry.args, 'demo', '--example', r.example, '--aws-endpoint', endpoint],
      { env, stdio: 'inherit', detached: true },
    );
    const code = await new Promise<number>((resolve) => {
      worker!.once('error', () => resolve(1));
      worker!.once('close', (c) => resolve(c ?? 1));
    });
    if (code !== 0) {
      // The stand-in's side of a failure (a request it answered with an error) goes with it.
      const unusual = motoLog
        .split('\n')
        .filter((l) => /" [45]\d\d -|Traceback|Error|Exception/.test(l))
        .slice(-15);
      if (unusual.length > 0)
        print(`\nthe local AWS stand-in's last errors:\n${unusual.join('\n')}`);
      print(`\nthe demo failed (exit ${code}); stopping everything it started`);
    }
    return code === 0 ? 0 : 1;
  } finally {
    await stop();
    for (const s of signals) process.off(s, onSignal);
    print(
      `\n${moto ? 'stopped the local AWS stand-in and ' : ''}removed ${temp}; nothing of the demo is left running (${((Date.now() - startedAt) / 1000).toFixed(0)} s in all)`,
    );
  }
}

/** The worker's side (this process is the worker when WORKER_ENV is set). */
export async function workDemo(r: DemoRequest): Promise<number> {
  const state = JSON.parse(process.env[WORKER_ENV] ?? '{}') as WorkerState;
  if (!state.workDir || r.awsEndpoint === undefined)
    throw new Error(`${WORKER_ENV} is set, but not by the demo`);
  const report = await runDemoWorker({
    example: r.example,
    endpoint: r.awsEndpoint,
    workDir: state.workDir,
    startedAt: state.startedAt,
    print: r.print,
    commands: r.commands,
  });
  if (report.failures.length > 0) {
    r.print(`\n${report.failures.length} invocation(s) failed:`);
    for (const f of report.failures) r.print(`  ${f}`);
    return 1;
  }
  if (report.alerts.length === 0) {
    r.print('\nno alert was raised: the sample records should have raised some');
    return 1;
  }
  return 0;
}

export { INSTALL_MOTO };

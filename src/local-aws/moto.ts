/**
 * A local AWS stand-in: moto's server, started through the launcher this project ships
 * (scripts/local-aws/moto_launcher.py, which closes the gaps of moto 5.2 our Terraform
 * meets), on 127.0.0.1 and a free port. `npm run demo` and the tests start it through
 * here; `npm run local-aws` runs the same launcher in a terminal.
 *
 * Everything that talks to it gets `localAwsEnv`: the endpoint and test credentials, with
 * every other AWS setting of the caller's environment (profiles, roles, web identity,
 * config files) dropped, so nothing can reach a real account by accident.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { devNull } from 'node:os';
import path from 'node:path';
import { packageRoot } from '../shared/package-root.js';

/** The launcher's exit code when moto (or its server extras) is not installed. */
const MOTO_MISSING = 3;

export const INSTALL_MOTO = 'pip install "moto[server]"';

export function launcherPath(): string {
  return path.join(packageRoot(), 'scripts', 'local-aws', 'moto_launcher.py');
}

/** Thrown when the stand-in cannot start for want of python3 or moto: its message is one line saying what to install. */
export class LocalAwsMissing extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalAwsMissing';
  }
}

export interface LocalAws {
  endpoint: string;
  /** The launcher's process id (its own process group when started `detached`). */
  pid: number;
  /** Environment for processes (Terraform, the SDK) that must talk to it: see localAwsEnv. */
  env: Record<string, string>;
  /** Stops it (SIGTERM, then SIGKILL after a few seconds) and waits until it has exited. */
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** True when `url` names this machine (a local AWS stand-in); anything else may be real AWS. */
export function isLoopbackEndpoint(url: string): boolean {
  let host: string;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
    host = u.hostname.replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The AWS settings every process talking to the stand-in gets: the endpoint for every
 * service, test credentials, no instance metadata, and empty config files (a profile in
 * ~/.aws could name a credential process or another endpoint).
 */
export function localAwsSettings(endpoint: string, region = 'us-east-1'): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_SESSION_TOKEN: 'testing',
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: devNull,
    AWS_SHARED_CREDENTIALS_FILE: devNull,
  };
}

/**
 * `base` (a process environment) with every AWS_* variable removed — AWS_PROFILE,
 * AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE, AWS_CONTAINER_CREDENTIALS_*, per-service
 * AWS_ENDPOINT_URL_* — and the stand-in's settings put in their place.
 */
export function localAwsEnv(
  endpoint: string,
  base: NodeJS.ProcessEnv = process.env,
  region = 'us-east-1',
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !/^AWS_/i.test(k)) env[k] = v;
  return { ...env, ...localAwsSettings(endpoint, region) };
}

async function waitUntilUp(
  endpoint: string,
  child: ChildProcess,
  exited: () => boolean,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited()) {
      const text = log().trim();
      if (child.exitCode === MOTO_MISSING)
        throw new LocalAwsMissing(text.split('\n').pop() ?? `moto is missing: ${INSTALL_MOTO}`);
      throw new Error(`the local AWS stand-in (moto) exited with ${child.exitCode}:\n${text}`);
    }
    try {
      const res = await fetch(`${endpoint}/moto-api/`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the local AWS stand-in (moto) did not start within 60s:\n${log()}`);
}

export interface StartOptions {
  /** Its own process group (the caller then stops it; a terminal's Ctrl-C does not reach it). */
  detached?: boolean;
  /** Where its output goes besides the buffer kept for errors (e.g. a log file's stream). */
  onOutput?: (chunk: Buffer) => void;
  /** The AWS account it plays (moto's default is 123456789012): a configuration's ARNs then match. */
  account?: string;
}

/**
 * Starts moto through the shipped launcher on 127.0.0.1 and a free port; resolves once it
 * answers. The launcher also exits on its own when this process is gone (--exit-with-parent).
 */
export async function startLocalAws(options: StartOptions = {}): Promise<LocalAws> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  let child: ChildProcess;
  let spawnError: Error | undefined;
  let exited = false;
  try {
    child = spawn(
      'python3',
      [
        launcherPath(),
        '-H',
        '127.0.0.1',
        '-p',
        String(port),
        '--exit-with-parent',
        ...(options.account ? ['--account', options.account] : []),
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: options.detached ?? false,
        // moto itself needs no AWS settings; none of the caller's reach it.
        env: localAwsEnv(endpoint),
      },
    );
  } catch (err) {
    throw new LocalAwsMissing(
      `python3 could not be started (${(err as Error).message}): install Python 3, then ${INSTALL_MOTO}`,
    );
  }
  const done = new Promise<void>((resolve) =>
    child.once('close', () => {
      exited = true;
      resolve();
    }),
  );
  child.once('error', (err) => {
    spawnError = err;
    exited = true;
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000);
    options.onOutput?.(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const stop = async (): Promise<void> => {
    if (exited || child.pid === undefined) return;
    const signal = (s: NodeJS.Signals): void => {
      try {
        if (options.detached) process.kill(-child.pid!, s);
        else child.kill(s);
      } catch {
        // already gone
      }
    };
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), 5_000);
    await done;
    clearTimeout(timer);
  };

  try {
    await waitUntilUp(
      endpoint,
      child,
      () => exited,
      () => output,
    );
  } catch (err) {
    if (spawnError && (spawnError as NodeJS.ErrnoException).code === 'ENOENT')
      throw new LocalAwsMissing(
        `python3 is not installed (or not on PATH): install Python 3, then ${INSTALL_MOTO}`,
      );
    await stop();
    throw err;
  }
  return { endpoint, pid: child.pid!, env: localAwsSettings(endpoint), stop };
}

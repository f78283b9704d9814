/**
 * Fresh moto servers without moto's start-up cost: the launcher's --fork-server mode
 * (scripts/local-aws/moto_launcher.py) imports moto and loads the AWS managed policies once,
 * then forks a new server per request. Starting a server the usual way costs about 2.3 CPU
 * seconds and the suite starts one per moto test file; a forked one starts empty all the
 * same, from the same launcher with the same fixes. The global setup starts the fork server
 * and names its socket in MOTO_FORK_SOCKET; startMoto (moto.ts) uses it when it is set.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import path from 'node:path';
import { freePort, launcherPath, localAwsEnv, localAwsSettings } from '../../src/local-aws/moto.js';

export const FORK_SOCKET_VARIABLE = 'MOTO_FORK_SOCKET';

export interface ForkServer {
  socket: string;
  stop(): void;
}

/** Starts the fork server on `<dir>/moto.sock`; resolves once it listens. */
export async function startForkServer(dir: string): Promise<ForkServer> {
  const socket = path.join(dir, 'moto.sock');
  const child = spawn(
    'python3',
    [launcherPath(), '--fork-server', socket, '--exit-with-parent'],
    // moto needs no AWS settings; none of this process's reach it.
    { stdio: ['ignore', 'pipe', 'pipe'], env: localAwsEnv('http://127.0.0.1:1') },
  );
  let output = '';
  const keep = (b: Buffer): void => {
    output = (output + b.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const deadline = Date.now() + 120_000;
  while (!existsSync(socket)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new Error(`the moto fork server did not start (exit ${child.exitCode}):\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { socket, stop: () => void child.kill() };
}

export interface ForkedMoto {
  endpoint: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** A new moto server forked by the fork server at `socket`; resolves once it answers. */
export async function startForkedMoto(
  socket: string,
  options: { account?: string } = {},
): Promise<ForkedMoto> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const conn = createConnection(socket);
  let output = '';
  let pid: number | undefined;
  let closed = false;
  const gone = new Promise<void>((resolve) =>
    conn.once('close', () => {
      closed = true;
      resolve();
    }),
  );
  conn.on('error', (e) => {
    output += `\n${e.message}`;
  });
  conn.on('data', (b: Buffer) => {
    output = (output + b.toString()).slice(-20_000);
    if (pid === undefined && output.includes('\n')) pid = Number(output.split('\n')[0]);
  });
  conn.write(
    `${JSON.stringify({ port, ...(options.account ? { account: options.account } : {}) })}\n`,
  );

  const stop = async (): Promise<void> => {
    if (closed) return;
    if (pid) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    const timer = setTimeout(() => {
      try {
        if (pid) process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5_000);
    await gone;
    clearTimeout(timer);
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (closed) throw new Error(`the forked moto server exited before it answered:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the forked moto server did not answer within 60 s:\n${output}`);
    }
    try {
      if ((await fetch(`${endpoint}/moto-api/`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { endpoint, env: localAwsSettings(endpoint), stop };
}

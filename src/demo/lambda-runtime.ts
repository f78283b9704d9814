/**
 * Plays the Lambda service for one deployed function, on this machine: the stand-in (moto)
 * keeps the function's configuration but cannot run its code. Its zip is unpacked as Lambda
 * unpacks it into /var/task, and each invocation is a child `node` process with the
 * function's environment as deployed (GetFunctionConfiguration of the alias the event
 * sources call), the variables the Node.js runtime sets, the stand-in's endpoint and test
 * credentials in place of the role's, and the AWS SDK from this checkout's node_modules in
 * place of the one the runtime carries. The handler gets the event and a context object,
 * and its answer (or error) comes back on a pipe of its own, apart from its logs.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { localAwsSettings } from '../local-aws/moto.js';
import { readZip } from './zip-read.js';

/** A deployed function version as the Lambda API describes it. */
export interface DeployedFunction {
  name: string;
  /** The alias (or version) event sources invoke: `production`. */
  qualifier: string;
  /** The ARN the event sources name (function ARN with the alias): the context's invokedFunctionArn. */
  invokedArn: string;
  version: string;
  region: string;
  handler: string;
  runtime: string;
  timeoutSeconds: number;
  memoryMb: number;
  environment: Record<string, string>;
  /** Base64 SHA-256 of the deployed zip. */
  codeSha256: string;
}

export interface Invocation {
  ok: boolean;
  /** The handler's answer when ok. */
  value?: unknown;
  error?: { type: string; message: string };
  /** What the handler printed (its log lines), stdout and stderr interleaved by arrival. */
  logs: string[];
  durationMs: number;
}

/** Node.js runtime bootstrap: loads the handler from LAMBDA_TASK_ROOT and calls it once. */
const BOOTSTRAP = `'use strict';
// streamalert demo: plays the Node.js Lambda runtime for one invocation (see lambda-runtime.ts).
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const [eventFile, deadline, requestId, invokedArn] = process.argv.slice(2);
const answer = (message) => {
  fs.writeSync(3, JSON.stringify(message));
  process.exit(0);
};
(async () => {
  const root = process.env.LAMBDA_TASK_ROOT;
  const spec = process.env._HANDLER;
  const dot = spec.lastIndexOf('.');
  const base = path.resolve(root, spec.slice(0, dot));
  if (!base.startsWith(root + path.sep)) throw new Error('handler ' + spec + ' is outside the task root');
  const ext = ['.js', '.cjs', '.mjs'].find((e) => fs.existsSync(base + e));
  if (!ext) throw new Error('Runtime.ImportModuleError: cannot find module ' + spec.slice(0, dot));
  const mod = ext === '.mjs' ? await import(pathToFileURL(base + ext).href) : require(base + ext);
  const handler = mod[spec.slice(dot + 1)];
  if (typeof handler !== 'function') throw new Error('Runtime.HandlerNotFound: ' + spec);
  const context = {
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: invokedArn,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: requestId,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, Number(deadline) - Date.now()),
  };
  const event = JSON.parse(fs.readFileSync(eventFile, 'utf8'));
  const value = await handler(event, context);
  answer({ ok: true, value: value === undefined ? null : value });
})().catch((err) =>
  answer({ ok: false, type: (err && err.name) || 'Error', message: String((err && err.message) || err) }),
);
`;

/** Extra time a child gets over the function's timeout: a cold `node` start here is slower than Lambda's. */
const START_GRACE_MS = 10_000;

export class LocalLambda {
  private readonly roots = new Map<string, string>();
  private runtime?: string;
  private invocations = 0;

  /**
   * `workDir`: where zips are unpacked and events written; `sdkPath`: a node_modules
   * holding @aws-sdk/* (what the runtime carries); `zipFor`: the deployed zip of a code hash.
   */
  constructor(
    private readonly workDir: string,
    private readonly endpoint: string,
    private readonly sdkPath: string,
    private readonly zipFor: (codeSha256: string) => Promise<Buffer>,
  ) {}

  private async taskRoot(fn: DeployedFunction): Promise<string> {
    const known = this.roots.get(fn.codeSha256);
    if (known) return known;
    const files = readZip(await this.zipFor(fn.codeSha256));
    checkSdk(files, this.sdkPath, fn.name);
    const root = path.join(this.workDir, 'task', `${fn.name}-${this.roots.size}`);
    for (const [name, data] of files) {
      const file = path.join(root, name);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, data);
    }
    this.roots.set(fn.codeSha256, root);
    return root;
  }

  private async bootstrap(): Promise<string> {
    if (this.runtime) return this.runtime;
    const dir = path.join(this.workDir, 'runtime');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'bootstrap.cjs');
    await writeFile(file, BOOTSTRAP);
    this.runtime = file;
    return file;
  }

  /** The environment Lambda gives the function: its own variables, then the runtime's reserved ones. */
  environment(fn: DeployedFunction, taskRoot: string, runtimeDir: string): Record<string, string> {
    const stream = `${new Date().toISOString().slice(0, 10).replaceAll('-', '/')}/[${fn.version}]${randomUUID().replaceAll('-', '')}`;
    return {
      ...fn.environment,
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      LANG: 'en_US.UTF-8',
      TZ: ':UTC',
      HOME: path.join(this.workDir, 'home'),
      NODE_PATH: this.sdkPath,
      LAMBDA_TASK_ROOT: taskRoot,
      LAMBDA_RUNTIME_DIR: runtimeDir,
      _HANDLER: fn.handler,
      AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
      AWS_LAMBDA_FUNCTION_NAME: fn.name,
      AWS_LAMBDA_FUNCTION_VERSION: fn.version,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
      AWS_LAMBDA_LOG_STREAM_NAME: stream,
      // The role's credentials in Lambda; here the stand-in's test ones and its endpoint.
      ...localAwsSettings(this.endpoint, fn.region),
    };
  }

  async invoke(fn: DeployedFunction, event: unknown): Promise<Invocation> {
    const taskRoot = await this.taskRoot(fn);
    const bootstrap = await this.bootstrap();
    const n = ++this.invocations;
    const eventFile = path.join(this.workDir, 'events', `${n}.json`);
    await mkdir(path.dirname(eventFile), { recursive: true });
    await mkdir(path.join(this.workDir, 'home'), { recursive: true });
    await writeFile(eventFile, JSON.stringify(event));
    const started = Date.now();
    const deadline = started + fn.timeoutSeconds * 1000;
    const child = spawn(
      process.execPath,
      [bootstrap, eventFile, String(deadline), randomUUID(), fn.invokedArn],
      {
        cwd: taskRoot,
        env: this.environment(fn, taskRoot, path.dirname(bootstrap)),
        stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      },
    );
    const logs: string[] = [];
    let partial = '';
    const log = (chunk: Buffer): void => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      logs.push(...lines.filter((l) => l.trim() !== ''));
    };
    child.stdout!.on('data', log);
    child.stderr!.on('data', log);
    const answer: Buffer[] = [];
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (b: Buffer) => answer.push(b));
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        child.kill('SIGKILL');
      },
      fn.timeoutSeconds * 1000 + START_GRACE_MS,
    );
    const code = await new Promise<number | null>((resolve) => {
      child.once('error', () => resolve(null));
      child.once('close', (c) => resolve(c));
    });
    clearTimeout(timer);
    if (partial.trim() !== '') logs.push(partial);
    const durationMs = Date.now() - started;
    if (timedOut)
      return {
        ok: false,
        error: { type: 'Timeout', message: `Task timed out after ${fn.timeoutSeconds} seconds` },
        logs,
        durationMs,
      };
    const text = Buffer.concat(answer).toString('utf8');
    if (text === '')
      return {
        ok: false,
        error: {
          type: 'Runtime.ExitError',
          message: `the process exited (${code}) without an answer`,
        },
        logs,
        durationMs,
      };
    const parsed = JSON.parse(text) as {
      ok: boolean;
      value?: unknown;
      type?: string;
      message?: string;
    };
    return parsed.ok
      ? { ok: true, value: parsed.value, logs, durationMs }
      : {
          ok: false,
          error: { type: parsed.type ?? 'Error', message: parsed.message ?? '' },
          logs,
          durationMs,
        };
  }
}

const SDK_REQUIRE = /require\("(@aws-sdk\/[a-z0-9-]+)"\)/g;

/**
 * The bundles leave the AWS SDK out (the Lambda runtime carries it): every @aws-sdk client
 * the function's code requires must be in `sdkPath` (this checkout's node_modules after
 * `npm ci`), or the handler would fail on its first call with an unhelpful message.
 */
function checkSdk(files: ReadonlyMap<string, Buffer>, sdkPath: string, fn: string): void {
  const wanted = new Set<string>();
  for (const [name, data] of files)
    if (/\.(c|m)?js$/.test(name))
      for (const m of data.toString('utf8').matchAll(SDK_REQUIRE)) wanted.add(m[1]!);
  const missing = [...wanted].filter((c) => !existsSync(path.join(sdkPath, ...c.split('/'))));
  if (missing.length > 0)
    throw new Error(
      `${fn} needs the AWS SDK the Lambda runtime carries; looked for it in ${sdkPath}: ${missing.join(', ')} missing (run npm ci)`,
    );
}

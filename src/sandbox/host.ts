/**
 * Runs the pull request's rules out of this process. The action holds the GitHub token
 * and the plan role's AWS credentials; rule code (its top level when imported, its
 * functions when tested) runs only in a child Node process that gets:
 *   - a scrubbed environment: PATH, LANG/LC_ALL/TZ, and HOME/TMPDIR pointing at the
 *     rules' own temporary folder; no GITHUB_*, INPUT_*, ACTIONS_*, AWS_* or anything else;
 *   - Node's permission model where the runtime has it: reads of its own folder only (the
 *     compiled rules and a copy of the child bundle; not /proc/<parent>/environ, not
 *     ~/.aws), no writes, no child processes;
 *   - an operating-system boundary where the machine offers one (boundary.ts): no network
 *     (its own network namespace), another user (nobody), its own PID namespace and /proc;
 *   - a heap limit (--max-old-space-size, default 512 MB) and a time limit per step
 *     (loading the rules, then each fixture; default 60 s), after which it is killed.
 * It talks over its standard input (the request) and output (protocol lines): those are
 * the only descriptors sudo passes on, and every boundary uses the same channel.
 * A fixture whose rule hangs or exhausts memory is one failed test naming the rule and its
 * file; the rule is skipped for the fixtures after it and a fresh child carries on.
 */
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { CaseResult } from '../rule-test/run.js';
import { sendAnnotation } from '../shared/annotations.js';
import { maskLog } from '../shared/log-mask.js';
import type { FixtureRecord } from '../rule-test/fixtures.js';
import { sandboxBoundary, type Boundary } from './boundary.js';
import {
  MARK_PREFIX,
  MESSAGE_PREFIX,
  type RuleInfo,
  type SandboxMessage,
  type SandboxRequest,
} from './protocol.js';

/** The child bundle's name in the rules' folder. */
const CHILD_FILE = '.sandbox-child.mjs';

export interface SandboxLimits {
  /** Per step: loading the rules, then each fixture. */
  timeoutMs: number;
  /** The child's V8 heap ceiling. */
  memoryMb: number;
}

/** Defaults, overridable with STREAMALERT_RULE_TIMEOUT_SECONDS and STREAMALERT_RULE_MEMORY_MB. */
export function sandboxLimits(overrides: Partial<SandboxLimits> = {}): SandboxLimits {
  const env = (name: string, fallback: number) => {
    const n = Number(process.env[name]);
    return Number.isFinite(n) && n > 0 ? n : fallback;
  };
  return {
    timeoutMs: overrides.timeoutMs ?? env('STREAMALERT_RULE_TIMEOUT_SECONDS', 60) * 1000,
    memoryMb: overrides.memoryMb ?? env('STREAMALERT_RULE_MEMORY_MB', 512),
  };
}

/** Variables the child keeps (values from this process); everything else is dropped. */
const KEPT_ENV = ['PATH', 'LANG', 'LC_ALL', 'TZ', 'SYSTEMROOT'];

export function sandboxEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    HOME: home,
    TMPDIR: home,
    TMP: home,
    TEMP: home,
    NODE_ENV: 'test',
  };
  for (const name of KEPT_ENV) if (process.env[name] !== undefined) env[name] = process.env[name];
  return env;
}

function permissionFlags(readable: string[]): string[] {
  const flags = process.allowedNodeEnvironmentFlags;
  const flag = flags.has('--permission')
    ? '--permission'
    : flags.has('--experimental-permission')
      ? '--experimental-permission'
      : undefined;
  if (!flag) return [];
  return [flag, ...readable.map((p) => `--allow-fs-read=${p}`)];
}

type Ending =
  | { kind: 'done' }
  | { kind: 'timeout'; mark?: string }
  | { kind: 'oom'; mark?: string }
  | { kind: 'crash'; mark?: string; detail: string };

interface ChildRun {
  ending: Ending;
}

const FATAL = /<--- Last few GCs --->|FATAL ERROR:|JavaScript heap out of memory/;

/** The child's standard output: protocol lines (marks, messages) apart from the rules' own output. */
function childLines(
  onMark: (mark: string) => void,
  onMessage: (m: SandboxMessage) => void,
  onOutput: (line: string) => void,
): (line: string) => void {
  return (line) => {
    if (line.startsWith(MARK_PREFIX)) onMark(line.slice(MARK_PREFIX.length));
    else if (line.startsWith(MESSAGE_PREFIX)) {
      let message: SandboxMessage;
      try {
        message = JSON.parse(line.slice(MESSAGE_PREFIX.length)) as SandboxMessage;
      } catch {
        return onOutput(line); // a rule printing something that looks like ours
      }
      onMessage(message);
    } else if (line) onOutput(line);
  };
}

/** The child's files: its bundle is copied next to the rules, the only folder it may read. */
function prepareFolder(script: string, dir: string, otherUser: boolean): string {
  const main = path.join(dir, CHILD_FILE);
  if (!existsSync(main)) copyFileSync(script, main);
  // Another user (nobody) must be able to read the rules; they are the repository's code, not secrets.
  if (otherUser) {
    const open = (p: string) => {
      const s = statSync(p);
      chmodSync(p, s.isDirectory() ? 0o755 : 0o644);
      if (s.isDirectory()) for (const n of readdirSync(p)) open(path.join(p, n));
    };
    open(dir);
  }
  return main;
}

let announced = false;
/** Says once per process which boundary the rules run behind; a warning when only Node's remains. */
function announce(boundary: Boundary): void {
  if (announced) return;
  announced = true;
  if (boundary.isolated) {
    process.stderr.write(`rule sandbox: ${boundary.description}\n`);
  } else {
    const text = `rule sandbox: ${boundary.description}. Run the job where \`unshare\` works as root, through passwordless sudo (GitHub-hosted runners) or in an unprivileged user namespace.`;
    // Inside Actions, a warning annotation (through the sink the doors install).
    if (!sendAnnotation({ level: 'warning', message: text, title: 'Rule sandbox' }))
      process.stderr.write(`warning: ${text}\n`);
  }
}

/** One child, from start to exit; `onMessage` sees every answer (and resets the clock). */
function runChild(
  script: string,
  request: SandboxRequest,
  limits: SandboxLimits,
  onMessage: (m: SandboxMessage) => boolean,
  onOutput: (line: string) => void,
): Promise<ChildRun> {
  const home = request.dir;
  // Started by its real path: Node resolves the main module's path one component at a
  // time, and a symlink on the way (a temporary folder under a linked /tmp) would be a
  // read outside the allowed folders, which kills the child before it starts.
  const dir = realpathSync(request.dir);
  const { boundary, fresh } = sandboxBoundary(process.execPath, prepareFolder(script, dir, true));
  if (fresh) announce(boundary);
  const main = path.join(dir, CHILD_FILE);
  const { file, args } = boundary.command(
    process.execPath,
    [`--max-old-space-size=${limits.memoryMb}`, '--no-warnings', ...permissionFlags([dir]), main],
    sandboxEnv(home),
  );
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      env: sandboxEnv(home),
      cwd: home,
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group: the kill below reaches the Node child behind the wrappers.
      detached: true,
    });
    const kill = () => boundary.stop(child);
    let mark: string | undefined;
    let timedOut = false;
    let done = false;
    let fatal = false;
    let stderrTail = '';
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        kill();
      }, limits.timeoutMs);
    };
    const lines = (stream: Readable | null | undefined, each: (line: string) => void) => {
      let rest = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        const parts = (rest + chunk).split('\n');
        rest = parts.pop() ?? '';
        parts.forEach(each);
      });
      stream?.on('end', () => rest && each(rest));
    };
    lines(
      child.stdout,
      childLines(
        (m) => {
          mark = m;
        },
        (m) => {
          arm();
          if (m.type === 'done') {
            done = true;
            kill(); // timers a rule left behind must not keep it alive
          } else if (!onMessage(m)) {
            done = true; // the caller has what it needs
            kill();
          }
        },
        onOutput,
      ),
    );
    lines(child.stderr, (line) => {
      stderrTail = (stderrTail + line + '\n').slice(-4000);
      if (FATAL.test(line)) fatal = true;
      if (!fatal) onOutput(line);
    });
    child.stdin?.on('error', () => undefined); // a child that dies early closes its end
    child.on('error', () => undefined); // the close event follows and says what happened
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (done) resolve({ ending: { kind: 'done' } });
      else if (timedOut) resolve({ ending: { kind: 'timeout', mark } });
      else if (fatal || /heap out of memory|Allocation failed/.test(stderrTail))
        resolve({ ending: { kind: 'oom', mark } });
      else {
        const said = stderrTail
          .split('\n')
          .find((l) => /\b\w*Error\b/.test(l))
          ?.trim()
          .slice(0, 300);
        resolve({
          ending: {
            kind: 'crash',
            mark,
            detail: `${signal ? `killed by ${signal}` : `exit code ${code}`}${said ? `: ${said}` : ''}`,
          },
        });
      }
    });
    arm();
    child.stdin?.end(`${JSON.stringify(request)}\n`);
  });
}

export interface SandboxInput {
  /** The child bundle (dist/processors/sandbox/child.mjs). */
  script: string;
  dir: string;
  fileNames: Record<string, string>;
  limits: SandboxLimits;
  /** Where the rules' own console output goes (default: this process's stderr, prefixed). */
  onOutput?: (line: string) => void;
}

export interface SandboxLoad {
  rules: RuleInfo[];
  /** Shape problems (name, logs, outputs, rule function...), one line each. */
  problems: string[];
}

/** A load the child could not finish: the message names the file that was loading. */
export class SandboxLoadError extends Error {
  constructor(
    message: string,
    /** The user's rule file that was loading, when known. */
    readonly file?: string,
  ) {
    super(message);
    this.name = 'SandboxLoadError';
  }
}

function describe(ending: Exclude<Ending, { kind: 'done' }>, limits: SandboxLimits): string {
  switch (ending.kind) {
    case 'timeout':
      return `did not finish within ${limits.timeoutMs / 1000} s and was stopped`;
    case 'oom':
      return `ran out of memory (limit ${limits.memoryMb} MB) and was stopped`;
    case 'crash':
      return `crashed the rule sandbox (${ending.detail})`;
  }
}

const defaultOutput = (line: string) =>
  process.stderr.write(maskLog(`rule output: ${line}`) + '\n');

/** Rule tests: loads (once per child) and runs every fixture; one CaseResult per fixture, always. */
export async function sandboxRun(
  input: SandboxInput,
  fixtures?: {
    conf: NonNullable<SandboxRequest['conf']>;
    records: FixtureRecord[];
    tables?: SandboxRequest['tables'];
  },
  onLoaded?: (load: SandboxLoad) => boolean,
): Promise<SandboxLoad & { results: CaseResult[] }> {
  const results: CaseResult[] = [];
  const skipped = new Map<string, { index: number; what: string }>();
  let load: SandboxLoad | undefined;
  let loadError: string | undefined;
  let proceed = true;
  const total = fixtures?.records.length ?? 0;
  for (;;) {
    const start = results.length;
    const request: SandboxRequest = {
      dir: input.dir,
      fileNames: input.fileNames,
      ...(fixtures
        ? {
            conf: fixtures.conf,
            fixtures: fixtures.records,
            ...(fixtures.tables ? { tables: fixtures.tables } : {}),
            start,
            skip: [...skipped.keys()],
          }
        : {}),
    };
    const { ending } = await runChild(
      input.script,
      request,
      input.limits,
      (m) => {
        if (m.type === 'load-error') loadError = m.message;
        else if (m.type === 'loaded' && !load) {
          load = { rules: m.rules, problems: m.problems };
          proceed = onLoaded ? onLoaded(load) : true;
          return proceed;
        } else if (m.type === 'result' && m.index === results.length) results.push(m.result);
        return true;
      },
      input.onOutput ?? defaultOutput,
    );
    if (loadError !== undefined)
      throw new SandboxLoadError(`a rule file fails to load: ${loadError}`);
    if (!load) {
      if (ending.kind === 'done')
        throw new SandboxLoadError('the rule sandbox ended without loading the rules');
      const file = /^L (.+)$/.exec(ending.mark ?? '')?.[1];
      throw new SandboxLoadError(
        `loading the rules ${describe(ending, input.limits)}`,
        file === undefined ? undefined : (input.fileNames[file] ?? file),
      );
    }
    if (!proceed || ending.kind === 'done' || !fixtures) break;
    // A child stopped in the middle of fixture `results.length`: that fixture fails, naming the rule at work.
    const index = results.length;
    const fixture = fixtures.records[index];
    if (!fixture) break;
    const at = /^R (\d+) (\d+)$/.exec(ending.mark ?? '');
    const rule = at && Number(at[1]) === index ? load.rules[Number(at[2])] : undefined;
    const what = describe(ending, input.limits);
    const problem = rule
      ? `rule "${rule.name}" (${rule.file}) ${what}; it is not run on the fixtures after this one`
      : `processing this record ${what}`;
    if (rule) skipped.set(rule.name, { index, what });
    results.push({ fixture, passed: false, fired: [], problems: [problem], stopped: true });
    if (results.length >= total) break;
  }
  // Fixtures after the stop that expect the stopped rule say why it did not fire.
  results.forEach((r, i) => {
    for (const name of new Set(r.fixture.triggerRules)) {
      const stop = skipped.get(name);
      if (stop && i > stop.index) {
        r.problems.push(`rule "${name}" was not run: it ${stop.what} on an earlier fixture`);
        r.passed = false;
      }
    }
  });
  return { ...(load as SandboxLoad), results };
}

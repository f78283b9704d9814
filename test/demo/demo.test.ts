/**
 * `npm run demo` as a user runs it: the CLI's `demo` as a process (from src/ unless
 * STREAMALERT_TEST_DIST=1), with a TMPDIR of its own so anything it leaves is seen, and an
 * environment that would reach a real account if the demo used it (a profile, keys, an S3
 * endpoint of AWS). Then: an alert of an example rule is printed, the exit code is 0, and
 * nothing it started is left — moto's port no longer answers, no process carries the
 * demo's temp folder in its environment, the temp folder is gone. Ctrl-C midway (while
 * Terraform runs) stops everything the same way, and a full run after it works (each run
 * starts a fresh moto). Without moto, one line says how to install it.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_LINE } from '../../src/demo/supervisor.js';
import { expectCleanPlan } from '../support/demo-output.js';
import { entryCommand } from '../support/entry-point.js';
import { processorBundles, REPO_ROOT } from '../support/processor-bundles.js';

interface DemoRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

let bundles: string;
let tmp: string;

/** Would reach a real account if the demo passed it on: it must drop all of it. */
const HOSTILE_AWS_ENV = {
  AWS_PROFILE: 'streamalert-demo-test-must-not-be-used',
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_ENDPOINT_URL_S3: 'https://s3.amazonaws.com',
  AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/admin',
  AWS_WEB_IDENTITY_TOKEN_FILE: '/nonexistent/token',
};

/**
 * Starts the demo; `watch` (optional) is called with the output so far on every chunk and
 * twice a second (Terraform runs for minutes without a line), and may interrupt it.
 * Resolves when the process has exited.
 */
function demo(
  env: Record<string, string> = {},
  watch?: (output: string, child: ReturnType<typeof spawn>) => void,
): Promise<DemoRun> {
  const entry = entryCommand('cli', bundles);
  const child = spawn(process.execPath, [...entry.args, 'demo'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...entry.env, TMPDIR: tmp, ...HOSTILE_AWS_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const take = (b: Buffer): void => {
    output += b.toString();
    watch?.(output, child);
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const timer = watch ? setInterval(() => watch(output, child), 500) : undefined;
  return new Promise((resolve) =>
    child.once('close', (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, output });
    }),
  );
}

/** The processes of this machine whose environment names `text` (the demo's TMPDIR). */
function processesWith(text: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').includes(text))
        found.push(
          `${pid}: ${readFileSync(`/proc/${pid}/cmdline`, 'latin1').replaceAll('\0', ' ').slice(0, 200)}`,
        );
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

/** Nothing the demo started is left: moto's port, processes, the temp folder. */
async function expectNothingLeft(run: DemoRun): Promise<void> {
  const endpoint = /moto on (http:\/\/127\.0\.0\.1:\d+)/.exec(run.output)?.[1];
  expect(endpoint, run.output).toBeDefined();
  expect(await answers(endpoint!)).toBe(false);
  expect(processesWith(tmp)).toEqual([]);
  expect(readdirSync(tmp)).toEqual([]);
}

beforeAll(() => {
  bundles = processorBundles();
  tmp = mkdtempSync(path.join(tmpdir(), 'streamalert-demo-test-'));
}, 600_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('npm run demo', () => {
  it('is the CLI demo command from the built dist/', () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.demo).toBe('node dist/cli/index.js demo');
    expect(pkg.scripts['local-aws']).toBe('python3 scripts/local-aws/moto_launcher.py');
    expect(existsSync(path.join(REPO_ROOT, 'scripts', 'local-aws', 'moto_launcher.py'))).toBe(true);
  });

  it('without moto: one line says how to install it, and nothing is left', async () => {
    // A python3 without its site-packages: moto cannot be imported.
    const python = execFileSync('sh', ['-c', 'command -v python3'], { encoding: 'utf8' }).trim();
    const bin = mkdtempSync(path.join(tmpdir(), 'streamalert-demo-nomoto-'));
    try {
      writeFileSync(path.join(bin, 'python3'), `#!/bin/sh\nexec ${python} -I -S "$@"\n`);
      chmodSync(path.join(bin, 'python3'), 0o755);
      const run = await demo({ PATH: `${bin}:${process.env.PATH}` });
      expect(run.code, run.output).toBe(1);
      const lines = run.output.trim().split('\n');
      expect(lines[0]).toBe(FIRST_LINE);
      const install = lines.filter((l) => l.includes('pip install "moto[server]"'));
      expect(install, run.output).toHaveLength(1);
      expect(install[0]).toMatch(/^cannot start the local AWS stand-in: /);
      expect(processesWith(tmp)).toEqual([]);
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  }, 120_000);

  it(
    'Ctrl-C while Terraform runs stops moto, Terraform and the workers, and removes the temp folder',
    { timeout: 600_000 },
    async () => {
      let interrupted = false;
      let terraformSeen: string[] = [];
      const run = await demo({}, (output, child) => {
        if (interrupted || !output.includes('pull request #1: plan')) return;
        // Interrupt only once Terraform (a grandchild, in the worker's process group) runs.
        const terraform = processesWith(tmp).filter((p) => /terraform/.test(p));
        if (terraform.length === 0) return;
        interrupted = true;
        terraformSeen = terraform;
        child.kill('SIGINT');
      });
      expect(interrupted, run.output).toBe(true);
      expect(terraformSeen.length).toBeGreaterThan(0);
      expect(run.code, run.output).toBe(130);
      expect(run.output).toContain('SIGINT: stopping everything the demo started');
      expect(run.output).not.toContain('ALERT ');
      await expectNothingLeft(run);
    },
  );

  it(
    'deploys examples/production, prints the alerts its rules raise, exits 0 and leaves nothing running',
    { timeout: 1_200_000 },
    async () => {
      const run = await demo();
      expect(run.code, run.output).toBe(0);
      const lines = run.output.split('\n');
      expect(lines[0]).toBe(FIRST_LINE);
      // Deployed as the action deploys on a first merge.
      expect(run.output).toContain(
        'first deployment: the state bucket acme.streamalert.terraform.state',
      );
      // The pull request's plan, as its comment has it: the fixtures pass, and no root of the
      // example has a new finding (or one unexplained: waivers need a reason), each is costed.
      expectCleanPlan(run.output, ['global', 'production']);
      expect(run.output).toMatch(/global: applied \(first deployment: state bucket/);
      expect(run.output).toMatch(/production: applied/);
      // Alerts of the example's rules, as the alerts topic delivered them, and their delivery.
      for (const rule of [
        'cloudtrail_root_account_use',
        'cloudtrail_stopped',
        'osquery_authorized_keys_added',
        'vpc_flow_ssh_from_internet',
      ])
        expect(run.output).toContain(`ALERT ${rule} — `);
      expect(run.output).toMatch(
        /alert processor: aws-s3:alerts-archive delivered; slack:security delivered/,
      );
      expect(run.output).toContain(
        'local webhook /slack/security received: *StreamAlert rule triggered: cloudtrail_root_account_use*',
      );
      expect(run.output).not.toMatch(/NOT delivered|FAILED/);
      await expectNothingLeft(run);
    },
  );
});

/** Runs the Terraform (or OpenTofu) binary as a child process and captures its output. */
import { spawn } from 'node:child_process';
import { availableParallelism, totalmem } from 'node:os';

export interface TerraformEnv {
  /** `terraform` or `tofu` (or a path to either). */
  binary: string;
  /** Extra environment for every call (AWS credentials stay in the parent environment). */
  env: Record<string, string>;
}

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Terraform and the AWS provider are Go programs that spend a third or more of their CPU
 * time collecting garbage at Go's default GOGC=100 (the provider builds its whole schema
 * at every start, and a plan starts it three times). Measured on the seed cluster's plan
 * (2 cores, 2026-12-02): user CPU 19.7 s at GOGC=100, 11.8 s at 400, 9.2 s at 800, and
 * 10.2 s at 1600 (the kernel's page faults for fresh memory start to cost more than the
 * collections saved); the largest process's peak grows from ~310 MB to ~440 MB (400) and
 * ~680 MB (800). 800 is taken when the machine has at least 1.5 GiB per CPU (every hosted
 * GitHub runner), 400 otherwise; the user's own GOGC wins.
 */
export function defaultGogc(
  totalMemory: number = totalmem(),
  cpus: number = availableParallelism(),
): string {
  return totalMemory >= 1.5 * 1024 ** 3 * cpus ? '800' : '400';
}

const GOGC = defaultGogc();

export function runTerraform(tf: TerraformEnv, args: string[], cwd: string): Promise<ExecResult> {
  return new Promise((resolve) => {
    const child = spawn(tf.binary, args, {
      cwd,
      env: {
        GOGC,
        ...process.env,
        TF_IN_AUTOMATION: '1',
        TF_INPUT: '0',
        CHECKPOINT_DISABLE: '1',
        ...tf.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) =>
      resolve({ code: 127, stdout: '', stderr: `cannot run ${tf.binary}: ${e.message}` }),
    );
    child.on('close', (code) =>
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

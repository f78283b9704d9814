/**
 * Runs the real Terraform CLI for tests. The CLI configuration (a filesystem mirror of
 * /opt/tf-plugins) is written by the global setup into a temp folder; nothing depends on
 * files made by hand on the machine.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const PLUGIN_MIRROR = process.env.STREAMALERT_TF_PLUGIN_MIRROR ?? '/opt/tf-plugins';

/**
 * Writes a Terraform CLI configuration into `dir` and returns its path. No plugin cache:
 * from an unpacked mirror every init links the root's provider straight to the mirror,
 * which nothing writes. A cache shared by the test files running side by side was not
 * safe: an init without a lock entry re-creates the provider's link in the cache, and a
 * plan in another file starting the provider at that moment failed with "there is no
 * package ... cached". The action run as a process then makes its own cache in its
 * RUNNER_TEMP, as on a runner (withPluginCache).
 */
export function writeTerraformCliConfig(dir: string): string {
  const file = path.join(dir, 'terraform.rc');
  writeFileSync(
    file,
    `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(PLUGIN_MIRROR)}
    include = ["registry.terraform.io/hashicorp/*"]
  }
}
`,
  );
  return file;
}

export interface TerraformResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function terraform(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<TerraformResult> {
  return new Promise((resolve) => {
    execFile(
      'terraform',
      args,
      {
        cwd,
        env: {
          ...process.env,
          TF_IN_AUTOMATION: '1',
          TF_INPUT: '0',
          CHECKPOINT_DISABLE: '1',
          ...env,
        },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Like `terraform` but throws with Terraform's own output when the exit code is not expected. */
export async function terraformOk(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
  okCodes: number[] = [0],
): Promise<TerraformResult> {
  const result = await terraform(args, cwd, env);
  if (!okCodes.includes(result.code)) {
    throw new Error(
      `terraform ${args.join(' ')} in ${cwd} exited ${result.code}\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}

/**
 * The rendered roots under `out` are what Terraform accepts: fmt-clean, and each of `roots`
 * valid for the real AWS provider. The roots are validated together, as the modules of one
 * configuration in a folder of its own: one init and one `terraform validate` load the AWS
 * provider's schema once, not once per root (~3.5 CPU-s per root, 2026-12-07). A module is
 * validated as a root is, except for what only a root may hold: the rendered roots hold
 * none of that but their `backend "s3" {}` block, which `init -backend=false` skipped
 * anyway (Terraform warns that a module's backend is ignored; any other warning or error
 * fails here). The scenario tests init and plan the same templates as real roots.
 */
export async function expectValidRoots(out: string, roots: readonly string[]): Promise<void> {
  await terraformOk(['fmt', '-check', '-recursive', '-diff'], out);
  const together = mkdtempSync(path.join(tmpdir(), 'streamalert-validate-roots-'));
  try {
    // Module names are r0, r1, ...: a root's name need not be a Terraform identifier.
    const names = roots.map((root, i) => ({ module: `r${i}`, root }));
    writeFileSync(
      path.join(together, 'main.tf'),
      names
        .map(
          ({ module, root }) =>
            `module "${module}" {\n  source = ${JSON.stringify(path.relative(together, path.join(out, root)))}\n}\n`,
        )
        .join('\n'),
    );
    const which = names.map(({ module, root }) => `module.${module} is ${root}`).join(', ');
    await terraformOk(['init', '-backend=false', '-input=false', '-no-color'], together).catch(
      (err: Error) => {
        throw new Error(`${which}\n${err.message}`);
      },
    );
    const validated = await terraform(['validate', '-json', '-no-color'], together);
    const report = JSON.parse(validated.stdout) as {
      valid: boolean;
      diagnostics: { severity: string; summary: string; detail?: string }[];
    };
    const unexpected = report.diagnostics.filter(
      (d) => !(d.severity === 'warning' && d.summary === 'Backend configuration ignored'),
    );
    if (validated.code !== 0 || !report.valid || unexpected.length > 0)
      throw new Error(
        `terraform validate of the roots (${which}) exited ${validated.code}:\n${JSON.stringify(unexpected, null, 2)}\n${validated.stderr}`,
      );
  } finally {
    rmSync(together, { recursive: true, force: true });
  }
}

#!/usr/bin/env node
// `npm run example` (docs/getting-started.md): validate and render examples/production
// with the built CLI, then prove every rendered root with the real Terraform (fmt, init
// without backend, validate). Uses a provider mirror when one is present (machines without internet),
// otherwise Terraform's usual registry download.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const example = process.argv[2] ?? 'production';
const base = path.join('examples', example);
const out = path.join(base, 'terraform');
const run = (cmd, args, opts = {}) => {
  console.log(`$ ${[cmd, ...args].join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', ...opts });
};

const env = { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
const mirror = process.env.STREAMALERT_TF_PLUGIN_MIRROR ?? '/opt/tf-plugins';
if (existsSync(mirror)) {
  const dir = mkdtempSync(path.join(tmpdir(), 'streamalert-example-'));
  env.TF_CLI_CONFIG_FILE = path.join(dir, 'terraform.rc');
  writeFileSync(
    env.TF_CLI_CONFIG_FILE,
    `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n`,
  );
}

const cli = ['dist/cli/index.js'];
run('node', [...cli, 'validate', '--config-dir', path.join(base, 'conf')]);
run('node', [...cli, 'render', '--config-dir', path.join(base, 'conf'), '--out-dir', out, '--build-dir', path.join(base, 'build')]);
run('terraform', ['fmt', '-check', '-recursive', out], { env });
for (const root of readdirSync(out).filter((d) => d !== 'modules' && !d.startsWith('.')).sort()) {
  const dir = path.join(out, root);
  run('terraform', [`-chdir=${dir}`, 'init', '-backend=false', '-input=false', '-no-color'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  run('terraform', [`-chdir=${dir}`, 'validate', '-no-color'], { env });
}
console.log(`\n${example}: configuration valid, Terraform rendered into ${out} and validated.`);

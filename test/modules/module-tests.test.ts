/**
 * Each module's own `terraform test` files (modules/<name>/tests/*.tftest.hcl): variable
 * validations and preconditions, planned with a mock AWS provider. Run on a copy so the
 * module folders stay free of .terraform/.
 */
import { cpSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../support/conf.js';
import { terraform, terraformOk } from '../support/terraform.js';

const modulesDir = path.join(REPO_ROOT, 'modules');
// Every module, so one without tests/ fails here too (module-docs.test.ts names it first).
const modules = readdirSync(modulesDir).filter((m) =>
  existsSync(path.join(modulesDir, m, 'main.tf')),
);

describe.each(modules)('module %s', (name) => {
  it('passes its terraform test files', { timeout: 300_000 }, async () => {
    const dir = path.join(tempDir(`module-${name}`), name);
    cpSync(path.join(modulesDir, name), dir, { recursive: true });
    await terraformOk(['init', '-backend=false', '-input=false', '-no-color'], dir);
    const result = await terraform(['test', '-no-color'], dir);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toMatch(/Success! [1-9]\d* passed, 0 failed/);
  });
});

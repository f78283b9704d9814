/**
 * Runs once before all test files: points TF_CLI_CONFIG_FILE at a CLI configuration the
 * suite writes itself (the machine's own points at a file that does not exist).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeTerraformCliConfig } from './terraform.js';

export default function setup(): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'streamalert-tf-'));
  process.env.TF_CLI_CONFIG_FILE = writeTerraformCliConfig(dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

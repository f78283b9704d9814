/** Inside GitHub Actions the roots share one provider cache unless the user configured one. */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import {
  PLUGIN_CACHE_DIR,
  withPluginCache,
  type RunnerOptions,
} from '../../src/terraform/runner.js';
import { tempDir } from '../support/conf.js';

const base: RunnerOptions = {
  binary: 'terraform',
  env: {},
  backendConfig: [],
  parallelism: 2,
  mask: (t) => t,
};

it('adds TF_PLUGIN_CACHE_DIR in RUNNER_TEMP when nothing configures a cache', () => {
  const temp = tempDir('runner-temp');
  const rc = path.join(temp, 'none.rc');
  const opts = withPluginCache(base, { RUNNER_TEMP: temp, TF_CLI_CONFIG_FILE: rc });
  expect(opts.env.TF_PLUGIN_CACHE_DIR).toBe(path.join(temp, PLUGIN_CACHE_DIR));
  expect(existsSync(path.join(temp, PLUGIN_CACHE_DIR))).toBe(true);
  expect(base.env).toEqual({});
});

it("leaves the user's cache, a CLI configuration with plugin_cache_dir, and runs outside Actions alone", () => {
  const temp = tempDir('runner-temp');
  const rc = path.join(temp, 'terraform.rc');
  writeFileSync(rc, 'plugin_cache_dir = "/somewhere"\n');
  expect(withPluginCache(base, { RUNNER_TEMP: temp, TF_CLI_CONFIG_FILE: rc })).toBe(base);
  expect(withPluginCache(base, { RUNNER_TEMP: temp, TF_PLUGIN_CACHE_DIR: '/mine' })).toBe(base);
  const own = { ...base, env: { TF_PLUGIN_CACHE_DIR: '/mine' } };
  expect(withPluginCache(own, { RUNNER_TEMP: temp })).toBe(own);
  expect(withPluginCache(base, {})).toBe(base);
});

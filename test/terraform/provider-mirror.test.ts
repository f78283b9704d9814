/**
 * Offline: without a CLI configuration of the user's, Terraform installs providers from
 * STREAMALERT_TF_PLUGIN_MIRROR or the default mirror (issue 21, item 4). This machine has no
 * registry, so the real init below only succeeds through the mirror.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MIRROR_VARIABLE,
  mirrorCliConfig,
  providerMirror,
  withProviderMirror,
} from '../../src/terraform/mirror.js';
import { terraformCli } from '../../src/terraform/terraform.js';
import { PLUGIN_MIRROR, terraformOk } from '../support/terraform.js';

const temp = (name: string) => mkdtempSync(path.join(tmpdir(), `${name}-`));
const base = { binary: 'terraform', env: {} as Record<string, string> };

describe('the provider mirror', () => {
  it('is the named one, else the default one only when the user has no CLI configuration', () => {
    const mirror = temp('mirror');
    const fallback = temp('default-mirror');
    const none = path.join(temp('home'), 'none.rc');
    const own = path.join(temp('home'), 'own.rc');
    writeFileSync(own, 'plugin_cache_dir = "/x"\n');

    expect(providerMirror({ [MIRROR_VARIABLE]: mirror, TF_CLI_CONFIG_FILE: own }, fallback)).toBe(
      mirror,
    );
    expect(providerMirror({ TF_CLI_CONFIG_FILE: none }, fallback)).toBe(fallback);
    expect(providerMirror({ TF_CLI_CONFIG_FILE: own }, fallback)).toBeUndefined();
    expect(providerMirror({ TF_CLI_CONFIG_FILE: none }, path.join(fallback, 'absent'))).toBe(
      undefined,
    );
    expect(() => providerMirror({ [MIRROR_VARIABLE]: path.join(mirror, 'absent') })).toThrow(
      `${MIRROR_VARIABLE}=${path.join(mirror, 'absent')}: no such folder`,
    );
  });

  it("leaves a caller's own CLI configuration alone and writes one file per mirror", () => {
    const mirror = temp('mirror');
    const env = { [MIRROR_VARIABLE]: mirror };
    const own = { ...base, env: { TF_CLI_CONFIG_FILE: '/mine.rc' } };
    expect(withProviderMirror(own, env)).toBe(own);
    const a = withProviderMirror(base, env).env.TF_CLI_CONFIG_FILE!;
    expect(withProviderMirror(base, env).env.TF_CLI_CONFIG_FILE).toBe(a);
    expect(readFileSync(a, 'utf8')).toBe(mirrorCliConfig(mirror));
    expect(base.env).toEqual({});
  });

  it('lets a real init install the AWS provider with no CLI configuration and no registry', async () => {
    const root = temp('offline-root');
    mkdirSync(root, { recursive: true });
    writeFileSync(
      path.join(root, 'main.tf'),
      'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n',
    );
    const env = { TF_CLI_CONFIG_FILE: path.join(temp('home'), 'none.rc') };
    const tf = terraformCli(withProviderMirror(base, env, PLUGIN_MIRROR));
    const init = await tf.init(root, []);
    expect(init.code, init.stderr).toBe(0);
    const version = await terraformOk(['version', '-json'], root, env);
    expect(JSON.parse(version.stdout).provider_selections).toHaveProperty(
      'registry.terraform.io/hashicorp/aws',
    );
  }, 120_000);
});

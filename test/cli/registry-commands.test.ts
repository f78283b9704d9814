/**
 * The commands the CLI gained from the registry (issue 22): roots, comment, drift, promote
 * and backtest, run as a user runs them. Each stays cheap here: no Terraform, no AWS, no
 * processor bundles; what they run is tested through the action and src/commands.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/cli-runner.js';
import { seedCluster, seedGlobal, tempDir, writeConf } from '../support/conf.js';

function cli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(args, cwd, { env: { GITHUB_TOKEN: '', GH_TOKEN: '', ...env } });
}

function seedRepo(label: string): string {
  const dir = tempDir(label);
  writeConf(seedGlobal(), { production: seedCluster() }, dir);
  return dir;
}

describe('streamalert roots', () => {
  it('prints the roots and the matrix groups as JSON, as the action sets them', async () => {
    const dir = seedRepo('cli-roots');
    const r = await cli(['roots'], dir);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toBe('roots: ["global","production"]\nmatrix: ["global","production"]\n');
    expect(r.stderr).toBe('2 root(s) in 2 matrix job(s)\n');
    const one = await cli(['roots', '--matrix-jobs', '1'], dir);
    expect(one.stdout).toContain('matrix: ["global,production"]');
  });
});

describe('streamalert comment', () => {
  it('needs --parts-dir (exit 2), and fails on a folder without parts (exit 1)', async () => {
    const dir = seedRepo('cli-comment');
    const missing = await cli(['comment'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--parts-dir: command comment merges the report parts');
    mkdirSync(path.join(dir, 'parts'));
    const empty = await cli(['comment', '--parts-dir', 'parts'], dir);
    expect(empty.code).toBe(1);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).not.toBe('');
  });
});

describe('streamalert drift', () => {
  it('reports an invalid configuration as a failed drift check, exit 1', async () => {
    const dir = tempDir('cli-drift-bad');
    const cluster = seedCluster() as { modules: { kinesis: { streams: Record<string, unknown> } } };
    cluster.modules.kinesis.streams.shards = 0;
    writeConf(seedGlobal(), { production: cluster }, dir);
    const r = await cli(['drift'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('## StreamAlert drift at');
    expect(r.stderr).toContain('drift check failed, no issue closed');
    expect(r.stderr).toContain('/modules/kinesis/streams/shards: must be >= 1');
  });

  it('writes to GitHub only with --repo and a token', async () => {
    const dir = seedRepo('cli-drift-repo');
    const r = await cli(['drift', '--repo', 'acme/detections'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--repo: set GITHUB_TOKEN (or GH_TOKEN) to write to GitHub');
  });
});

describe('streamalert promote and backtest', () => {
  // Their flags are read with the action's rules: test/cli/args.test.ts.
  it('stop at an invalid configuration, exit 1', async () => {
    const dir = tempDir('cli-backtest-bad');
    writeConf(seedGlobal(), { production: { ...seedCluster(), id: 'other' } }, dir);
    for (const command of ['promote', 'backtest']) {
      const r = await cli([command], dir);
      expect(r.code, `${command}\n${r.stderr}`).toBe(1);
      expect(r.stderr).toContain('conf/clusters/production.json');
    }
  });
});

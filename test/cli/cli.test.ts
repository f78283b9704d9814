/** The built CLI as a user runs it: exit codes, messages on stderr, nothing written on error. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, seedCluster, seedGlobal, tempDir, writeConf } from '../support/conf.js';

function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli', 'index.js'), ...args], { cwd }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('streamalert CLI', () => {
  it('validates a good configuration', async () => {
    const dir = tempDir('cli-ok');
    writeConf(seedGlobal(), { production: seedCluster() }, dir);
    const r = await cli(['validate'], dir);
    expect(r).toMatchObject({ code: 0, stdout: 'conf: valid (1 cluster(s): production)\n' });
  });

  it('reports every problem on stderr, one line each, exits 1 and writes nothing', async () => {
    const dir = tempDir('cli-bad');
    const cluster = seedCluster() as { modules: { kinesis: { streams: Record<string, unknown> } } };
    cluster.modules.kinesis.streams.shards = 0;
    cluster.modules.kinesis.streams.retention = 'long';
    writeConf(seedGlobal(), { production: cluster }, dir);
    for (const command of ['validate', 'render']) {
      const r = await cli([command, '--config-dir', 'conf'], dir);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toEqual([
        'conf/clusters/production.json: /modules/kinesis/streams/shards: must be >= 1',
        'conf/clusters/production.json: /modules/kinesis/streams/retention: must be integer, got string "long"',
      ]);
    }
    expect(existsSync(path.join(dir, 'terraform'))).toBe(false);
  });

  it('exits 2 on a usage error', async () => {
    const dir = tempDir('cli-usage');
    expect((await cli(['frobnicate'], dir)).code).toBe(2);
    const r = await cli(['render', '--aws-endpoint', 'localhost:4566'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--aws-endpoint: "localhost:4566" must be an http or https URL');
  });
});

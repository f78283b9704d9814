/** The CLI as a user runs it: exit codes, messages on stderr, nothing written on error. */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/cli-runner.js';
import {
  minimalProcessorFiles,
  seedCluster,
  seedGlobal,
  tempDir,
  writeConf,
} from '../support/conf.js';

/** The CLI as a process: from src/ (the current source) unless STREAMALERT_TEST_DIST=1. */
function cli(args: string[], cwd: string): Promise<CliRun> {
  return runCli(args, cwd);
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

  it('checks logs.json, sources.json and types.json in the same pass: one line per problem, exit 1, nothing written', async () => {
    const dir = tempDir('cli-processors');
    writeConf(seedGlobal(), { production: seedCluster() }, dir, {
      'logs.json': '{\n  "osquery": {\n    "parser": "json",\n    "sche',
      'sources.json': {
        kinesis: { acme_production_stream_alert_kinesis: { logs: 'osquery' } },
        firehose: {},
      },
      'types.json': { osquery: { sourceAddress: 'host' } },
    });
    for (const command of ['validate', 'render', 'build']) {
      const r = await cli([command], dir);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toEqual([
        expect.stringMatching(/^conf\/logs\.json: line 4, column \d+: not valid JSON: /),
        'conf/sources.json: /firehose: unknown key "firehose" (allowed: kinesis, s3, sns, stream_alert_app, streamalert_app)',
        'conf/sources.json: /kinesis/acme_production_stream_alert_kinesis/logs: must be array, got string "osquery"',
        'conf/types.json: /osquery/sourceAddress: must be array, got string "host"',
      ]);
    }
    expect(readdirSync(dir)).toEqual(['conf']);
  });

  it('names a missing logs.json once, and StreamAlert-only files as unused', async () => {
    const dir = tempDir('cli-missing-logs');
    writeConf(seedGlobal(), { production: seedCluster() }, dir, {
      'logs.json': undefined,
      'lambda.json': { rule_processor_config: {} },
    });
    const r = await cli(['validate'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^conf\/logs\.json: \/: file not found: every configuration needs logs\.json, the log schemas/,
    );
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    writeFileSync(
      path.join(dir, 'conf', 'logs.json'),
      JSON.stringify(minimalProcessorFiles()['logs.json']),
    );
    const ok = await cli(['validate'], dir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^notice: 1 StreamAlert setting\(s\) accepted/m);
    expect(ok.stdout).toContain('\n  conf: not used by this project: lambda.json');
  });

  it('exits 2 on a usage error', async () => {
    const dir = tempDir('cli-usage');
    expect((await cli(['frobnicate'], dir)).code).toBe(2);
    const r = await cli(['render', '--aws-endpoint', 'localhost:4566'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--aws-endpoint: "localhost:4566" must be an http or https URL');
  });
});

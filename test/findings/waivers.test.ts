/**
 * Waivers (global.json `findings.waivers`: id + address + reason) and `fail-on`: what a
 * waiver hides, what it leaves, how a bad waiver is reported, and which findings fail.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/args.js';
import { readSettings } from '../../src/action/settings.js';
import { parseFailOn } from '../../src/door-kit/inputs.js';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError, formatProblem } from '../../src/config/problems.js';
import { rootFindings } from '../../src/findings/index.js';
import { findingsFailure } from '../../src/findings/severity.js';
import { seedCluster, seedGlobal, writeConf } from '../support/conf.js';
import { planFixture } from './support.js';

const IAM = { id: 'SA-IAM-001', address: 'module.custom.aws_iam_role_policy.admin' };

describe('waivers', () => {
  it('move the finding with that id on that address to the waived list, with its reason', () => {
    const r = rootFindings(planFixture('insecure'), [
      { ...IAM, reason: 'break-glass role, reviewed 2026-11' },
    ]);
    expect(r.waived.map((w) => [w.id, w.address, w.reason])).toEqual([
      ['SA-IAM-001', IAM.address, 'break-glass role, reviewed 2026-11'],
    ]);
    expect(r.new.map((f) => f.id)).not.toContain('SA-IAM-001');
    // The same statement's Resource "*" is another finding: still there.
    expect(r.new.map((f) => f.id)).toContain('SA-IAM-002');
  });

  it('waive nothing on another address', () => {
    const r = rootFindings(planFixture('insecure'), [
      { id: 'SA-IAM-001', address: 'module.other.aws_iam_role_policy.admin', reason: 'x' },
    ]);
    expect(r.waived).toEqual([]);
    expect(r.new.map((f) => f.id)).toContain('SA-IAM-001');
  });

  it('are read from global.json', async () => {
    const waivers = [{ ...IAM, reason: 'reviewed' }];
    const config = await loadConfig(
      writeConf({ ...seedGlobal(), findings: { waivers } }, { production: seedCluster() }),
    );
    expect(config.global.findings.waivers).toEqual(waivers);
  });

  it('with an unknown id or no reason are reported with the file and the place in it', async () => {
    const conf = writeConf(
      {
        ...seedGlobal(),
        findings: {
          waivers: [{ id: 'SA-IAM-999', address: 'aws_s3_bucket.x', reason: 'r' }, { ...IAM }],
        },
      },
      { production: seedCluster() },
    );
    const problems = await loadConfig(conf).then(
      () => [],
      (err: unknown) => {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as ConfigError).problems.map((p) =>
          formatProblem({ ...p, file: path.relative(conf, p.file) }),
        );
      },
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^global\.json: \/findings\/waivers\/0\/id: must be one of .*SA-IAM-001/,
      ),
      expect.stringMatching(/^global\.json: \/findings\/waivers\/1: .*reason/),
    ]);
  });
});

describe('fail-on', () => {
  const roots = (waivers = [] as { id: string; address: string; reason: string }[]) => [
    { root: 'production', findings: rootFindings(planFixture('insecure'), waivers) },
  ];

  it('high: a plan with an IAM "*" statement and an unencrypted bucket fails, naming both', () => {
    const failure = findingsFailure({ roots: roots() }, 'high');
    expect(failure).toMatch(/^3 new security finding\(s\) at or above fail-on: high\n/);
    expect(failure).toContain(
      'production: SA-IAM-001 (high) module.custom.aws_iam_role_policy.admin: statement Everything allows *',
    );
    expect(failure).toContain('production: SA-ENC-003 (high) module.custom.aws_s3_bucket.raw');
    expect(failure).not.toContain('(medium)');
  });

  it('medium: medium findings fail too, low ones never', () => {
    const failure = findingsFailure({ roots: roots() }, 'medium')!;
    expect(failure).toContain('SA-TRAIL-001 (medium)');
    expect(failure).not.toContain('(low)');
  });

  it('none (the default): findings never fail the check', () => {
    expect(findingsFailure({ roots: roots() }, 'none')).toBeUndefined();
  });

  it('waived and existing findings do not fail', () => {
    const waivers = [
      { ...IAM, reason: 'r' },
      { id: 'SA-ENC-003', address: 'module.custom.aws_s3_bucket.raw', reason: 'r' },
      { id: 'SA-NET-001', address: 'module.custom.aws_security_group.open', reason: 'r' },
    ];
    expect(findingsFailure({ roots: roots(waivers) }, 'high')).toBeUndefined();
  });

  it('is read the same by the action input and the CLI flag, and a bad value is named', () => {
    expect(readSettings((n) => (n === 'fail-on' ? 'high' : '')).failOn).toBe('high');
    expect(readSettings(() => '').failOn).toBe('none');
    const cli = parseCliArgs(['plan', '--fail-on', 'medium']);
    expect(cli.kind === 'run' && cli.options.failOn).toBe('medium');
    expect(() => readSettings((n) => (n === 'fail-on' ? 'critical' : ''))).toThrow(
      'input fail-on: "critical" is not one of none, high, medium',
    );
    expect(() => parseFailOn('low', '--fail-on')).toThrow(
      '--fail-on: "low" is not one of none, high, medium',
    );
  });
});

/**
 * A rule fixture pins the lookup tables its rule sees (StreamAlert 3's
 * `test_fixtures.lookup_tables`, or `lookup_tables`): `test` runs it offline, through the
 * real classifier and rules engine, and the same rule passes or fails with the rows pinned.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toLogs, toSources } from '../../src/processors/config/convert.js';
import type { ProcessorsConfig } from '../../src/processors/config/types.js';
import { loadFixtures } from '../../src/rule-test/fixtures.js';
import { runFixtures } from '../../src/rule-test/run.js';
import { lookup, rule } from '../../src/rules-api/index.js';
import { tempDir } from '../support/conf.js';

const config: ProcessorsConfig = {
  logs: toLogs({ auth: { parser: 'json', schema: { user: 'string', ip: 'string' } } }),
  sources: toSources({ kinesis: { auth_stream: { logs: ['auth'] } } }),
  outputs: new Map(),
  types: new Map(),
};

const badIp = rule({
  name: 'login_from_bad_ip',
  logs: ['auth'],
  outputs: ['slack:security'],
  rule: (r) => (lookup('bad_ips', r.ip) as { score?: number } | undefined)?.score === 90,
});

const event = (ip: string, extra: Record<string, unknown>, trigger: string[]) => ({
  description: `login from ${ip}`,
  service: 'kinesis',
  source: 'auth_stream',
  data: { user: 'alice', ip },
  trigger_rules: trigger,
  ...extra,
});

async function fixtures(records: unknown[]) {
  const dir = path.join(tempDir('lookup-fixtures'), 'tests');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'bad_ip.json'), JSON.stringify(records));
  return loadFixtures(dir);
}

describe('fixtures pinning lookup tables', () => {
  it("runs StreamAlert 3's test_fixtures.lookup_tables, and this project's lookup_tables", async () => {
    const pinned = { bad_ips: { '6.6.6.6': { score: 90 } } };
    const loaded = await fixtures([
      event('6.6.6.6', { test_fixtures: { lookup_tables: pinned } }, ['login_from_bad_ip']),
      event('6.6.6.6', { lookup_tables: pinned }, ['login_from_bad_ip']),
      // Pinned per record: without the table, the same IP finds nothing.
      event('6.6.6.6', {}, []),
      event('10.0.0.1', { lookup_tables: pinned }, []),
    ]);
    expect(loaded.problems).toEqual([]);
    expect(loaded.notes).toEqual([]);
    const results = await runFixtures(loaded.records, config, [badIp]);
    expect(results.map((r) => [r.passed, r.fired])).toEqual([
      [true, ['login_from_bad_ip']],
      [true, ['login_from_bad_ip']],
      [true, []],
      [true, []],
    ]);
    // A pin that contradicts the expectation fails the record.
    const wrong = await fixtures([
      event('6.6.6.6', { lookup_tables: { bad_ips: { '6.6.6.6': { score: 10 } } } }, [
        'login_from_bad_ip',
      ]),
    ]);
    const [failed] = await runFixtures(wrong.records, config, [badIp]);
    expect(failed!.passed).toBe(false);
    expect(failed!.problems).toEqual(['expected to fire but did not: login_from_bad_ip']);
    // Nothing stays installed after the run.
    expect(lookup('bad_ips', '6.6.6.6', 'none')).toBe('none');
  });

  it('names a malformed pin by file and JSON pointer; threat intel stays noted as not run', async () => {
    const loaded = await fixtures([
      event('1.1.1.1', { lookup_tables: ['x'] }, []),
      event(
        '1.1.1.1',
        { test_fixtures: { lookup_tables: { bad_ips: 'x' }, threat_intel: [] } },
        [],
      ),
    ]);
    expect(loaded.problems.map((p) => p.slice(p.indexOf('bad_ip.json')))).toEqual([
      'bad_ip.json: /0/lookup_tables: must be an object of table name → {key: row}',
      'bad_ip.json: /1/test_fixtures/lookup_tables/bad_ips: must be an object of key → row',
    ]);
    expect(loaded.notes).toEqual([
      expect.stringMatching(/bad_ip\.json: test_fixtures accepted but not run/),
    ]);
  });
});

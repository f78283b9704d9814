/**
 * A rule fixture pins the lookup tables its rule sees (StreamAlert 3's
 * `test_fixtures.lookup_tables`, or `lookup_tables`): `test` runs it offline, through the
 * real classifier and rules engine, and the same rule passes or fails with the rows pinned.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toLogs, toSources, toTypes } from '../../src/processors/config/convert.js';
import { toThreatIntel } from '../../src/processors/config/threat-intel.js';
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

  it('names a malformed pin by file and JSON pointer; publisher tests stay noted as not run', async () => {
    const loaded = await fixtures([
      event('1.1.1.1', { lookup_tables: ['x'] }, []),
      event(
        '1.1.1.1',
        { test_fixtures: { lookup_tables: { bad_ips: 'x' }, threat_intel: [{ ioc_type: 'ip' }] } },
        [],
      ),
      event('1.1.1.1', { publisher_tests: {} }, []),
    ]);
    expect(loaded.problems.map((p) => p.slice(p.indexOf('bad_ip.json')))).toEqual([
      'bad_ip.json: /0/lookup_tables: must be an object of table name → {key: row}',
      'bad_ip.json: /1/test_fixtures/lookup_tables/bad_ips: must be an object of key → row',
      'bad_ip.json: /1/test_fixtures/threat_intel/0: must be {"ioc_value": "...", "ioc_type": "..."}',
    ]);
    expect(loaded.notes).toEqual([
      expect.stringMatching(/bad_ip\.json: publisher_tests accepted but not run/),
    ]);
  });
});

describe("fixtures pinning threat intel (StreamAlert 3's test_fixtures.threat_intel)", () => {
  const withIntel: ProcessorsConfig = {
    ...config,
    types: toTypes({ auth: { sourceAddress: ['ip'] } }),
    threatIntel: toThreatIntel({
      enabled: true,
      excluded_iocs: { ip: ['10.0.0.0/8'] },
      normalized_ioc_types: { ip: ['sourceAddress'] },
      feeds: { bucket: 'acme-threat-intel' },
    }),
  };
  const knownBad = rule({
    name: 'login_from_known_bad_ip',
    logs: ['auth'],
    outputs: ['slack:security'],
    rule: (r) => Array.isArray((r['streamalert:ioc'] as { ip?: unknown } | undefined)?.ip),
  });
  const intel = (value: string) => ({
    test_fixtures: { threat_intel: [{ ioc_value: value, ioc_type: 'ip', sub_type: 'mal_ip' }] },
  });

  it('matches each record against the indicators its event pins, never the live feeds', async () => {
    const loaded = await fixtures([
      event('203.0.113.5', intel('203.0.113.5'), ['login_from_known_bad_ip']),
      // Pinned per record: the next event pins nothing, the same IP matches nothing.
      event('203.0.113.5', {}, []),
      // An excluded network never matches, pinned or not.
      event('10.1.1.1', intel('10.1.1.1'), []),
    ]);
    expect(loaded.problems).toEqual([]);
    expect(loaded.notes).toEqual([]);
    const results = await runFixtures(loaded.records, withIntel, [knownBad]);
    expect(results.map((r) => [r.passed, r.fired])).toEqual([
      [true, ['login_from_known_bad_ip']],
      [true, []],
      [true, []],
    ]);
    // threat_intel.json off: a pin matches nothing (the rule then does not fire).
    const [off] = await runFixtures(loaded.records.slice(0, 1), config, [knownBad]);
    expect(off!.problems).toEqual(['expected to fire but did not: login_from_known_bad_ip']);
  });
});

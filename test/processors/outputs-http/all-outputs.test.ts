/**
 * The all-outputs fixture (test/fixtures/all-outputs): one rule routed to every output
 * service. Its conf validates, each service's credential is where its form says, its rule
 * passes its fixtures (which also checks every output the rule names is in outputs.json);
 * and outputs.json problems of the credential services are reported with file and pointer.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testCommand } from '../../../src/commands/test.js';
import { loadConfig } from '../../../src/config/load.js';
import { ConfigError } from '../../../src/config/problems.js';
import { loadOutputsConfig } from '../../../src/config/processors/load.js';
import { OUTPUT_SERVICES } from '../../../src/processors/alert-processor/outputs/all.js';
import { processorBundles, REPO_ROOT } from '../../support/processor-bundles.js';

const fixture = path.join(REPO_ROOT, 'test', 'fixtures', 'all-outputs');
const conf = path.join(fixture, 'conf');

describe('the all-outputs fixture', () => {
  it('validates, and names every output service', async () => {
    const config = await loadConfig(conf);
    const services = new Set([...config.processors.outputs.values()].map((t) => t.service));
    expect(OUTPUT_SERVICES.filter((s) => !services.has(s))).toEqual([]);
    expect(OUTPUT_SERVICES.length).toBeGreaterThanOrEqual(19);
  });

  it("keeps each credential where its form says: StreamAlert's list in /streamalert/outputs/<service>/<descriptor>", async () => {
    const outputs = await loadOutputsConfig(conf);
    const secretOf = (key: string) => {
      const t = outputs.get(key);
      return t && 'secret' in t ? t.secret : undefined;
    };
    for (const key of [
      'pagerduty-v2:oncall',
      'github:security-alerts',
      'teams:soc-channel',
      'carbonblack:edr',
      'komand:triage',
    ])
      expect(secretOf(key)).toEqual({
        ssmParameter: `/streamalert/outputs/${key.replace(':', '/')}`,
      });
    expect(secretOf('jira:sec')).toEqual({ ssmParameter: '/acme/streamalert/jira-sec' });
    expect(secretOf('pagerduty-incident:security')).toEqual({
      ssmParameter: '/streamalert/outputs/pagerduty-incident/security',
    });
    expect(secretOf('demisto:soc')).toEqual({ secretsManagerSecret: 'acme/demisto' });
  });

  it('passes its rule fixtures: the alert goes to every output, and every output is in outputs.json', async () => {
    const result = await testCommand({
      configDir: conf,
      rulesDir: path.join(fixture, 'rules'),
      fixturesDir: path.join(fixture, 'tests', 'rules'),
      bundlesDir: processorBundles(),
    });
    expect(
      result.summary.results.filter((r) => !r.passed).map((r) => r.problems.join('; ')),
    ).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.summary.results).toHaveLength(2);
  }, 900_000);
});

describe('outputs.json problems of the credential services', () => {
  it('reports each with the file, the JSON pointer and what the value must be', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'outputs-http-conf-'));
    writeFileSync(
      path.join(dir, 'outputs.json'),
      `${JSON.stringify(
        {
          github: 'security-alerts',
          jira: { sec: { ssm_parameter: 'jira sec' } },
          teams: ['soc/channel'],
          'pagerduty-incident': { oncall: { ssm_parameter: '/x', secretsmanager_secret: 'y' } },
          komand: ['triage', 'triage'],
        },
        null,
        2,
      )}\n`,
    );
    const err = await loadOutputsConfig(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigError);
    const file = path.join(dir, 'outputs.json');
    expect((err as ConfigError).message.split('\n')).toEqual([
      `${file}: /pagerduty-incident/oncall: must name exactly one of ssm_parameter or secretsmanager_secret, got an object`,
      `${file}: /github: must be a list of descriptors (credential in SSM at /streamalert/outputs/github/<descriptor>) or an object mapping each descriptor to {"ssm_parameter": ...} or {"secretsmanager_secret": ...}, got "security-alerts"`,
      `${file}: /jira/sec/ssm_parameter: must be an SSM parameter name: letters, digits, _ . - separated by / (at most 15 levels), not starting with "aws" or "ssm", got "jira sec"`,
      `${file}: /teams/0: must be 1-200 letters, digits, _ . or - (not only dots): it is part of an SSM parameter name, got "soc/channel"`,
      `${file}: /komand: lists "triage" more than once`,
    ]);
  });
});

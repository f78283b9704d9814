/**
 * `modules.collectors` of a cluster file: what is accepted (and how it renders the
 * collector module blocks), and the problems a bad collector gets, each naming its place.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError, formatProblem } from '../../src/config/problems.js';
import { renderTree } from '../../src/render/render.js';
import { seedCluster, seedGlobal, writeConf } from '../support/conf.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function withCollectors(collectors: unknown, mutate: (c: Json) => void = () => {}): Json {
  const c = seedCluster() as Json;
  c.modules.collectors = collectors;
  mutate(c);
  return c;
}

async function problemsOf(cluster: Json): Promise<string[]> {
  const conf = writeConf(seedGlobal(), { [cluster.id as string]: cluster });
  try {
    await loadConfig(conf);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.map((p) =>
      formatProblem({ ...p, file: path.relative(conf, p.file) }),
    );
  }
  throw new Error('configuration was accepted');
}

describe('modules.collectors', () => {
  it('is loaded with its defaults and renders one collector block each', async () => {
    const conf = writeConf(seedGlobal(), {
      production: withCollectors({
        okta_main: {
          type: 'okta',
          settings: { hostname: 'acme.okta.com"${file("/etc/passwd")}' },
          credential: '/streamalert/collectors/okta_main',
        },
        github_org: {
          type: 'github_audit',
          settings: { organization: 'acme' },
          credential: 'arn:aws:secretsmanager:us-west-2:123456789012:secret:github-AbCdEf',
          schedule_expression: 'rate(5 minutes)',
        },
      }),
    });
    const config = await loadConfig(conf);
    const collectors = config.clusters[0]!.modules.collectors;
    expect(collectors.map((c) => c.name)).toEqual(['github_org', 'okta_main']);
    expect(collectors[1]).toMatchObject({
      scheduleExpression: 'rate(1 minute)',
      overlapSeconds: 600,
      noPollAlarmMinutes: 15,
      credentialKmsKeyArn: null,
    });

    const tree = renderTree(config, { outDir: '/out', buildDir: '/out/build' });
    const main = tree.files.get('production/main.tf')!;
    expect(main).toContain('module "collector_okta_main" {');
    expect(main).toContain('module "collector_github_org" {');
    expect(main).toContain('  zip                      = "../build/collector.zip"');
    expect(main).toContain('schedule_expression      = "rate(5 minutes)"');
    // Configuration text reaches Terraform as literal text.
    expect(main).toContain(
      'settings                 = zipmap(["hostname"], ["acme.okta.com\\"$${file(\\"/etc/passwd\\")}"])',
    );
    expect(main).toContain(
      'alarm_actions            = ["arn:aws:sns:us-west-2:123456789012:stream_alert_monitoring"]',
    );
    expect([...tree.files.keys()]).toContain('modules/collector/main.tf');
  });

  it('refuses a credential written into the file (never repeating it), a secret-like setting and missing settings', async () => {
    const problems = await problemsOf(
      withCollectors({
        okta_main: { type: 'okta', settings: { api_token: 'x' }, credential: '00aBcD-token' },
        duo: { type: 'duo_auth', credential: '/streamalert/collectors/duo' },
        bad: { type: 'myspace', credential: '/x' },
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'clusters/production.json: /modules/collectors/okta_main/credential: must be an SSM parameter name such as "/streamalert/collectors/okta" or a Secrets Manager secret ARN, never the credential itself (the value, 12 characters, is not shown)',
        'clusters/production.json: /modules/collectors/okta_main/settings/api_token: key "api_token" is not a valid name',
        expect.stringMatching(/\/modules\/collectors\/okta_main\/settings.*hostname/),
        expect.stringMatching(/\/modules\/collectors\/duo.*settings/),
        expect.stringMatching(/\/modules\/collectors\/bad\/type: must be one of .*"okta"/),
      ]),
    );
    expect(problems.join('\n')).not.toContain('00aBcD-token');
  });

  it('checks the settings a source knows the shape of, naming the place', async () => {
    const problems = await problemsOf(
      withCollectors({
        m365: {
          type: 'm365_activity',
          settings: { content_types: 'Audit.Exchange,Audit.Teams' },
          credential: '/streamalert/collectors/m365',
        },
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^clusters\/production\.json: \/modules\/collectors\/m365\/settings\/content_types: must be a comma-separated list of Audit\.AzureActiveDirectory, .*DLP\.All/,
      ),
    ]);
    const ok = writeConf(seedGlobal(), {
      production: withCollectors({
        m365: {
          type: 'm365_activity',
          settings: { content_types: 'Audit.Exchange, DLP.All' },
          credential: '/streamalert/collectors/m365',
        },
        box: {
          type: 'box_events',
          settings: { enterprise_id: '998877' },
          credential: '/streamalert/collectors/box',
        },
      }),
    });
    const config = await loadConfig(ok);
    expect(config.clusters[0]!.modules.collectors.map((c) => c.type)).toEqual([
      'box_events',
      'm365_activity',
    ]);
  });

  it('needs the kinesis module and a name the function name has room for', async () => {
    const okta = { type: 'okta', settings: { hostname: 'a.okta.com' }, credential: '/p' };
    expect(
      await problemsOf(
        withCollectors({ okta }, (c) => {
          delete c.modules.kinesis;
          delete c.modules.kinesis_events;
          c.outputs = {};
        }),
      ),
    ).toEqual([
      'clusters/production.json: /modules/collectors: needs the "kinesis" module: it sends its data into the cluster\'s Kinesis stream',
    ]);
    const long = await problemsOf(
      withCollectors({ a_collector_name_of_24ch: okta }, (c) => {
        c.id = 'production_eu_west';
      }),
    );
    expect(long).toEqual([
      'clusters/production_eu_west.json: /modules/collectors/a_collector_name_of_24ch: makes the function name "acme_production_eu_west_collector_a_collector_name_of_24ch", over 55 characters (its schedule rule adds "_schedule" up to AWS\'s 64): shorten the collector\'s name',
    ]);
  });
});

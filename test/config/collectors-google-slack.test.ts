/**
 * `modules.collectors` entries of the Google Workspace and Slack audit log collectors: the
 * settings each takes are accepted and reach the module block, the one Google needs is
 * required, and a setting naming a credential is refused.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError, formatProblem } from '../../src/config/problems.js';
import { renderTree } from '../../src/render/render.js';
import { seedCluster, seedGlobal, writeConf } from '../support/conf.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const withCollectors = (collectors: unknown): Json => {
  const c = seedCluster() as Json;
  c.modules.collectors = collectors;
  return c;
};

describe('modules.collectors of Google Workspace and Slack', () => {
  it('takes their settings and renders them into the collector blocks', async () => {
    const conf = writeConf(seedGlobal(), {
      production: withCollectors({
        gws_main: {
          type: 'google_workspace',
          settings: { subject: 'reports-reader@acme.example', customer_id: 'C03az79cb' },
          credential: '/streamalert/collectors/google_workspace',
        },
        gws_calendar: {
          type: 'google_workspace',
          settings: { subject: 'reports-reader@acme.example', applications: 'calendar,saml' },
          credential: '/streamalert/collectors/google_workspace',
          overlap_seconds: 10800,
        },
        slack_org: {
          type: 'slack_audit',
          credential: 'arn:aws:secretsmanager:us-west-2:123456789012:secret:slack-AbCdEf',
        },
      }),
    });
    const config = await loadConfig(conf);
    const collectors = config.clusters[0]!.modules.collectors;
    expect(collectors.map((c) => [c.name, c.type, c.overlapSeconds])).toEqual([
      ['gws_calendar', 'google_workspace', 10800],
      ['gws_main', 'google_workspace', 600],
      ['slack_org', 'slack_audit', 600],
    ]);
    const main = renderTree(config, { outDir: '/out', buildDir: '/out/build' }).files.get(
      'production/main.tf',
    )!;
    expect(main).toContain(
      'settings                 = zipmap(["applications", "subject"], ["calendar,saml", "reports-reader@acme.example"])',
    );
    expect(main).toContain('type                     = "slack_audit"');
  });

  it('needs the Google subject and refuses a credential as a setting', async () => {
    const conf = writeConf(seedGlobal(), {
      production: withCollectors({
        gws_main: {
          type: 'google_workspace',
          settings: { applications: 'login' },
          credential: '/streamalert/collectors/google_workspace',
        },
        slack_org: {
          type: 'slack_audit',
          settings: { token: 'xoxp-1234' },
          credential: '/streamalert/collectors/slack',
        },
      }),
    });
    const err = await loadConfig(conf).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.map((p) =>
      formatProblem({ ...p, file: path.relative(conf, p.file) }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^clusters\/production\.json: \/modules\/collectors\/gws_main\/settings.*subject/,
        ),
        expect.stringMatching(
          /\/modules\/collectors\/slack_org\/settings\/token: key "token" is not a valid name/,
        ),
      ]),
    );
    expect(problems.join('\n')).not.toContain('xoxp-1234');
  });
});

/**
 * StreamAlert 3's apps (`modules.streamalert_apps`, as `manage.py app new` writes them) in an
 * unchanged StreamAlert 3 conf/: each app whose type has a collector here becomes that
 * collector, its schedule, memory, timeout and log settings kept and its credential the
 * app's own SSM parameter; every other app is named in the notice; mistakes are refused at
 * their place.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { compatibilityNotice } from '../../src/config/notices.js';
import { ConfigError } from '../../src/config/problems.js';
import { renderTree } from '../../src/render/render.js';
import { REPO_ROOT } from '../support/conf.js';
import { writeSa3Repo, type Files } from '../support/streamalert3.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** An app function's settings as `app new` writes them (streamalert_cli/config.py). */
const app = (type: string, appName: string, extra: Record<string, unknown> = {}) => ({
  app_name: appName,
  concurrency_limit: 2,
  log_level: 'info',
  log_retention_days: 14,
  memory: 128,
  metric_alarms: { errors: { enabled: true, evaluation_periods: 1, period_secs: 120 } },
  schedule_expression: 'rate(10 minutes)',
  timeout: 80,
  type,
  ...extra,
});

const APPS = {
  'acme_corp_duo_auth_duo-prod_app': app('duo_auth', 'duo-prod'),
  acme_corp_duo_admin_duoadm_app: app('duo_admin', 'duoadm', {
    schedule_expression: 'rate(2 hours)',
    log_level: 'warning',
    log_retention_days: 30,
  }),
  acme_corp_gsuite_login_gsl_app: app('gsuite_login', 'gsl', { memory: 512, timeout: 20 }),
  acme_corp_box_admin_events_box_app: app('box_admin_events', 'box'),
  acme_corp_onelogin_events_ol_app: app('onelogin_events', 'ol'),
  acme_corp_slack_access_sl_app: app('slack_access', 'sl'),
  acme_corp_salesforce_login_sf_app: app('salesforce_login', 'sf'),
};

function withApps(apps: Record<string, unknown>) {
  return (c: Files) => {
    const cluster = c['clusters/corp.json'] as any;
    cluster.modules.streamalert_apps = apps;
    // StreamAlert's CLI routes each app's function as a data source.
    for (const fn of Object.keys(apps)) cluster.data_sources.streamalert_app[fn] = ['audit'];
  };
}

async function problemsOf(apps: Record<string, unknown>, more: (c: Files) => void = () => {}) {
  const conf = path.join(
    writeSa3Repo((c) => {
      withApps(apps)(c);
      more(c);
    }),
    'conf',
  );
  const err = await loadConfig(conf).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConfigError);
  return (err as ConfigError).message.split('\n').map((l) => l.replace(`${conf}/`, ''));
}

describe("a StreamAlert 3 cluster file's streamalert_apps", () => {
  it('become collectors where the source is here, with their schedule, memory and timeout', async () => {
    const config = await loadConfig(path.join(writeSa3Repo(withApps(APPS)), 'conf'));
    const collectors = config.clusters[0]!.modules.collectors;
    expect(collectors.map((c) => [c.name, c.type])).toEqual([
      ['box', 'box_events'],
      ['duo_prod', 'duo_auth'],
      ['duoadm', 'duo_admin'],
      ['gsl', 'google_workspace'],
    ]);
    const byName = Object.fromEntries(collectors.map((c) => [c.name, c]));
    expect(byName.duo_prod).toMatchObject({
      credential: 'acme_corp_duo_auth_duo-prod_app_auth',
      credentialFormat: 'streamalert_app',
      settings: {},
      scheduleExpression: 'rate(10 minutes)',
      memory: 128,
      timeout: 80,
      logLevel: 'info',
      logRetentionDays: 14,
      // The keys StreamAlert's apps had no counterpart of: the collector defaults.
      overlapSeconds: 600,
      initialLookbackSeconds: 3600,
      noPollAlarmMinutes: 15,
      lagAlarmSeconds: 1800,
    });
    expect(byName.duoadm).toMatchObject({
      scheduleExpression: 'rate(2 hours)',
      logLevel: 'warn',
      logRetentionDays: 30,
    });
    // One Reports API application per gsuite_* app; a timeout under 30 s is raised.
    expect(byName.gsl).toMatchObject({
      settings: { applications: 'login' },
      memory: 512,
      timeout: 30,
      credential: 'acme_corp_gsuite_login_gsl_app_auth',
    });

    const notice = compatibilityNotice(config)!;
    expect(notice).toContain(
      'clusters/corp.json: /modules/streamalert_apps/acme_corp_duo_auth_duo-prod_app: becomes the collector "duo_prod" (duo_auth), function acme_corp_collector_duo_prod, writing to the cluster\'s stream: it reads the credential StreamAlert stored (SSM acme_corp_duo_auth_duo-prod_app_auth) as it is',
    );
    expect(notice).toContain('"gsl" (google_workspace, application login)');
    expect(notice).toContain(
      'clusters/corp.json: /modules/streamalert_apps/acme_corp_gsuite_login_gsl_app/timeout: 20 is raised to 30',
    );
    expect(notice).toContain(
      'clusters/corp.json: /modules/streamalert_apps/acme_corp_duo_admin_duoadm_app/log_level: "warning" is read as "warn"',
    );
    expect(notice).toMatch(/box_app: becomes the collector "box".*Client Credentials Grant/);
    // Types with no collector here are named, never dropped silently.
    expect(notice).toContain(
      'clusters/corp.json: /modules/streamalert_apps/acme_corp_onelogin_events_ol_app: no collector for StreamAlert\'s "onelogin_events" app here (the sources: docs/collectors.md): nothing is deployed for it',
    );
    expect(notice).toContain(
      'clusters/corp.json: /modules/streamalert_apps/acme_corp_salesforce_login_sf_app: no collector for StreamAlert\'s "salesforce_login" app here',
    );
    expect(notice).toContain(
      "clusters/corp.json: /modules/streamalert_apps/acme_corp_slack_access_sl_app: no collector reads Slack's team.accessLogs here",
    );
  });

  it('render a collector block reading the app parameter as StreamAlert stored it', async () => {
    const config = await loadConfig(path.join(writeSa3Repo(withApps(APPS)), 'conf'));
    const tree = renderTree(config, { outDir: '/out', buildDir: '/out/build' });
    const main = tree.files.get('corp/main.tf')!;
    const block = main.slice(main.indexOf('module "collector_duo_prod" {'));
    const body = block.slice(0, block.indexOf('\n}\n'));
    expect(body).toContain('type                     = "duo_auth"');
    expect(body).toContain('credential               = "acme_corp_duo_auth_duo-prod_app_auth"');
    expect(body).toContain('credential_format        = "streamalert_app"');
    expect(body).toContain('schedule_expression      = "rate(10 minutes)"');
    expect(body).toContain('memory                   = 128');
    expect(body).toContain('timeout                  = 80');
    expect(body).toContain('log_retention_days       = 14');
    // Every argument is one the module takes.
    const variables = new Set(
      [
        ...readFileSync(path.join(REPO_ROOT, 'modules/collector/variables.tf'), 'utf8').matchAll(
          /^variable "([a-z_]+)"/gm,
        ),
      ].map((m) => m[1]),
    );
    const args = [...body.matchAll(/^ {2}([a-z_]+)\s+=/gm)].map((m) => m[1]);
    expect(args.filter((a) => a !== 'source' && !variables.has(a))).toEqual([]);
    expect(args).toContain('credential_format');
    // No block for the apps without a collector here.
    expect(main).not.toContain('collector_ol');
    expect(main).not.toContain('collector_sl"');
  });

  it('refuses what cannot become a collector, naming the file and the key', async () => {
    expect(
      await problemsOf({
        acme_corp_duo_auth_a_very_long_application_name_app: app(
          'duo_auth',
          'a-very-long-application-name',
        ),
        acme_corp_duo_admin_x_app: app('duo_admin', 'x', { memory: 64, schedule_expression: '2h' }),
      }),
    ).toEqual([
      'clusters/corp.json: /modules/streamalert_apps/acme_corp_duo_admin_x_app/schedule_expression: must be rate(<n> minutes|hours|days) or cron(...), got "2h"',
      'clusters/corp.json: /modules/streamalert_apps/acme_corp_duo_admin_x_app/memory: must be >= 128',
    ]);
    expect(
      await problemsOf(
        {
          acme_corp_duo_auth_a_very_long_application_name_app: app(
            'duo_auth',
            'a-very-long-application-name',
          ),
          acme_corp_duo_admin_okta_app: app('duo_admin', 'okta'),
        },
        (c: any) => {
          c['clusters/corp.json'].modules.collectors = {
            okta: { type: 'okta', settings: { hostname: 'acme.okta.com' }, credential: '/c/okta' },
          };
        },
      ),
    ).toEqual([
      'clusters/corp.json: /modules/streamalert_apps/acme_corp_duo_admin_okta_app/app_name: makes the collector name "okta", which another collector of this cluster has: rename one',
      "clusters/corp.json: /modules/streamalert_apps/acme_corp_duo_auth_a_very_long_application_name_app/app_name: makes the collector name \"a_very_long_application_name\", over 24 characters (a collector's name is part of its function's and alarms' names): shorten the app_name",
    ]);
  });

  it('need the kinesis module, said at streamalert_apps', async () => {
    const problems = await problemsOf(
      { acme_corp_duo_auth_d_app: app('duo_auth', 'd') },
      (c: any) => {
        delete c['clusters/corp.json'].modules.kinesis;
        delete c['clusters/corp.json'].modules.s3_events;
      },
    );
    expect(problems).toContain(
      'clusters/corp.json: /modules/streamalert_apps: needs the "kinesis" module: it sends its data into the cluster\'s Kinesis stream',
    );
  });
});

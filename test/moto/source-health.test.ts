/**
 * Source health against moto (docs/source-health.md): the rendered cluster root declares a
 * silence alarm per log type the rules read, with the silence period of the source kinds
 * that carry it, and a warning and a critical volume-drop alarm (metric math over the same
 * metric); once a source is silent (its alarm set to ALARM, as CloudWatch would after its
 * period without records), the plan comment and the drift issue name the rules it leaves
 * blind — and not a rule that still has a live log type — and, apart, the sources whose
 * volume dropped, at their highest level.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  SetAlarmStateCommand,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommand } from '../../src/commands/build.js';
import { driftCommand } from '../../src/commands/drift.js';
import { planCommand, type PlanOptions } from '../../src/commands/plan.js';
import type { EngineOptions } from '../../src/door-kit/options.js';
import type { IssueTracker } from '../../src/door-kit/github.js';
import { renderComment } from '../../src/report/comment.js';
import { readBlindRules } from '../../src/steps/source-health.js';
import { clientConfig } from '../support/aws.js';
import { copyExampleDetections, seedGlobal, tempDir, writeConf } from '../support/conf.js';
import { startMoto, type Moto } from '../support/moto.js';
import { processorBundles } from '../support/processor-bundles.js';
import { terraformOk } from '../support/terraform.js';

const REGION = 'us-west-2';
const PREFIX = 'acme_production_source_silent_';
const DROP = 'acme_production_source_drop_';

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => moto?.stop());

/** One cluster with the rule processor only; S3 sources get 90 minutes, the rest the default 15. */
function repo(): { work: string; conf: string } {
  const work = tempDir('source-health');
  writeConf(
    seedGlobal(),
    {
      production: {
        id: 'production',
        region: REGION,
        modules: {
          stream_alert: {
            alert_processor: { timeout: 25, memory: 128, current_version: '$LATEST' },
            rule_processor: {
              timeout: 10,
              memory: 256,
              current_version: '$LATEST',
              source_health: { silence_minutes: { s3: 90 } },
            },
          },
        },
        outputs: {},
      },
    },
    work,
  );
  // The production example's rules, fixtures, logs.json, sources.json and outputs.json.
  copyExampleDetections(work);
  return { work, conf: path.join(work, 'conf') };
}

/** A small in-memory GitHub issues store for the drift command (what the drift tests use). */
class Issues implements IssueTracker {
  readonly issues: { number: number; body: string; open: boolean }[] = [];
  private ref = (n: number) => ({ number: n, url: `https://github.test/acme/d/issues/${n}` });
  async findOpenIssue(isOurs: (body: string) => boolean) {
    const i = this.issues.find((x) => x.open && isOurs(x.body));
    return i ? { ...this.ref(i.number), body: i.body } : undefined;
  }
  async createIssue(_title: string, body: string) {
    this.issues.push({ number: this.issues.length + 1, body, open: true });
    return this.ref(this.issues.length);
  }
  async updateIssue(number: number, body: string) {
    this.issues[number - 1]!.body = body;
    return this.ref(number);
  }
  async closeIssue(number: number) {
    this.issues[number - 1]!.open = false;
    return this.ref(number);
  }
}

describe('source health', () => {
  it(
    'declares a silence alarm per log type rules read; the comment and the drift issue name the blind rules',
    { timeout: 1_200_000 },
    async () => {
      const { work, conf } = repo();
      const buildDir = path.join(work, 'build');
      const out = path.join(work, 'terraform');
      await buildCommand({
        configDir: conf,
        rulesDir: path.join(work, 'rules'),
        outDir: buildDir,
        bundlesDir: processorBundles(),
      });
      expect(JSON.parse(readFileSync(path.join(buildDir, 'source_health.json'), 'utf8'))).toEqual({
        log_types: {
          'cloudtrail:events': ['cloudtrail_stopped'],
          'cloudwatch:events': ['cloudtrail_root_account_use', 'cloudtrail_stopped'],
          'cloudwatch:flow_logs': ['vpc_flow_ssh_from_internet'],
          'osquery:differential': ['osquery_authorized_keys_added'],
          'syslog:log': ['syslog_ssh_failures'],
        },
      });

      const cloudwatch = new CloudWatchClient(clientConfig(moto, REGION));
      const options: PlanOptions = {
        configDir: conf,
        render: { outDir: out, buildDir, awsEndpoint: moto.endpoint, localState: true },
        only: ['production'],
        runner: {
          binary: 'terraform',
          env: moto.env,
          backendConfig: [],
          parallelism: 1,
          mask: (t) => t,
        },
        commit: 'c0ffee',
        blindRules: (config) => readBlindRules(config, { buildDir, client: () => cloudwatch }),
      };

      // Before any alarm exists: nothing to say.
      const before = await planCommand(options);
      expect(before.report.failure).toBeUndefined();
      expect(before.report.roots.map((r) => [r.root, r.status])).toEqual([
        ['production', 'changes'],
      ]);
      expect(before.report.blindRules).toEqual([]);
      expect(renderComment(before.report)).not.toContain('left blind');

      // The rendered root, applied (its source-health alarms and what they need) against moto.
      const root = path.join(out, 'production');
      await terraformOk(
        [
          'apply',
          '-auto-approve',
          '-no-color',
          '-target=module.stream_alert.aws_cloudwatch_metric_alarm.source_silent',
          '-target=module.stream_alert.aws_cloudwatch_metric_alarm.source_volume_drop',
        ],
        root,
        moto.env,
      );
      const alarms: MetricAlarm[] =
        (await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: PREFIX })))
          .MetricAlarms ?? [];
      // One per log type the rules read, each on its cluster's metric and log type, with the
      // longest silence period of the kinds that carry it (cloudwatch: Kinesis only, 15; the
      // others also come through S3, 90).
      alarms.sort((a, b) => (a.AlarmName! < b.AlarmName! ? -1 : 1));
      expect(
        alarms.map((a) => [
          a.AlarmName,
          a.MetricName,
          a.Dimensions,
          a.Period,
          a.EvaluationPeriods,
          a.TreatMissingData,
        ]),
      ).toEqual(
        [
          ['cloudtrail:events', 90],
          ['cloudwatch:events', 15],
          ['cloudwatch:flow_logs', 15],
          ['osquery:differential', 90],
          ['syslog:log', 90],
        ].map(([logType, minutes]) => [
          `${PREFIX}${logType}`,
          'RuleProcessor-RecordsByLogType-PRODUCTION',
          [{ Name: 'LogType', Value: logType }],
          60,
          minutes,
          'breaching',
        ]),
      );
      expect(alarms.find((a) => a.AlarmName === `${PREFIX}syslog:log`)!.AlarmDescription).toBe(
        'No syslog:log records for 90 minutes in cluster production: the rules reading it are blind (the plan comment and the drift issue name them).',
      );

      // A warning and a critical drop alarm per log type, both on the same hourly metric of
      // the cluster and log type over seven days, the issue's levels as thresholds.
      const drops: MetricAlarm[] =
        (await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: DROP })))
          .MetricAlarms ?? [];
      drops.sort((a, b) => (a.AlarmName! < b.AlarmName! ? -1 : 1));
      const logTypes = alarms.map((a) => a.Dimensions![0]!.Value!);
      expect(drops.map((a) => [a.AlarmName, a.Threshold])).toEqual([
        ...logTypes.map((l) => [`${DROP}critical_${l}`, 90]),
        ...logTypes.map((l) => [`${DROP}warning_${l}`, 50]),
      ]);
      const warning = drops.find((a) => a.AlarmName === `${DROP}warning_cloudtrail:events`)!;
      expect([
        warning.ComparisonOperator,
        warning.EvaluationPeriods,
        warning.DatapointsToAlarm,
        warning.TreatMissingData,
      ]).toEqual(['GreaterThanThreshold', 168, 1, 'notBreaching']);
      expect(warning.Metrics?.find((m) => m.Id === 'records')?.MetricStat).toMatchObject({
        Metric: {
          Namespace: 'StreamAlert',
          MetricName: 'RuleProcessor-RecordsByLogType-PRODUCTION',
          Dimensions: [{ Name: 'LogType', Value: 'cloudtrail:events' }],
        },
        Period: 3600,
        Stat: 'Sum',
      });
      expect(warning.Metrics?.find((m) => m.ReturnData)?.Expression).toBe(
        'IF(latest < baseline AND baseline >= 10, 100 * (1 - latest / baseline), 0)',
      );
      expect(warning.AlarmDescription).toBe(
        "WARNING: cloudtrail:events records in the last hour more than 50% below the same hour's average over the six days before, in cluster production: the rules reading it see less than they should (the plan comment and the drift issue name them).",
      );

      // CloudWatch events and syslog go silent; the other sources still send records. (A
      // fresh alarm with no data at all is breaching: records arriving set it OK, as here.)
      // Flow logs drop past both levels, CloudTrail past the warning; silent syslog also
      // shows as a critical drop, but is listed once, as silent.
      const silent = new Set(['cloudwatch:events', 'syslog:log']);
      const dropped = new Set([
        `${DROP}critical_cloudwatch:flow_logs`,
        `${DROP}warning_cloudwatch:flow_logs`,
        `${DROP}warning_cloudtrail:events`,
        `${DROP}critical_syslog:log`,
      ]);
      for (const a of alarms) {
        const logType = a.Dimensions![0]!.Value!;
        await cloudwatch.send(
          new SetAlarmStateCommand({
            AlarmName: a.AlarmName!,
            StateValue: silent.has(logType) ? 'ALARM' : 'OK',
            StateReason: silent.has(logType) ? 'no records' : 'records arrive',
          }),
        );
      }
      for (const a of drops)
        await cloudwatch.send(
          new SetAlarmStateCommand({
            AlarmName: a.AlarmName!,
            StateValue: dropped.has(a.AlarmName!) ? 'ALARM' : 'OK',
            StateReason: dropped.has(a.AlarmName!) ? 'volume dropped' : 'usual volume',
          }),
        );

      const after = await planCommand(options);
      expect(after.report.failure).toBeUndefined();
      // cloudtrail_stopped also reads cloudtrail:events, which is live: it can still fire.
      expect(after.report.blindRules).toEqual([
        {
          cluster: 'production',
          silent: [
            { logType: 'cloudwatch:events', alarm: `${PREFIX}cloudwatch:events` },
            { logType: 'syslog:log', alarm: `${PREFIX}syslog:log` },
          ],
          rules: [
            { name: 'cloudtrail_root_account_use', logTypes: ['cloudwatch:events'] },
            { name: 'syslog_ssh_failures', logTypes: ['syslog:log'] },
          ],
          dropped: [
            {
              logType: 'cloudwatch:flow_logs',
              level: 'critical',
              alarm: `${DROP}critical_cloudwatch:flow_logs`,
              rules: ['vpc_flow_ssh_from_internet'],
            },
            {
              logType: 'cloudtrail:events',
              level: 'warning',
              alarm: `${DROP}warning_cloudtrail:events`,
              rules: ['cloudtrail_stopped'],
            },
          ],
        },
      ]);
      const comment = renderComment(after.report);
      expect(comment).toContain(
        '🙈 **2 rules left blind by a silent source** (every log type each reads has its silence alarm in ALARM; see docs/source-health.md); ' +
          '📉 **2 log types far below their usual volume** (the last hour against the same hour of the six days before; warning and critical levels in docs/source-health.md):\n' +
          '- `production`: no records of `cloudwatch:events`, `syslog:log`; blind: `cloudtrail_root_account_use`, `syslog_ssh_failures`\n' +
          '- `production`: volume **critical**, far below baseline: `cloudwatch:flow_logs`; rules seeing less: `vpc_flow_ssh_from_internet`\n' +
          '- `production`: volume warning, far below baseline: `cloudtrail:events`; rules seeing less: `cloudtrail_stopped`\n',
      );
      // cloudtrail_stopped is not blind: only named as a rule of a dropped source.
      expect(comment.match(/`cloudtrail_stopped`/g)).toHaveLength(1);

      // The drift issue lists them too, and blind rules alone open it.
      const issues = new Issues();
      const drift = await driftCommand(
        { mask: (t: string) => t } as EngineOptions,
        issues,
        async () => ({
          report: {
            ...after.report,
            roots: after.report.roots.map((r) => ({ ...r, status: 'no-changes' as const })),
          },
          problems: [],
        }),
      );
      expect(drift.issue?.action).toBe('opened');
      expect(drift.isDrifted).toBe(false);
      expect(issues.issues[0]!.body).toContain(
        '- `production`: no records of `cloudwatch:events`, `syslog:log`; blind: `cloudtrail_root_account_use`, `syslog_ssh_failures`\n',
      );
      expect(drift.lines).toContain(
        '- **production**: 2 rule(s) blind, no records of cloudwatch:events, syslog:log',
      );
      expect(drift.lines).toContain(
        '- **production**: cloudwatch:flow_logs volume critical, far below its baseline',
      );
    },
  );
});

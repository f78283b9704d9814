/**
 * Which rules a silent source leaves blind: the silence alarms of modules/stream_alert
 * (source_health.tf) read with the AWS SDK, per cluster, and the build's
 * source_health.json (log type → its rules). A rule is blind in a cluster when every log
 * type it reads has its silence alarm in ALARM there: a rule with one live log type can
 * still fire. `plan` and `drift` put the result into the report (the comment and the drift
 * issue list it).
 */
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import type { Config } from '../config/types.js';
import type { BlindRules } from '../plan/types.js';
import { readRulesByLogType } from '../build/source-health.js';

/** The silence alarms' name prefix; the module names them `<prefix>_<cluster>_source_silent_<log type>`. */
export function silenceAlarmPrefix(prefix: string, cluster: string): string {
  return `${prefix}_${cluster}_source_silent_`;
}

/** Pure: the blind rules of one cluster, given its silent log types (log type → alarm name). */
export function blindRulesOf(
  cluster: string,
  rulesByLogType: Readonly<Record<string, readonly string[]>>,
  silent: ReadonlyMap<string, string>,
): BlindRules | undefined {
  const logsOfRule = new Map<string, string[]>();
  for (const [logType, rules] of Object.entries(rulesByLogType))
    for (const rule of rules) logsOfRule.set(rule, [...(logsOfRule.get(rule) ?? []), logType]);
  const rules = [...logsOfRule]
    .filter(([, logs]) => logs.length > 0 && logs.every((l) => silent.has(l)))
    .map(([name, logs]) => ({ name, logTypes: [...logs].sort() }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (rules.length === 0) return undefined;
  const used = new Set(rules.flatMap((r) => r.logTypes));
  return {
    cluster,
    silent: [...silent]
      .filter(([logType]) => used.has(logType))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([logType, alarm]) => ({ logType, alarm })),
    rules,
  };
}

export interface SourceHealthReadOptions {
  buildDir: string;
  awsEndpoint?: string;
  /** Made per region; tests and the emulator pass their own. */
  client?: (region: string) => CloudWatchClient;
}

/**
 * The silence alarms in ALARM of one cluster: log type (the alarm's LogType dimension) →
 * alarm name. DescribeAlarms pages through every alarm of the name prefix.
 */
async function silentLogTypes(
  client: CloudWatchClient,
  prefix: string,
): Promise<Map<string, string>> {
  const silent = new Map<string, string>();
  let NextToken: string | undefined;
  // At most one alarm per log type; the bound guards a misbehaving endpoint, not the data.
  for (let page = 0; page < 100; page++) {
    const out = await client.send(
      new DescribeAlarmsCommand({
        AlarmNamePrefix: prefix,
        StateValue: 'ALARM',
        AlarmTypes: ['MetricAlarm'],
        ...(NextToken ? { NextToken } : {}),
      }),
    );
    for (const alarm of out.MetricAlarms ?? []) {
      // Checked here too: an endpoint that applies only one filter (moto takes the name
      // prefix and drops StateValue) must not make every source look silent.
      if (alarm.StateValue !== 'ALARM') continue;
      const logType = alarm.Dimensions?.find((d) => d.Name === 'LogType')?.Value;
      if (logType && alarm.AlarmName) silent.set(logType, alarm.AlarmName);
    }
    NextToken = out.NextToken;
    if (!NextToken) break;
  }
  return silent;
}

/**
 * Every cluster's blind rules, or undefined when there is nothing to say: no
 * source_health.json (nothing built), no log type read, or the alarms could not be read
 * (no credentials, no deployment yet) — a plan never fails for want of them.
 */
export async function readBlindRules(
  config: Config,
  o: SourceHealthReadOptions,
): Promise<BlindRules[] | undefined> {
  const rulesByLogType = await readRulesByLogType(o.buildDir);
  if (!rulesByLogType || Object.keys(rulesByLogType).length === 0) return undefined;
  const clients = new Map<string, CloudWatchClient>();
  const clientOf = (region: string): CloudWatchClient => {
    let c = clients.get(region);
    if (!c) {
      c =
        o.client?.(region) ??
        new CloudWatchClient({ region, ...(o.awsEndpoint ? { endpoint: o.awsEndpoint } : {}) });
      clients.set(region, c);
    }
    return c;
  };
  const out: BlindRules[] = [];
  try {
    for (const cluster of config.clusters) {
      if (!cluster.sourceHealth.enabled) continue;
      const silent = await silentLogTypes(
        clientOf(cluster.region),
        silenceAlarmPrefix(config.global.account.prefix, cluster.id),
      );
      const blind = blindRulesOf(cluster.id, rulesByLogType, silent);
      if (blind) out.push(blind);
    }
  } catch {
    // No credentials or no reachable CloudWatch: say nothing rather than something wrong.
    return undefined;
  } finally {
    for (const c of clients.values()) c.destroy();
  }
  return out;
}

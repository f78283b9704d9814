/**
 * Which rules a silent source leaves blind, and which sources dropped: the silence and
 * volume-drop alarms of modules/stream_alert (source_health.tf) read with the AWS SDK, per
 * cluster, and the build's source_health.json (log type → its rules). A rule is blind in a
 * cluster when every log type it reads has its silence alarm in ALARM there: a rule with
 * one live log type can still fire. A log type dropped when a volume-drop alarm of it is in
 * ALARM and it is not silent (a silent source is listed once, as silent). `plan` and `drift`
 * put the result into the report (the comment and the drift issue list it).
 */
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import type { Config } from '../config/types.js';
import type { BlindRules, DropLevel } from '../plan/types.js';
import { readRulesByLogType } from '../build/source-health.js';

/** The silence alarms' name prefix; the module names them `<prefix>_<cluster>_source_silent_<log type>`. */
export function silenceAlarmPrefix(prefix: string, cluster: string): string {
  return `${prefix}_${cluster}_source_silent_`;
}

/** The volume-drop alarms' name prefix: `<prefix>_<cluster>_source_drop_<level>_<log type>`. */
export function dropAlarmPrefix(prefix: string, cluster: string): string {
  return `${prefix}_${cluster}_source_drop_`;
}

/** Log type → its drop alarm in ALARM with the highest level. */
export type DroppedLogTypes = ReadonlyMap<string, { level: DropLevel; alarm: string }>;

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Pure: one cluster's source health, given its silent log types (log type → alarm name) and
 * its dropped ones; undefined when no rule is blind and no log type dropped.
 */
export function blindRulesOf(
  cluster: string,
  rulesByLogType: Readonly<Record<string, readonly string[]>>,
  silent: ReadonlyMap<string, string>,
  dropped: DroppedLogTypes = new Map(),
): BlindRules | undefined {
  const logsOfRule = new Map<string, string[]>();
  for (const [logType, rules] of Object.entries(rulesByLogType))
    for (const rule of rules) logsOfRule.set(rule, [...(logsOfRule.get(rule) ?? []), logType]);
  const rules = [...logsOfRule]
    .filter(([, logs]) => logs.length > 0 && logs.every((l) => silent.has(l)))
    .map(([name, logs]) => ({ name, logTypes: [...logs].sort() }))
    .sort((a, b) => byName(a.name, b.name));
  // Only log types rules read (the alarms exist for no other), and not silent ones.
  const drops = [...dropped]
    .filter(([logType]) => !silent.has(logType) && Object.hasOwn(rulesByLogType, logType))
    .map(([logType, d]) => ({
      logType,
      level: d.level,
      alarm: d.alarm,
      rules: [...(rulesByLogType[logType] ?? [])].sort(byName),
    }))
    .sort((a, b) =>
      a.level !== b.level ? (a.level === 'critical' ? -1 : 1) : byName(a.logType, b.logType),
    );
  if (rules.length === 0 && drops.length === 0) return undefined;
  const used = new Set(rules.flatMap((r) => r.logTypes));
  return {
    cluster,
    silent: [...silent]
      .filter(([logType]) => used.has(logType))
      .sort(([a], [b]) => byName(a, b))
      .map(([logType, alarm]) => ({ logType, alarm })),
    rules,
    ...(drops.length > 0 ? { dropped: drops } : {}),
  };
}

export interface SourceHealthReadOptions {
  buildDir: string;
  awsEndpoint?: string;
  /** Made per region; tests and the emulator pass their own. */
  client?: (region: string) => CloudWatchClient;
}

/** Every metric alarm in ALARM of a name prefix; DescribeAlarms pages through them. */
async function alarmsInAlarm(client: CloudWatchClient, prefix: string): Promise<MetricAlarm[]> {
  const found: MetricAlarm[] = [];
  let NextToken: string | undefined;
  // At most three alarms per log type; the bound guards a misbehaving endpoint, not the data.
  for (let page = 0; page < 100; page++) {
    const out = await client.send(
      new DescribeAlarmsCommand({
        AlarmNamePrefix: prefix,
        StateValue: 'ALARM',
        AlarmTypes: ['MetricAlarm'],
        ...(NextToken ? { NextToken } : {}),
      }),
    );
    // Checked here too: an endpoint that applies only one filter (moto takes the name
    // prefix and drops StateValue) must not make every source look silent.
    found.push(...(out.MetricAlarms ?? []).filter((a) => a.StateValue === 'ALARM' && a.AlarmName));
    NextToken = out.NextToken;
    if (!NextToken) break;
  }
  return found;
}

/**
 * An alarm's log type: the LogType dimension of its metric (a silence alarm's own, a drop
 * alarm's metric query's), never parsed from the name (log types may hold `_`).
 */
function logTypeOf(alarm: MetricAlarm): string | undefined {
  const dims = [
    ...(alarm.Dimensions ?? []),
    ...(alarm.Metrics ?? []).flatMap((m) => m.MetricStat?.Metric?.Dimensions ?? []),
  ];
  return dims.find((d) => d.Name === 'LogType')?.Value;
}

/** The silence alarms in ALARM of one cluster: log type → alarm name. */
async function silentLogTypes(
  client: CloudWatchClient,
  prefix: string,
): Promise<Map<string, string>> {
  const silent = new Map<string, string>();
  for (const alarm of await alarmsInAlarm(client, prefix)) {
    const logType = logTypeOf(alarm);
    if (logType) silent.set(logType, alarm.AlarmName!);
  }
  return silent;
}

/** The drop alarms in ALARM of one cluster: log type → the highest level in ALARM. */
async function droppedLogTypes(
  client: CloudWatchClient,
  prefix: string,
): Promise<Map<string, { level: DropLevel; alarm: string }>> {
  const dropped = new Map<string, { level: DropLevel; alarm: string }>();
  for (const alarm of await alarmsInAlarm(client, prefix)) {
    const logType = logTypeOf(alarm);
    const rest = alarm.AlarmName!.slice(prefix.length);
    const level: DropLevel | undefined = rest.startsWith('critical_')
      ? 'critical'
      : rest.startsWith('warning_')
        ? 'warning'
        : undefined;
    if (!logType || !level) continue;
    if (dropped.get(logType)?.level === 'critical') continue;
    dropped.set(logType, { level, alarm: alarm.AlarmName! });
  }
  return dropped;
}

/**
 * Every cluster's source health (blind rules, dropped sources), or undefined when there is nothing to say: no
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
      const { prefix } = config.global.account;
      const client = clientOf(cluster.region);
      const silent = await silentLogTypes(client, silenceAlarmPrefix(prefix, cluster.id));
      const dropped = await droppedLogTypes(client, dropAlarmPrefix(prefix, cluster.id));
      const blind = blindRulesOf(cluster.id, rulesByLogType, silent, dropped);
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

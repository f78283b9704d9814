/**
 * Source health: a silence alarm and two volume-drop alarms (warning, critical) for every log
 * type that at least one rule reads, on the rule processor's `RecordsByLogType` metric (one line per log type per invocation, see
 * src/processors/shared/logger.ts). On by default, with no configuration; global.json
 * `infrastructure.monitoring.source_health` sets the defaults of every cluster and a cluster
 * file's `modules.stream_alert.rule_processor.source_health` overrides them for its cluster.
 *
 * The silence period is set per source kind (the services of conf/sources.json): a log type
 * carried by several kinds gets the longest of their periods, so a slow kind (hourly S3
 * deliveries) never makes a log type that also arrives through it alarm early.
 */
import type { Service, SourcesConfig } from '../processors/config/types.js';

type Schema = Record<string, unknown>;

export const SOURCE_KINDS: readonly Service[] = ['kinesis', 's3', 'sns', 'stream_alert_app'];

/** Minutes without a record before a log type's silence alarm goes off (the 15). */
export const DEFAULT_SILENCE_MINUTES = 15;

/** The levels: an hour more than 50% (warning) or 90% (critical) below its baseline. */
export const DEFAULT_DROP_WARNING_PERCENT = 50;
export const DEFAULT_DROP_CRITICAL_PERCENT = 90;
/**
 * Below this many records an hour on average, a log type's baseline is too small for a
 * percentage to mean anything (3 records becoming 1 is not a 67% outage): no drop alarm
 * fires; the silence alarm still watches it.
 */
export const DEFAULT_DROP_MINIMUM_HOURLY_RECORDS = 10;

export interface VolumeDrop {
  enabled: boolean;
  /** Percent below the baseline (exclusive) at which the warning alarm fires. */
  warningPercent: number;
  /** Percent below the baseline (exclusive) at which the critical alarm fires. */
  criticalPercent: number;
  /** The smallest hourly baseline the drop alarms judge. */
  minimumHourlyRecords: number;
}

export interface SourceHealth {
  enabled: boolean;
  /** Source kind → minutes without records before its log types are silent. */
  silenceMinutes: Record<Service, number>;
  volumeDrop: VolumeDrop;
}

export const DEFAULT_SOURCE_HEALTH: SourceHealth = {
  enabled: true,
  silenceMinutes: Object.fromEntries(
    SOURCE_KINDS.map((k) => [k, DEFAULT_SILENCE_MINUTES]),
  ) as Record<Service, number>,
  volumeDrop: {
    enabled: true,
    warningPercent: DEFAULT_DROP_WARNING_PERCENT,
    criticalPercent: DEFAULT_DROP_CRITICAL_PERCENT,
    minimumHourlyRecords: DEFAULT_DROP_MINIMUM_HOURLY_RECORDS,
  },
};

const percent = {
  type: 'integer',
  minimum: 1,
  maximum: 99,
  'x-message': 'must be a whole percentage from 1 to 99',
};

/**
 * The same shape in global.json and in a cluster file; everything optional (a key left out
 * keeps the value of the level above). A silence period is whole minutes: CloudWatch
 * evaluates the alarm over one-minute periods, at most one day of them.
 */
export const sourceHealthSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  description: 'silence alarms per log type that rules read (docs/source-health.md); on by default',
  properties: {
    enabled: {
      type: 'boolean',
      'x-default': '`true`',
      description: 'false: no RecordsByLogType metric and no silence alarms',
    },
    silence_minutes: {
      type: 'object',
      additionalProperties: false,
      description: `source kind → minutes without records before its log types are silent (default ${DEFAULT_SILENCE_MINUTES} each)`,
      properties: Object.fromEntries(
        SOURCE_KINDS.map((k) => [
          k,
          {
            type: 'integer',
            minimum: 1,
            maximum: 1440,
            'x-message': 'must be whole minutes from 1 to 1440 (one day)',
          },
        ]),
      ),
    },
    volume_drop: {
      type: 'object',
      additionalProperties: false,
      description:
        'volume-drop alarms: the last hour against the same hour of the previous six days (docs/source-health.md)',
      properties: {
        enabled: {
          type: 'boolean',
          'x-default': '`true`',
          description: 'false: no volume-drop alarms (the silence alarms stay)',
        },
        warning_percent: {
          ...percent,
          'x-default': `\`${DEFAULT_DROP_WARNING_PERCENT}\``,
          description: 'percent below the baseline at which the warning alarm fires',
        },
        critical_percent: {
          ...percent,
          'x-default': `\`${DEFAULT_DROP_CRITICAL_PERCENT}\``,
          description:
            'percent below the baseline at which the critical alarm fires (above warning_percent)',
        },
        minimum_hourly_records: {
          type: 'integer',
          minimum: 1,
          maximum: 1_000_000_000,
          'x-default': `\`${DEFAULT_DROP_MINIMUM_HOURLY_RECORDS}\``,
          'x-message': 'must be a whole number of records from 1 to 1000000000',
          description:
            'smallest hourly baseline judged: a log type with fewer records an hour is left to its silence alarm',
        },
      },
    },
  },
};

/* Runs only on values the schema accepted. */
/* eslint-disable @typescript-eslint/no-explicit-any */

/** Applies a `source_health` block (or nothing) over the level above. */
export function loadSourceHealth(
  raw: any,
  base: SourceHealth = DEFAULT_SOURCE_HEALTH,
): SourceHealth {
  if (!raw) return base;
  return {
    enabled: raw.enabled ?? base.enabled,
    silenceMinutes: { ...base.silenceMinutes, ...(raw.silence_minutes ?? {}) },
    volumeDrop: {
      enabled: raw.volume_drop?.enabled ?? base.volumeDrop.enabled,
      warningPercent: raw.volume_drop?.warning_percent ?? base.volumeDrop.warningPercent,
      criticalPercent: raw.volume_drop?.critical_percent ?? base.volumeDrop.criticalPercent,
      minimumHourlyRecords:
        raw.volume_drop?.minimum_hourly_records ?? base.volumeDrop.minimumHourlyRecords,
    },
  };
}

/**
 * Each log name conf/sources.json lists (a log type such as `cloudtrail:events` or a whole
 * family such as `osquery`) with the silence minutes of the kinds that carry it (the longest),
 * sorted by name.
 */
export function silenceByLog(sources: SourcesConfig, health: SourceHealth): [string, number][] {
  // A Map: a log named "constructor" or "__proto__" is a plain key.
  const out = new Map<string, number>();
  for (const kind of SOURCE_KINDS) {
    for (const logs of sources[kind]?.values() ?? []) {
      for (const log of logs)
        out.set(log, Math.max(out.get(log) ?? 0, health.silenceMinutes[kind]));
    }
  }
  return [...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

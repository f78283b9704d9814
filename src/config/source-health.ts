/**
 * Source health: a silence alarm for every log type that at least one rule reads, on the
 * rule processor's `RecordsByLogType` metric (one line per log type per invocation, see
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

export interface SourceHealth {
  enabled: boolean;
  /** Source kind → minutes without records before its log types are silent. */
  silenceMinutes: Record<Service, number>;
}

export const DEFAULT_SOURCE_HEALTH: SourceHealth = {
  enabled: true,
  silenceMinutes: Object.fromEntries(
    SOURCE_KINDS.map((k) => [k, DEFAULT_SILENCE_MINUTES]),
  ) as Record<Service, number>,
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

/** Rules that span files or fields, which a JSON Schema of one file cannot express. */
import path from 'node:path';
import type { ClusterConfig, GlobalConfig } from './types.js';
import { escapePointerToken, type ConfigProblem } from './problems.js';
import { CLUSTER_OUTPUTS, outputSource } from './module-outputs.js';
import { moduleIsOn } from './modules/all.js';
import { COLLECTOR_NAME_MAX, collectorFunctionName } from './modules/collectors.js';
import {
  EVENT_PATTERN_MAX,
  IAM_NAME_MAX,
  LONGEST_IAM_NAME_SUFFIX,
  s3BucketNameProblem,
} from './aws-limits.js';
import { checkMetricAlarms } from './metric-alarm-checks.js';
import { filtersOverlap, type S3KeyFilter } from './modules/s3-events.js';

/** A filter as the user wrote it, for messages. */
const describeFilter = (f: S3KeyFilter): string =>
  f.prefix === '' && f.suffix === ''
    ? 'the whole bucket'
    : [
        f.prefix === '' ? '' : `filter_prefix ${JSON.stringify(f.prefix)}`,
        f.suffix === '' ? '' : `filter_suffix ${JSON.stringify(f.suffix)}`,
      ]
        .filter(Boolean)
        .join(', ');

/** Names the rendered tree uses for its own folders. */
export const RESERVED_CLUSTER_NAMES = ['global', 'modules'];

export function crossCheck(global: GlobalConfig, clusters: ClusterConfig[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const prefix = global.account.prefix;

  const bucketOwners = new Map<string, string>();
  for (const c of clusters) {
    const at = (pointer: string, message: string): void => {
      problems.push({ file: c.file, pointer, message });
    };
    const fileName = path.basename(c.file, '.json');
    if (c.id !== fileName)
      at('/id', `must equal the file name "${fileName}" (a cluster is named by its file)`);
    if (RESERVED_CLUSTER_NAMES.includes(c.id)) {
      at('/id', `"${c.id}" is reserved: the rendered Terraform tree uses a folder of that name`);
    }

    const longest = `${prefix}_${c.id}${LONGEST_IAM_NAME_SUFFIX}`;
    if (longest.length > IAM_NAME_MAX) {
      at(
        '/id',
        `prefix "${prefix}" and cluster "${c.id}" are too long together: IAM role "${longest}" would pass AWS's ${IAM_NAME_MAX}-character limit`,
      );
    }

    // The two levels can come from two files (global.json's defaults, this file's overrides):
    // only their combination can be checked, so the message names both values.
    const drop = c.sourceHealth.volumeDrop;
    if (c.sourceHealth.enabled && drop.enabled && drop.criticalPercent <= drop.warningPercent)
      at(
        '/modules/stream_alert/rule_processor/source_health/volume_drop',
        `critical_percent (${drop.criticalPercent}) must be above warning_percent (${drop.warningPercent}), counting global.json's infrastructure.monitoring.source_health.volume_drop under this file's`,
      );

    const m = c.modules;
    const needsKinesis: [string, boolean][] = [
      ['kinesis_events', m.kinesisEvents !== null],
      // The rule cloudwatch_events sets up is the cloudtrail module's: named where it was written.
      [m.cloudtrail?.pointer.slice('/modules/'.length) ?? 'cloudtrail', m.cloudtrail !== null],
      ['flow_logs', m.flowLogs?.enabled === true],
      ['collectors', m.collectors.some((col) => col.credentialFormat === 'collector')],
      ['streamalert_apps', m.collectors.some((col) => col.credentialFormat === 'streamalert_app')],
    ];
    for (const [name, on] of needsKinesis) {
      if (on && !m.kinesis)
        at(
          `/modules/${name}`,
          `needs the "kinesis" module: it sends its data into the cluster's Kinesis stream`,
        );
    }

    for (const col of m.collectors) {
      const fn = collectorFunctionName(prefix, c.id, col.name);
      if (fn.length > COLLECTOR_NAME_MAX)
        at(
          col.credentialFormat === 'streamalert_app' ? `${col.pointer}/app_name` : col.pointer,
          `makes the function name "${fn}", over ${COLLECTOR_NAME_MAX} characters (its schedule rule adds "_schedule" up to AWS's 64): shorten the collector's name`,
        );
    }

    // The modules name these buckets `<prefix>.<cluster with dots for _>.<suffix>`.
    if (m.kinesis?.firehose.enabled) {
      const bucket = `${prefix}.${c.id.replace(/_/g, '.')}.${m.kinesis.firehose.s3BucketSuffix}`;
      const problem = s3BucketNameProblem(bucket);
      if (problem)
        at(
          '/modules/kinesis/firehose/s3_bucket_suffix',
          `makes the Firehose bucket name "${bucket}", which AWS refuses: it ${problem}`,
        );
    }
    // A bucket_name was checked by the schema; the default is made of prefix and cluster.
    if (m.cloudtrail && !m.cloudtrail.existingTrail && m.cloudtrail.bucketName === undefined) {
      const bucket = `${prefix}.${c.id.replace(/_/g, '.')}.streamalert.cloudtrail`;
      const problem = s3BucketNameProblem(bucket);
      if (problem)
        at('/id', `makes the CloudTrail bucket name "${bucket}", which AWS refuses: it ${problem}`);
    }
    // StreamAlert 3 named the trail after the bucket; S3 takes "--", CloudTrail does not.
    const named = m.cloudtrail;
    if (named?.bucketNamePointer && !named.existingTrail && /[._-]{2}/.test(named.bucketName!))
      at(
        named.bucketNamePointer,
        'also names the trail (as in StreamAlert 3), and CloudTrail refuses two of ".", "_", "-" in a row',
      );
    if (m.cloudtrail?.eventPatternGiven && m.cloudwatchEvents)
      at(
        '/modules/cloudtrail/event_pattern',
        'the rule has one pattern, and cloudwatch_events gives it (its default when it names none): write it there only',
      );
    if (m.cloudtrail) {
      const pattern = m.cloudtrail.eventPattern;
      const where = m.cloudtrail.eventPatternPointer;
      if (pattern.length > EVENT_PATTERN_MAX) {
        at(
          where,
          `is ${pattern.length} characters as JSON; EventBridge takes event patterns of at most ${EVENT_PATTERN_MAX}`,
        );
      }
      const leaf = eventPatternLeaf(JSON.parse(pattern));
      if (leaf !== undefined) {
        at(
          `${where}${leaf}`,
          'must be an array of values to match (e.g. ["aws.ec2"]) or an object of such arrays: EventBridge refuses a bare value in an event pattern',
        );
      }
    }

    // One aws_s3_bucket_notification owns all of a bucket's notifications: two owners would
    // overwrite each other on every apply.
    for (const s of m.s3Events) {
      const owner = bucketOwners.get(s.bucketId);
      if (owner !== undefined) {
        at(
          '/modules/s3_events',
          `bucket "${s.bucketId}" already sends its events to ${owner}; a bucket can feed one cluster only`,
        );
      } else bucketOwners.set(s.bucketId, `cluster "${c.id}"`);
      // S3 refuses the whole configuration at apply; said here, by place, before a plan.
      s.filters.forEach((f, i) => {
        const j = s.filters.findIndex((g, k) => k < i && filtersOverlap(f, g));
        if (j >= 0)
          at(
            `${s.pointer}/${i}`,
            `overlaps filter ${j} (${describeFilter(s.filters[j]!)}): an object key could match both, and S3 refuses overlapping filters for the same events on one bucket; make the prefixes or the suffixes disjoint`,
          );
      });
    }

    for (const [moduleKey, names] of Object.entries(c.outputs)) {
      const catalog = Object.hasOwn(CLUSTER_OUTPUTS, moduleKey) ? CLUSTER_OUTPUTS[moduleKey]! : {};
      const enabled = moduleIsOn(c.modules, moduleKey);
      if (!enabled)
        at(`/outputs/${moduleKey}`, `the "${moduleKey}" module is not enabled in this cluster`);
      names.forEach((name, i) => {
        const source = outputSource(moduleKey, name);
        if (!source) {
          at(
            `/outputs/${moduleKey}/${i}`,
            `"${name}" is not an output of "${moduleKey}" (available: ${Object.keys(catalog).join(', ')})`,
          );
        } else if (enabled && source.requires === 'firehose' && !m.kinesis?.firehose.enabled) {
          at(`/outputs/${moduleKey}/${i}`, `"${name}" needs kinesis.firehose.enabled = true`);
        }
      });
    }
  }
  problems.push(...checkMetricAlarms(global, clusters));
  return problems;
}

/**
 * Pointer (relative to the pattern) of the first value in an event pattern that is neither
 * an array nor an object, or undefined. Iterative; depth is bounded by the reader anyway.
 */
function eventPatternLeaf(pattern: unknown): string | undefined {
  const todo: [string, unknown][] = [['', pattern]];
  for (let next = todo.pop(); next; next = todo.pop()) {
    const [pointer, value] = next;
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const at = `${pointer}/${escapePointerToken(key)}`;
      if (Array.isArray(v)) continue;
      if (v === null || typeof v !== 'object') return at;
      todo.push([at, v]);
    }
  }
  return undefined;
}

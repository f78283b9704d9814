/**
 * Monthly cost of one set of resource values (the prior state, or the planned one) under a
 * price list and a traffic assumption. Pure arithmetic; every assumption is named in
 * assumptions.ts and every price in prices.ts.
 */
import type { PriceList } from './prices.js';
import {
  ALERT_INVOCATION_SECONDS,
  ALERT_RATE,
  BATCH_INVOCATION_SECONDS,
  COMPRESSION_RATIO,
  CORRELATION_READS_PER_EVENT,
  CORRELATION_TABLE_SUFFIX,
  CORRELATION_WRITES_PER_EVENT,
  DEFAULT_BATCH_SIZE,
  FIREHOSE_RECORD_ROUNDING_BYTES,
  HOURS_PER_MONTH,
  KINESIS_PUT_UNIT_BYTES,
  MANAGEMENT_EVENTS_PER_MONTH,
  SECONDS_PER_MONTH,
  UNEXPIRED_MONTHS,
} from './assumptions.js';

export interface Traffic {
  eventsPerSecond: number;
  averageEventBytes: number;
}

/** One resource as the model sees it: its type and its values at one point in time. */
export interface CostResource {
  type: string;
  values: Record<string, unknown>;
}

export const COST_ITEMS = [
  'Kinesis shard-hours',
  'Kinesis PUT payload units',
  'Lambda GB-seconds',
  'Lambda requests',
  'Firehose ingestion',
  'S3 storage',
  'CloudWatch alarms',
  'KMS keys',
  'CloudTrail',
  'DynamoDB requests',
] as const;
export type CostItem = (typeof COST_ITEMS)[number];

const GIB = 1024 ** 3;
const num = (v: unknown, fallback: number): number =>
  typeof v === 'number' && Number.isFinite(v) ? v : fallback;
const blocks = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v)
    ? v.filter((b): b is Record<string, unknown> => !!b && typeof b === 'object')
    : [];
const ofType = (rs: readonly CostResource[], type: string): CostResource[] =>
  rs.filter((r) => r.type === type);

/** Days after which the bucket lifecycle expires objects (the shortest enabled rule), if any. */
function expirationDays(rs: readonly CostResource[]): number | undefined {
  const days = ofType(rs, 'aws_s3_bucket_lifecycle_configuration')
    .flatMap((l) => blocks(l.values.rule))
    .filter((rule) => rule.status === 'Enabled')
    .flatMap((rule) => blocks(rule.expiration))
    .map((e) => num(e.days, 0))
    .filter((d) => d > 0);
  return days.length > 0 ? Math.min(...days) : undefined;
}

export function monthlyCost(
  resources: readonly CostResource[],
  traffic: Traffic,
  prices: PriceList,
): Record<CostItem, number> {
  const events = traffic.eventsPerSecond * SECONDS_PER_MONTH;
  const cost = Object.fromEntries(COST_ITEMS.map((i) => [i, 0])) as Record<CostItem, number>;

  const streams = ofType(resources, 'aws_kinesis_stream');
  for (const s of streams) {
    cost['Kinesis shard-hours'] +=
      num(s.values.shard_count, 1) * HOURS_PER_MONTH * prices.kinesisShardHour;
  }
  // Every event enters the cluster once, through its stream(s): PUT units are per event.
  if (streams.length > 0) {
    const units =
      events * Math.max(1, Math.ceil(traffic.averageEventBytes / KINESIS_PUT_UNIT_BYTES));
    cost['Kinesis PUT payload units'] += (units / 1e6) * prices.kinesisPutPayloadUnitsPerMillion;
  }

  // The rule processor (StreamAlert names it *_rule_processor) reads every event in batches
  // when the root has an event source mapping (its ARN is unknown at plan time, so the name
  // decides); every other function (the alert processor) runs once per alert.
  const mappings = ofType(resources, 'aws_lambda_event_source_mapping');
  const batch = Math.max(1, ...mappings.map((m) => num(m.values.batch_size, DEFAULT_BATCH_SIZE)));
  const functions = ofType(resources, 'aws_lambda_function');
  functions.forEach((f) => {
    const fed = mappings.length > 0 && /rule/i.test(String(f.values.function_name ?? ''));
    const requests = fed ? events / batch : events * ALERT_RATE;
    const seconds = fed ? BATCH_INVOCATION_SECONDS : ALERT_INVOCATION_SECONDS;
    const gb = num(f.values.memory_size, 128) / 1024;
    cost['Lambda GB-seconds'] += requests * seconds * gb * prices.lambdaGbSecond;
    cost['Lambda requests'] += (requests / 1e6) * prices.lambdaRequestsPerMillion;
  });

  const firehoses = ofType(resources, 'aws_kinesis_firehose_delivery_stream');
  const billedBytes =
    Math.ceil(traffic.averageEventBytes / FIREHOSE_RECORD_ROUNDING_BYTES) *
    FIREHOSE_RECORD_ROUNDING_BYTES;
  for (const f of firehoses) {
    cost['Firehose ingestion'] += ((events * billedBytes) / GIB) * prices.firehoseGbIngested;
    const s3 = blocks(f.values.extended_s3_configuration)[0] ?? {};
    const compressed = ['GZIP', 'Snappy', 'ZIP', 'HADOOP_SNAPPY'].includes(
      String(s3.compression_format),
    );
    const monthlyGb =
      ((events * traffic.averageEventBytes) / GIB) * (compressed ? COMPRESSION_RATIO : 1);
    const days = expirationDays(resources);
    // Steady state: a month's data kept `days` days; without expiration, a year's worth.
    const months = days !== undefined ? days / 30 : UNEXPIRED_MONTHS;
    cost['S3 storage'] += monthlyGb * months * prices.s3StandardGbMonth;
  }

  cost['CloudWatch alarms'] +=
    ofType(resources, 'aws_cloudwatch_metric_alarm').length * prices.cloudwatchAlarmMonth;
  cost['KMS keys'] += ofType(resources, 'aws_kms_key').length * prices.kmsKeyMonth;

  ofType(resources, 'aws_cloudtrail').forEach((t, i) => {
    // The first trail's copy of management events is free; further copies are priced.
    if (i > 0)
      cost.CloudTrail +=
        (MANAGEMENT_EVENTS_PER_MONTH / 1e5) * prices.cloudtrailManagementEventsPer100k;
    const dataEvents =
      blocks(t.values.event_selector).some((s) => blocks(s.data_resource).length > 0) ||
      blocks(t.values.advanced_event_selector).some((s) =>
        blocks(s.field_selector).some(
          (f) => f.field === 'eventCategory' && JSON.stringify(f.equals).includes('Data'),
        ),
      );
    // Data events are assumed to be the cluster's traffic (the events it ingests).
    if (dataEvents) cost.CloudTrail += (events / 1e5) * prices.cloudtrailDataEventsPer100k;
  });

  // The correlation table's requests follow the matches of referenced rules (assumptions.ts).
  const correlationTables = ofType(resources, 'aws_dynamodb_table').filter((t) =>
    String(t.values.name ?? '').endsWith(CORRELATION_TABLE_SUFFIX),
  );
  const counted = events * ALERT_RATE;
  cost['DynamoDB requests'] +=
    correlationTables.length *
    (((counted * CORRELATION_WRITES_PER_EVENT) / 1e6) * prices.dynamodbWriteUnitsPerMillion +
      ((counted * CORRELATION_READS_PER_EVENT) / 1e6) * prices.dynamodbReadUnitsPerMillion);
  return cost;
}

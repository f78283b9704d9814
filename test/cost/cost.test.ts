/**
 * The monthly cost estimate from plan JSON: now (prior state) vs after (planned values),
 * each billed item worked out by hand from the price table and the traffic assumption.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_REGIONS } from '../../src/config/aws-limits.js';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError, formatProblem } from '../../src/config/problems.js';
import { rootCost } from '../../src/cost/index.js';
import { monthlyCost } from '../../src/cost/model.js';
import { pricesFor, REGIONS, US_EAST_1 } from '../../src/cost/prices.js';
import { DEFAULT_TRAFFIC } from '../../src/config/traffic.js';
import type { PlanDocument } from '../../src/plan-resources/read.js';
import { seedCluster, seedGlobal, writeConf } from '../support/conf.js';
import { planFixture } from '../findings/support.js';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const growShards = (): PlanDocument =>
  JSON.parse(
    readFileSync(path.join(HERE, 'fixtures', 'grow-shards-plan.json'), 'utf8'),
  ) as PlanDocument;

const TEN_PER_SECOND = { eventsPerSecond: 10, averageEventBytes: 1024 };
/** 10 events/s over a 730-hour month. */
const EVENTS = 10 * 730 * 3600;

describe('cost of a plan that changes an existing cluster', () => {
  const cost = rootCost(growShards(), 'us-east-1', TEN_PER_SECOND);
  const line = (item: string) => cost.lines.find((l) => l.item === item);

  it('prices shard-hours before and after a resize (1 -> 4 shards)', () => {
    expect(line('Kinesis shard-hours')).toEqual({
      item: 'Kinesis shard-hours',
      now: 10.95,
      after: 43.8,
    });
  });

  it('prices PUT payload units from the traffic (one 25 KB unit per 1 KiB event)', () => {
    const usd = Math.round((EVENTS / 1e6) * 0.014 * 100) / 100;
    expect(line('Kinesis PUT payload units')).toEqual({
      item: 'Kinesis PUT payload units',
      now: usd,
      after: usd,
    });
  });

  it('prices the rule processor per batch of the event source mapping (500 records, 1024 MB, 0.2 s)', () => {
    const requests = EVENTS / 500;
    expect(line('Lambda GB-seconds')?.after).toBe(
      Math.round(requests * 0.2 * 1 * 0.0000166667 * 100) / 100,
    );
    expect(line('Lambda requests')?.after).toBe(Math.round((requests / 1e6) * 0.2 * 100) / 100);
  });

  it('counts a created alarm only after, a deleted KMS key only now', () => {
    expect(line('CloudWatch alarms')).toEqual({ item: 'CloudWatch alarms', now: 0, after: 0.1 });
    expect(line('KMS keys')).toEqual({ item: 'KMS keys', now: 1, after: 0 });
  });

  it('totals the lines, in the region asked for, with list prices', () => {
    expect(cost.region).toBe('us-east-1');
    expect(cost.estimate).toBe(false);
    expect(cost.now).toBeCloseTo(
      cost.lines.reduce((s, l) => s + l.now, 0),
      1,
    );
    expect(cost.after).toBeCloseTo(
      cost.lines.reduce((s, l) => s + l.after, 0),
      1,
    );
    // +3 shards (32.85), +1 alarm (0.10), -1 KMS key (1.00).
    expect(cost.after - cost.now).toBeCloseTo(31.95, 2);
  });
});

describe('cost of a new cluster', () => {
  it('is zero now, and after includes Firehose (each 1 KiB record billed as 5 KB) and S3 storage of a year of GZIP output', () => {
    const cost = rootCost(planFixture('cluster'), 'us-east-1', TEN_PER_SECOND);
    expect(cost.now).toBe(0);
    const gib = 1024 ** 3;
    const firehose = cost.lines.find((l) => l.item === 'Firehose ingestion')!;
    expect(firehose.after).toBe(Math.round(((EVENTS * 5120) / gib) * 0.029 * 100) / 100);
    const s3 = cost.lines.find((l) => l.item === 'S3 storage')!;
    expect(s3.after).toBe(Math.round(((EVENTS * 1024) / gib) * 0.2 * 12 * 0.023 * 100) / 100);
  });

  it('grows with the traffic assumption', () => {
    const quiet = rootCost(planFixture('cluster'), 'us-east-1', {
      eventsPerSecond: 1,
      averageEventBytes: 512,
    });
    const busy = rootCost(planFixture('cluster'), 'us-east-1', {
      eventsPerSecond: 1000,
      averageEventBytes: 4096,
    });
    expect(busy.after).toBeGreaterThan(quiet.after * 10);
    // Shard-hours and KMS keys do not depend on traffic.
    const fixed = (c: typeof quiet) => c.lines.filter((l) => /shard-hours|KMS/.test(l.item));
    expect(fixed(busy)).toEqual(fixed(quiet));
  });
});

describe('CloudTrail', () => {
  const trail = (values: Record<string, unknown>) => ({ type: 'aws_cloudtrail', values });
  it('is free for the first trail of management events; a second copy and data events are priced', () => {
    expect(monthlyCost([trail({})], TEN_PER_SECOND, US_EAST_1).CloudTrail).toBe(0);
    expect(monthlyCost([trail({}), trail({})], TEN_PER_SECOND, US_EAST_1).CloudTrail).toBe(20);
    const data = trail({
      event_selector: [{ data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] }],
    });
    expect(monthlyCost([data], TEN_PER_SECOND, US_EAST_1).CloudTrail).toBeCloseTo(
      (EVENTS / 1e5) * 0.1,
      6,
    );
  });
});

describe('the correlation table', () => {
  const table = (name: string) => ({ type: 'aws_dynamodb_table', values: { name } });
  it("prices each cluster's window table per counted event: matches as frequent as alerts, 2 writes and 4 reads each", () => {
    const counted = EVENTS * 0.001;
    const usd = ((counted * 2) / 1e6) * 0.625 + ((counted * 4) / 1e6) * 0.125;
    const cost = (rs: { type: string; values: Record<string, unknown> }[]) =>
      monthlyCost(rs, TEN_PER_SECOND, US_EAST_1)['DynamoDB requests'];
    expect(cost([table('acme_prod_streamalert_correlation')])).toBeCloseTo(usd, 6);
    expect(
      cost([table('acme_prod_streamalert_correlation'), table('acme_dev_streamalert_correlation')]),
    ).toBeCloseTo(2 * usd, 6);
    // The merge table and a user's own tables are not this estimate's.
    expect(cost([table('acme_prod_streamalert_merge'), table('orders')])).toBe(0);
  });

  it("appears in a plan's cost when the plan creates the table", () => {
    const plan: PlanDocument = {
      format_version: '1.2',
      resource_changes: [
        {
          address: 'module.stream_alert.aws_dynamodb_table.correlation',
          type: 'aws_dynamodb_table',
          change: {
            actions: ['create'],
            before: null,
            after: { name: 'acme_prod_streamalert_correlation' },
          },
        },
      ],
    } as unknown as PlanDocument;
    const line = rootCost(plan, 'us-east-1', TEN_PER_SECOND).lines.find(
      (l) => l.item === 'DynamoDB requests',
    );
    expect(line).toMatchObject({ now: 0 });
    expect(line!.after).toBeGreaterThan(0);
  });
});

describe('the price table', () => {
  it('has an entry for every region the cluster schema allows, and no other', () => {
    expect(Object.keys(REGIONS).sort()).toEqual([...AWS_REGIONS].sort());
  });

  it('marks a region without us-east-1 list prices as an estimate: us-east-1 times its factor', () => {
    const eu = pricesFor('eu-west-1');
    expect(eu.estimate).toBe(true);
    expect(eu.prices.kinesisShardHour).toBeCloseTo(
      US_EAST_1.kinesisShardHour * REGIONS['eu-west-1'].factor,
      10,
    );
    expect(rootCost(growShards(), 'eu-west-1', TEN_PER_SECOND).estimate).toBe(true);
    expect(pricesFor('us-west-2')).toEqual({ prices: US_EAST_1, estimate: false });
  });
});

describe('the traffic assumption in the cluster file', () => {
  it('defaults to 10 events/s of 1 KiB, and is read from `traffic`', async () => {
    const conf = writeConf(seedGlobal(), {
      production: seedCluster(),
      busy: {
        ...seedCluster(),
        id: 'busy',
        traffic: { events_per_second: 2500, average_event_bytes: 700 },
      },
    });
    const config = await loadConfig(conf);
    const byId = Object.fromEntries(config.clusters.map((c) => [c.id, c.traffic]));
    expect(DEFAULT_TRAFFIC).toEqual({ eventsPerSecond: 10, averageEventBytes: 1024 });
    expect(byId.production).toEqual(DEFAULT_TRAFFIC);
    expect(byId.busy).toEqual({ eventsPerSecond: 2500, averageEventBytes: 700 });
  });

  it('rejects a bad value with the file and the place in it', async () => {
    const conf = writeConf(seedGlobal(), {
      production: { ...seedCluster(), traffic: { events_per_second: -1, avg: 3 } },
    });
    const problems = await loadConfig(conf).then(
      () => [],
      (err: unknown) =>
        (err as ConfigError).problems.map((p) =>
          formatProblem({ ...p, file: path.relative(conf, p.file) }),
        ),
    );
    expect(problems).toEqual([
      'clusters/production.json: /traffic/avg: unknown key "avg" (allowed: events_per_second, average_event_bytes)',
      expect.stringMatching(
        /^clusters\/production\.json: \/traffic\/events_per_second: must be >= 0/,
      ),
    ]);
  });
});

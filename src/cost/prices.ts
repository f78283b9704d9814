/**
 * Monthly list prices in USD used by the offline cost estimate (src/cost). Dated 2026-12-01.
 * Source: the public AWS pricing pages (aws.amazon.com/kinesis/data-streams/pricing, /lambda/pricing (x86), /kinesis/data-firehose/pricing (Direct PUT/Kinesis source, first 500 TB), /s3/pricing (S3 Standard, first 50 TB), /cloudwatch/pricing (standard-resolution alarm metric), /kms/pricing (customer managed key), /cloudtrail/pricing, /dynamodb/pricing/on-demand (standard table class)).
 * Written without internet access from the known public us-east-1 list prices; free tiers are ignored. Check them against the pricing pages before relying on a figure.
 * Regions with basis 'list' have us-east-1's list prices for every item here. Regions with basis 'estimate' use us-east-1 times the regional factor shown: an ESTIMATE (the comment marks it with ~), not a quoted price. cn-* regions are billed in CNY by a separate entity; their USD figure is only an estimate too.
 */
import type { AWS_REGIONS } from '../config/aws-limits.js';

export const PRICES_DATE = '2026-12-01';
export const PRICES_SOURCE = 'public AWS pricing pages';

export interface PriceList {
  kinesisShardHour: number;
  kinesisPutPayloadUnitsPerMillion: number;
  lambdaGbSecond: number;
  lambdaRequestsPerMillion: number;
  firehoseGbIngested: number;
  s3StandardGbMonth: number;
  cloudwatchAlarmMonth: number;
  kmsKeyMonth: number;
  cloudtrailManagementEventsPer100k: number;
  cloudtrailDataEventsPer100k: number;
  /** On-demand DynamoDB: per million write and read request units. */
  dynamodbWriteUnitsPerMillion: number;
  dynamodbReadUnitsPerMillion: number;
}

/** us-east-1 list prices, USD. */
export const US_EAST_1: PriceList = {
  kinesisShardHour: 0.015,
  kinesisPutPayloadUnitsPerMillion: 0.014,
  lambdaGbSecond: 1.66667e-5,
  lambdaRequestsPerMillion: 0.2,
  firehoseGbIngested: 0.029,
  s3StandardGbMonth: 0.023,
  cloudwatchAlarmMonth: 0.1,
  kmsKeyMonth: 1.0,
  cloudtrailManagementEventsPer100k: 2.0,
  cloudtrailDataEventsPer100k: 0.1,
  dynamodbWriteUnitsPerMillion: 0.625,
  dynamodbReadUnitsPerMillion: 0.125,
};

export interface RegionPricing {
  /** `list`: us-east-1's list prices apply; `estimate`: us-east-1 times `factor`, not a quoted price. */
  basis: 'list' | 'estimate';
  factor: number;
}

/** Every region the cluster schema allows (a test checks the two lists agree). */
export const REGIONS: Record<(typeof AWS_REGIONS)[number], RegionPricing> = {
  'af-south-1': { basis: 'estimate', factor: 1.3 },
  'ap-east-1': { basis: 'estimate', factor: 1.3 },
  'ap-east-2': { basis: 'estimate', factor: 1.3 },
  'ap-northeast-1': { basis: 'estimate', factor: 1.2 },
  'ap-northeast-2': { basis: 'estimate', factor: 1.15 },
  'ap-northeast-3': { basis: 'estimate', factor: 1.2 },
  'ap-south-1': { basis: 'estimate', factor: 1.1 },
  'ap-south-2': { basis: 'estimate', factor: 1.1 },
  'ap-southeast-1': { basis: 'estimate', factor: 1.15 },
  'ap-southeast-2': { basis: 'estimate', factor: 1.2 },
  'ap-southeast-3': { basis: 'estimate', factor: 1.2 },
  'ap-southeast-4': { basis: 'estimate', factor: 1.2 },
  'ap-southeast-5': { basis: 'estimate', factor: 1.2 },
  'ap-southeast-7': { basis: 'estimate', factor: 1.2 },
  'ca-central-1': { basis: 'estimate', factor: 1.1 },
  'ca-west-1': { basis: 'estimate', factor: 1.1 },
  'cn-north-1': { basis: 'estimate', factor: 1.3 },
  'cn-northwest-1': { basis: 'estimate', factor: 1.3 },
  'eu-central-1': { basis: 'estimate', factor: 1.15 },
  'eu-central-2': { basis: 'estimate', factor: 1.25 },
  'eu-north-1': { basis: 'estimate', factor: 1.05 },
  'eu-south-1': { basis: 'estimate', factor: 1.15 },
  'eu-south-2': { basis: 'estimate', factor: 1.1 },
  'eu-west-1': { basis: 'estimate', factor: 1.05 },
  'eu-west-2': { basis: 'estimate', factor: 1.1 },
  'eu-west-3': { basis: 'estimate', factor: 1.15 },
  'il-central-1': { basis: 'estimate', factor: 1.2 },
  'me-central-1': { basis: 'estimate', factor: 1.2 },
  'me-south-1': { basis: 'estimate', factor: 1.2 },
  'mx-central-1': { basis: 'estimate', factor: 1.2 },
  'sa-east-1': { basis: 'estimate', factor: 1.5 },
  'us-east-1': { basis: 'list', factor: 1 },
  'us-east-2': { basis: 'list', factor: 1 },
  'us-gov-east-1': { basis: 'estimate', factor: 1.25 },
  'us-gov-west-1': { basis: 'estimate', factor: 1.25 },
  'us-west-1': { basis: 'estimate', factor: 1.15 },
  'us-west-2': { basis: 'list', factor: 1 },
};

/** The price list of a region and whether it is an estimate. */
export function pricesFor(region: string): { prices: PriceList; estimate: boolean } {
  const r = (REGIONS as Record<string, RegionPricing | undefined>)[region] ?? {
    basis: 'estimate',
    factor: 1.3,
  };
  const prices = Object.fromEntries(
    Object.entries(US_EAST_1).map(([k, v]) => [k, v * r.factor]),
  ) as unknown as PriceList;
  return { prices, estimate: r.basis === 'estimate' };
}

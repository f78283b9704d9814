/** A fixture record wrapped the way AWS delivers it to the rule processor. */
import { gzipSync } from 'node:zlib';
import type { EventRecord } from '../processors/rule-processor/payloads.js';
import type { FixtureRecord } from './fixtures.js';

export interface FixtureEvent {
  record: EventRecord;
  /** For S3 fixtures: the object the event points at. */
  object?: { bucket: string; key: string; body: Buffer };
}

export function fixtureEvent(f: FixtureRecord, n: number): FixtureEvent {
  const bytes = f.compress ? gzipSync(Buffer.from(f.data)) : Buffer.from(f.data);
  switch (f.service) {
    case 'kinesis':
      return {
        record: {
          eventSourceARN: `arn:aws:kinesis:us-east-1:123456789012:stream/${f.source}`,
          kinesis: {
            data: bytes.toString('base64'),
            sequenceNumber: String(n),
            partitionKey: 'test',
          },
        },
      };
    case 's3': {
      const key = `fixtures/${n}${f.compress ? '.gz' : '.log'}`;
      return {
        record: {
          awsRegion: 'us-east-1',
          s3: { bucket: { name: f.source }, object: { key, size: bytes.length } },
        },
        object: { bucket: f.source, key, body: bytes },
      };
    }
    case 'sns':
      return {
        record: {
          EventSubscriptionArn: `arn:aws:sns:us-east-1:123456789012:${f.source}:0000`,
          Sns: {
            TopicArn: `arn:aws:sns:us-east-1:123456789012:${f.source}`,
            Message: f.data,
            MessageId: String(n),
          },
        },
      };
    case 'stream_alert_app':
      return { record: { stream_alert_app: f.source, logs: [f.data] } };
  }
}

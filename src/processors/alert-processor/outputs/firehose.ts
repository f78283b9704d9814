/**
 * aws-firehose: one PutRecord per alert, the alert's JSON plus a newline so the objects
 * Firehose writes to S3 hold one alert per line (what Athena and StreamAlert's own
 * alerts stream expect).
 */
import type { FirehoseClient } from '@aws-sdk/client-firehose';
import type { Alert } from '../../shared/alert.js';
import { PermanentError } from './http.js';
import { awsClient } from './aws-clients.js';
import type { OutputDescriptor } from './descriptor.js';
import { awsMap } from './descriptor-schema.js';

/** Firehose refuses records over 1,000 KiB; StreamAlert refused alerts over 1,000,000 bytes. */
export const FIREHOSE_MAX_RECORD_BYTES = 1_000_000;

export async function sendToFirehose(
  firehose: FirehoseClient,
  deliveryStream: string,
  alert: Alert,
): Promise<void> {
  const data = Buffer.from(`${JSON.stringify(alert)}\n`);
  if (data.length > FIREHOSE_MAX_RECORD_BYTES)
    throw new PermanentError(
      `alert is ${data.length} bytes, over Firehose's ${FIREHOSE_MAX_RECORD_BYTES}-byte record limit`,
    );
  const { PutRecordCommand } = await import('@aws-sdk/client-firehose');
  await firehose.send(
    new PutRecordCommand({ DeliveryStreamName: deliveryStream, Record: { Data: data } }),
  );
}

/** The `aws-firehose` output: `PutRecord` of the alert to a delivery stream. */
export const firehoseOutput: OutputDescriptor<{
  readonly service: 'aws-firehose';
  readonly descriptor: string;
  readonly deliveryStream: string;
}> = {
  service: 'aws-firehose',
  kind: 'aws',
  schema: awsMap('delivery stream name', {
    type: 'string',
    pattern: '^[A-Za-z0-9_.-]{1,64}$',
    'x-message': 'must be a Firehose delivery stream name (1-64 letters, digits, _ . and -)',
  }),
  toTarget: (descriptor, value) => ({
    service: 'aws-firehose',
    descriptor,
    deliveryStream: value as string,
  }),
  grants: (t) => ({ firehoseStreams: [t.deliveryStream] }),
  doc: {
    credential: 'none (delivery stream name)',
    sends:
      '`PutRecord` of the alert as one JSON line (`\\n`-terminated, so the destination objects hold one alert per line); an alert over 1,000,000 bytes fails at once',
  },
  deliver: async (target, { clients, alert }) =>
    sendToFirehose(await awsClient(clients, 'firehose'), target.deliveryStream, alert),
};

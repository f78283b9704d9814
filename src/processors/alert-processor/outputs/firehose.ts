/**
 * aws-firehose: one PutRecord per alert, the alert's JSON plus a newline so the objects
 * Firehose writes to S3 hold one alert per line (what Athena and StreamAlert's own
 * alerts stream expect).
 */
import type { FirehoseClient } from '@aws-sdk/client-firehose';
import type { Alert } from '../../shared/alert.js';
import { PermanentError } from './http.js';

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

/**
 * The staging destination of staged rules (`staged: true`): their alerts are written here
 * instead of to their outputs, so a new rule can be watched before it pages anyone.
 * One S3 object per alert under `staging/<rule>/dt=YYYY-MM-DD/<alert id>.json` — daily
 * partitions because `promote` counts per rule and day by listing them — and one log
 * line per alert that the stream_alert module's metric filter turns into the per-rule
 * CloudWatch metric StagedAlerts (dimension RuleName): no PutMetricData call, no IAM.
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Alert } from '../shared/alert.js';
import type { Logger } from '../shared/logger.js';
import { PermanentError } from './outputs/http.js';

/** The metric the staging log line feeds (modules/stream_alert/staging.tf). */
export const STAGED_ALERTS_METRIC = 'StagedAlerts';

export function stagingKey(alert: Alert, now: Date): string {
  return `staging/${alert.rule_name}/dt=${now.toISOString().slice(0, 10)}/${alert.id}.json`;
}

/** Writes one staged alert; throws when S3 fails (the caller retries) or the bucket is not set (no retry helps). */
export async function sendToStaging(
  s3: S3Client,
  bucket: string | undefined,
  alert: Alert,
  now: Date,
  logger: Logger,
): Promise<void> {
  if (!bucket)
    throw new PermanentError(
      `rule "${alert.rule_name}" is staged but this cluster has no staging bucket (STAGING_BUCKET): enable modules.kinesis.firehose, whose data bucket holds staging/`,
    );
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: stagingKey(alert, now),
      Body: JSON.stringify(alert),
      ContentType: 'application/json',
    }),
  );
  // Written whatever ENABLE_METRICS says: the metric is part of the staging destination.
  logger.info('staged alert recorded', {
    metric_name: STAGED_ALERTS_METRIC,
    metric_value: 1,
    rule_name: alert.rule_name,
    alert_id: alert.id,
  });
}

/**
 * `modules.kinesis_events` of a cluster file: the event source mapping from the cluster's
 * stream to the rule processor. Its rendering half is src/render/modules/kinesis-events.ts.
 */
import { type ConfigModuleDescriptor, switchedBlock } from './descriptor.js';

export interface KinesisEventsModule {
  enabled: boolean;
  batchSize: number;
  /** Retries of a failed batch before it goes to the dead-letter queue. */
  maximumRetryAttempts: number;
  maximumRecordAgeInSeconds: number;
  bisectBatchOnFunctionError: boolean;
}

export const kinesisEventsConfig: ConfigModuleDescriptor<
  'kinesisEvents',
  KinesisEventsModule | null
> = {
  configKey: 'kinesis_events',
  field: 'kinesisEvents',
  schema: switchedBlock(
    "the event source mapping from the stream to the rule processor's `production` alias",
    {
      batch_size: { type: 'integer', minimum: 1, maximum: 10000, default: 100 },
      // A failing batch never holds its shard for the stream's retention (no -1 = forever).
      maximum_retry_attempts: {
        type: 'integer',
        minimum: 0,
        maximum: 10000,
        default: 3,
        description: 'retries of a failed batch; retrying forever (-1) is refused',
      },
      maximum_record_age_in_seconds: {
        type: 'integer',
        minimum: 60,
        maximum: 604800,
        default: 21600,
        description: 'no record older than this is sent (6 hours)',
      },
      bisect_batch_on_function_error: {
        type: 'boolean',
        default: true,
        description: 'split a failed batch in halves before retrying',
      },
    },
  ),
  load: (raw) =>
    raw
      ? {
          enabled: raw.enabled,
          batchSize: raw.batch_size,
          maximumRetryAttempts: raw.maximum_retry_attempts,
          maximumRecordAgeInSeconds: raw.maximum_record_age_in_seconds,
          bisectBatchOnFunctionError: raw.bisect_batch_on_function_error,
        }
      : null,
};

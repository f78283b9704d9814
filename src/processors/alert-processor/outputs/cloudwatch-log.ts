/**
 * aws-cloudwatch-log. StreamAlert's form (a list of descriptors) wrote the alert to the
 * alert processor's own log; that stays so and needs no grant. Our form names a log group:
 * each alert becomes one JSON event in the stream named after the alert processor
 * function (one fixed name, so the IAM grant is one exact stream ARN, not a pattern).
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { Alert } from '../../shared/alert.js';
import type { Logger } from '../../shared/logger.js';
import { PermanentError } from './http.js';
import { awsClient } from './aws-clients.js';
import type { OutputDescriptor } from './descriptor.js';
import { descriptorName, NOT_OBJECT_OR_ARRAY } from './descriptor-schema.js';

/** CloudWatch Logs counts 26 bytes of overhead per event against its 1 MiB limit. */
export const LOG_EVENT_MAX_BYTES = 1_048_576 - 26;

/** StreamAlert's list form: the alert, whole, as one line of the processor's own log. */
export function logAlert(logger: Logger, alert: Alert): void {
  logger.info('New Alert', { alert });
}

const sdk = () => import('@aws-sdk/client-cloudwatch-logs');

/** Streams made (or found) per client: `group\0stream` → done. */
const streams = new WeakMap<CloudWatchLogsClient, Map<string, Promise<void>>>();

function ensureStream(logs: CloudWatchLogsClient, group: string, stream: string): Promise<void> {
  let made = streams.get(logs);
  if (!made) streams.set(logs, (made = new Map()));
  const key = `${group}\0${stream}`;
  let p = made.get(key);
  if (!p) {
    p = sdk().then(async ({ CreateLogStreamCommand, ResourceAlreadyExistsException }) => {
      try {
        await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
      } catch (err) {
        if (!(err instanceof ResourceAlreadyExistsException)) throw err;
      }
    });
    made.set(key, p);
    const map = made;
    p.catch(() => map.delete(key));
  }
  return p;
}

export async function sendToLogGroup(
  logs: CloudWatchLogsClient,
  group: string,
  stream: string,
  alert: Alert,
  now: Date,
): Promise<void> {
  const message = JSON.stringify(alert);
  const bytes = Buffer.byteLength(message);
  if (bytes > LOG_EVENT_MAX_BYTES)
    throw new PermanentError(
      `alert is ${bytes} bytes, over CloudWatch Logs' ${LOG_EVENT_MAX_BYTES}-byte event limit`,
    );
  await ensureStream(logs, group, stream);
  const { PutLogEventsCommand, ResourceNotFoundException } = await sdk();
  try {
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: stream,
        logEvents: [{ timestamp: now.getTime(), message }],
      }),
    );
  } catch (err) {
    // The stream was deleted since it was made: make it again on the next attempt.
    if (err instanceof ResourceNotFoundException) streams.get(logs)?.delete(`${group}\0${stream}`);
    throw err;
  }
}

/**
 * The `aws-cloudwatch-log` output: StreamAlert's list of descriptors (the alert goes to the
 * alert processor's own log) or a map of descriptor → log group name.
 */
export const cloudwatchLogOutput: OutputDescriptor<{
  readonly service: 'aws-cloudwatch-log';
  readonly descriptor: string;
  /** Absent in StreamAlert's list form: the alert goes to the alert processor's own log. */
  readonly logGroup?: string;
}> = {
  service: 'aws-cloudwatch-log',
  kind: 'aws',
  schema: {
    allOf: [
      {
        not: { type: NOT_OBJECT_OR_ARRAY },
        'x-message':
          "must be a list of descriptors (alerts go to the alert processor's own log) or an object mapping each descriptor to a log group name",
      },
      { uniqueItems: true },
    ],
    propertyNames: descriptorName,
    additionalProperties: {
      type: 'string',
      pattern: '^[.\\-_/#A-Za-z0-9]{1,512}$',
      'x-message': 'must be a CloudWatch Logs group name (1-512 letters, digits and . - _ / #)',
    },
    items: descriptorName,
  },
  // List form (value undefined): the alert processor's own log, as StreamAlert did.
  toTarget: (descriptor, value) =>
    value === undefined
      ? { service: 'aws-cloudwatch-log', descriptor }
      : { service: 'aws-cloudwatch-log', descriptor, logGroup: value as string },
  // StreamAlert's list form writes to the processor's own log: no grant.
  grants: (t) => (t.logGroup === undefined ? {} : { logGroups: [t.logGroup] }),
  doc: {
    credential:
      "none: a list of descriptors (StreamAlert's form) or descriptor \u2192 log group name",
    sends:
      "list form: the alert as one `New Alert` line of the alert processor's own log; map form: `PutLogEvents` of the alert as JSON to the group, in the stream named after the alert processor function (`<prefix>_<cluster>_streamalert_alert_processor`, created on first use)",
  },
  deliver: async (target, { clients, alert, identity, now, logger }) => {
    if (target.logGroup === undefined) return logAlert(logger, alert);
    // The IAM grant names the stream after the function (see modules/stream_alert).
    const stream = identity?.functionName;
    if (!stream) throw new PermanentError('cannot tell the log stream: function ARN unknown');
    return sendToLogGroup(await awsClient(clients, 'logs'), target.logGroup, stream, alert, now());
  },
};

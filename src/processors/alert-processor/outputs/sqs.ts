/**
 * aws-sqs: one message per alert, the alert's JSON as the body. The queue is named in
 * outputs.json (StreamAlert's form); its URL is asked once per client (GetQueueUrl) and
 * kept, so the processor works in any account and region and behind a custom endpoint.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Alert } from '../../shared/alert.js';
import { PermanentError } from './http.js';
import { awsClient } from './aws-clients.js';
import type { OutputDescriptor } from './descriptor.js';
import { awsMap } from './descriptor-schema.js';

/** SQS refuses bodies over 256 KiB. */
export const SQS_MAX_BODY_BYTES = 262_144;

const urls = new WeakMap<SQSClient, Map<string, Promise<string>>>();

function queueUrl(sqs: SQSClient, queue: string): Promise<string> {
  let known = urls.get(sqs);
  if (!known) urls.set(sqs, (known = new Map()));
  let url = known.get(queue);
  if (!url) {
    url = import('@aws-sdk/client-sqs').then(async ({ GetQueueUrlCommand }) => {
      const res = await sqs.send(new GetQueueUrlCommand({ QueueName: queue }));
      if (!res.QueueUrl) throw new Error(`GetQueueUrl gave no URL for queue ${queue}`);
      return res.QueueUrl;
    });
    known.set(queue, url);
    // A failed look-up is not kept: the retry asks again.
    const map = known;
    url.catch(() => map.delete(queue));
  }
  return url;
}

export async function sendToSqs(sqs: SQSClient, queue: string, alert: Alert): Promise<void> {
  const body = JSON.stringify(alert);
  const bytes = Buffer.byteLength(body);
  if (bytes > SQS_MAX_BODY_BYTES)
    throw new PermanentError(
      `alert is ${bytes} bytes, over SQS's ${SQS_MAX_BODY_BYTES}-byte limit`,
    );
  const [{ SendMessageCommand }, url] = await Promise.all([
    import('@aws-sdk/client-sqs'),
    queueUrl(sqs, queue),
  ]);
  // A FIFO queue needs a group; the alert id as deduplication id makes a retried delivery
  // (or a retried Lambda event) land once.
  const fifo = queue.endsWith('.fifo')
    ? { MessageGroupId: alert.rule_name, MessageDeduplicationId: alert.id }
    : {};
  await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, ...fifo }));
}

/** The `aws-sqs` output: `SendMessage` of the alert to a queue. */
export const sqsOutput: OutputDescriptor<{
  readonly service: 'aws-sqs';
  readonly descriptor: string;
  readonly queue: string;
}> = {
  service: 'aws-sqs',
  kind: 'aws',
  schema: awsMap('queue name', {
    type: 'string',
    pattern: '^(?=.{1,80}$)[A-Za-z0-9_-]+(\\.fifo)?$',
    'x-message':
      'must be an SQS queue name (1-80 letters, digits, _ and -, optionally ending in .fifo), not a URL or ARN',
  }),
  toTarget: (descriptor, value) => ({ service: 'aws-sqs', descriptor, queue: value as string }),
  grants: (t) => ({ sqsQueues: [t.queue] }),
  doc: {
    credential: 'none (queue name; the URL is asked once with `GetQueueUrl`)',
    sends:
      '`SendMessage` with the alert as the body; a `.fifo` queue gets `MessageGroupId: <rule>` and `MessageDeduplicationId: <alert id>`, so a retried event lands once; over 256 KiB fails at once',
  },
  deliver: async (target, { clients, alert }) =>
    sendToSqs(await awsClient(clients, 'sqs'), target.queue, alert),
};

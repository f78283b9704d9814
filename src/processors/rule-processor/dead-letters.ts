/**
 * The dead-letter queue of poison records: records a retry cannot fix (too deep, too big,
 * corrupt compression, a throw while processing) are written here, one SQS message each,
 * and never retried. The message names where the record came from and why it was set
 * aside, and carries the record's bytes (base64, cut to fit SQS's 256 KiB message limit).
 * When the queue cannot be written, the record is retried instead: nothing is lost.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from '../shared/logger.js';

export interface DeadLetter {
  service: string;
  entity: string;
  /** Kinesis sequence number, s3://bucket/key or SNS message id (as the logs name it). */
  origin: string;
  reason: string;
  /** Kinesis sequence number, when the record is a Kinesis record. */
  sequenceNumber?: string;
  /** Index (1-based, non-empty lines) of the line in its S3 object, when one line is poison. */
  line?: number;
  /** The record's bytes (Kinesis: as put on the stream, compressed or not). */
  data?: Buffer;
}

export interface DeadLetterSink {
  /** Returns the letters that could not be written (their records must be retried). */
  send(letters: readonly DeadLetter[]): Promise<DeadLetter[]>;
}

/** SQS: 256 KiB per message and per SendMessageBatch call. */
const SQS_MAX_BYTES = 256 * 1024;
/** Base64 of the record kept in a message; the rest of the message is small metadata. */
const MAX_DATA_BASE64 = 200 * 1024;
const MAX_TEXT = 2048;

const cut = (s: string, n = MAX_TEXT) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** The SQS message body of a dead letter (JSON; always under 256 KiB). */
export function deadLetterMessage(letter: DeadLetter, now = new Date()): string {
  const data = letter.data;
  // Whole 3-byte groups, so the kept base64 decodes to a prefix of the record.
  const keep = data ? Math.min(data.length, Math.floor(MAX_DATA_BASE64 / 4) * 3) : 0;
  return JSON.stringify({
    dead_letter: 'streamalert:poison_record',
    time: now.toISOString(),
    service: letter.service,
    entity: cut(letter.entity),
    origin: cut(letter.origin),
    ...(letter.sequenceNumber !== undefined ? { sequence_number: letter.sequenceNumber } : {}),
    ...(letter.line !== undefined ? { line: letter.line } : {}),
    reason: cut(letter.reason),
    ...(data
      ? {
          data_base64: data.subarray(0, keep).toString('base64'),
          data_bytes: data.length,
          data_truncated: keep < data.length,
        }
      : { data_base64: null, data_bytes: 0, data_truncated: false }),
  });
}

/** `sqs`: the client, or a function that makes it at the first poison record (the SQS SDK is then loaded only when needed). */
export function createSqsDeadLetterSink(
  sqs: SQSClient | (() => Promise<SQSClient>),
  queueUrl: string,
  logger: Logger,
  attempts = 3,
): DeadLetterSink {
  let ready:
    | Promise<{
        client: SQSClient;
        SendMessageBatchCommand: typeof import('@aws-sdk/client-sqs').SendMessageBatchCommand;
      }>
    | undefined;
  const connect = () =>
    (ready ??= Promise.all([typeof sqs === 'function' ? sqs() : sqs, import('@aws-sdk/client-sqs')])
      .then(([client, mod]) => ({ client, SendMessageBatchCommand: mod.SendMessageBatchCommand }))
      .catch((err: unknown) => {
        ready = undefined;
        throw err;
      }));
  async function sendChunk(chunk: { letter: DeadLetter; body: string }[]): Promise<DeadLetter[]> {
    const { client, SendMessageBatchCommand } = await connect();
    let pending = chunk;
    for (let attempt = 1; attempt <= attempts && pending.length > 0; attempt++) {
      try {
        const res = await client.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: pending.map((p, i) => ({ Id: String(i), MessageBody: p.body })),
          }),
        );
        const failed = new Set((res.Failed ?? []).map((f) => Number(f.Id)));
        for (const f of res.Failed ?? [])
          logger.warn('the dead-letter queue refused a record', {
            code: f.Code,
            sender_fault: f.SenderFault,
            attempt,
          });
        pending = pending.filter((_, i) => failed.has(i));
      } catch (err) {
        logger.warn('SendMessageBatch to the dead-letter queue failed', {
          error: (err as Error)?.message ?? String(err),
          attempt,
          records: pending.length,
        });
      }
      if (pending.length > 0 && attempt < attempts)
        await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
    }
    return pending.map((p) => p.letter);
  }

  return {
    async send(letters) {
      const unsent: DeadLetter[] = [];
      let chunk: { letter: DeadLetter; body: string }[] = [];
      let bytes = 0;
      for (const letter of letters) {
        const body = deadLetterMessage(letter);
        const size = Buffer.byteLength(body);
        if (chunk.length === 10 || (chunk.length > 0 && bytes + size > SQS_MAX_BYTES - 1024)) {
          unsent.push(...(await sendChunk(chunk)));
          chunk = [];
          bytes = 0;
        }
        chunk.push({ letter, body });
        bytes += size;
      }
      if (chunk.length > 0) unsent.push(...(await sendChunk(chunk)));
      return unsent;
    },
  };
}

/**
 * Writes collected events to the cluster's Kinesis stream with PutRecords: at most 500
 * records and 5 MiB per call (Kinesis' limits), one JSON record per event, the event id as
 * the partition key (spreads the shards). PutRecords succeeds or fails per record: the
 * failed ones (throughput exceeded, internal failure) are sent again, with backoff, until
 * all are in or the attempts run out (then the batch throws and the checkpoint stays
 * before it).
 */
import { createHash } from 'node:crypto';
import { type KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import type { CollectedEvent } from './source.js';

export const MAX_RECORDS_PER_CALL = 500;
const MAX_BYTES_PER_CALL = 5 * 1024 * 1024;
/** Kinesis' record limit is 1 MiB, data and partition key together. */
export const MAX_RECORD_BYTES = 1024 * 1024 - 256;

export interface RecordSink {
  /**
   * Sends every event or throws. `delivered` hears each event Kinesis accepted as soon as it
   * did, also when the call throws later: those must not be sent again.
   */
  put(events: readonly CollectedEvent[], delivered: (e: CollectedEvent) => void): Promise<void>;
}

interface Entry {
  Data: Uint8Array;
  PartitionKey: string;
  event: CollectedEvent;
}

/** Kinesis partition keys are at most 256 characters: a long id goes as its hash. */
const partitionKey = (id: string) =>
  id.length > 0 && id.length <= 256 ? id : createHash('sha256').update(id).digest('hex');

export function kinesisSink(
  client: KinesisClient,
  stream: string,
  options: {
    maxAttempts?: number;
    backoffMs?: number;
    sleep?: (ms: number) => Promise<void>;
    /** An event over Kinesis' record size: not sent; reported, then treated as delivered. */
    onOversized?: (e: CollectedEvent, bytes: number) => void;
  } = {},
): RecordSink {
  const maxAttempts = options.maxAttempts ?? 6;
  const backoff = options.backoffMs ?? 200;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  async function send(entries: Entry[], delivered: (e: CollectedEvent) => void): Promise<void> {
    let pending = entries;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const res = await client.send(
        new PutRecordsCommand({
          StreamName: stream,
          Records: pending.map((e) => ({ Data: e.Data, PartitionKey: e.PartitionKey })),
        }),
      );
      const failed: Entry[] = [];
      pending.forEach((e, i) => {
        // A response without a per-record result counts that record as failed: resent.
        const r = res.Records?.[i];
        if (r && !r.ErrorCode && r.SequenceNumber) delivered(e.event);
        else failed.push(e);
      });
      if (failed.length === 0) return;
      if (attempt >= maxAttempts) {
        const code = res.Records?.find((r) => r.ErrorCode)?.ErrorCode ?? 'no result';
        throw new Error(
          `PutRecords to ${stream}: ${failed.length} record(s) still failing after ${attempt} attempts (${code})`,
        );
      }
      pending = failed;
      await sleep(backoff * 2 ** (attempt - 1));
    }
  }

  return {
    async put(events, delivered) {
      let batch: Entry[] = [];
      let bytes = 0;
      for (const e of events) {
        const data = Buffer.from(JSON.stringify(e.record));
        const pk = partitionKey(e.id);
        const size = data.length + Buffer.byteLength(pk);
        if (size > MAX_RECORD_BYTES) {
          // Kinesis cannot take it; said, counted, never silently dropped.
          options.onOversized?.(e, size);
          delivered(e);
          continue;
        }
        if (batch.length === MAX_RECORDS_PER_CALL || bytes + size > MAX_BYTES_PER_CALL) {
          await send(batch, delivered);
          batch = [];
          bytes = 0;
        }
        batch.push({ Data: data, PartitionKey: pk, event: e });
        bytes += size;
      }
      if (batch.length > 0) await send(batch, delivered);
    },
  };
}

/**
 * The checkpoint of each collector, one DynamoDB item per collector: the watermark (the
 * newest event time delivered), the ids of the events delivered inside the overlap window
 * (so the window can be read again without duplicates), and a lease.
 *
 * Why DynamoDB and not an SSM parameter (StreamAlert's apps kept their state in SSM): SSM's
 * PutParameter has no compare-and-set, so two overlapping invocations could both advance
 * the same checkpoint; and a parameter holds 4 KB (8 KB advanced), too little for the ids
 * of a busy overlap window. Every write here is conditional on holding the lease, which an
 * invocation takes with a conditional update: a second invocation that starts while the
 * first runs finds the lease held and does nothing; a lease whose invocation died expires
 * after the function's timeout.
 */
import { createHash } from 'node:crypto';
import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';

/** The ids delivered inside the overlap window: id hash → event time (epoch ms). */
export type SeenSet = Map<string, number>;

export interface Checkpoint {
  /** Newest event time delivered (epoch ms); undefined before the first event. */
  watermark?: number;
  seen: SeenSet;
}

export interface CheckpointStore {
  /** Takes the lease, or returns undefined when another invocation holds it. */
  acquire(owner: string, leaseMs: number): Promise<Checkpoint | undefined>;
  /** Writes the checkpoint; throws `LeaseLostError` when `owner` no longer holds the lease. */
  save(owner: string, checkpoint: Checkpoint): Promise<void>;
  release(owner: string): Promise<void>;
}

export class LeaseLostError extends Error {}

/** Stored ids: 8 bytes of SHA-256 of the id (collisions ~1 in 10^10 at 20,000 ids). */
export const seenKey = (id: string): string =>
  createHash('sha256').update(id).digest('hex').slice(0, 16);

/** The most ids kept (16 bytes each: far under DynamoDB's 400 KB item limit). */
export const MAX_SEEN = 20_000;

export function encodeSeen(seen: SeenSet): Uint8Array {
  const buf = Buffer.alloc(seen.size * 16);
  let at = 0;
  for (const [key, time] of seen) {
    buf.write(key, at, 8, 'hex');
    buf.writeDoubleBE(time, at + 8);
    at += 16;
  }
  return buf;
}

export function decodeSeen(data: Uint8Array | undefined): SeenSet {
  const seen: SeenSet = new Map();
  if (!data) return seen;
  const buf = Buffer.from(data);
  for (let at = 0; at + 16 <= buf.length; at += 16)
    seen.set(buf.toString('hex', at, at + 8), buf.readDoubleBE(at + 8));
  return seen;
}

/**
 * Keeps the ids an overlapping read can return again (time ≥ watermark − overlap), at most
 * MAX_SEEN of them, newest kept. Returns how many in-window ids had to go (a duplicate risk
 * the core reports).
 */
export function pruneSeen(seen: SeenSet, watermark: number, overlapMs: number): number {
  const floor = watermark - overlapMs;
  for (const [k, t] of seen) if (t < floor) seen.delete(k);
  if (seen.size <= MAX_SEEN) return 0;
  const sorted = [...seen.entries()].sort((a, b) => a[1] - b[1]);
  const drop = sorted.length - MAX_SEEN;
  for (const [k] of sorted.slice(0, drop)) seen.delete(k);
  return drop;
}

export function dynamoCheckpointStore(
  client: DynamoDBClient,
  table: string,
  collector: string,
  now: () => number = Date.now,
): CheckpointStore {
  const key: Record<string, AttributeValue> = { collector: { S: collector } };
  return {
    async acquire(owner, leaseMs) {
      const t = now();
      try {
        const res = await client.send(
          new UpdateItemCommand({
            TableName: table,
            Key: key,
            UpdateExpression: 'SET lease_owner = :me, lease_until = :until',
            ConditionExpression: 'attribute_not_exists(lease_until) OR lease_until < :now',
            ExpressionAttributeValues: {
              ':me': { S: owner },
              ':until': { N: String(t + leaseMs) },
              ':now': { N: String(t) },
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        const item = res.Attributes ?? {};
        return {
          watermark: item.watermark?.N !== undefined ? Number(item.watermark.N) : undefined,
          seen: decodeSeen(item.seen?.B),
        };
      } catch (err) {
        if (err instanceof ConditionalCheckFailedException) return undefined;
        throw err;
      }
    },
    async save(owner, checkpoint) {
      const values: Record<string, AttributeValue> = {
        ':me': { S: owner },
        ':seen': { B: encodeSeen(checkpoint.seen) },
        ':at': { N: String(now()) },
      };
      let set = 'seen = :seen, saved_at = :at';
      if (checkpoint.watermark !== undefined) {
        values[':wm'] = { N: String(checkpoint.watermark) };
        set += ', watermark = :wm';
      }
      try {
        await client.send(
          new UpdateItemCommand({
            TableName: table,
            Key: key,
            UpdateExpression: `SET ${set}`,
            ConditionExpression: 'lease_owner = :me',
            ExpressionAttributeValues: values,
          }),
        );
      } catch (err) {
        if (err instanceof ConditionalCheckFailedException)
          throw new LeaseLostError(`the lease on collector ${collector}'s checkpoint was lost`);
        throw err;
      }
    },
    async release(owner) {
      try {
        await client.send(
          new UpdateItemCommand({
            TableName: table,
            Key: key,
            UpdateExpression: 'REMOVE lease_owner, lease_until',
            ConditionExpression: 'lease_owner = :me',
            ExpressionAttributeValues: { ':me': { S: owner } },
          }),
        );
      } catch (err) {
        // Someone else holds it now (ours expired): theirs to release.
        if (!(err instanceof ConditionalCheckFailedException)) throw err;
      }
    },
  };
}

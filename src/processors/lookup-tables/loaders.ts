/**
 * Reading a table's version from AWS: the s3 driver's object (GetObject, skipped when its
 * ETag is unchanged), the dynamodb driver's table (a Scan, projected to the key and value
 * attributes).
 *
 * An object that does not exist is 'absent', not an error: the store decides what that means
 * (a threat-intel feed not written yet is skipped; any other table fails). S3 answers 404 for
 * it only to a caller with s3:ListBucket; modules/stream_alert grants that on exactly the
 * tables' keys (an `s3:prefix` condition), which may still reach GetObject as 403 since the
 * GET carries no prefix. So a 403 is checked with a listing of exactly that key: not listed is
 * absent, listed (or the listing refused) keeps the 403. StreamAlert 3 read DynamoDB one GetItem per looked-up key; rules here are
 * synchronous and a lookup never waits on the network, so the whole table is held, bounded
 * by `cache_maximum_key_count`.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDbLookupTable, S3LookupTable } from '../config/lookup-tables.js';
import { decodeS3Table, mapRows } from './decode.js';
import type { TableLoader } from './store.js';

export interface LoaderClients {
  s3: () => Promise<S3Client>;
  dynamodb: () => Promise<DynamoDBClient>;
}

const statusOf = (err: unknown) =>
  (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;

async function readBody(body: AsyncIterable<Uint8Array>, max: number, what: string) {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > max) throw new Error(`${what} is more than its size bound (${max} bytes) as stored`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/** True when a listing of exactly the table's key says there is no such object. */
async function listedAbsent(client: S3Client, t: S3LookupTable): Promise<boolean> {
  const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
  try {
    const res = await client.send(
      new ListObjectsV2Command({ Bucket: t.bucket, Prefix: t.key, MaxKeys: 1 }),
    );
    return !(res.Contents ?? []).some((o) => o.Key === t.key);
  } catch {
    // No listing either: the 403 stands as the reason.
    return false;
  }
}

/**
 * The table's object as stored, within its size bound: its bytes and ETag, 'unchanged' (the
 * ETag is `previous`) or 'absent'. The backtest reads objects through this too.
 */
export async function fetchS3Object(
  client: S3Client,
  t: S3LookupTable,
  previous: string | undefined,
): Promise<{ body: Buffer; tag?: string } | 'unchanged' | 'absent'> {
  const { GetObjectCommand } = await import('@aws-sdk/client-s3');
  const maxBytes = t.maxBytes ?? 0;
  if (maxBytes <= 0) throw new Error('internal: the table has no size bound');
  let res;
  try {
    res = await client.send(
      new GetObjectCommand({
        Bucket: t.bucket,
        Key: t.key,
        ...(previous ? { IfNoneMatch: previous } : {}),
      }),
    );
  } catch (err) {
    const status = statusOf(err);
    if (status === 304) return 'unchanged';
    if (status === 404) return 'absent';
    if (status === 403 && (await listedAbsent(client, t))) return 'absent';
    throw err;
  }
  if (!res.Body) throw new Error('the object has no body');
  // A gzip object is never bigger than what it decompresses to (beyond a header): the same bound.
  if (res.ContentLength !== undefined && res.ContentLength > maxBytes)
    throw new Error(
      `the object is ${res.ContentLength} bytes, more than its size bound (${maxBytes} bytes)`,
    );
  const body = await readBody(res.Body as AsyncIterable<Uint8Array>, maxBytes, 'the object');
  return { body, ...(res.ETag ? { tag: res.ETag } : {}) };
}

export async function loadS3Table(
  client: S3Client,
  t: S3LookupTable,
  previous: string | undefined,
): Promise<Awaited<ReturnType<TableLoader>>> {
  const got = await fetchS3Object(client, t, previous);
  if (typeof got === 'string') return got;
  return { rows: decodeS3Table(got.body, t), ...(got.tag ? { tag: got.tag } : {}) };
}

/** A DynamoDB attribute value as plain JSON (numbers as numbers, sets as lists). */
export function fromAttribute(v: AttributeValue): unknown {
  if (v.S !== undefined) return v.S;
  if (v.N !== undefined) return Number(v.N);
  if (v.BOOL !== undefined) return v.BOOL;
  if (v.NULL !== undefined) return null;
  if (v.M !== undefined)
    return Object.fromEntries(Object.entries(v.M).map(([k, x]) => [k, fromAttribute(x)]));
  if (v.L !== undefined) return v.L.map(fromAttribute);
  if (v.SS !== undefined) return [...v.SS];
  if (v.NS !== undefined) return v.NS.map(Number);
  if (v.B !== undefined) return Buffer.from(v.B).toString('base64');
  if (v.BS !== undefined) return v.BS.map((b) => Buffer.from(b).toString('base64'));
  return undefined;
}

const keyText = (v: AttributeValue | undefined): string | undefined =>
  v?.S ?? v?.N ?? (v?.B ? Buffer.from(v.B).toString('base64') : undefined);

export async function loadDynamoDbTable(
  client: DynamoDBClient,
  t: DynamoDbLookupTable,
): Promise<Awaited<ReturnType<TableLoader>>> {
  const { ScanCommand } = await import('@aws-sdk/client-dynamodb');
  const names: Record<string, string> = { '#p': t.partitionKey, '#v': t.valueKey };
  if (t.sortKey) names['#s'] = t.sortKey;
  const rows = new Map<string, unknown>();
  let start: Record<string, AttributeValue> | undefined;
  do {
    const res = await client.send(
      new ScanCommand({
        TableName: t.table,
        ProjectionExpression: Object.keys(names).join(', '),
        ExpressionAttributeNames: names,
        ConsistentRead: t.consistentRead,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of res.Items ?? []) {
      const pk = keyText(item[t.partitionKey]);
      const sk = t.sortKey ? keyText(item[t.sortKey]) : undefined;
      const value = item[t.valueKey];
      // As StreamAlert: an item without the value attribute finds nothing.
      if (pk === undefined || value === undefined || (t.sortKey && sk === undefined)) continue;
      rows.set(t.sortKey ? `${pk}${t.keyDelimiter}${sk}` : pk, fromAttribute(value));
      if (rows.size > t.maxKeys)
        throw new Error(
          `has more than cache_maximum_key_count (${t.maxKeys}) items; raise it or split the table`,
        );
    }
    start = res.LastEvaluatedKey;
  } while (start);
  return { rows: mapRows(rows) };
}

/** The loader of every driver, with the clients made when first needed. */
export function awsTableLoader(clients: LoaderClients): TableLoader {
  return async (table, previous) =>
    table.driver === 's3'
      ? loadS3Table(await clients.s3(), table, previous)
      : loadDynamoDbTable(await clients.dynamodb(), table);
}

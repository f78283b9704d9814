/**
 * The state bucket through the AWS SDK's S3 client: the same credential chain as Terraform
 * (environment, profile, web identity, instance role) and the same endpoint handling —
 * the action's `aws-endpoint` when given, otherwise AWS_ENDPOINT_URL(_S3), which the SDK
 * reads itself — so the engine looks at the bucket `terraform init` will use.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { s3Client } from '../shared/s3-client.js';
import {
  appliedObjectKey,
  rootOfStateKey,
  stateObjectKey,
  type StateLocation,
} from './location.js';
import {
  appliedRecordText,
  parseAppliedRecord,
  type StateStore,
  type StateStoreFactory,
} from './store.js';

/** An applied record is ~150 bytes: anything much larger is not one of ours and is not read. */
const MAX_RECORD_BYTES = 4096;

const notFound = (err: unknown): boolean =>
  err instanceof NotFound ||
  err instanceof NoSuchKey ||
  (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404);

/** Why a call failed, naming the bucket: a missing permission must not read as "no bucket". */
function failure(what: string, location: StateLocation, err: unknown): Error {
  const status = err instanceof S3ServiceException ? ` (HTTP ${err.$metadata.httpStatusCode})` : '';
  return new Error(
    `could not ${what} the state bucket "${location.bucket}"${status}: ${(err as Error).name}: ${(err as Error).message}`,
  );
}

export function s3StateStore(awsEndpoint?: string): StateStoreFactory {
  return (location) => {
    const client = s3Client(location.region, awsEndpoint, { forcePathStyle: location.pathStyle });
    const store: StateStore = {
      async bucketExists() {
        try {
          await client.send(new HeadBucketCommand({ Bucket: location.bucket }));
          return true;
        } catch (err) {
          if (notFound(err)) return false;
          throw failure('check', location, err);
        }
      },
      async stateRoots() {
        const roots: string[] = [];
        let token: string | undefined;
        try {
          do {
            const page = await client.send(
              new ListObjectsV2Command({
                Bucket: location.bucket,
                Prefix: `${location.prefix}/`,
                ...(token ? { ContinuationToken: token } : {}),
              }),
            );
            for (const o of page.Contents ?? []) {
              const root = o.Key ? rootOfStateKey(location, o.Key) : undefined;
              if (root) roots.push(root);
            }
            token = page.IsTruncated ? page.NextContinuationToken : undefined;
          } while (token);
        } catch (err) {
          throw failure('list', location, err);
        }
        return roots.sort();
      },
      async readState(root) {
        try {
          const object = await client.send(
            new GetObjectCommand({ Bucket: location.bucket, Key: stateObjectKey(location, root) }),
          );
          return await object.Body?.transformToString();
        } catch (err) {
          if (notFound(err)) return undefined;
          throw failure('read', location, err);
        }
      },
      async removeState(root) {
        try {
          await client.send(
            new DeleteObjectCommand({
              Bucket: location.bucket,
              Key: stateObjectKey(location, root),
            }),
          );
        } catch (err) {
          throw failure('remove a state object from', location, err);
        }
      },
      async readApplied(root) {
        try {
          const object = await client.send(
            new GetObjectCommand({
              Bucket: location.bucket,
              Key: appliedObjectKey(location, root),
            }),
          );
          if ((object.ContentLength ?? 0) > MAX_RECORD_BYTES) {
            // Not read: the connection is dropped instead of downloading it.
            (object.Body as { destroy?: () => void } | undefined)?.destroy?.();
            return undefined;
          }
          const text = await object.Body?.transformToString();
          return text === undefined ? undefined : parseAppliedRecord(text);
        } catch (err) {
          if (notFound(err)) return undefined;
          throw failure('read an applied record from', location, err);
        }
      },
      async writeApplied(root, record) {
        try {
          await client.send(
            new PutObjectCommand({
              Bucket: location.bucket,
              Key: appliedObjectKey(location, root),
              Body: appliedRecordText(record),
              ContentType: 'application/json',
            }),
          );
        } catch (err) {
          throw failure('write an applied record to', location, err);
        }
      },
      async removeApplied(root) {
        try {
          await client.send(
            new DeleteObjectCommand({
              Bucket: location.bucket,
              Key: appliedObjectKey(location, root),
            }),
          );
        } catch (err) {
          if (!notFound(err)) throw failure('remove an applied record from', location, err);
        }
      },
    };
    return store;
  };
}

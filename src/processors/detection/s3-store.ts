/**
 * The detection bundle in S3, named by the function's environment (the stream_alert module
 * sets DETECTION_BUNDLE_BUCKET, _KEY and _REGION; its role may only GetObject that key).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { BundleStore } from './source.js';
import { DEFAULT_BUNDLE_MAX_BYTES } from './bundle.js';

export interface BundleLocation {
  bucket: string;
  key: string;
  region?: string;
}

/** Where the environment says the bundle is, or undefined when it names none. */
export function bundleLocationFromEnv(env: NodeJS.ProcessEnv): BundleLocation | undefined {
  const bucket = env.DETECTION_BUNDLE_BUCKET;
  if (!bucket) return undefined;
  const key = env.DETECTION_BUNDLE_KEY;
  if (!key) throw new Error('DETECTION_BUNDLE_BUCKET is set but DETECTION_BUNDLE_KEY is not');
  return {
    bucket,
    key,
    ...(env.DETECTION_BUNDLE_REGION ? { region: env.DETECTION_BUNDLE_REGION } : {}),
  };
}

/** The most bytes the environment lets a bundle have (DETECTION_BUNDLE_MAX_BYTES). */
export function bundleMaxBytesFromEnv(env: NodeJS.ProcessEnv): number {
  const n = Number(env.DETECTION_BUNDLE_MAX_BYTES);
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_BUNDLE_MAX_BYTES;
}

export function s3BundleStore(client: () => Promise<S3Client>, at: BundleLocation): BundleStore {
  const sdk = () => import('@aws-sdk/client-s3');
  return {
    where: `s3://${at.bucket}/${at.key}`,
    async etag() {
      const [{ HeadObjectCommand }, s3] = await Promise.all([sdk(), client()]);
      const res = await s3.send(new HeadObjectCommand({ Bucket: at.bucket, Key: at.key }));
      if (!res.ETag) throw new Error(`s3://${at.bucket}/${at.key} has no ETag`);
      return res.ETag;
    },
    async get(maxBytes) {
      const [{ GetObjectCommand }, s3] = await Promise.all([sdk(), client()]);
      const res = await s3.send(new GetObjectCommand({ Bucket: at.bucket, Key: at.key }));
      const where = `s3://${at.bucket}/${at.key}`;
      if (!res.Body || !res.ETag) throw new Error(`${where} has no body or ETag`);
      const body = res.Body as AsyncIterable<Uint8Array> & { destroy?: () => void };
      if (res.ContentLength !== undefined && res.ContentLength > maxBytes) {
        body.destroy?.();
        throw new Error(
          `${where} is ${res.ContentLength} bytes, more than the ${maxBytes} allowed`,
        );
      }
      // The length header is not trusted alone: reading stops at the cap.
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of body) {
        size += chunk.length;
        if (size > maxBytes) {
          body.destroy?.();
          throw new Error(`${where} is more than the ${maxBytes} bytes allowed`);
        }
        chunks.push(Buffer.from(chunk));
      }
      return { etag: res.ETag, body: Buffer.concat(chunks) };
    },
  };
}

/** S3 GetObject as the rule processor's ObjectSource: the body is consumed as a stream. */
import type { S3Client } from '@aws-sdk/client-s3';
import type { ObjectSource } from './payloads.js';

/** `clientFor` may make the client lazily (the Lambda loads the S3 SDK only for S3 events). */
export function s3ObjectSource(
  clientFor: (region: string | undefined) => S3Client | Promise<S3Client>,
): ObjectSource {
  // Imported once: a bundled dynamic import builds the module's namespace (every export of
  // the S3 SDK) again at each call, which cost more than the rest of a small object's work.
  let sdk: Promise<typeof import('@aws-sdk/client-s3')> | undefined;
  return {
    async open(bucket, key, region) {
      const [client, { GetObjectCommand }] = await Promise.all([
        clientFor(region),
        (sdk ??= import('@aws-sdk/client-s3').catch((err: unknown) => {
          sdk = undefined;
          throw err;
        })),
      ]);
      const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!res.Body) throw new Error(`s3://${bucket}/${key} has no body`);
      return res.Body as AsyncIterable<Uint8Array>;
    },
  };
}

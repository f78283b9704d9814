/** S3 GetObject as the rule processor's ObjectSource: the body is consumed as a stream. */
import type { S3Client } from '@aws-sdk/client-s3';
import type { ObjectSource } from './payloads.js';

/** `clientFor` may make the client lazily (the Lambda loads the S3 SDK only for S3 events). */
export function s3ObjectSource(
  clientFor: (region: string | undefined) => S3Client | Promise<S3Client>,
): ObjectSource {
  return {
    async open(bucket, key, region) {
      const [client, { GetObjectCommand }] = await Promise.all([
        clientFor(region),
        import('@aws-sdk/client-s3'),
      ]);
      const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!res.Body) throw new Error(`s3://${bucket}/${key} has no body`);
      return res.Body as AsyncIterable<Uint8Array>;
    },
  };
}

/** S3 GetObject as the rule processor's ObjectSource: the body is consumed as a stream. */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectSource } from './payloads.js';

export function s3ObjectSource(clientFor: (region: string | undefined) => S3Client): ObjectSource {
  return {
    async open(bucket, key, region) {
      const res = await clientFor(region).send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!res.Body) throw new Error(`s3://${bucket}/${key} has no body`);
      return res.Body as AsyncIterable<Uint8Array>;
    },
  };
}

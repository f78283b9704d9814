/** AWS SDK clients pointed at a moto server. */
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Moto } from './moto.js';

export function clientConfig(moto: Moto, region: string) {
  return {
    region,
    endpoint: moto.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
}

/**
 * The Kinesis client defaults to an HTTP/2 handler (for SubscribeToShard); moto speaks
 * HTTP/1.1 only and answers the HTTP/2 preface with 505, which the SDK reports as
 * "Protocol error". Plain requests work over HTTP/1.1.
 */
export function kinesisClient(moto: Moto, region: string): KinesisClient {
  return new KinesisClient({
    ...clientConfig(moto, region),
    requestHandler: new NodeHttpHandler(),
  });
}

/** AWS SDK client settings for the local stand-in: its endpoint, path-style S3, test credentials. */
import { NodeHttpHandler } from '@smithy/node-http-handler';

export function localClientConfig(endpoint: string, region: string) {
  return {
    region,
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
}

/**
 * For Kinesis: its client defaults to an HTTP/2 handler (for SubscribeToShard), but moto
 * speaks HTTP/1.1 only and answers the HTTP/2 preface with 505 ("Protocol error").
 */
export function localHttp1Config(endpoint: string, region: string) {
  return { ...localClientConfig(endpoint, region), requestHandler: new NodeHttpHandler() };
}

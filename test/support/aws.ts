/** AWS SDK clients pointed at a moto server. */
import type { Moto } from './moto.js';

export function clientConfig(moto: Moto, region: string) {
  return {
    region,
    endpoint: moto.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
}

/**
 * Output credentials (webhook URLs) read at run time from SSM Parameter Store
 * (SecureString, decrypted by SSM) or Secrets Manager, and cached in memory for the
 * container's life (up to `ttlMs`, so a rotated secret is picked up). They never touch
 * disk or logs.
 */
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { SecretRef } from '../config/types.js';

export interface SecretStore {
  get(ref: SecretRef): Promise<string>;
}

export function describeRef(ref: SecretRef): string {
  return 'ssmParameter' in ref
    ? `SSM parameter ${ref.ssmParameter}`
    : `Secrets Manager secret ${ref.secretsManagerSecret}`;
}

export function createSecretStore(
  clients: { ssm: () => SSMClient; secretsManager: () => SecretsManagerClient },
  ttlMs = 15 * 60_000,
  now = () => Date.now(),
): SecretStore {
  const cache = new Map<string, { value: Promise<string>; expires: number }>();
  async function fetchSecret(ref: SecretRef): Promise<string> {
    if ('ssmParameter' in ref) {
      const res = await clients
        .ssm()
        .send(new GetParameterCommand({ Name: ref.ssmParameter, WithDecryption: true }));
      const value = res.Parameter?.Value;
      if (!value) throw new Error(`${describeRef(ref)} has no value`);
      return value;
    }
    const res = await clients
      .secretsManager()
      .send(new GetSecretValueCommand({ SecretId: ref.secretsManagerSecret }));
    if (!res.SecretString) throw new Error(`${describeRef(ref)} has no string value`);
    return res.SecretString;
  }
  return {
    get(ref) {
      const key = describeRef(ref);
      const hit = cache.get(key);
      if (hit && hit.expires > now()) return hit.value;
      const value = fetchSecret(ref);
      cache.set(key, { value, expires: now() + ttlMs });
      // A failed read is not cached: the next attempt asks again.
      value.catch(() => cache.delete(key));
      return value;
    },
  };
}

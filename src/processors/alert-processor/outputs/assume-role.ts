/**
 * Lambda clients acting as another IAM role: aws-lambda-v2's `assume_role_arn`, as
 * StreamAlert 3 did it (STS AssumeRole with the session name "streamalert_alert_processor",
 * then the invocation with the role's credentials), typically to reach a function in
 * another account. The credentials are kept per role until shortly before they expire, so
 * a burst of alerts makes one AssumeRole call, not one per alert.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { STSClient } from '@aws-sdk/client-sts';

export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration?: Date;
}

/** StreamAlert 3's session name: the role's CloudTrail records name the alert processor. */
export const ROLE_SESSION_NAME = 'streamalert_alert_processor';

/** Credentials this close to expiring are renewed first. */
const RENEW_MS = 5 * 60_000;
/** Roles kept at once: the credentials name them, and a typo must not grow the cache. */
const MAX_ROLES = 32;

/** A Lambda client for `roleArn`, made from `lambdaWith` and the role's credentials. */
export function assumedLambdaClients(
  sts: () => Promise<STSClient>,
  lambdaWith: (credentials: RoleCredentials) => Promise<LambdaClient>,
  now: () => number = Date.now,
): (roleArn: string) => Promise<LambdaClient> {
  interface Entry {
    client: Promise<LambdaClient>;
    /** Until the call settles, everyone shares it. */
    renewAt: number;
  }
  const cache = new Map<string, Entry>();

  async function assume(roleArn: string, entry: Entry): Promise<LambdaClient> {
    const { AssumeRoleCommand } = await import('@aws-sdk/client-sts');
    const res = await (
      await sts()
    ).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: ROLE_SESSION_NAME }));
    const c = res.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken)
      throw new Error('AssumeRole returned no credentials');
    // An hour is STS's default duration.
    entry.renewAt = (c.Expiration?.getTime() ?? now() + 3_600_000) - RENEW_MS;
    return lambdaWith({
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    });
  }

  return (roleArn) => {
    const hit = cache.get(roleArn);
    if (hit && hit.renewAt > now()) return hit.client;
    cache.delete(roleArn);
    if (cache.size >= MAX_ROLES) cache.delete(cache.keys().next().value!);
    const entry = { renewAt: Number.POSITIVE_INFINITY } as Entry;
    entry.client = assume(roleArn, entry);
    // A failed AssumeRole is tried again on the next alert, not remembered.
    entry.client.catch(() => {
      if (cache.get(roleArn) === entry) cache.delete(roleArn);
    });
    cache.set(roleArn, entry);
    return entry.client;
  };
}

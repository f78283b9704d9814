/**
 * Lambda clients acting as another IAM role: aws-lambda-v2's `assume_role_arn`, as
 * StreamAlert 3 did it (STS AssumeRole with the session name "streamalert_alert_processor",
 * then the invocation with the role's credentials), typically to reach a function in
 * another account. The credentials are kept per role until shortly before they expire, so
 * a burst of alerts makes one AssumeRole call, not one per alert.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { STSClient } from '@aws-sdk/client-sts';
import { createExpiringCache, type Expiring } from '../../shared/expiring-cache.js';

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
  const clients = createExpiringCache<LambdaClient>({
    renewBeforeMs: RENEW_MS,
    max: MAX_ROLES,
    now,
  });

  async function assume(roleArn: string): Promise<Expiring<LambdaClient>> {
    const { AssumeRoleCommand } = await import('@aws-sdk/client-sts');
    const res = await (
      await sts()
    ).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: ROLE_SESSION_NAME }));
    const c = res.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken)
      throw new Error('AssumeRole returned no credentials');
    const value = await lambdaWith({
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    });
    // An hour is STS's default duration.
    return { value, expiresAt: c.Expiration?.getTime() ?? now() + 3_600_000 };
  }

  // A failed AssumeRole is tried again on the next alert, not remembered.
  return (roleArn) => clients.get(roleArn, () => assume(roleArn));
}

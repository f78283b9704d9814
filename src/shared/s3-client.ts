/**
 * The S3 client every deploy-time reader uses (the state bucket, the backtest's sample,
 * promote's staging prefix): the SDK's credential chain, as Terraform uses it, and the same
 * endpoint handling — the action's `aws-endpoint` when given, otherwise AWS_ENDPOINT_URL(_S3),
 * which the SDK reads itself. Emulators (moto, LocalStack) need path-style addressing, as
 * the rendered S3 backend has it.
 */
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

export function s3Client(
  region: string,
  awsEndpoint?: string,
  extra: Omit<S3ClientConfig, 'region' | 'endpoint'> = {},
): S3Client {
  const emulator =
    awsEndpoint !== undefined ||
    process.env.AWS_ENDPOINT_URL_S3 !== undefined ||
    process.env.AWS_ENDPOINT_URL !== undefined;
  return new S3Client({
    ...extra,
    region,
    ...(awsEndpoint ? { endpoint: awsEndpoint } : {}),
    forcePathStyle: extra.forcePathStyle === true || emulator,
  });
}

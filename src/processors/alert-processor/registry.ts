/**
 * The delivery registry: output service name → the function that sends one alert there.
 * Each output's descriptor (outputs/descriptor.ts) carries its deliverer; outputs/index.ts
 * makes the registry from the list of descriptors.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { FirehoseClient } from '@aws-sdk/client-firehose';
import type { SESClient } from '@aws-sdk/client-ses';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from '../shared/logger.js';
import type { OutputTarget, SecretRef } from '../config/types.js';
import type { Alert } from '../shared/alert.js';

export interface FunctionIdentity {
  partition: string;
  region: string;
  account: string;
  /** The function's name (an aws-cloudwatch-log output writes to the stream named after it). */
  functionName?: string;
}

/** SDK clients, made on first use so an invocation that needs none loads none. */
export interface AwsClients {
  s3: () => S3Client;
  sns: () => SNSClient;
  lambda: () => LambdaClient;
  /**
   * The other AWS outputs' clients: their SDK modules are imported on first use (most
   * deployments use none of them). Left out, a default client is made (outputs/aws-clients.ts).
   */
  firehose?: () => Promise<FirehoseClient>;
  sqs?: () => Promise<SQSClient>;
  logs?: () => Promise<CloudWatchLogsClient>;
  ses?: () => Promise<SESClient>;
  /** A Lambda client acting as an IAM role (aws-lambda-v2's assume_role_arn); see outputs/assume-role.ts. */
  assumedLambda?: (roleArn: string) => Promise<LambdaClient>;
}

/** What a deliverer may use besides its target: everything comes in, nothing global. */
export interface DeliveryContext {
  alert: Alert;
  /** The alert processor's own region and account (from its ARN), when known. */
  identity: FunctionIdentity | undefined;
  clients: AwsClients;
  /** The target's credential, read and cached; errors name where it lives, never what it holds. */
  credential<T>(ref: SecretRef, parse: (value: string) => T): Promise<T>;
  now: () => Date;
  /** The processor's logger (aws-cloudwatch-log in StreamAlert's form writes the alert there). */
  logger: Logger;
}

/** Sends one alert to one target; throws on failure (the caller retries). */
export type Deliver<T extends { readonly service: string; readonly descriptor: string }> = (
  target: T,
  ctx: DeliveryContext,
) => Promise<void>;

/**
 * The target of service `S` within `T`. Not `Extract`: credential services share one
 * target shape whose `service` is a union, which `Extract` would drop.
 */
export type TargetOf<T extends OutputTarget, S extends string> = T extends { service: infer U }
  ? S extends U
    ? T & { readonly service: S }
    : never
  : never;

/** One deliverer per service of `T`, each typed with its own target. */
export type DeliveryTable<T extends OutputTarget> = {
  readonly [S in T['service']]: Deliver<TargetOf<T, S>>;
};

export type DeliveryRegistry = DeliveryTable<OutputTarget>;

/** Looks up and calls the target's deliverer (the cast is safe: the table is keyed by the target's own service). */
export function deliverTo(
  registry: DeliveryRegistry,
  target: OutputTarget,
  ctx: DeliveryContext,
): Promise<void> {
  const deliver = registry[target.service] as Deliver<OutputTarget>;
  return deliver(target, ctx);
}

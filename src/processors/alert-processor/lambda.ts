/** Lambda entry of the alert processor (handler `index.handler`); conf/outputs.json comes from the zip. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { toOutputs } from '../config/outputs-convert.js';
import { createLogger, levelFrom } from '../shared/logger.js';
import { packageDir, s3ClientOptions } from '../shared/package-dir.js';
import { createAlertProcessor, type AlertProcessor } from './processor.js';
import { createSecretStore } from './secrets.js';

const logger = createLogger({
  level: levelFrom(process.env.LOGGER_LEVEL),
  metrics: process.env.ENABLE_METRICS === 'true',
});

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

async function init(): Promise<AlertProcessor> {
  let raw: unknown = {};
  try {
    raw = JSON.parse(await readFile(path.join(packageDir(), 'conf', 'outputs.json'), 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return createAlertProcessor({
    outputs: toOutputs(raw),
    clients: {
      s3: lazy(() => new S3Client(s3ClientOptions())),
      sns: lazy(() => new SNSClient({})),
      lambda: lazy(() => new LambdaClient({})),
    },
    secrets: createSecretStore({
      ssm: lazy(() => new SSMClient({})),
      secretsManager: lazy(() => new SecretsManagerClient({})),
    }),
    logger,
    stagingBucket: process.env.STAGING_BUCKET || undefined,
  });
}

let ready: Promise<AlertProcessor> | undefined;

export async function handler(
  event: unknown,
  context?: { invokedFunctionArn?: string },
): Promise<{ deliveries: unknown[] }> {
  ready ??= init().catch((err: unknown) => {
    ready = undefined;
    throw err;
  });
  return (await ready).handle(event, context?.invokedFunctionArn);
}

/**
 * Stand-ins for where alerts go (conf/outputs.json), so the alert processor has something
 * to deliver to in the empty local account: the S3 buckets, SNS topics, SQS queues, Lambda
 * functions and log groups it names are created; a Slack or webhook output's credential (in
 * SSM or Secrets Manager, as in a real account) becomes the URL of a small HTTP server on
 * 127.0.0.1 that records what it is sent. Outputs with no stand-in are named: their
 * deliveries fail in the demo, as they would in an account without them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  LambdaClient,
  type Runtime,
} from '@aws-sdk/client-lambda';
import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { deterministicZip } from '../build/zip.js';
import type { Config } from '../config/types.js';
import { localClientConfig } from '../local-aws/clients.js';
import { createBucket, createTopic } from '../local-aws/prerequisites.js';
import type { OutputsConfig } from '../processors/config/types.js';
import { splitFunction } from '../processors/alert-processor/outputs/aws.js';

/** A request the local webhook received. */
export interface WebhookDelivery {
  path: string;
  body: string;
}

/** An HTTP server on 127.0.0.1 standing in for Slack and webhook outputs. */
export class LocalWebhook {
  readonly received: WebhookDelivery[] = [];
  private server?: Server;
  private base = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= 1024 * 1024) chunks.push(c);
      });
      req.on('end', () => {
        this.received.push({ path: req.url ?? '/', body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  url(service: string, descriptor: string): string {
    return `${this.base}/${service}/${encodeURIComponent(descriptor)}`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

/** Made by an earlier run against the same stand-in (moto names the conflict differently than AWS). */
const exists = (err: unknown): boolean =>
  ['ResourceConflictException', 'ConflictException'].includes((err as Error).name) ||
  /already exists/i.test((err as Error).message);

const STAND_IN_HANDLER = 'exports.handler = async () => ({ ok: true });\n';

async function standInFunction(endpoint: string, region: string, fn: string): Promise<void> {
  const { name, qualifier } = splitFunction(fn);
  const iam = new IAMClient(localClientConfig(endpoint, region));
  const roleName = 'streamalert-demo-output-stand-in';
  let roleArn: string;
  try {
    roleArn = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role!.Arn!;
  } catch {
    roleArn = (
      await iam.send(
        new CreateRoleCommand({
          RoleName: roleName,
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'lambda.amazonaws.com' },
                Action: 'sts:AssumeRole',
              },
            ],
          }),
        }),
      )
    ).Role!.Arn!;
  }
  const lambda = new LambdaClient(localClientConfig(endpoint, region));
  const functionName = name.startsWith('arn:') ? name.split(':')[6]! : name;
  const zip = await deterministicZip(new Map([['index.js', Buffer.from(STAND_IN_HANDLER)]]));
  try {
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: functionName,
        Runtime: 'nodejs22.x' as Runtime,
        Role: roleArn,
        Handler: 'index.handler',
        Code: { ZipFile: zip },
        Publish: true,
      }),
    );
  } catch (err) {
    if (!exists(err)) throw err;
  }
  if (qualifier && qualifier !== '$LATEST' && !/^\d+$/.test(qualifier)) {
    try {
      await lambda.send(
        new CreateAliasCommand({
          FunctionName: functionName,
          Name: qualifier,
          FunctionVersion: '1',
        }),
      );
    } catch (err) {
      if (!exists(err)) throw err;
    }
  }
}

/**
 * Creates the stand-ins of every output in every cluster region (the alert processor
 * addresses them from its own region); returns one line per output saying what stands in
 * for it, or that nothing does.
 */
export async function standInOutputs(
  config: Config,
  outputs: OutputsConfig,
  endpoint: string,
  webhook: LocalWebhook,
): Promise<string[]> {
  const regions = [...new Set(config.clusters.map((c) => c.region))];
  const lines: string[] = [];
  for (const [key, target] of outputs) {
    switch (target.service) {
      case 'aws-s3':
        await createBucket(endpoint, target.bucket, config.global.account.region);
        lines.push(`${key}: S3 bucket ${target.bucket}`);
        break;
      case 'aws-sns':
        for (const region of regions) {
          const arn = target.topic.startsWith('arn:') ? target.topic.split(':') : undefined;
          if (arn && arn[3] !== region) continue;
          await createTopic(endpoint, arn ? arn[5]! : target.topic, region);
        }
        lines.push(`${key}: SNS topic ${target.topic}`);
        break;
      case 'aws-sqs':
        for (const region of regions)
          await new SQSClient(localClientConfig(endpoint, region)).send(
            new CreateQueueCommand({ QueueName: target.queue.split('/').pop()! }),
          );
        lines.push(`${key}: SQS queue ${target.queue}`);
        break;
      case 'aws-lambda':
        for (const region of regions) await standInFunction(endpoint, region, target.functionName);
        lines.push(
          `${key}: Lambda function ${target.functionName} (the stand-in accepts the invocation; it runs no code)`,
        );
        break;
      case 'aws-cloudwatch-log':
        if (target.logGroup)
          for (const region of regions) {
            try {
              await new CloudWatchLogsClient(localClientConfig(endpoint, region)).send(
                new CreateLogGroupCommand({ logGroupName: target.logGroup }),
              );
            } catch (err) {
              if ((err as Error).name !== 'ResourceAlreadyExistsException') throw err;
            }
          }
        lines.push(
          `${key}: CloudWatch log group ${target.logGroup ?? "(the alert processor's own)"}`,
        );
        break;
      case 'slack':
      case 'webhook': {
        const url = webhook.url(target.service, target.descriptor);
        for (const region of regions) {
          if ('ssmParameter' in target.secret) {
            await new SSMClient(localClientConfig(endpoint, region)).send(
              new PutParameterCommand({
                Name: target.secret.ssmParameter,
                Type: 'SecureString',
                Value: url,
                Overwrite: true,
              }),
            );
          } else {
            try {
              await new SecretsManagerClient(localClientConfig(endpoint, region)).send(
                new CreateSecretCommand({
                  Name: target.secret.secretsManagerSecret,
                  SecretString: url,
                }),
              );
            } catch (err) {
              if ((err as Error).name !== 'ResourceExistsException') throw err;
              // Made by an earlier run: this run's webhook listens elsewhere.
              await new SecretsManagerClient(localClientConfig(endpoint, region)).send(
                new PutSecretValueCommand({
                  SecretId: target.secret.secretsManagerSecret,
                  SecretString: url,
                }),
              );
            }
          }
        }
        const where =
          'ssmParameter' in target.secret
            ? `SSM parameter ${target.secret.ssmParameter}`
            : `secret ${target.secret.secretsManagerSecret}`;
        lines.push(`${key}: ${where} holds the URL of a local webhook (${url})`);
        break;
      }
      default:
        lines.push(`${key}: no local stand-in (its deliveries fail in the demo)`);
    }
  }
  return lines;
}

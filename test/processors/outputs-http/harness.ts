/**
 * What every HTTP output test needs: a moto server holding the credentials in SSM (as
 * StreamAlert kept them, at /streamalert/outputs/<service>/<descriptor>), a local HTTP
 * server playing the service (it checks each request itself and answers as the service
 * documents), and an alert processor wired to both, recording its logs and retry waits.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { Ajv, type AnySchema } from 'ajv';
import { expect } from 'vitest';
import { createAlertProcessor } from '../../../src/processors/alert-processor/processor.js';
import { createSecretStore } from '../../../src/processors/alert-processor/secrets.js';
import { toOutputs } from '../../../src/processors/config/outputs-convert.js';
import type { Alert } from '../../../src/processors/shared/alert.js';
import { createLogger } from '../../../src/processors/shared/logger.js';
import { clientConfig } from '../../support/aws.js';
import { startMoto, type Moto } from '../../support/moto.js';

export const REGION = 'us-east-1';
export const FUNCTION_ARN = `arn:aws:lambda:${REGION}:123456789012:function:acme_prod_streamalert_alert_processor:production`;

export interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, or the raw text when the body is not JSON. */
  body: unknown;
}

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
export type Handler = (req: Seen) => Reply;

/** A local stand-in for the service: records every request and answers with `handler`'s reply. */
export interface FakeService {
  base: string;
  seen: Seen[];
  handler: Handler;
  close(): Promise<void>;
}

export async function startService(handler: Handler): Promise<FakeService> {
  const service: FakeService = {
    base: '',
    seen: [],
    handler,
    close: async () => {},
  };
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://local');
      let body: unknown = text || undefined;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // kept as text
      }
      const seen: Seen = {
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
      };
      service.seen.push(seen);
      let reply: Reply;
      try {
        reply = service.handler(seen);
      } catch (err) {
        reply = { status: 599, body: { message: `test server: ${(err as Error).message}` } };
      }
      send(res, reply);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  service.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  service.close = () => new Promise((r) => server.close(() => r()));
  return service;
}

function send(res: ServerResponse, reply: Reply): void {
  const text =
    reply.body === undefined
      ? undefined
      : typeof reply.body === 'string'
        ? reply.body
        : JSON.stringify(reply.body);
  res
    .writeHead(reply.status, {
      ...(text !== undefined && typeof reply.body !== 'string'
        ? { 'content-type': 'application/json' }
        : {}),
      ...reply.headers,
    })
    .end(text);
}

const ajv = new Ajv({ allErrors: true, strict: false });

/** The JSON-schema problems of `body`, or '' when it matches: a fake service answers 400 with them, as the real one would. */
export function schemaProblems(schema: AnySchema, body: unknown): string {
  const validate = ajv.compile(schema);
  return validate(body)
    ? ''
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
}

export interface Env {
  moto: Moto;
  ssm: SSMClient;
  logLines: string[];
  sleeps: number[];
  /** Puts a SecureString credential where StreamAlert's list form looks for it. */
  putCredential(service: string, descriptor: string, value: unknown): Promise<void>;
  processor(
    outputs: unknown,
    retry?: { attempts: number; maxDelayMs?: number },
  ): ReturnType<typeof createAlertProcessor>;
  /** No log line holds any of these (tokens, passwords, URLs with keys). */
  expectNotLogged(secrets: readonly string[]): void;
  stop(): Promise<void>;
}

export async function startEnv(): Promise<Env> {
  const moto = await startMoto();
  const ssm = new SSMClient(clientConfig(moto, REGION));
  const env: Env = {
    moto,
    ssm,
    logLines: [],
    sleeps: [],
    async putCredential(service, descriptor, value) {
      await ssm.send(
        new PutParameterCommand({
          Name: `/streamalert/outputs/${service}/${descriptor}`,
          Value: typeof value === 'string' ? value : JSON.stringify(value),
          Type: 'SecureString',
          Overwrite: true,
        }),
      );
    },
    processor(outputs, retry = { attempts: 3 }) {
      return createAlertProcessor({
        outputs: toOutputs(outputs),
        clients: {
          s3: () => new S3Client(clientConfig(moto, REGION)),
          sns: () => new SNSClient(clientConfig(moto, REGION)),
          lambda: () => new LambdaClient(clientConfig(moto, REGION)),
        },
        secrets: createSecretStore({
          ssm: () => ssm,
          secretsManager: () => new SecretsManagerClient(clientConfig(moto, REGION)),
        }),
        logger: createLogger({ level: 'debug', write: (l) => env.logLines.push(l) }),
        // Waits are recorded, not slept: the tests check which wait was asked for.
        retry: {
          attempts: retry.attempts,
          baseDelayMs: 100,
          maxDelayMs: retry.maxDelayMs ?? 30_000,
          sleep: async (ms) => {
            env.sleeps.push(ms);
          },
        },
      });
    },
    expectNotLogged(secrets) {
      const logs = env.logLines.join('\n');
      for (const s of secrets) expect(logs).not.toContain(s);
    },
    stop: () => moto.stop(),
  };
  return env;
}

export const snsEvent = (a: Alert) => ({
  Records: [{ Sns: { Message: JSON.stringify(a), MessageId: 'm-1' } }],
});

export const baseAlert: Alert = {
  id: 'aaaabbbbccccddddeeeeffff00001111',
  rule_name: 'cloudtrail_root_account_use',
  rule_description: 'The AWS root account was used',
  log_source: 'cloudtrail:events',
  log_type: 'json',
  source_service: 's3',
  source_entity: 'acme.cloudtrail',
  outputs: [],
  record: {
    eventName: 'ConsoleLogin',
    userIdentity: { type: 'Root', arn: 'arn:aws:iam::123456789012:root' },
    sourceIPAddress: '198.51.100.7',
  },
};

/** An alert routed to `outputs`, with the rule's context when given (StreamAlert's rule `context`). */
export function alertFor(outputs: string[], context?: Record<string, unknown>): Alert {
  return { ...baseAlert, outputs, ...(context ? { context } : {}) } as Alert;
}

/** Basic auth header value for user:password. */
export const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

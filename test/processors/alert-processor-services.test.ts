/**
 * PagerDuty and Phantom outputs, and StreamAlert's list form of conf/outputs.json: the
 * credentials are JSON SecureStrings in SSM (moto) at /streamalert/outputs/<service>/<descriptor>,
 * the services are played by a local HTTP server that checks method, path, headers and body.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAlertProcessor } from '../../src/processors/alert-processor/processor.js';
import { createSecretStore } from '../../src/processors/alert-processor/secrets.js';
import { toOutputs } from '../../src/processors/config/outputs-convert.js';
import type { Alert } from '../../src/processors/shared/alert.js';
import { createLogger } from '../../src/processors/shared/logger.js';
import { clientConfig } from '../support/aws.js';
import { startMoto, type Moto } from '../support/moto.js';

const REGION = 'us-east-1';
const FUNCTION_ARN = `arn:aws:lambda:${REGION}:123456789012:function:acme_prod_streamalert_alert_processor:production`;
const ROUTING_KEY = 'R0UTINGKEY0123456789abcdef012345';
const LEGACY_KEY = 'LEGACYSERVICEKEY0123456789abcdef';
const PH_TOKEN = 'PHTOKEN-secret-0123456789';

interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
}

let moto: Moto;
let server: Server;
let base: string;
let seen: Seen[] = [];
let logLines: string[] = [];
let pdFailuresLeft = 0;
/** Phantom's containers: name → id. */
const containers = new Map<string, number>();
let nextId = 100;

const alert: Alert = {
  id: 'aaaabbbbccccddddeeeeffff00001111',
  rule_name: 'cloudtrail_root_account_use',
  rule_description: 'The AWS root account was used',
  log_source: 'cloudtrail:events',
  log_type: 'json',
  source_service: 's3',
  source_entity: 'acme.cloudtrail',
  outputs: ['pagerduty:sample-integration'],
  record: {
    eventName: 'ConsoleLogin',
    userIdentity: { type: 'Root' },
    sourceIPAddress: '198.51.100.7',
  },
};

/** StreamAlert 1.5's outputs.json (list form) plus object-form entries. */
const OUTPUTS = {
  'aws-s3': { 'sample-bucket': 'sample.bucket.name' },
  pagerduty: ['sample-integration', 'legacy', 'unset'],
  phantom: ['sample-integration'],
  slack: ['sample-channel', 'plain'],
  webhook: { soar: { secretsmanager_secret: 'streamalert/soar-down' } },
};

function processor() {
  const logger = createLogger({ level: 'debug', write: (l) => logLines.push(l) });
  return createAlertProcessor({
    outputs: toOutputs(OUTPUTS),
    clients: {
      s3: () => new S3Client(clientConfig(moto, REGION)),
      sns: () => new SNSClient(clientConfig(moto, REGION)),
      lambda: () => new LambdaClient(clientConfig(moto, REGION)),
    },
    secrets: createSecretStore({
      ssm: () => new SSMClient(clientConfig(moto, REGION)),
      secretsManager: () => new SecretsManagerClient(clientConfig(moto, REGION)),
    }),
    logger,
    retry: { attempts: 3, baseDelayMs: 1 },
  });
}

const snsEvent = (a: Alert) => ({
  Records: [{ Sns: { Message: JSON.stringify(a), MessageId: 'm-1' } }],
});

function reply(res: import('node:http').ServerResponse, status: number, body?: unknown): void {
  res
    .writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' })
    .end(body === undefined ? undefined : JSON.stringify(body));
}

/** PagerDuty's Events API v2 and Phantom's REST API, as far as the outputs use them. */
function handle(s: Seen, res: import('node:http').ServerResponse): void {
  if (s.path === '/v2/enqueue' || s.path === '/pd-flaky') {
    if (s.path === '/pd-flaky' && pdFailuresLeft > 0) {
      pdFailuresLeft--;
      return reply(res, 503);
    }
    return reply(res, 202, {
      status: 'success',
      message: 'Event processed',
      dedup_key: (s.body as { dedup_key: string }).dedup_key,
    });
  }
  if (s.path.startsWith('/phantom/')) {
    if (s.headers['ph-auth-token'] !== PH_TOKEN)
      return reply(res, 401, { failed: true, message: 'bad token' });
    if (s.method === 'GET' && s.path === '/phantom/rest/container') {
      const name = JSON.parse(s.query._filter_name ?? '""') as string;
      const id = containers.get(name);
      return reply(res, 200, {
        count: id ? 1 : 0,
        num_pages: id ? 1 : 0,
        data: id ? [{ id, name }] : [],
      });
    }
    if (s.method === 'POST' && s.path === '/phantom/rest/container') {
      const id = nextId++;
      containers.set((s.body as { name: string }).name, id);
      return reply(res, 200, { success: true, id });
    }
    if (s.method === 'POST' && s.path === '/phantom/rest/artifact')
      return reply(res, 200, { success: true, id: nextId++ });
    return reply(res, 404);
  }
  if (s.path === '/soar-down') return reply(res, 500);
  if (s.path === '/slack' || s.path === '/slack-plain') return reply(res, 200);
  return reply(res, 404);
}

beforeAll(async () => {
  moto = await startMoto();
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://local');
      const s: Seen = {
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: text ? JSON.parse(text) : undefined,
      };
      seen.push(s);
      handle(s, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const ssm = new SSMClient(clientConfig(moto, REGION));
  const params: [string, string][] = [
    [
      '/streamalert/outputs/pagerduty/sample-integration',
      JSON.stringify({ routing_key: ROUTING_KEY, url: `${base}/v2/enqueue` }),
    ],
    // StreamAlert 1.5 named the key service_key.
    [
      '/streamalert/outputs/pagerduty/legacy',
      JSON.stringify({ service_key: LEGACY_KEY, url: `${base}/pd-flaky` }),
    ],
    [
      '/streamalert/outputs/phantom/sample-integration',
      JSON.stringify({ url: `${base}/phantom/`, ph_auth_token: PH_TOKEN }),
    ],
    ['/streamalert/outputs/slack/sample-channel', JSON.stringify({ url: `${base}/slack` })],
    // A secret that is not JSON is the URL itself, as object-form secrets always were.
    ['/streamalert/outputs/slack/plain', `${base}/slack-plain`],
  ];
  for (const [Name, Value] of params)
    await ssm.send(new PutParameterCommand({ Name, Value, Type: 'SecureString' }));
  const sm = new SecretsManagerClient(clientConfig(moto, REGION));
  await sm.send(
    new CreateSecretCommand({
      Name: 'streamalert/soar-down',
      SecretString: JSON.stringify({ url: `${base}/soar-down` }),
    }),
  );
}, 120_000);

afterAll(async () => {
  server?.close();
  await moto?.stop();
});

beforeEach(() => {
  seen = [];
  logLines = [];
});

function expectNoSecretsLogged(): void {
  const logs = logLines.join('\n');
  for (const secret of [ROUTING_KEY, LEGACY_KEY, PH_TOKEN, base])
    expect(logs).not.toContain(secret);
}

describe('PagerDuty (Events API v2)', () => {
  it('triggers an event with the list-form credential from /streamalert/outputs/pagerduty/<descriptor>', async () => {
    const { deliveries } = await processor().handle(snsEvent(alert), FUNCTION_ARN);
    expect(deliveries).toEqual([
      {
        alert_id: alert.id,
        rule_name: alert.rule_name,
        output: 'pagerduty:sample-integration',
        ok: true,
        attempts: 1,
      },
    ]);
    expect(seen).toHaveLength(1);
    const [req] = seen;
    expect([req!.method, req!.path, req!.headers['content-type']]).toEqual([
      'POST',
      '/v2/enqueue',
      'application/json',
    ]);
    expect(req!.body).toEqual({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: alert.id,
      payload: {
        summary: 'StreamAlert Rule Triggered - cloudtrail_root_account_use',
        source: 'cloudtrail:events',
        severity: 'critical',
        custom_details: { rule_description: 'The AWS root account was used', record: alert.record },
      },
    });
    expectNoSecretsLogged();
  });

  it("retries a 5xx with backoff, and sends StreamAlert 1.5's service_key to Events API v1", async () => {
    pdFailuresLeft = 2;
    const { deliveries } = await processor().handle(
      snsEvent({ ...alert, outputs: ['pagerduty:legacy'] }),
      FUNCTION_ARN,
    );
    expect(deliveries.map((d) => [d.output, d.ok, d.attempts])).toEqual([
      ['pagerduty:legacy', true, 3],
    ]);
    expect(seen.map((s) => [s.method, s.path])).toEqual([
      ['POST', '/pd-flaky'],
      ['POST', '/pd-flaky'],
      ['POST', '/pd-flaky'],
    ]);
    // Every attempt carries the same incident key: PagerDuty opens one incident at most.
    expect(new Set(seen.map((s) => JSON.stringify(s.body))).size).toBe(1);
    // StreamAlert's service_key is an Events API v1 key: the v1 trigger carries it.
    expect(seen[0]!.body).toMatchObject({
      service_key: LEGACY_KEY,
      event_type: 'trigger',
      incident_key: alert.id,
    });
    expect(
      logLines
        .filter((l) => JSON.parse(l).message === 'output attempt failed')
        .map((l) => JSON.parse(l).error),
    ).toEqual(['HTTP 503', 'HTTP 503']);
    expectNoSecretsLogged();
  });
});

describe('Phantom', () => {
  it("creates the rule's container when none exists, then adds the alert as an artifact", async () => {
    containers.clear();
    const a = { ...alert, outputs: ['phantom:sample-integration'] };
    const { deliveries } = await processor().handle(snsEvent(a), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.output, d.ok, d.attempts])).toEqual([
      ['phantom:sample-integration', true, 1],
    ]);
    expect(seen.map((s) => [s.method, s.path, s.headers['ph-auth-token']])).toEqual([
      ['GET', '/phantom/rest/container', PH_TOKEN],
      ['POST', '/phantom/rest/container', PH_TOKEN],
      ['POST', '/phantom/rest/artifact', PH_TOKEN],
    ]);
    expect(seen[0]!.query).toEqual({
      _filter_name: '"cloudtrail_root_account_use"',
      page_size: '1',
    });
    expect(seen[1]!.headers['content-type']).toBe('application/json');
    expect(seen[1]!.body).toEqual({
      name: 'cloudtrail_root_account_use',
      description: 'The AWS root account was used',
    });
    const containerId = containers.get('cloudtrail_root_account_use');
    expect(seen[2]!.body).toEqual({
      cef: a.record,
      container_id: containerId,
      data: a,
      name: 'Phantom Artifact',
      label: 'Alert',
    });
    expectNoSecretsLogged();
  });

  it("reuses the rule's existing container", async () => {
    containers.clear();
    containers.set('cloudtrail_root_account_use', 42);
    const a = {
      ...alert,
      id: 'second0000000000000000000000000',
      outputs: ['phantom:sample-integration'],
    };
    const { deliveries } = await processor().handle(snsEvent(a), FUNCTION_ARN);
    expect(deliveries.map((d) => d.ok)).toEqual([true]);
    expect(seen.map((s) => [s.method, s.path])).toEqual([
      ['GET', '/phantom/rest/container'],
      ['POST', '/phantom/rest/artifact'],
    ]);
    expect(seen[1]!.body).toEqual({
      cef: a.record,
      container_id: 42,
      data: a,
      name: 'Phantom Artifact',
      label: 'Alert',
    });
  });
});

describe('list-form credentials and failures', () => {
  it('sends Slack with a JSON or a plain-URL credential, and one failing output stops no other', async () => {
    containers.clear();
    const a = {
      ...alert,
      outputs: [
        'webhook:soar',
        'pagerduty:unset',
        'slack:sample-channel',
        'phantom:sample-integration',
        'slack:plain',
        'pagerduty:sample-integration',
      ],
    };
    const p = processor();
    const { deliveries } = await p.process(snsEvent(a), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.output, d.ok, d.attempts, d.error])).toEqual([
      ['webhook:soar', false, 3, 'HTTP 500'],
      [
        'pagerduty:unset',
        false,
        3,
        expect.stringMatching(
          /^SSM parameter \/streamalert\/outputs\/pagerduty\/unset: .*not found/i,
        ),
      ],
      ['slack:sample-channel', true, 1, undefined],
      ['phantom:sample-integration', true, 1, undefined],
      ['slack:plain', true, 1, undefined],
      ['pagerduty:sample-integration', true, 1, undefined],
    ]);
    const paths = seen.map((s) => s.path);
    expect(paths.filter((x) => x === '/slack' || x === '/slack-plain').sort()).toEqual([
      '/slack',
      '/slack-plain',
    ]);
    expect(paths.filter((x) => x === '/soar-down')).toHaveLength(3);
    expect((seen.find((s) => s.path === '/slack')!.body as { text: string }).text).toBe(
      '*StreamAlert rule triggered: cloudtrail_root_account_use*',
    );

    await expect(p.handle(snsEvent(a), FUNCTION_ARN)).rejects.toThrow(
      /^2 of 6 deliveries failed: webhook:soar \(HTTP 500\); pagerduty:unset \(SSM parameter \/streamalert\/outputs\/pagerduty\/unset: /,
    );
    expectNoSecretsLogged();
  });

  it('reports a credential that lacks what the service needs, without quoting it', async () => {
    const ssm = new SSMClient(clientConfig(moto, REGION));
    await ssm.send(
      new PutParameterCommand({
        Name: '/streamalert/outputs/phantom/no-token',
        Type: 'SecureString',
        Value: JSON.stringify({ url: `${base}/phantom` }),
      }),
    );
    await ssm.send(
      new PutParameterCommand({
        Name: '/streamalert/outputs/pagerduty/no-key',
        Type: 'SecureString',
        Value: JSON.stringify({ url: `${base}/v2/enqueue`, token: PH_TOKEN }),
      }),
    );
    const outputs = toOutputs({ phantom: ['no-token'], pagerduty: ['no-key'] });
    const p = createAlertProcessor({
      outputs,
      clients: {
        s3: () => new S3Client({}),
        sns: () => new SNSClient({}),
        lambda: () => new LambdaClient({}),
      },
      secrets: createSecretStore({
        ssm: () => ssm,
        secretsManager: () => new SecretsManagerClient(clientConfig(moto, REGION)),
      }),
      logger: createLogger({ level: 'debug', write: (l) => logLines.push(l) }),
      retry: { attempts: 1, baseDelayMs: 1 },
    });
    const { deliveries } = await p.process(
      snsEvent({ ...alert, outputs: ['phantom:no-token', 'pagerduty:no-key'] }),
      FUNCTION_ARN,
    );
    expect(deliveries.map((d) => d.error)).toEqual([
      'SSM parameter /streamalert/outputs/phantom/no-token: secret JSON has no "ph_auth_token" string',
      'SSM parameter /streamalert/outputs/pagerduty/no-key: secret JSON has no "routing_key" (or "service_key") string',
    ]);
    expect(seen).toEqual([]);
    expectNoSecretsLogged();
  });
});

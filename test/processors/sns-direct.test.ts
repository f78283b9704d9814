/**
 * PublishBatch without the SNS SDK (the rule processor's alerts in Lambda): where it applies,
 * what it sends (checked against the SDK's own SigV4 signer, so the signature is the one SNS
 * would compute), and how the sink reads SNS's answers through it (refused entries retried,
 * too-large ones sent reduced, an error answer retried). A local HTTP server plays SNS.
 */
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/processors/shared/logger.js';
import type { Alert } from '../../src/processors/shared/alert.js';
import { createSnsPublisher } from '../../src/processors/rule-processor/sink.js';
import {
  createDirectSns,
  directSnsTarget,
  parsePublishBatchResponse,
  publishBatchBody,
} from '../../src/processors/rule-processor/sns-direct.js';

const CREDS = { AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'secret/key+test' };
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:acme_alerts';

describe('directSnsTarget', () => {
  it("uses SNS's regional endpoint of the commercial partition, or the configured one", () => {
    expect(directSnsTarget({ ...CREDS, AWS_REGION: 'eu-west-1' })?.endpoint.href).toBe(
      'https://sns.eu-west-1.amazonaws.com/',
    );
    expect(
      directSnsTarget({
        ...CREDS,
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:5000',
        AWS_ENDPOINT_URL_SNS: 'http://127.0.0.1:4566',
      }),
    ).toEqual({ endpoint: new URL('http://127.0.0.1:4566'), region: 'us-east-1' });
  });

  it('leaves to the SDK what it would resolve itself', () => {
    const env = { ...CREDS, AWS_REGION: 'eu-west-1' };
    expect(directSnsTarget({ AWS_REGION: 'eu-west-1' })).toBeUndefined(); // profile, IMDS...
    expect(directSnsTarget({ ...CREDS })).toBeUndefined(); // no region
    expect(directSnsTarget({ ...env, AWS_USE_FIPS_ENDPOINT: 'true' })).toBeUndefined();
    expect(directSnsTarget({ ...env, AWS_USE_DUALSTACK_ENDPOINT: 'true' })).toBeUndefined();
    expect(directSnsTarget({ ...CREDS, AWS_REGION: 'cn-north-1' })).toBeUndefined();
    expect(directSnsTarget({ ...CREDS, AWS_REGION: 'us-gov-west-1' })).toBeUndefined();
    expect(
      directSnsTarget({
        ...env,
        AWS_ENDPOINT_URL: 'http://127.0.0.1:5000',
        AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true',
      })?.endpoint.href,
    ).toBe('https://sns.eu-west-1.amazonaws.com/');
    expect(directSnsTarget({ ...env, AWS_ENDPOINT_URL: 'not a url' })).toBeUndefined();
  });
});

describe('the PublishBatch request and answer', () => {
  it('writes every entry as the Query protocol names it, text kept exactly', () => {
    const message = 'a+b & c=d %20 é \u{1F600}\nnext line';
    const form = new URLSearchParams(
      publishBatchBody({
        TopicArn: TOPIC,
        PublishBatchRequestEntries: [
          { Id: '0', Message: message, Subject: 'StreamAlert: rule one' },
          { Id: '1', Message: '{}' },
        ],
      }),
    );
    expect(Object.fromEntries(form)).toEqual({
      Action: 'PublishBatch',
      Version: '2010-03-31',
      TopicArn: TOPIC,
      'PublishBatchRequestEntries.member.1.Id': '0',
      'PublishBatchRequestEntries.member.1.Message': message,
      'PublishBatchRequestEntries.member.1.Subject': 'StreamAlert: rule one',
      'PublishBatchRequestEntries.member.2.Id': '1',
      'PublishBatchRequestEntries.member.2.Message': '{}',
    });
  });

  it('reads Successful and Failed entries, entities decoded', () => {
    expect(
      parsePublishBatchResponse(
        `<PublishBatchResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishBatchResult><Successful><member><Id>0</Id><MessageId>m-0</MessageId></member></Successful><Failed><member><Id>1</Id><Code>InvalidParameter</Code><Message>Invalid parameter: Message too long &amp; &lt;big&gt; &#233;</Message><SenderFault>true</SenderFault></member></Failed></PublishBatchResult></PublishBatchResponse>`,
      ),
    ).toEqual({
      Successful: [{ Id: '0', MessageId: 'm-0' }],
      Failed: [
        {
          Id: '1',
          Code: 'InvalidParameter',
          Message: 'Invalid parameter: Message too long & <big> é',
          SenderFault: true,
        },
      ],
    });
    expect(
      parsePublishBatchResponse(
        '<PublishBatchResponse><PublishBatchResult><Successful/><Failed/></PublishBatchResult></PublishBatchResponse>',
      ),
    ).toEqual({ Successful: [], Failed: [] });
    expect(() => parsePublishBatchResponse('<html>proxy error</html>')).toThrow(
      /without a PublishBatchResult/,
    );
  });
});

/** SHA-256 for the SDK's signer (the SDK hands it @smithy/hash-node's, which wraps the same). */
type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: SourceData) =>
  typeof d === 'string'
    ? d
    : ArrayBuffer.isView(d)
      ? Buffer.from(d.buffer, d.byteOffset, d.byteLength)
      : Buffer.from(d);
class Sha256 {
  private readonly h;
  constructor(secret?: SourceData) {
    this.h = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256');
  }
  update(data: SourceData) {
    this.h.update(bytes(data));
  }
  digest() {
    return Promise.resolve(new Uint8Array(this.h.digest()));
  }
}

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('alerts sent through the SNS stand-in', () => {
  let server: Server;
  let port: number;
  const received: Received[] = [];
  /** What the stand-in answers next (ids of the request's entries given); then a plain success. */
  const answers: ((ids: string[]) => { status: number; xml: string })[] = [];
  const success = (ids: string[], failed: string[] = []) =>
    `<PublishBatchResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishBatchResult><Successful>${ids
      .filter((id) => !failed.includes(id))
      .map((id) => `<member><Id>${id}</Id><MessageId>m-${id}</MessageId></member>`)
      .join(
        '',
      )}</Successful><Failed>${failed.join('')}</Failed></PublishBatchResult></PublishBatchResponse>`;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ path: req.url ?? '', headers: req.headers, body });
        const ids = [...new URLSearchParams(body)]
          .filter(([k]) => /^PublishBatchRequestEntries\.member\.\d+\.Id$/.test(k))
          .map(([, v]) => v);
        const answer = answers.shift()?.(ids) ?? { status: 200, xml: success(ids) };
        res.writeHead(answer.status, { 'content-type': 'text/xml' });
        res.end(answer.xml);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const env = () => ({
    ...CREDS,
    AWS_SESSION_TOKEN: 'session-token',
    AWS_REGION: 'eu-west-1',
    AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
  });
  const alert = (n: number, record: unknown = { n }): Alert =>
    ({
      id: `alert-${n}`,
      rule_name: `rule_${n}`,
      record,
    }) as unknown as Alert;
  const publisher = (logs: string[] = []) =>
    createSnsPublisher(
      createDirectSns(directSnsTarget(env())!, env()),
      TOPIC,
      createLogger({ level: 'debug', write: (l) => logs.push(l) }),
    );
  const messages = (r: Received) =>
    [...new URLSearchParams(r.body)]
      .filter(([k]) => k.endsWith('.Message'))
      .map(([, v]) => JSON.parse(v) as Alert);

  it('sends a request signed as the SDK signs it, with the session token', async () => {
    received.length = 0;
    expect(await publisher().publish([alert(1), alert(2)])).toEqual([]);
    expect(received).toHaveLength(1);
    const r = received[0]!;
    expect(messages(r).map((a) => a.id)).toEqual(['alert-1', 'alert-2']);
    expect(r.headers['x-amz-security-token']).toBe('session-token');
    const auth = String(r.headers.authorization);
    expect(auth).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/eu-west-1\/sns\/aws4_request, SignedHeaders=/,
    );
    // The SDK's signer, given the same request, the same signed headers and the same time.
    const signed = /SignedHeaders=([^,]+)/.exec(auth)![1]!.split(';');
    const amzDate = String(r.headers['x-amz-date']);
    const signer = new SignatureV4({
      service: 'sns',
      region: 'eu-west-1',
      credentials: {
        accessKeyId: CREDS.AWS_ACCESS_KEY_ID,
        secretAccessKey: CREDS.AWS_SECRET_ACCESS_KEY,
        sessionToken: 'session-token',
      },
      sha256: Sha256,
      // x-amz-content-sha256 is S3's: SNS's requests do not carry it.
      applyChecksum: false,
    });
    const headers: Record<string, string> = {};
    for (const h of signed) headers[h] = String(r.headers[h]);
    const expected = await signer.sign(
      {
        method: 'POST',
        protocol: 'http:',
        hostname: '127.0.0.1',
        port,
        path: r.path,
        query: {},
        headers,
        body: r.body,
      },
      {
        signingDate: new Date(
          amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'),
        ),
        signableHeaders: new Set(signed),
        unsignableHeaders: new Set(
          Object.keys(r.headers).filter((h) => !signed.includes(h) && h !== 'authorization'),
        ),
      },
    );
    expect(/Signature=(\w+)/.exec(auth)![1]).toBe(
      /Signature=(\w+)/.exec(String(expected.headers.authorization))![1],
    );
  });

  it('retries an entry SNS refuses, and sends reduced one it finds too large', async () => {
    received.length = 0;
    const logs: string[] = [];
    answers.push((ids) => ({
      status: 200,
      xml: success(ids, [
        `<member><Id>0</Id><Code>Throttled</Code><Message>Rate exceeded</Message><SenderFault>false</SenderFault></member>`,
        `<member><Id>1</Id><Code>InvalidParameter</Code><Message>Invalid parameter: Message too long</Message><SenderFault>true</SenderFault></member>`,
      ]),
    }));
    const sent = [alert(1, { big: 'x' }), alert(2, { big: 'y' }), alert(3)];
    expect(await publisher(logs).publish(sent)).toEqual([]);
    expect(received).toHaveLength(2);
    const retried = messages(received[1]!);
    expect(retried.map((a) => a.id)).toEqual(['alert-1', 'alert-2']);
    // The second is the reduced message: its record is replaced by a note.
    expect(retried[0]!.record).toEqual({ big: 'x' });
    expect(retried[1]!.record).not.toEqual({ big: 'y' });
    expect(logs.some((l) => l.includes('SNS refused an alert') && l.includes('Throttled'))).toBe(
      true,
    );
  });

  it('retries a request SNS answers with an error, and reports what never got through', async () => {
    received.length = 0;
    const logs: string[] = [];
    answers.push(() => ({
      status: 500,
      xml: '<ErrorResponse><Error><Type>Receiver</Type><Code>InternalError</Code><Message>try again</Message></Error></ErrorResponse>',
    }));
    expect(await publisher(logs).publish([alert(1)])).toEqual([]);
    expect(received).toHaveLength(2);
    expect(logs.some((l) => l.includes('HTTP 500 InternalError: try again'))).toBe(true);

    const denied = () => ({
      status: 403,
      xml: '<ErrorResponse><Error><Code>AuthorizationError</Code><Message>not allowed</Message></Error></ErrorResponse>',
    });
    answers.push(denied, denied, denied);
    const lost = [alert(7)];
    expect(await publisher().publish(lost)).toEqual(lost);
  });
});

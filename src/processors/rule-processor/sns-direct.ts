/**
 * SNS PublishBatch without the SNS SDK, for the rule processor's first alert of a cold start.
 *
 * Loading @aws-sdk/client-sns and making its client took about 40% of a cold process's time to
 * its first alert (bench/formats: 276 ms after process start on Node 22, the bare request 57
 * ms) and about 11 MB of RSS in a 128 MB function. PublishBatch is one signed form POST and
 * an XML answer of two lists: this sends it with node:http(s), signed by aws4 (the signing
 * library the request and aws-sdk v2 ecosystems used; no crypto is written here), and reads
 * the answer's Successful and Failed entries as the SDK hands them over. The sink keeps its
 * retries (a throw or a Failed entry is tried again).
 *
 * It is used only where the environment says everything it needs, as it does in Lambda:
 * credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), the region, and
 * either an endpoint (AWS_ENDPOINT_URL_SNS, AWS_ENDPOINT_URL) or a region of the commercial
 * partition. Anything else (FIPS or dual-stack endpoints, other partitions, credentials from
 * a profile or a container endpoint) keeps the SDK client, which resolves those.
 */
import type { Agent, ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import aws4 from 'aws4';

export interface PublishBatchInput {
  TopicArn: string;
  PublishBatchRequestEntries: { Id: string; Message: string; Subject?: string }[];
}

/** The fields of the SDK's PublishBatchCommandOutput the sink reads. */
export interface PublishBatchOutput {
  Successful?: { Id?: string; MessageId?: string }[];
  Failed?: { Id?: string; Code?: string; Message?: string; SenderFault?: boolean }[];
}

export interface DirectSns {
  publishBatch(input: PublishBatchInput): Promise<PublishBatchOutput>;
}

/** Regions of the commercial partition, whose SNS endpoint is sns.<region>.amazonaws.com. */
const COMMERCIAL_REGION = /^(?:us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\d+$/;

/** A request that gets no answer in this long fails (the sink retries it). */
const TIMEOUT_MS = 30_000;

/** An answer larger than this is not SNS's (10 entries of ids and short messages). */
const MAX_RESPONSE_BYTES = 1024 * 1024;

type Env = Record<string, string | undefined>;

/** Where and as whom to publish, or undefined when the environment leaves that to the SDK. */
export function directSnsTarget(env: Env): { endpoint: URL; region: string } | undefined {
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) return undefined;
  if (env.AWS_USE_FIPS_ENDPOINT === 'true' || env.AWS_USE_DUALSTACK_ENDPOINT === 'true')
    return undefined;
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (!region) return undefined;
  const configured =
    env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true'
      ? undefined
      : env.AWS_ENDPOINT_URL_SNS || env.AWS_ENDPOINT_URL;
  if (configured) {
    try {
      const endpoint = new URL(configured);
      return endpoint.protocol === 'https:' || endpoint.protocol === 'http:'
        ? { endpoint, region }
        : undefined;
    } catch {
      return undefined;
    }
  }
  return COMMERCIAL_REGION.test(region)
    ? { endpoint: new URL(`https://sns.${region}.amazonaws.com/`), region }
    : undefined;
}

/** The form body of a PublishBatch call (the Query protocol's names). */
export function publishBatchBody(input: PublishBatchInput): string {
  const form = new URLSearchParams({
    Action: 'PublishBatch',
    Version: '2010-03-31',
    TopicArn: input.TopicArn,
  });
  input.PublishBatchRequestEntries.forEach((e, i) => {
    const at = `PublishBatchRequestEntries.member.${i + 1}`;
    form.append(`${at}.Id`, e.Id);
    form.append(`${at}.Message`, e.Message);
    if (e.Subject !== undefined) form.append(`${at}.Subject`, e.Subject);
  });
  // URLSearchParams writes a space as "+", which the signature's canonical form does not use.
  return form.toString().replaceAll('+', '%20');
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function xmlText(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : ENTITIES[e]!,
  );
}

/** The <member> elements of list `name` as maps of their child elements' text. */
function members(xml: string, name: string): Record<string, string>[] {
  const list = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1];
  if (!list) return [];
  const out: Record<string, string>[] = [];
  for (const m of list.matchAll(/<member>([\s\S]*?)<\/member>/g)) {
    const fields: Record<string, string> = {};
    for (const f of m[1]!.matchAll(/<(\w+)>([\s\S]*?)<\/\1>/g)) fields[f[1]!] = xmlText(f[2]!);
    out.push(fields);
  }
  return out;
}

/** PublishBatch's answer as the SDK gives it; throws for an answer that is not one. */
export function parsePublishBatchResponse(xml: string): PublishBatchOutput {
  if (!xml.includes('<PublishBatchResult'))
    throw new Error(`SNS answered without a PublishBatchResult: ${xml.slice(0, 200)}`);
  return {
    Successful: members(xml, 'Successful').map((m) => ({ Id: m.Id, MessageId: m.MessageId })),
    Failed: members(xml, 'Failed').map((m) => ({
      Id: m.Id,
      Code: m.Code,
      Message: m.Message,
      SenderFault: m.SenderFault === 'true',
    })),
  };
}

/** SNS's error answer (<Error><Code>…</Code><Message>…</Message>) as an Error named by its code. */
function errorOf(status: number, xml: string): Error {
  const code = /<Code>([\s\S]*?)<\/Code>/.exec(xml)?.[1];
  const message = /<Message>([\s\S]*?)<\/Message>/.exec(xml)?.[1];
  const err = new Error(
    `SNS PublishBatch: HTTP ${status}${code ? ` ${xmlText(code)}` : ''}${message ? `: ${xmlText(message)}` : ''}`,
  );
  if (code) err.name = xmlText(code);
  return err;
}

/** A PublishBatch sender for `target`; credentials are read from `env` at each call. */
export function createDirectSns(
  target: { endpoint: URL; region: string },
  env: Env = process.env,
): DirectSns {
  const { endpoint, region } = target;
  // node:https is loaded at the first alert (an invocation without one never needs it), its
  // agent kept alive as the SDK's handler does: later batches skip the TCP and TLS handshakes.
  let transport:
    | Promise<{
        agent: Agent;
        send: (o: RequestOptions, cb: (res: IncomingMessage) => void) => ClientRequest;
      }>
    | undefined;
  const connect = () =>
    (transport ??= (
      endpoint.protocol === 'https:' ? import('node:https') : import('node:http')
    ).then((m) => ({
      agent: new m.Agent({ keepAlive: true, maxSockets: 50 }),
      send: (o: RequestOptions, cb: (res: IncomingMessage) => void) => m.request(o, cb),
    })));
  const path = endpoint.pathname || '/';
  return {
    async publishBatch(input) {
      const { agent, send } = await connect();
      const body = publishBatchBody(input);
      const signed = aws4.sign(
        {
          service: 'sns',
          region,
          method: 'POST',
          host: endpoint.hostname,
          ...(endpoint.port ? { port: Number(endpoint.port) } : {}),
          path,
          body,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
        },
        {
          accessKeyId: env.AWS_ACCESS_KEY_ID,
          secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
          ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
        },
      );
      return new Promise<PublishBatchOutput>((resolve, reject) => {
        const req = send(
          {
            protocol: endpoint.protocol,
            hostname: endpoint.hostname,
            port: endpoint.port || undefined,
            method: 'POST',
            path,
            headers: signed.headers,
            agent,
            timeout: TIMEOUT_MS,
          },
          (res: IncomingMessage) => {
            const chunks: Buffer[] = [];
            let size = 0;
            res.on('data', (c: Buffer) => {
              size += c.length;
              if (size > MAX_RESPONSE_BYTES) {
                res.destroy(
                  new Error(`SNS PublishBatch: answer larger than ${MAX_RESPONSE_BYTES} bytes`),
                );
                return;
              }
              chunks.push(c);
            });
            res.on('error', reject);
            res.on('end', () => {
              const xml = Buffer.concat(chunks).toString('utf8');
              const status = res.statusCode ?? 0;
              if (status < 200 || status >= 300) return reject(errorOf(status, xml));
              try {
                resolve(parsePublishBatchResponse(xml));
              } catch (err) {
                reject(err as Error);
              }
            });
          },
        );
        req.on('timeout', () =>
          req.destroy(new Error(`SNS PublishBatch: no answer in ${TIMEOUT_MS / 1000} s`)),
        );
        req.on('error', reject);
        req.end(body);
      });
    },
  };
}

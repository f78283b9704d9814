/**
 * aws-ses: one email per alert through SendRawEmail, as StreamAlert sent it: subject
 * "<rule> triggered alert <id>", a short text body (the rule's description, where the
 * record came from and the rule's context) and the record attached as record.json (keys
 * sorted, as StreamAlert). The sender and recipients are
 * the credential (StreamAlert's `from_email` and `to_emails`); the SES identity that may
 * send is named in outputs.json, so the IAM grant is that identity's ARN alone.
 */
import { randomBytes } from 'node:crypto';
import type { SESClient } from '@aws-sdk/client-ses';
import type { Alert } from '../../shared/alert.js';
import { alertContext, prettyJson } from './alert-content.js';
import { PermanentError, secretObject } from './http.js';
import type { SecretRef } from '../../config/types.js';
import { awsClient } from './aws-clients.js';
import type { OutputDescriptor } from './descriptor.js';
import {
  descriptorName,
  NOT_OBJECT,
  NOT_OBJECT_OR_ARRAY,
  secretRefOf,
  secretRefSchema,
} from './descriptor-schema.js';

export interface SesCredential {
  from: string;
  to: string[];
}

const ADDRESS =
  /^[^\s@<>",;]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** The identity of StreamAlert's list form: any verified identity of the account and region. */
export const ANY_IDENTITY = '*';

/** SES takes at most 50 recipients per message. */
const MAX_RECIPIENTS = 50;

/**
 * JSON `{"from_email": "...", "to_emails": "a@x, b@y"}` (StreamAlert's comma-separated
 * string) or with `to_emails` as a list. Messages name the field, never its value.
 */
export function parseSesSecret(value: string): SesCredential {
  const obj = secretObject(value);
  if (!obj) throw new Error('secret is not a JSON object with from_email and to_emails');
  const from = typeof obj.from_email === 'string' ? obj.from_email.trim() : undefined;
  if (!from || !ADDRESS.test(from))
    throw new Error('secret JSON "from_email" is not an email address');
  const raw = obj.to_emails;
  const list = typeof raw === 'string' ? raw.split(',') : Array.isArray(raw) ? raw : undefined;
  if (!list || !list.every((t) => typeof t === 'string'))
    throw new Error('secret JSON "to_emails" is neither a comma-separated string nor a list');
  const to = (list as string[]).map((t) => t.trim()).filter((t) => t !== '');
  if (to.length === 0) throw new Error('secret JSON "to_emails" names no recipient');
  if (to.length > MAX_RECIPIENTS)
    throw new Error(
      `secret JSON "to_emails" names ${to.length} recipients; SES takes ${MAX_RECIPIENTS}`,
    );
  to.forEach((t, i) => {
    if (!ADDRESS.test(t))
      throw new Error(`secret JSON "to_emails" entry ${i + 1} is not an email address`);
  });
  return { from, to };
}

/**
 * The grant covers one identity: an address, or a domain (its addresses and subdomains').
 * Checked before sending so a mismatch says so instead of SES's bare AccessDenied.
 */
export function identityCovers(identity: string, from: string): boolean {
  // StreamAlert's list form names no identity: the grant covers every identity of the account.
  if (identity === ANY_IDENTITY) return true;
  const id = identity.toLowerCase();
  const address = from.toLowerCase();
  if (id.includes('@')) return address === id;
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return domain === id || domain.endsWith(`.${id}`);
}

/** RFC 2047 encoded-word for non-ASCII header text. */
function headerText(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ');
  return /^[\x20-\x7e]*$/.test(clean)
    ? clean
    : `=?UTF-8?B?${Buffer.from(clean, 'utf8').toString('base64')}?=`;
}

function base64Lines(data: string): string {
  return (
    Buffer.from(data, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');
}

export function sesSubject(alert: Alert): string {
  return `${alert.rule_name} triggered alert ${alert.id}`;
}

/** The MIME message: text body plus record.json, CRLF line ends as SMTP wants. */
export function rawEmail(alert: Alert, cred: SesCredential, boundary: string): string {
  const context = alertContext(alert);
  const body = [
    alert.rule_description || `Rule ${alert.rule_name} raised an alert.`,
    '',
    `Rule: ${alert.rule_name}`,
    `Log: ${alert.log_source} (from ${alert.source_service} ${alert.source_entity})`,
    `Alert id: ${alert.id}`,
    ...(context ? ['', 'Context:', prettyJson(context)] : []),
    '',
    'Please review the attached record.json.',
  ].join('\n');
  return [
    `From: ${cred.from}`,
    `To: ${cred.to.join(', ')}`,
    `Subject: ${headerText(sesSubject(alert))}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(body),
    `--${boundary}`,
    'Content-Type: application/json; name="record.json"',
    'Content-Disposition: attachment; filename="record.json"',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(prettyJson(alert.record)),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

export async function sendToSes(
  ses: SESClient,
  identity: string,
  cred: SesCredential,
  alert: Alert,
): Promise<void> {
  if (!identityCovers(identity, cred.from))
    throw new PermanentError(
      `from_email is not covered by the SES identity ${identity} that outputs.json names (and IAM grants)`,
    );
  const { SendRawEmailCommand } = await import('@aws-sdk/client-ses');
  const boundary = `streamalert-${randomBytes(12).toString('hex')}`;
  // No Destinations: SES then takes the recipients from the To header, the one list the
  // message carries (given both, emulators count each recipient twice).
  await ses.send(
    new SendRawEmailCommand({
      Source: cred.from,
      RawMessage: { Data: Buffer.from(rawEmail(alert, cred, boundary)) },
    }),
  );
}

/* The value passed the schema below. */
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The `aws-ses` output: descriptor → the SES identity allowed to send (the IAM grant names
 * it) and, optionally, where the credential (from_email, to_emails) lives; without one it is
 * StreamAlert's SSM parameter /streamalert/outputs/aws-ses/<descriptor>. StreamAlert 3's bare
 * list names no identity: the grant then covers every SES identity of the account and region
 * (StreamAlert 3 granted `*`), and the sender is the credential's from_email.
 */
export const sesOutput: OutputDescriptor<{
  readonly service: 'aws-ses';
  readonly descriptor: string;
  /** The verified SES identity (address or domain) the IAM grant names. */
  readonly identity: string;
  /** Holds from_email and to_emails, as StreamAlert's credential did. */
  readonly secret: SecretRef;
}> = {
  service: 'aws-ses',
  kind: 'aws',
  schema: {
    allOf: [
      {
        not: { type: NOT_OBJECT_OR_ARRAY },
        'x-message':
          'must be an object mapping each descriptor to {"identity": "<verified address or domain>"} (optionally with "ssm_parameter" or "secretsmanager_secret"), or StreamAlert\'s list of descriptors (any identity of the account may send)',
      },
      { uniqueItems: true },
    ],
    // Array keywords apply to the list form only, object keywords to the map form only.
    items: descriptorName,
    propertyNames: descriptorName,
    additionalProperties: {
      allOf: [
        {
          not: { type: NOT_OBJECT },
          'x-message': 'must be an object {"identity": "<verified address or domain>"}',
        },
        {
          not: { required: ['ssm_parameter', 'secretsmanager_secret'] },
          'x-message': 'must name at most one of ssm_parameter or secretsmanager_secret',
        },
      ],
      additionalProperties: false,
      required: ['identity'],
      properties: {
        identity: {
          type: 'string',
          maxLength: 320,
          pattern:
            '^([^\\s@<>",;]+@)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$',
          'x-message': 'must be an SES identity: an email address or a domain',
        },
        ssm_parameter: secretRefSchema.properties.ssm_parameter,
        secretsmanager_secret: secretRefSchema.properties.secretsmanager_secret,
      },
    },
  },
  toTarget: (descriptor, value: any) => ({
    service: 'aws-ses',
    descriptor,
    identity: value?.identity ?? ANY_IDENTITY,
    secret: secretRefOf('aws-ses', descriptor, value),
  }),
  grants: (t) => ({ sesIdentities: [t.identity] }),
  doc: {
    credential:
      '`{"from_email": "alerts@example.com", "to_emails": "a@example.com, b@example.com"}` (`to_emails` may be a list, at most 50) at `/streamalert/outputs/aws-ses/<descriptor>` unless the entry names `ssm_parameter` or `secretsmanager_secret`',
    sends:
      "`SendRawEmail`: subject `<rule> triggered alert <id>`, a text body (description, rule, log and source, alert id) and the record attached as `record.json`, as StreamAlert; `from_email` must be the entry's `identity` or an address of that domain (checked before sending)",
  },
  deliver: async (target, { clients, alert, credential }) =>
    sendToSes(
      await awsClient(clients, 'ses'),
      target.identity,
      await credential(target.secret, parseSesSecret),
      alert,
    ),
};

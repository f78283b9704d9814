/**
 * HTTPS webhooks: Slack (incoming-webhook message with the rule and the record) and a
 * plain JSON POST of the alert. The URL is the secret, so it never appears in errors:
 * failures name the output, the HTTP status and nothing else.
 */
import type { Alert } from '../../shared/alert.js';
import { checkedUrl, httpJson } from './http.js';
import { credentialOutput } from './descriptor.js';

export interface WebhookSecret {
  url: string;
  headers: Record<string, string>;
}

/** The secret is the URL itself, or JSON `{"url": ..., "headers": {...}}` for hooks that need a key header. */
export function parseWebhookSecret(value: string): WebhookSecret {
  const text = value.trim();
  let url = text;
  let headers: Record<string, string> = {};
  if (text.startsWith('{')) {
    let parsed: { url?: unknown; headers?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      throw new Error('secret looks like JSON but does not parse');
    }
    if (typeof parsed.url !== 'string') throw new Error('secret JSON has no "url" string');
    url = parsed.url;
    if (parsed.headers && typeof parsed.headers === 'object')
      headers = parsed.headers as Record<string, string>;
  }
  checkedUrl(url, 'webhook URL');
  return { url, headers };
}

const SLACK_TEXT_LIMIT = 3500;

/** A Slack incoming-webhook message: title, description, and the record as JSON split into attachments. */
export function slackMessage(alert: Alert): object {
  const record = JSON.stringify(alert.record, null, 2);
  const parts: string[] = [];
  for (let i = 0; i < record.length && parts.length < 10; i += SLACK_TEXT_LIMIT)
    parts.push(record.slice(i, i + SLACK_TEXT_LIMIT));
  return {
    text: `*StreamAlert rule triggered: ${alert.rule_name}*`,
    mrkdwn: true,
    attachments: parts.map((part, i) => ({
      fallback: `StreamAlert rule triggered: ${alert.rule_name}`,
      color: '#b22222',
      pretext:
        i === 0
          ? `*Rule description:*\n${alert.rule_description}\n*Log:* ${alert.log_source} from ${alert.source_service} ${alert.source_entity} (alert ${alert.id})`
          : undefined,
      title: parts.length > 1 ? `Record (part ${i + 1} of ${parts.length})` : 'Record',
      text: `\`\`\`${part}\`\`\``,
      mrkdwn_in: ['text', 'pretext'],
    })),
  };
}

export async function postJson(
  secret: WebhookSecret,
  body: object,
  timeoutMs = 10_000,
): Promise<void> {
  await httpJson(secret.url, {
    method: 'POST',
    headers: secret.headers,
    body,
    timeoutMs,
    // The URL (and any key header) is the credential: a service echoing it must not leak it.
    redact: [secret.url, ...Object.values(secret.headers)],
  });
}

/** The `slack` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
export const slackOutput = credentialOutput({
  service: 'slack',
  doc: {
    credential: '`{"url": "https://hooks.slack.com/..."}`',
    sends: 'incoming-webhook message: rule, description, the record',
  },
  parse: parseWebhookSecret,
  send: (credential, { alert }) => postJson(credential, slackMessage(alert)),
});

/** The `webhook` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
export const webhookOutput = credentialOutput({
  service: 'webhook',
  doc: {
    credential: '`{"url": "https://...", "headers": {...}}` (headers optional)',
    sends: '`POST` of the alert as JSON',
  },
  parse: parseWebhookSecret,
  send: (credential, { alert }) => postJson(credential, alert),
});

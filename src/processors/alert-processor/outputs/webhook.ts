/**
 * HTTPS webhooks: Slack (incoming-webhook message with the rule, the record and the alert's
 * context: the threat-intel matches and lookup-table rows it was raised with) and a plain
 * JSON POST of the alert. The URL is the secret, so it never appears in errors:
 * failures name the output, the HTTP status and nothing else.
 */
import type { Alert } from '../../shared/alert.js';
import { alertContext, prettyJson } from './alert-content.js';
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

/**
 * Text from a feed, a table or a record inside a Slack code block: Slack's three escapes
 * (so `<!channel>` or `<https://x|click>` stays text) and no ``` that would end the block.
 */
export function slackCode(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `\`\`\`${escaped.replace(/```/g, '`\u200b``')}\`\`\``;
}

/** The context attachment: what the alert was matched with, cut to one attachment's text. */
function contextAttachment(alert: Alert): object[] {
  const context = alertContext(alert);
  if (!context) return [];
  const json = prettyJson(context);
  const note = '\n... (cut; the whole context is in the alert)';
  const text = json.length <= SLACK_TEXT_LIMIT ? json : `${json.slice(0, SLACK_TEXT_LIMIT)}${note}`;
  const title = [
    context.threat_intel ? 'threat intel' : '',
    context.lookup_tables ? 'lookup tables' : '',
  ].filter((t) => t !== '');
  return [
    {
      fallback: 'Context',
      color: '#b22222',
      title: title.length > 0 ? `Context (matched with ${title.join(' and ')})` : 'Context',
      text: slackCode(text),
      mrkdwn_in: ['text'],
    },
  ];
}

/**
 * A Slack incoming-webhook message: title, description, the record as JSON split into
 * attachments, then the context (threat-intel matches, lookup rows, the rule's own).
 */
export function slackMessage(alert: Alert): object {
  const record = JSON.stringify(alert.record, null, 2);
  const parts: string[] = [];
  // Nine record parts at most: with the context, Slack's limit of 10 attachments holds.
  for (let i = 0; i < record.length && parts.length < 9; i += SLACK_TEXT_LIMIT)
    parts.push(record.slice(i, i + SLACK_TEXT_LIMIT));
  return {
    text: `*StreamAlert rule triggered: ${alert.rule_name}*`,
    mrkdwn: true,
    attachments: [
      ...parts.map((part, i) => ({
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
      ...contextAttachment(alert),
    ],
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
    sends:
      'incoming-webhook message: rule, description, the record, the context (threat-intel matches, lookup rows)',
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

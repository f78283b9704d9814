/**
 * HTTPS webhooks: Slack (incoming-webhook message with the rule and the record) and a
 * plain JSON POST of the alert. The URL is the secret, so it never appears in errors:
 * failures name the output, the HTTP status and nothing else.
 */
import type { Alert } from '../../rule-processor/alert.js';

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
    if (parsed.headers && typeof parsed.headers === 'object') headers = parsed.headers as Record<string, string>;
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error('secret is not a URL');
  }
  // Plain HTTP would send the alert (and any key) in clear; only a local endpoint may use it.
  const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback)) throw new Error('webhook URL must be https');
  return { url, headers };
}

const SLACK_TEXT_LIMIT = 3500;

/** A Slack incoming-webhook message: title, description, and the record as JSON split into attachments. */
export function slackMessage(alert: Alert): object {
  const record = JSON.stringify(alert.record, null, 2);
  const parts: string[] = [];
  for (let i = 0; i < record.length && parts.length < 10; i += SLACK_TEXT_LIMIT) parts.push(record.slice(i, i + SLACK_TEXT_LIMIT));
  return {
    text: `*StreamAlert rule triggered: ${alert.rule_name}*`,
    mrkdwn: true,
    attachments: parts.map((part, i) => ({
      fallback: `StreamAlert rule triggered: ${alert.rule_name}`,
      color: '#b22222',
      pretext: i === 0 ? `*Rule description:*\n${alert.rule_description}\n*Log:* ${alert.log_source} from ${alert.source_service} ${alert.source_entity} (alert ${alert.id})` : undefined,
      title: parts.length > 1 ? `Record (part ${i + 1} of ${parts.length})` : 'Record',
      text: `\`\`\`${part}\`\`\``,
      mrkdwn_in: ['text', 'pretext'],
    })),
  };
}

export async function postJson(secret: WebhookSecret, body: object, timeoutMs = 10_000): Promise<void> {
  let res: Response;
  try {
    res = await fetch(secret.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...secret.headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    // fetch's message and cause can carry the URL; keep only the error's kind.
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    // eslint-disable-next-line preserve-caught-error -- the cause would carry the secret URL
    throw new Error(`request failed (${(err as Error).name}${cause ? `: ${cause}` : ''})`);
  }
  await res.arrayBuffer().catch(() => undefined);
  if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status}`);
}

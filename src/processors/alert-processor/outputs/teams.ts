/**
 * Microsoft Teams, as StreamAlert's teams output: a MessageCard posted to the channel's
 * incoming-webhook URL (the credential): the rule as title, its description as text, and
 * the record (then the context) as a section of facts.
 */
import type { Alert } from '../../shared/alert.js';
import { alertContext } from './alert-content.js';
import { HttpError, httpJson, PermanentError } from './http.js';
import { parseWebhookSecret } from './webhook.js';
import { credentialOutput } from './descriptor.js';

export interface TeamsCredential {
  url: string;
}

/** JSON `{"url": "<incoming webhook URL>"}` (StreamAlert's field), or the bare URL. */
export function parseTeamsSecret(value: string): TeamsCredential {
  try {
    return { url: parseWebhookSecret(value).url };
  } catch (err) {
    throw new PermanentError((err as Error).message.replace('webhook URL', 'Teams webhook URL'));
  }
}

/** A fact's value is Markdown text; nested values are shown as JSON. */
const factValue = (v: unknown): string =>
  typeof v === 'string' ? v : (JSON.stringify(v) ?? 'null');

/** A MessageCard (the format incoming webhooks take): red theme, facts for the record and the context. */
export function teamsCard(alert: Alert): object {
  const context = alertContext(alert);
  const title = `StreamAlert Rule Triggered: ${alert.rule_name}`;
  return {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: title,
    themeColor: 'E81123',
    title,
    text: alert.rule_description || title,
    sections: [
      {
        activityTitle: 'StreamAlert Alert Record',
        activitySubtitle: `${alert.log_source} from ${alert.source_service} ${alert.source_entity} (alert ${alert.id})`,
        facts: Object.entries(alert.record).map(([name, v]) => ({ name, value: factValue(v) })),
      },
      ...(context
        ? [
            {
              activityTitle: 'Context',
              facts: Object.entries(context).map(([name, v]) => ({ name, value: factValue(v) })),
            },
          ]
        : []),
    ],
  };
}

export async function sendToTeams(credential: TeamsCredential, alert: Alert): Promise<void> {
  const { text } = await httpJson(credential.url, {
    method: 'POST',
    body: teamsCard(alert),
    redact: [credential.url],
  });
  // Office 365 connector webhooks answer "1" on success, and some failures (such as their
  // own throttling) with 200 and the error as text; Workflows webhooks answer 202 and no body.
  const answer = text.trim().split(credential.url).join('***');
  if (answer !== '' && answer !== '1') {
    const throttled = /\b429\b/.test(answer);
    throw new HttpError(
      `Teams did not accept the card (${answer.slice(0, 200).replace(/\s+/g, ' ')})`,
      200,
      throttled,
    );
  }
}

/** The `teams` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
export const teamsOutput = credentialOutput({
  service: 'teams',
  doc: {
    credential: '`{"url": "<incoming webhook URL>"}`',
    sends:
      '`POST` of a MessageCard: title "StreamAlert Rule Triggered: <rule>", text = description, facts = the record\'s fields and the context',
  },
  parse: parseTeamsSecret,
  send: (credential, { alert }) => sendToTeams(credential, alert),
});

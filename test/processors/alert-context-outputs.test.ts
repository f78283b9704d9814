/**
 * Every output that formats an alert for people shows what the alert was matched with:
 * its `context.threat_intel` (the indicator, the field and the feed with its version) and
 * `context.lookup_tables` (the rows the rule read). Feed text is data: in Slack it stays
 * inside its code block and cannot mention a channel or make a link.
 */
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/processors/shared/alert.js';
import { demistoIncident } from '../../src/processors/alert-processor/outputs/demisto.js';
import { githubIssue } from '../../src/processors/alert-processor/outputs/github.js';
import { jiraDescription } from '../../src/processors/alert-processor/outputs/jira.js';
import {
  pagerDutyEvent,
  pagerDutyV1Event,
} from '../../src/processors/alert-processor/outputs/pagerduty.js';
import { incidentBody } from '../../src/processors/alert-processor/outputs/pagerduty-incident.js';
import { rawEmail } from '../../src/processors/alert-processor/outputs/ses.js';
import { teamsCard } from '../../src/processors/alert-processor/outputs/teams.js';
import { slackMessage } from '../../src/processors/alert-processor/outputs/webhook.js';

const alert: Alert = {
  id: 'a1b2c3',
  rule_name: 'login_from_known_bad_ip',
  rule_description: 'A login from an address a feed lists',
  log_source: 'auth',
  log_type: 'json',
  source_service: 'kinesis',
  source_entity: 'auth_stream',
  outputs: ['slack:security'],
  record: { user: 'jdoe', ip: '203.0.113.5' },
  context: {
    threat_intel: [
      {
        type: 'ip',
        value: '203.0.113.5',
        field: 'ip',
        normalized_type: 'sourceAddress',
        feed: 'feodo',
        feed_version: '2026-12-07T18:00:00.000Z',
        indicator: { type: 'ip', malware: 'QakBot <!channel> <https://evil.example|click>' },
      },
    ],
    lookup_tables: [
      { table: 'contractors', key: 'jdoe', found: true, value: { team: 'vendor-ops' } },
    ],
  },
};

/** What each output puts in front of people, as text. */
const shown: Record<string, (a: Alert) => string> = {
  slack: (a) => JSON.stringify(slackMessage(a)),
  'pagerduty-v2': (a) => JSON.stringify(pagerDutyEvent(a, 'rk')),
  pagerduty: (a) => JSON.stringify(pagerDutyV1Event(a, 'sk')),
  'pagerduty-incident': (a) => incidentBody(a),
  jira: (a) => jiraDescription(a),
  github: (a) => JSON.stringify(githubIssue(a, [])),
  // The text part, base64 as the message carries it.
  ses: (a) => {
    const mime = rawEmail(a, { from: 'sa@example.com', to: ['soc@example.com'] }, 'b0undary');
    const text = mime.split('--b0undary')[1]!.split('\r\n\r\n')[1]!;
    return Buffer.from(text.replace(/\s/g, ''), 'base64').toString('utf8');
  },
  teams: (a) => JSON.stringify(teamsCard(a)),
  demisto: (a) => JSON.stringify(demistoIncident(a)),
};

describe("an alert's matched context in the outputs", () => {
  it.each(Object.keys(shown))('%s shows the indicator, its feed and the lookup row', (out) => {
    const text = shown[out]!(alert);
    for (const part of [
      '203.0.113.5',
      'feodo',
      '2026-12-07T18:00:00.000Z',
      'QakBot',
      'contractors',
      'vendor-ops',
    ])
      expect(text, `${out} shows ${part}`).toContain(part);
  });

  it('slack: one attachment after the record, feed text escaped inside its code block', () => {
    const message = slackMessage(alert) as { attachments: { title: string; text: string }[] };
    const context = message.attachments.at(-1)!;
    expect(context.title).toBe('Context (matched with threat intel and lookup tables)');
    expect(context.text.startsWith('```') && context.text.endsWith('```')).toBe(true);
    expect(context.text).toContain('QakBot &lt;!channel&gt; &lt;https://evil.example|click&gt;');
    expect(context.text).not.toContain('<!channel>');
    // A feed row holding ``` cannot close the block early.
    const fenced = slackMessage({
      ...alert,
      context: { threat_intel: [{ feed: 'x', indicator: { malware: '```*bold*```' } }] },
    }) as { attachments: { text: string }[] };
    expect(fenced.attachments.at(-1)!.text.slice(3, -3)).not.toContain('```');
    // Without a context: the record only, as before.
    const plain = slackMessage({ ...alert, context: undefined }) as { attachments: object[] };
    expect(plain.attachments).toHaveLength(1);
  });

  it('slack: a big record and context stay within 10 attachments, the context cut', () => {
    const big = slackMessage({
      ...alert,
      record: { blob: 'r'.repeat(100_000) },
      context: {
        lookup_tables: [{ table: 't', key: 'k', found: true, value: 'v'.repeat(50_000) }],
      },
    }) as { attachments: { title: string; text: string }[] };
    expect(big.attachments).toHaveLength(10);
    expect(big.attachments.at(-1)!.title).toBe('Context (matched with lookup tables)');
    expect(big.attachments.at(-1)!.text).toContain('... (cut; the whole context is in the alert)');
    expect(big.attachments.at(-1)!.text.length).toBeLessThan(3700);
  });
});

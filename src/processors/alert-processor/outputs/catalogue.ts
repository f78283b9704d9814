/**
 * What each alert output needs and sends, for people: the catalogue in docs/outputs.md is
 * generated from it (`npm run docs`). Typed over OutputService, so a service added to
 * config/types.ts without an entry here fails to compile. Never imported by the Lambda code.
 */
import type { OutputService } from '../../config/types.js';

export interface OutputDescription {
  /** The credential JSON (or, for AWS services, what outputs.json names), Markdown. */
  readonly credential: string;
  /** What the alert processor sends, Markdown. */
  readonly sends: string;
}

export const OUTPUT_CATALOGUE: { readonly [S in OutputService]: OutputDescription } = {
  'aws-s3': {
    credential: 'none (bucket name in outputs.json)',
    sends:
      'the alert as JSON, one object per alert under `alerts/dt=YYYY-MM-DD-HH/<rule>/<id>.json`',
  },
  'aws-sns': {
    credential: 'none (topic name)',
    sends: 'the alert as the message',
  },
  'aws-lambda': {
    credential: 'none (`name`, `name:qualifier` or ARN)',
    sends: 'the alert, invoked asynchronously',
  },
  'aws-firehose': {
    credential: 'none (delivery stream name)',
    sends:
      '`PutRecord` of the alert as one JSON line (`\\n`-terminated, so the destination objects hold one alert per line); an alert over 1,000,000 bytes fails at once',
  },
  'aws-sqs': {
    credential: 'none (queue name; the URL is asked once with `GetQueueUrl`)',
    sends:
      '`SendMessage` with the alert as the body; a `.fifo` queue gets `MessageGroupId: <rule>` and `MessageDeduplicationId: <alert id>`, so a retried event lands once; over 256 KiB fails at once',
  },
  'aws-cloudwatch-log': {
    credential:
      "none: a list of descriptors (StreamAlert's form) or descriptor \u2192 log group name",
    sends:
      "list form: the alert as one `New Alert` line of the alert processor's own log; map form: `PutLogEvents` of the alert as JSON to the group, in the stream named after the alert processor function (`<prefix>_<cluster>_streamalert_alert_processor`, created on first use)",
  },
  'aws-ses': {
    credential:
      '`{"from_email": "alerts@example.com", "to_emails": "a@example.com, b@example.com"}` (`to_emails` may be a list, at most 50) at `/streamalert/outputs/aws-ses/<descriptor>` unless the entry names `ssm_parameter` or `secretsmanager_secret`',
    sends:
      "`SendRawEmail`: subject `<rule> triggered alert <id>`, a text body (description, rule, log and source, alert id) and the record attached as `record.json`, as StreamAlert; `from_email` must be the entry's `identity` or an address of that domain (checked before sending)",
  },
  slack: {
    credential: '`{"url": "https://hooks.slack.com/..."}`',
    sends: 'incoming-webhook message: rule, description, the record',
  },
  webhook: {
    credential: '`{"url": "https://...", "headers": {...}}` (headers optional)',
    sends: '`POST` of the alert as JSON',
  },
  pagerduty: {
    credential:
      '`{"service_key": "...", "url": "https://events.pagerduty.com/generic/2010-04-15/create_event.json"}` (`url` optional)',
    sends:
      'Events API v1, as StreamAlert: `{service_key, event_type: "trigger", incident_key: <alert id>, description: "StreamAlert Rule Triggered - <rule>", details: {description, record, context}, client: "streamalert"}`; a credential with a v2 `routing_key` (or a `/v2/enqueue` url, or a bare key) instead gets the `pagerduty-v2` event with `dedup_key: <alert id>`',
  },
  'pagerduty-v2': {
    credential:
      '`{"routing_key": "...", "url": "https://events.pagerduty.com/v2/enqueue"}` (`url` optional)',
    sends:
      'Events API v2: `{routing_key, event_action: "trigger", dedup_key: "<descriptor>:<alert id>", payload: {summary: "StreamAlert Rule Triggered - <rule>", source: <log source>, severity: "critical", custom_details: {rule_description, record, context}}}`',
  },
  'pagerduty-incident': {
    credential:
      '`{"token": "...", "email_from": "<PagerDuty user>", "service_id" or "service_name": ..., "escalation_policy_id" or "escalation_policy": ..., "api": "https://api.pagerduty.com"}` (`api` optional; `integration_key` accepted, unused)',
    sends:
      'REST API v2, `Authorization: Token token=...`: `GET /users?query=<email_from>` (the sender must exist), `GET /services?query=` / `GET /escalation_policies?query=` when given by name, `GET /incidents?incident_key=<descriptor>:<alert id>` (reused on a retry), else `POST /incidents` (`From: <email_from>`) `{incident: {type, title: "StreamAlert Incident - Rule triggered: <rule>", service, incident_key, body: {details: description, record, context}, escalation_policy or assignments, priority?, urgency?}}`, then `POST /incidents/<id>/notes`; context `pagerduty-incident`: `assigned_user`, `assigned_policy_id`, `incident_priority`, `urgency`, `note`',
  },
  phantom: {
    credential: '`{"url": "https://phantom.example", "ph_auth_token": "..."}`',
    sends:
      'header `ph-auth-token`; `GET /rest/container?_filter_name="<rule>"&page_size=1` reuses the rule\'s container, else `POST /rest/container` `{name: <rule>, description}`; then `POST /rest/artifact` `{cef: <record>, container_id, data: <alert>, name: "Phantom Artifact", label: "Alert"}`',
  },
  github: {
    credential:
      '`{"repository": "owner/repo", "access_token": "...", "labels": "a,b", "api": "https://api.github.com"}` (`labels`, `api` optional; `username` accepted, unused)',
    sends:
      '`POST /repos/<owner>/<repo>/issues` with `Authorization: Bearer <token>`: `{title: "StreamAlert: <rule>", body: Markdown (description, record and context as JSON), labels}`',
  },
  jira: {
    credential:
      '`{"url": "https://jira.example", "username": "...", "password": "...", "project_key": "SEC", "issue_type": "Task", "aggregate": "yes"/"no", "aggregation_additional_jql": "...", "additional_required_issue_fields": "{...}", "auth": "session"/"basic"}` (last four optional)',
    sends:
      'session: `POST /rest/auth/1/session` then the cookie; `auth: "basic"` (Jira Cloud: e-mail and API token): basic auth. `POST /rest/api/2/issue` `{fields: {project: {key}, summary: "StreamAlert <rule>", description: "{code:JSON}<alert>{code}", issuetype: {name}, ...additional fields}}`; with `aggregate`, first `GET /rest/api/2/search` (`/search/jql` on `*.atlassian.net`) for the open issue with that summary and `POST /rest/api/2/issue/<id>/comment` `{body}` instead',
  },
  teams: {
    credential: '`{"url": "<incoming webhook URL>"}`',
    sends:
      '`POST` of a MessageCard: title "StreamAlert Rule Triggered: <rule>", text = description, facts = the record\'s fields and the context',
  },
  carbonblack: {
    credential: '`{"url": "https://cb.example", "token": "..."}`',
    sends:
      'header `X-Auth-Token`; for context `{"carbonblack": {"action": "ban", "value": "<md5>"}}`: `GET /api/v1/binary/<md5>/summary` (must exist), `GET /api/v1/banning/blacklist/<md5>` (already banned: done), else `POST /api/v1/banning/blacklist` `{md5hash, text, enabled: true}`',
  },
  demisto: {
    credential: '`{"url": "https://demisto.example", "token": "..."}`',
    sends:
      '`POST /incident` with `Authorization: <token>`: `{type: "Unclassified", name: <rule>, owner: "StreamAlert", severity: 0, labels: the alert flattened to [{type: "record.a.b", value}], details: description, createInvestigation: true}`',
  },
  komand: {
    credential:
      '`{"url": "https://komand.example/v2/triggers/<id>/events", "komand_auth_token": "..."}`',
    sends: '`POST` to the url with `Authorization: <token>`: `{data: <alert>}`',
  },
};

/**
 * Jira, as StreamAlert's jira output: an issue per alert (POST /rest/api/2/issue), or,
 * with `aggregate`, a comment on the open issue this rule already has (found by summary
 * with JQL) so one rule's alerts gather in one place. Authentication is StreamAlert's
 * cookie session (POST /rest/auth/1/session, Jira Server/Data Center) or HTTP basic
 * (`"auth": "basic"`: Jira Cloud, with an account e-mail and an API token as password).
 */
import type { Alert } from '../../shared/alert.js';
import { prettyJson } from './alert-content.js';
import {
  baseUrl,
  credentialObject,
  flag,
  jsonObject,
  optionalString,
  requiredString,
  type Fields,
} from './credential-fields.js';
import { httpJson, PermanentError } from './http.js';
import { credentialOutput } from './descriptor.js';

export interface JiraCredential {
  url: string;
  username: string;
  password: string;
  projectKey: string;
  issueType: string;
  aggregate: boolean;
  /** Extra JQL ANDed to the aggregation search (StreamAlert's aggregation_additional_jql). */
  additionalJql?: string;
  /** Fields every created issue needs (StreamAlert's additional_required_issue_fields). */
  additionalFields: Fields;
  auth: 'session' | 'basic';
}

/**
 * StreamAlert's fields: url, username, password, project_key, issue_type, aggregate
 * ("yes"/"no"), aggregation_additional_jql, additional_required_issue_fields (JSON text),
 * plus `auth` ("session", the default, or "basic"). Its ssl_verify is accepted and
 * ignored: certificates are always verified.
 */
export function parseJiraSecret(value: string): JiraCredential {
  const obj = credentialObject(
    value,
    '{"url": ..., "username": ..., "password": ..., "project_key": ..., "issue_type": ...}',
  );
  const auth = optionalString(obj, 'auth') ?? 'session';
  if (auth !== 'session' && auth !== 'basic')
    throw new PermanentError('secret JSON "auth" must be "session" or "basic"');
  flag(obj, 'ssl_verify', true);
  return {
    url: baseUrl(obj, 'url', undefined, 'Jira URL'),
    username: requiredString(obj, 'username'),
    password: requiredString(obj, 'password'),
    projectKey: requiredString(obj, 'project_key'),
    issueType: requiredString(obj, 'issue_type'),
    aggregate: flag(obj, 'aggregate', false),
    additionalJql: optionalString(obj, 'aggregation_additional_jql'),
    additionalFields: jsonObject(obj, 'additional_required_issue_fields'),
    auth,
  };
}

export const jiraSummary = (alert: Alert): string => `StreamAlert ${alert.rule_name}`;

/** StreamAlert's description: the whole alert (description, record, context) as a JSON code block. */
export function jiraDescription(alert: Alert): string {
  return `{code:JSON}${prettyJson(alert)}{code}`;
}

/** A JQL string literal. */
const jqlString = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** The open issue of this rule in the project: same summary, not in a Done status. */
export function aggregationJql(credential: JiraCredential, summary: string): string {
  return (
    [
      `summary ~ ${jqlString(summary)}`,
      `project = ${jqlString(credential.projectKey)}`,
      'statusCategory != Done',
      ...(credential.additionalJql ? [`(${credential.additionalJql})`] : []),
    ].join(' AND ') + ' ORDER BY created DESC'
  );
}

/** Headers that authenticate every later request: basic auth, or the session cookie from a login. */
async function authHeaders(credential: JiraCredential): Promise<Record<string, string>> {
  if (credential.auth === 'basic') {
    const token = Buffer.from(`${credential.username}:${credential.password}`).toString('base64');
    return { authorization: `Basic ${token}` };
  }
  const { json } = await httpJson(
    `${credential.url}/rest/auth/1/session`,
    {
      method: 'POST',
      body: { username: credential.username, password: credential.password },
      redact: [credential.password],
    },
    'login',
  );
  const session = (json as { session?: { name?: unknown; value?: unknown } } | undefined)?.session;
  if (typeof session?.name !== 'string' || typeof session.value !== 'string')
    throw new Error('login: response has no session');
  return { cookie: `${session.name}=${session.value}` };
}

/**
 * Jira Cloud retired GET /rest/api/2/search for /rest/api/2/search/jql; Server and Data
 * Center only have the former.
 */
function searchPath(credential: JiraCredential): string {
  return new URL(credential.url).hostname.endsWith('.atlassian.net')
    ? '/rest/api/2/search/jql'
    : '/rest/api/2/search';
}

async function findOpenIssue(
  credential: JiraCredential,
  headers: Record<string, string>,
  summary: string,
): Promise<string | undefined> {
  const url = new URL(`${credential.url}${searchPath(credential)}`);
  url.searchParams.set('jql', aggregationJql(credential, summary));
  url.searchParams.set('maxResults', '1');
  url.searchParams.set('fields', 'id,summary');
  const { json } = await httpJson(url, { method: 'GET', headers }, 'issue search');
  const issues = (json as { issues?: { id?: unknown }[] } | undefined)?.issues;
  if (!Array.isArray(issues)) throw new Error('issue search: unexpected response');
  const id = issues[0]?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

export async function sendToJira(credential: JiraCredential, alert: Alert): Promise<void> {
  const headers = await authHeaders(credential);
  const summary = jiraSummary(alert);
  const description = jiraDescription(alert);
  const redact = [credential.password, ...(headers.cookie ? [headers.cookie] : [])];
  if (credential.aggregate) {
    const issueId = await findOpenIssue(credential, headers, summary);
    if (issueId !== undefined) {
      try {
        await httpJson(
          `${credential.url}/rest/api/2/issue/${encodeURIComponent(issueId)}/comment`,
          { method: 'POST', headers, body: { body: description }, redact },
          'comment create',
        );
        return;
      } catch {
        // As StreamAlert: an issue that takes no comment (closed for edits, permissions)
        // does not lose the alert; a new issue is created instead.
      }
    }
  }
  await httpJson(
    `${credential.url}/rest/api/2/issue`,
    {
      method: 'POST',
      headers,
      body: {
        fields: {
          project: { key: credential.projectKey },
          summary,
          description,
          issuetype: { name: credential.issueType },
          ...credential.additionalFields,
        },
      },
      redact,
    },
    'issue create',
  );
}

/** The `jira` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
export const jiraOutput = credentialOutput({
  service: 'jira',
  doc: {
    credential:
      '`{"url": "https://jira.example", "username": "...", "password": "...", "project_key": "SEC", "issue_type": "Task", "aggregate": "yes"/"no", "aggregation_additional_jql": "...", "additional_required_issue_fields": "{...}", "auth": "session"/"basic"}` (last four optional)',
    sends:
      'session: `POST /rest/auth/1/session` then the cookie; `auth: "basic"` (Jira Cloud: e-mail and API token): basic auth. `POST /rest/api/2/issue` `{fields: {project: {key}, summary: "StreamAlert <rule>", description: "{code:JSON}<alert>{code}", issuetype: {name}, ...additional fields}}`; with `aggregate`, first `GET /rest/api/2/search` (`/search/jql` on `*.atlassian.net`) for the open issue with that summary and `POST /rest/api/2/issue/<id>/comment` `{body}` instead',
  },
  parse: parseJiraSecret,
  send: (credential, { alert }) => sendToJira(credential, alert),
});

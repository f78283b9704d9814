/**
 * GitHub, as StreamAlert's github output: one issue per alert in the credential's
 * repository (POST /repos/{owner}/{repo}/issues) with the rule as title, the description,
 * record and context as a Markdown body, and the credential's labels.
 */
import type { Alert } from '../../shared/alert.js';
import { alertContext, cut, prettyJson } from './alert-content.js';
import {
  baseUrl,
  credentialObject,
  optionalString,
  requiredString,
  stringList,
} from './credential-fields.js';
import { httpJson, PermanentError } from './http.js';
import { credentialOutput } from './descriptor.js';

export const GITHUB_API_URL = 'https://api.github.com';
/** GitHub refuses an issue body over 65,536 characters. */
const BODY_MAX = 65_536;
const TITLE_MAX = 256;

export interface GitHubCredential {
  /** REST API base, `https://api.github.com` or `https://<host>/api/v3` (GitHub Enterprise Server). */
  api: string;
  owner: string;
  repo: string;
  labels: string[];
  token: string;
}

/**
 * JSON `{"repository": "owner/repo", "access_token": "...", "labels": "a,b", "api"?: ...}`
 * (StreamAlert's fields; its `username` is accepted and not needed: the token authenticates).
 */
export function parseGitHubSecret(value: string): GitHubCredential {
  const obj = credentialObject(value, '{"repository": "owner/repo", "access_token": ...}');
  const repository = requiredString(obj, 'repository');
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(repository);
  if (!m) throw new PermanentError('secret JSON "repository" must be "owner/repo"');
  optionalString(obj, 'username');
  return {
    api: baseUrl(obj, 'api', GITHUB_API_URL, 'GitHub API URL'),
    owner: m[1]!,
    repo: m[2]!,
    labels: stringList(obj, 'labels'),
    token: requiredString(obj, 'access_token'),
  };
}

/** The issue: StreamAlert's title and Markdown body (description, then the record as JSON), plus the context when the rule set one. */
export function githubIssue(alert: Alert, labels: string[]): object {
  const context = alertContext(alert);
  const body = [
    `### Description\n${alert.rule_description}`,
    `### Event data\n\n\`\`\`\n${prettyJson(alert.record)}\n\`\`\``,
    ...(context ? [`### Context\n\n\`\`\`\n${prettyJson(context)}\n\`\`\``] : []),
    `Log ${alert.log_source} from ${alert.source_service} ${alert.source_entity}; alert ${alert.id}`,
  ].join('\n\n');
  return {
    title: `StreamAlert: ${alert.rule_name}`.slice(0, TITLE_MAX),
    body: cut(body, BODY_MAX),
    labels,
  };
}

export async function sendToGitHub(credential: GitHubCredential, alert: Alert): Promise<void> {
  await httpJson(
    `${credential.api}/repos/${encodeURIComponent(credential.owner)}/${encodeURIComponent(credential.repo)}/issues`,
    {
      method: 'POST',
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${credential.token}`,
        'x-github-api-version': '2022-11-28',
        // GitHub refuses requests without a User-Agent.
        'user-agent': 'streamalert-action',
      },
      body: githubIssue(alert, credential.labels),
      redact: [credential.token],
    },
    'issue create',
  );
}

/** The `github` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
export const githubOutput = credentialOutput({
  service: 'github',
  doc: {
    credential:
      '`{"repository": "owner/repo", "access_token": "...", "labels": "a,b", "api": "https://api.github.com"}` (`labels`, `api` optional; `username` accepted, unused)',
    sends:
      '`POST /repos/<owner>/<repo>/issues` with `Authorization: Bearer <token>`: `{title: "StreamAlert: <rule>", body: Markdown (description, record and context as JSON), labels}`',
  },
  parse: parseGitHubSecret,
  send: (credential, { alert }) => sendToGitHub(credential, alert),
});

/** The GitHub client's issue calls (the drift issue) against the local GitHub server. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GitHubClient } from '../../src/github/client.js';
import { DRIFT_MARKER, isDriftIssue } from '../../src/report/drift.js';
import { FakeGitHub } from '../support/github-server.js';

let github: FakeGitHub;
beforeAll(async () => {
  github = new FakeGitHub();
  await github.start();
  process.env.GITHUB_API_URL = github.url;
});
afterAll(async () => github?.stop());

const body = (text: string): string => `${DRIFT_MARKER}\n${text}`;

it('finds only its own open drift issue, labels a new one, edits and closes it', async () => {
  const client = new GitHubClient('ghs_token', { owner: 'acme', repo: 'detections' });
  // A look-alike opened by someone else, and one of ours already closed.
  github.issues.push(
    { number: 1, title: 't', body: body('forged'), state: 'open', labels: [], author: 'mallory' },
    {
      number: 2,
      title: 't',
      body: body('old'),
      state: 'closed',
      labels: [],
      author: 'github-actions[bot]',
    },
    {
      number: 3,
      title: 't',
      body: 'unrelated',
      state: 'open',
      labels: [],
      author: 'github-actions[bot]',
    },
  );
  expect(await client.findOpenIssue(isDriftIssue)).toBeUndefined();

  const created = await client.createIssue('drift', body('first'), ['streamalert:drift']);
  expect(created.labelError).toBeUndefined();
  const stored = github.issues.find((i) => i.number === created.number)!;
  expect(stored).toMatchObject({
    state: 'open',
    labels: ['streamalert:drift'],
    body: body('first'),
  });
  expect(created.url).toBe(`https://github.test/acme/detections/issues/${created.number}`);

  const found = await client.findOpenIssue(isDriftIssue);
  expect(found).toEqual({ number: created.number, url: created.url, body: body('first') });

  await client.updateIssue(created.number, body('second'));
  expect(stored.body).toBe(body('second'));

  await client.closeIssue(created.number, 'all clean');
  expect(stored).toMatchObject({ state: 'closed', stateReason: 'completed' });
  expect(github.comments.filter((c) => c.issue === created.number).map((c) => c.body)).toEqual([
    'all clean',
  ]);
  expect(await client.findOpenIssue(isDriftIssue)).toBeUndefined();
  expect(github.issues.find((i) => i.number === 1)?.body).toBe(body('forged'));
});

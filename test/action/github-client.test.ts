import { afterAll, beforeAll, expect, it } from 'vitest';
import { GitHubClient } from '../../src/github/client.js';
import { isPlanComment } from '../../src/report/comment.js';
import { FakeGitHub } from '../support/github-server.js';

let github: FakeGitHub;
beforeAll(async () => {
  github = new FakeGitHub();
  await github.start();
  process.env.GITHUB_API_URL = github.url;
});
afterAll(async () => github?.stop());

const body = (text: string): string => `<!-- streamalert-action:plan-comment -->\n${text}`;

it('edits its own comment and ignores look-alikes written by someone else', async () => {
  const client = new GitHubClient('ghs_token', { owner: 'acme', repo: 'detections' });
  // Someone posts a forged plan comment before the action's first run.
  github.author = 'mallory';
  github.comments.push({ id: 1, issue: 3, body: body('forged'), author: 'mallory' });
  github.author = 'github-actions[bot]';

  const created = await client.upsertComment(3, isPlanComment, body('first plan'));
  expect(created.id).not.toBe(1);
  const updated = await client.upsertComment(3, isPlanComment, body('second plan'));
  expect(updated.id).toBe(created.id);
  expect((await client.findComment(3, isPlanComment))?.body).toBe(body('second plan'));
  expect(github.comments.find((c) => c.id === 1)?.body).toBe(body('forged'));
  expect(github.comments.filter((c) => c.issue === 3)).toHaveLength(2);
});

/**
 * The plan comment when the token may not write (issue 28, item 7): a pull request from a
 * fork gets a read-only token and GitHub answers only 403 "Resource not accessible by
 * integration". The log and the job summary say why and how to get a comment. Real
 * Octokit client against the local GitHub server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventInfo } from '../../src/action/event.js';
import { writePlanComment } from '../../src/action/comment-access.js';
import { GitHubClient } from '../../src/github/client.js';
import { FakeGitHub } from '../support/github-server.js';

let github: FakeGitHub;
beforeAll(async () => {
  github = new FakeGitHub();
  await github.start();
  process.env.GITHUB_API_URL = github.url;
});
afterAll(async () => github?.stop());

const COMMENT = '<!-- streamalert-action:plan-comment -->\nplan';
const RUN = 'https://github.test/acme/detections/actions/runs/4242';
const pullRequest = (head: string | null) => ({
  number: 7,
  head: { sha: 'a'.repeat(40), repo: head === null ? null : { full_name: head } },
  base: { sha: 'b'.repeat(40), repo: { full_name: 'acme/detections' } },
});
const planEvent = (head: string | null) =>
  eventInfo('auto', {
    eventName: 'pull_request',
    sha: 'c'.repeat(40),
    ref: 'refs/pull/7/merge',
    payload: { pull_request: pullRequest(head) },
  });

describe('plan comment with a token that cannot write', () => {
  it('knows a pull request from a fork, and one from a branch of the repository', () => {
    expect(planEvent('mallory/detections').fork).toBe('mallory/detections');
    expect(planEvent(null).fork).toBe('a deleted fork');
    expect(planEvent('acme/detections').fork).toBeUndefined();
  });

  it('says for a fork why the token cannot comment and how to get a comment, without failing the job', async () => {
    github.readOnlyToken = true;
    try {
      const client = new GitHubClient('ghs_readonly', { owner: 'acme', repo: 'detections' });
      const event = planEvent('mallory/detections');
      const outcome = await writePlanComment(
        client,
        { number: event.pullRequest!, fork: event.fork!, runUrl: RUN },
        COMMENT,
      );
      expect(outcome.kind).toBe('refused');
      if (outcome.kind !== 'refused') return;
      expect(outcome.fatal).toBe(false);
      for (const text of [outcome.message, outcome.summary]) {
        expect(text).toContain('cannot comment on pull request #7');
        expect(text).toContain('fork mallory/detections');
        expect(text).toContain('read-only token');
        expect(text).toContain('Resource not accessible by integration');
        expect(text).toContain(RUN);
        expect(text).toMatch(/pushes the reviewed commits to a branch of this repository/);
      }
      expect(outcome.summary).toMatch(/^\n### No plan comment\n\nThe token cannot comment/);
      expect(github.comments.filter((c) => c.issue === 7)).toEqual([]);
    } finally {
      github.readOnlyToken = false;
    }
  });

  it('names the missing permission when the pull request is not from a fork', async () => {
    github.readOnlyToken = true;
    try {
      const client = new GitHubClient('ghs_readonly', { owner: 'acme', repo: 'detections' });
      const outcome = await writePlanComment(client, { number: 8 }, COMMENT);
      expect(outcome).toMatchObject({ kind: 'refused', fatal: true });
      if (outcome.kind !== 'refused') return;
      expect(outcome.message).toContain('permissions: pull-requests: write');
      expect(outcome.message).not.toContain('fork');
    } finally {
      github.readOnlyToken = false;
    }
  });

  it('writes the comment when the token can', async () => {
    const client = new GitHubClient('ghs_token', { owner: 'acme', repo: 'detections' });
    const outcome = await writePlanComment(client, { number: 9 }, COMMENT);
    expect(outcome).toMatchObject({ kind: 'written' });
    expect(github.comments.filter((c) => c.issue === 9).map((c) => c.body)).toEqual([COMMENT]);
  });
});

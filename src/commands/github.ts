/**
 * The pull-request operations the action's commands need, as an interface: the real
 * GitHub client implements it, and the commands' tests use an in-memory one.
 */
import { GitHubClient, type Repo } from '../github/client.js';
import { isPlanComment } from '../report/comment.js';

export type { Repo };

export interface PullRequestHost {
  /** The merged pull request that brought `sha` to the default branch. */
  mergedPullRequestFor(sha: string): Promise<{ number: number; labels: string[] } | undefined>;
  /** Our comment on the pull request (written by the token's own identity). */
  findComment(
    issue: number,
    isOurs: (body: string) => boolean,
  ): Promise<{ body: string } | undefined>;
  /** Edits our comment in place, or creates it. */
  upsertComment(
    issue: number,
    isOurs: (body: string) => boolean,
    body: string,
  ): Promise<{ url: string }>;
}

/** GitHub's REST API (GITHUB_API_URL) with the given token. */
export function githubHost(token: string, repo: Repo): PullRequestHost {
  return new GitHubClient(token, repo);
}

/** Puts the plan comment on the pull request (one per pull request, edited in place); its URL. */
export async function publishPlanComment(
  host: PullRequestHost,
  pullRequest: number,
  comment: string,
): Promise<string> {
  return (await host.upsertComment(pullRequest, isPlanComment, comment)).url;
}

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

/** An issue of the repository, as the drift command sees it. */
export interface TrackedIssue {
  number: number;
  url: string;
}

/**
 * The repository issues the drift command needs: one open issue of ours, found by what
 * `isOurs` recognises in its body and written by the token's own identity (anyone can open
 * an issue that looks like ours).
 */
export interface IssueTracker {
  /** The oldest open issue of ours, with its body. */
  findOpenIssue(
    isOurs: (body: string) => boolean,
  ): Promise<(TrackedIssue & { body: string }) | undefined>;
  /**
   * Opens an issue, then adds `labels`. A label that cannot be added is reported in
   * `labelError`, not thrown: the marker, not the label, is what finds the issue again.
   */
  createIssue(
    title: string,
    body: string,
    labels: string[],
  ): Promise<TrackedIssue & { labelError?: string }>;
  updateIssue(issue: number, body: string): Promise<TrackedIssue>;
  /** Posts `comment` on the issue, then closes it (as completed). */
  closeIssue(issue: number, comment: string): Promise<TrackedIssue>;
}

/** The repository's issues through GitHub's REST API (GITHUB_API_URL) with the given token. */
export function githubTracker(token: string, repo: Repo): IssueTracker {
  return new GitHubClient(token, repo);
}

/** A commit status (POST /repos/{owner}/{repo}/statuses/{sha}). */
export interface CommitStatus {
  state: 'success' | 'failure' | 'error' | 'pending';
  /** The status's name on the commit, e.g. `streamalert/apply`. */
  context: string;
  /** At most 140 characters (GitHub's limit). */
  description: string;
  targetUrl?: string;
}

export interface CommitStatusHost {
  setCommitStatus(sha: string, status: CommitStatus): Promise<void>;
}

/** A file of the repository with its new content (path relative to the repository root); null removes it. */
export interface FileChange {
  path: string;
  content: string | null;
}

/** The pull request `promote` opens and keeps up to date (one, found by its branch). */
export interface PromotionHost {
  defaultBranch(): Promise<string>;
  /** The open pull request whose head is `branch` in this repository, if any. */
  openPullRequestFrom(branch: string): Promise<{ number: number; url: string } | undefined>;
  /**
   * Points `branch` (created when missing) at ONE new commit on top of `baseSha` holding
   * `files`: each run rebuilds the branch from the default branch, so it never drifts.
   */
  commitFiles(
    branch: string,
    baseSha: string,
    message: string,
    files: FileChange[],
  ): Promise<string>;
  createPullRequest(pr: {
    head: string;
    base: string;
    title: string;
    body: string;
  }): Promise<{ number: number; url: string }>;
  updatePullRequest(
    number: number,
    pr: { title: string; body: string },
  ): Promise<{ number: number; url: string }>;
}

/** The promotion pull request's side of GitHub's REST API. */
export function githubPromotionHost(token: string, repo: Repo): PromotionHost {
  return new GitHubClient(token, repo);
}

/** Another repository the token can read (sigma-sync's upstream). */
export interface UpstreamRepository {
  /** The commit `ref` names in `repository` (owner/name). */
  commitOf(repository: string, ref: string): Promise<string>;
  /** `repository`'s files at `commit`, as GitHub's gzip tarball. */
  tarballOf(repository: string, commit: string): Promise<Uint8Array>;
}

export function githubUpstream(token: string): UpstreamRepository {
  const client = (repository: string) => {
    const [owner, repo] = repository.split('/') as [string, string];
    return new GitHubClient(token, { owner, repo });
  };
  return {
    commitOf: (repository, ref) => client(repository).commitOf(ref),
    tarballOf: (repository, commit) => client(repository).tarballOf(commit),
  };
}

/** GitHub's REST API (GITHUB_API_URL) with the given token. */
export function githubHost(token: string, repo: Repo): PullRequestHost & CommitStatusHost {
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

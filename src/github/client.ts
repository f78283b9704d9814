/**
 * The GitHub REST calls the action makes, through @actions/github's Octokit (which honours
 * GITHUB_API_URL, so GitHub Enterprise Server and the tests' local server work alike).
 */
import * as github from '@actions/github';

export interface Repo {
  owner: string;
  repo: string;
}

export interface PullRequestInfo {
  number: number;
  labels: string[];
  mergedAt: string | null;
  mergeCommitSha: string | null;
  headSha: string;
}

export interface Comment {
  id: number;
  body: string;
  url: string;
}

export class GitHubClient {
  private readonly octokit: ReturnType<typeof github.getOctokit>;

  constructor(
    token: string,
    readonly repo: Repo,
  ) {
    this.octokit = github.getOctokit(token);
  }

  /** The first comment on the pull request whose body starts with `marker`. */
  async findComment(issue: number, marker: string): Promise<Comment | undefined> {
    const comments = await this.octokit.paginate(this.octokit.rest.issues.listComments, {
      ...this.repo,
      issue_number: issue,
      per_page: 100,
    });
    const found = comments.find((c) => (c.body ?? '').startsWith(marker));
    return found ? { id: found.id, body: found.body ?? '', url: found.html_url } : undefined;
  }

  /** Edits the marked comment in place, or creates it: one comment per pull request. */
  async upsertComment(issue: number, marker: string, body: string): Promise<Comment> {
    const existing = await this.findComment(issue, marker);
    if (existing) {
      const { data } = await this.octokit.rest.issues.updateComment({ ...this.repo, comment_id: existing.id, body });
      return { id: data.id, body: data.body ?? '', url: data.html_url };
    }
    const { data } = await this.octokit.rest.issues.createComment({ ...this.repo, issue_number: issue, body });
    return { id: data.id, body: data.body ?? '', url: data.html_url };
  }

  /** The merged pull request that brought `sha` to the default branch, if any. */
  async mergedPullRequestFor(sha: string): Promise<PullRequestInfo | undefined> {
    const { data } = await this.octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...this.repo, commit_sha: sha });
    const merged = data.filter((p) => p.merged_at);
    // Prefer the PR whose merge commit is this push; GitHub may list other PRs containing it.
    const pr = merged.find((p) => p.merge_commit_sha === sha) ?? merged[0];
    if (!pr) return undefined;
    return {
      number: pr.number,
      labels: pr.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))),
      mergedAt: pr.merged_at,
      mergeCommitSha: pr.merge_commit_sha ?? null,
      headSha: pr.head.sha,
    };
  }
}

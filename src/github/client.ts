/**
 * The GitHub REST calls the action makes, through @actions/github's Octokit (which honours
 * GITHUB_API_URL, so GitHub Enterprise Server and the tests' local server work alike).
 */
import * as github from '@actions/github';

export interface Repo {
  owner: string;
  repo: string;
}

/** What apply-on-merge reads of the merged pull request. */
export interface PullRequestInfo {
  number: number;
  labels: string[];
}

export interface Comment {
  id: number;
  body: string;
  url: string;
}

/** A repository issue, as the drift command reads it. */
export interface Issue {
  number: number;
  url: string;
  body: string;
}

export class GitHubClient {
  private readonly octokit: ReturnType<typeof github.getOctokit>;

  constructor(
    token: string,
    readonly repo: Repo,
    apiUrl = process.env.GITHUB_API_URL ?? 'https://api.github.com',
  ) {
    this.octokit = github.getOctokit(token, { baseUrl: apiUrl });
  }

  private login?: string;

  /**
   * Who the token writes as. A personal token can ask GET /user; the workflow's
   * GITHUB_TOKEN cannot (403) and always writes as github-actions[bot].
   */
  async identity(): Promise<string> {
    if (this.login) return this.login;
    try {
      this.login = (await this.octokit.rest.users.getAuthenticated()).data.login;
    } catch {
      this.login = 'github-actions[bot]';
    }
    return this.login;
  }

  /**
   * The first comment on the pull request that `isOurs` recognises and that was written by
   * this token's identity: anyone can post a comment that looks like ours, and
   * apply-on-merge must not trust a forged plan state.
   */
  async findComment(
    issue: number,
    isOurs: (body: string) => boolean,
  ): Promise<Comment | undefined> {
    const comments = await this.octokit.paginate(this.octokit.rest.issues.listComments, {
      ...this.repo,
      issue_number: issue,
      per_page: 100,
    });
    const me = await this.identity();
    const found = comments.find((c) => isOurs(c.body ?? '') && c.user?.login === me);
    return found ? { id: found.id, body: found.body ?? '', url: found.html_url } : undefined;
  }

  /** Edits our comment in place, or creates it: one comment per pull request. */
  async upsertComment(
    issue: number,
    isOurs: (body: string) => boolean,
    body: string,
  ): Promise<Comment> {
    const existing = await this.findComment(issue, isOurs);
    if (existing) {
      const { data } = await this.octokit.rest.issues.updateComment({
        ...this.repo,
        comment_id: existing.id,
        body,
      });
      return { id: data.id, body: data.body ?? '', url: data.html_url };
    }
    const { data } = await this.octokit.rest.issues.createComment({
      ...this.repo,
      issue_number: issue,
      body,
    });
    return { id: data.id, body: data.body ?? '', url: data.html_url };
  }

  /** The merged pull request that brought `sha` to the default branch, if any. */
  async mergedPullRequestFor(sha: string): Promise<PullRequestInfo | undefined> {
    const { data } = await this.octokit.rest.repos.listPullRequestsAssociatedWithCommit({
      ...this.repo,
      commit_sha: sha,
    });
    const merged = data.filter((p) => p.merged_at);
    // Prefer the PR whose merge commit is this push; GitHub may list other PRs containing it.
    const pr = merged.find((p) => p.merge_commit_sha === sha) ?? merged[0];
    if (!pr) return undefined;
    return {
      number: pr.number,
      labels: pr.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))),
    };
  }

  /**
   * The oldest open issue (not pull request) written by this token's identity whose body
   * `isOurs` recognises. Filtered here rather than with the `creator` query parameter,
   * whose spelling for an app's bot user varies between GitHub and GitHub Enterprise Server.
   */
  async findOpenIssue(isOurs: (body: string) => boolean): Promise<Issue | undefined> {
    const issues = await this.octokit.paginate(this.octokit.rest.issues.listForRepo, {
      ...this.repo,
      state: 'open',
      sort: 'created',
      direction: 'asc',
      per_page: 100,
    });
    const me = await this.identity();
    const found = issues.find(
      (i) => !i.pull_request && i.user?.login === me && isOurs(i.body ?? ''),
    );
    return found
      ? { number: found.number, url: found.html_url, body: found.body ?? '' }
      : undefined;
  }

  /**
   * Opens the issue without labels, then adds them: adding a label that does not exist
   * yet creates it (GitHub's add-labels endpoint does, the create-issue one may refuse or
   * drop it), and a token that may not label still gets its issue.
   */
  async createIssue(
    title: string,
    body: string,
    labels: string[],
  ): Promise<Issue & { labelError?: string }> {
    const { data } = await this.octokit.rest.issues.create({ ...this.repo, title, body });
    const issue = { number: data.number, url: data.html_url, body: data.body ?? '' };
    if (labels.length === 0) return issue;
    try {
      await this.octokit.rest.issues.addLabels({ ...this.repo, issue_number: data.number, labels });
      return issue;
    } catch (err) {
      return { ...issue, labelError: (err as Error).message };
    }
  }

  async updateIssue(issue: number, body: string): Promise<Issue> {
    const { data } = await this.octokit.rest.issues.update({
      ...this.repo,
      issue_number: issue,
      body,
    });
    return { number: data.number, url: data.html_url, body: data.body ?? '' };
  }

  /** Comments why, then closes the issue as completed. */
  async closeIssue(issue: number, comment: string): Promise<Issue> {
    await this.octokit.rest.issues.createComment({
      ...this.repo,
      issue_number: issue,
      body: comment,
    });
    const { data } = await this.octokit.rest.issues.update({
      ...this.repo,
      issue_number: issue,
      state: 'closed',
      state_reason: 'completed',
    });
    return { number: data.number, url: data.html_url, body: data.body ?? '' };
  }

  /** Sets a commit status (needs the `statuses: write` permission). */
  async setCommitStatus(
    sha: string,
    status: {
      state: 'success' | 'failure' | 'error' | 'pending';
      context: string;
      description: string;
      targetUrl?: string;
    },
  ): Promise<void> {
    await this.octokit.rest.repos.createCommitStatus({
      ...this.repo,
      sha,
      state: status.state,
      context: status.context,
      description: status.description,
      ...(status.targetUrl ? { target_url: status.targetUrl } : {}),
    });
  }

  /** The repository's default branch (what promotion pull requests target). */
  async defaultBranch(): Promise<string> {
    return (await this.octokit.rest.repos.get({ ...this.repo })).data.default_branch;
  }

  /** The open pull request from `branch` of this repository. */
  async openPullRequestFrom(branch: string): Promise<{ number: number; url: string } | undefined> {
    const { data } = await this.octokit.rest.pulls.list({
      ...this.repo,
      head: `${this.repo.owner}:${branch}`,
      state: 'open',
    });
    const pr = data[0];
    return pr ? { number: pr.number, url: pr.html_url } : undefined;
  }

  /** One commit with `files` on top of `baseSha` (Git data API), then `branch` forced to it. */
  async commitFiles(
    branch: string,
    baseSha: string,
    message: string,
    files: { path: string; content: string | null }[],
  ): Promise<string> {
    const base = await this.octokit.rest.git.getCommit({ ...this.repo, commit_sha: baseSha });
    const tree = await this.octokit.rest.git.createTree({
      ...this.repo,
      base_tree: base.data.tree.sha,
      // A null content removes the file (the Git data API's `sha: null`).
      tree: files.map((f) =>
        f.content === null
          ? { path: f.path, mode: '100644' as const, type: 'blob' as const, sha: null }
          : { path: f.path, mode: '100644' as const, type: 'blob' as const, content: f.content },
      ),
    });
    const commit = await this.octokit.rest.git.createCommit({
      ...this.repo,
      message,
      tree: tree.data.sha,
      parents: [baseSha],
    });
    const sha = commit.data.sha;
    try {
      await this.octokit.rest.git.getRef({ ...this.repo, ref: `heads/${branch}` });
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err;
      await this.octokit.rest.git.createRef({ ...this.repo, ref: `refs/heads/${branch}`, sha });
      return sha;
    }
    await this.octokit.rest.git.updateRef({
      ...this.repo,
      ref: `heads/${branch}`,
      sha,
      force: true,
    });
    return sha;
  }

  /** The commit `ref` (a tag, branch or commit id) names in this repository. */
  async commitOf(ref: string): Promise<string> {
    const { data } = await this.octokit.rest.repos.getCommit({ ...this.repo, ref });
    return data.sha;
  }

  /** The repository's files at `commit` as GitHub's gzip tarball (redirects followed). */
  async tarballOf(commit: string): Promise<Uint8Array> {
    const { data } = await this.octokit.rest.repos.downloadTarballArchive({
      ...this.repo,
      ref: commit,
    });
    return new Uint8Array(data as ArrayBuffer);
  }

  async createPullRequest(pr: {
    head: string;
    base: string;
    title: string;
    body: string;
  }): Promise<{ number: number; url: string }> {
    const { data } = await this.octokit.rest.pulls.create({ ...this.repo, ...pr });
    return { number: data.number, url: data.html_url };
  }

  async updatePullRequest(
    number: number,
    pr: { title: string; body: string },
  ): Promise<{ number: number; url: string }> {
    const { data } = await this.octokit.rest.pulls.update({
      ...this.repo,
      pull_number: number,
      ...pr,
    });
    return { number: data.number, url: data.html_url };
  }
}

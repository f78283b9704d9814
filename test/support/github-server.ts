/**
 * A local HTTP server playing the part of the GitHub REST API the action uses: issue
 * comments (list, create, update), the pull requests of a commit, issues (list,
 * create, edit, label), and for promote the repository, Git data (commit, tree, refs) and
 * pull requests (list, create, update). The action's real
 * Octokit reaches it through GITHUB_API_URL. Every request is recorded.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  authorization?: string;
}

export interface FakeComment {
  id: number;
  body: string;
  issue: number;
  author: string;
}

export interface FakePull {
  number: number;
  merged_at: string | null;
  merge_commit_sha: string | null;
  head: { sha: string };
  labels: { name: string }[];
}

export interface FakeStatus {
  sha: string;
  state: string;
  context: string;
  description?: string;
  target_url?: string;
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  stateReason?: string;
  labels: string[];
  author: string;
}

/** A pull request opened through the API (promote). */
export interface FakeOpenPull {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
}

/** A commit made through the Git data API: its parent and the files its tree changed. */
export interface FakeGitCommit {
  sha: string;
  parent: string;
  message: string;
  /** Path → content; null: the commit removes the file. */
  files: Record<string, string | null>;
}

/** Another repository the token reads (sigma-sync's upstream): its refs and tarballs. */
export interface FakeUpstream {
  /** Tag, branch or commit → commit sha. */
  refs: Map<string, string>;
  /** Commit sha → GitHub tarball (gzip of ustar). */
  tarballs: Map<string, Buffer>;
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly comments: FakeComment[] = [];
  /** Login shown as the author of comments created through the API. */
  author = 'github-actions[bot]';
  /** Commit statuses set through the API, in order. */
  readonly statuses: FakeStatus[] = [];
  /** commit sha -> pull requests GitHub associates with it. */
  readonly pullsByCommit = new Map<string, FakePull[]>();
  /** Repository issues (not pull requests), listed, opened, edited and labelled through the API. */
  readonly issues: FakeIssue[] = [];
  private nextIssue = 100;
  /** Branch name -> commit sha (Git refs made or moved through the API). */
  readonly refs = new Map<string, string>();
  readonly gitCommits: FakeGitCommit[] = [];
  readonly openPulls: FakeOpenPull[] = [];
  defaultBranch = 'main';
  /**
   * Answers every write with 403 "Resource not accessible by integration", as GitHub does
   * for the read-only token of a pull request from a fork.
   */
  readOnlyToken = false;
  /** Trees made through the API: sha -> changed files. */
  private readonly trees = new Map<string, Record<string, string | null>>();
  /** owner/name → the repository's refs and tarballs (GET commits/{ref}, tarball/{ref}). */
  readonly upstreams = new Map<string, FakeUpstream>();
  private nextId = 1000;
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        ({ status, body, raw, location }) => {
          if (location !== undefined) {
            res.writeHead(status, { location });
            res.end();
          } else if (raw !== undefined) {
            res.writeHead(status, { 'content-type': 'application/x-gzip' });
            res.end(raw);
          } else {
            res.writeHead(status, { 'content-type': 'application/json' });
            res.end(JSON.stringify(body));
          }
        },
        (err: Error) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ message: err.message }));
        },
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private commentJson(c: FakeComment, owner: string, repo: string) {
    return {
      id: c.id,
      body: c.body,
      html_url: `https://github.test/${owner}/${repo}/pull/${c.issue}#issuecomment-${c.id}`,
      user: { login: c.author },
    };
  }

  private async handle(
    req: IncomingMessage,
  ): Promise<{ status: number; body?: unknown; raw?: Buffer; location?: string }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? JSON.parse(text) : undefined;
    const url = new URL(req.url ?? '/', 'http://localhost');
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      body,
      authorization: req.headers.authorization,
    });

    if (url.pathname === '/user') {
      // Like the workflow's GITHUB_TOKEN, which is an installation token.
      return { status: 403, body: { message: 'Resource not accessible by integration' } };
    }
    if (this.readOnlyToken && req.method !== 'GET')
      return { status: 403, body: { message: 'Resource not accessible by integration' } };
    let m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname);
    if (m) {
      const [, owner, repo, issue] = m as unknown as [string, string, string, string];
      if (req.method === 'GET') {
        return {
          status: 200,
          body: this.comments
            .filter((c) => c.issue === Number(issue))
            .map((c) => this.commentJson(c, owner, repo)),
        };
      }
      if (req.method === 'POST') {
        const c = {
          id: this.nextId++,
          body: String(body.body),
          issue: Number(issue),
          author: this.author,
        };
        this.comments.push(c);
        return { status: 201, body: this.commentJson(c, owner, repo) };
      }
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (m && req.method === 'PATCH') {
      const [, owner, repo, id] = m as unknown as [string, string, string, string];
      const c = this.comments.find((x) => x.id === Number(id));
      if (!c) return { status: 404, body: { message: 'Not Found' } };
      c.body = String(body.body);
      return { status: 200, body: this.commentJson(c, owner, repo) };
    }
    const issues = this.handleIssues(req.method ?? 'GET', url, body);
    if (issues) return issues;
    m = /^\/repos\/([^/]+)\/([^/]+)\/commits\/([0-9a-f]+)\/pulls$/.exec(url.pathname);
    if (m && req.method === 'GET') {
      return { status: 200, body: this.pullsByCommit.get(m[3] as string) ?? [] };
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/statuses\/([0-9a-f]+)$/.exec(url.pathname);
    if (m && req.method === 'POST') {
      const status: FakeStatus = { sha: m[3] as string, ...body };
      this.statuses.push(status);
      return { status: 201, body: { id: this.statuses.length, ...status } };
    }
    // An upstream's commit and tarball: GitHub answers a tarball with a redirect to codeload.
    m = /^\/repos\/([^/]+\/[^/]+)\/(commits|tarball)\/([^/]+)$/.exec(url.pathname);
    const upstream = m && req.method === 'GET' ? this.upstreams.get(m[1]!) : undefined;
    if (m && upstream) {
      const ref = decodeURIComponent(m[3]!);
      // A commit id is a ref too.
      const sha = upstream.refs.get(ref) ?? (upstream.tarballs.has(ref) ? ref : undefined);
      if (!sha) return { status: 404, body: { message: 'No commit found for the ref' } };
      if (m[2] === 'commits') return { status: 200, body: { sha } };
      return { status: 302, location: `${this.url}/_codeload/${m[1]}/${sha}` };
    }
    m = /^\/_codeload\/([^/]+\/[^/]+)\/([0-9a-f]{40})$/.exec(url.pathname);
    if (m && req.method === 'GET') {
      const tar = this.upstreams.get(m[1]!)?.tarballs.get(m[2]!);
      return tar ? { status: 200, raw: tar } : { status: 404, body: { message: 'Not Found' } };
    }
    const promote = this.handlePromote(req.method ?? 'GET', url, body);
    if (promote) return promote;
    return { status: 404, body: { message: `Not Found: ${req.method} ${url.pathname}` } };
  }

  private issueJson(i: FakeIssue, owner: string, repo: string) {
    return {
      number: i.number,
      title: i.title,
      body: i.body,
      state: i.state,
      state_reason: i.stateReason ?? null,
      labels: i.labels.map((name) => ({ name })),
      html_url: `https://github.test/${owner}/${repo}/issues/${i.number}`,
      user: { login: i.author },
    };
  }

  /** List (by state), create, edit (body, state) and label issues; undefined for other paths. */
  private handleIssues(
    method: string,
    url: URL,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    body: any,
  ): { status: number; body: unknown } | undefined {
    let m = /^\/repos\/([^/]+)\/([^/]+)\/issues$/.exec(url.pathname);
    if (m) {
      const [, owner, repo] = m as unknown as [string, string, string];
      if (method === 'GET') {
        const state = url.searchParams.get('state') ?? 'open';
        const listed = this.issues.filter((i) => state === 'all' || i.state === state);
        return { status: 200, body: listed.map((i) => this.issueJson(i, owner, repo)) };
      }
      if (method === 'POST') {
        const issue: FakeIssue = {
          number: this.nextIssue++,
          title: String(body.title),
          body: String(body.body ?? ''),
          state: 'open',
          labels: [],
          author: this.author,
        };
        this.issues.push(issue);
        return { status: 201, body: this.issueJson(issue, owner, repo) };
      }
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)(\/labels)?$/.exec(url.pathname);
    if (m) {
      const [, owner, repo, n, labels] = m as unknown as [string, string, string, string, string?];
      const issue = this.issues.find((i) => i.number === Number(n));
      if (!issue) return undefined;
      if (labels && method === 'POST') {
        // Like GitHub, a label that does not exist yet is created by adding it.
        for (const name of body.labels as string[])
          if (!issue.labels.includes(name)) issue.labels.push(name);
        return { status: 200, body: issue.labels.map((name) => ({ name })) };
      }
      if (!labels && method === 'PATCH') {
        if (body.body !== undefined) issue.body = String(body.body);
        if (body.state !== undefined) issue.state = body.state;
        if (body.state_reason !== undefined) issue.stateReason = body.state_reason;
        return { status: 200, body: this.issueJson(issue, owner, repo) };
      }
    }
    return undefined;
  }

  private pullJson(p: FakeOpenPull, owner: string, repo: string) {
    return {
      number: p.number,
      html_url: `https://github.test/${owner}/${repo}/pull/${p.number}`,
      title: p.title,
      body: p.body,
      state: p.state,
      head: { ref: p.head },
      base: { ref: p.base },
    };
  }

  /** The repository, Git data (commits, trees, refs) and pull requests promote uses. */
  private handlePromote(
    method: string,
    url: URL,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    body: any,
  ): { status: number; body: unknown } | undefined {
    const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(url.pathname);
    if (!m) return undefined;
    const [, owner, repo] = m as unknown as [string, string, string];
    const rest = m[3] ?? '';
    const sha = () => (this.nextId++).toString(16).padStart(40, '0');
    if (rest === '' && method === 'GET')
      return { status: 200, body: { name: repo, default_branch: this.defaultBranch } };
    let r = /^\/git\/commits\/([0-9a-f]+)$/.exec(rest);
    if (r && method === 'GET')
      return { status: 200, body: { sha: r[1], tree: { sha: `tree-of-${r[1]}` } } };
    if (rest === '/git/trees' && method === 'POST') {
      const t = sha();
      const files: Record<string, string | null> = {};
      for (const e of body.tree as { path: string; content?: string; sha?: null }[])
        files[e.path] = e.sha === null ? null : (e.content ?? '');
      this.trees.set(t, files);
      return { status: 201, body: { sha: t } };
    }
    if (rest === '/git/commits' && method === 'POST') {
      const c = {
        sha: sha(),
        parent: String(body.parents[0]),
        message: String(body.message),
        files: this.trees.get(String(body.tree)) ?? {},
      };
      this.gitCommits.push(c);
      return { status: 201, body: { sha: c.sha } };
    }
    // Octokit sends a ref's slashes encoded (heads%2Fa%2Fb); GitHub reads both spellings.
    const refPath = decodeURIComponent(rest);
    r = /^\/git\/ref\/heads\/(.+)$/.exec(refPath);
    if (r && method === 'GET') {
      const at = this.refs.get(r[1]!);
      return at
        ? { status: 200, body: { ref: `refs/heads/${r[1]}`, object: { sha: at } } }
        : { status: 404, body: { message: 'Not Found' } };
    }
    if (rest === '/git/refs' && method === 'POST') {
      const name = String(body.ref).replace(/^refs\/heads\//, '');
      if (this.refs.has(name))
        return { status: 422, body: { message: 'Reference already exists' } };
      this.refs.set(name, String(body.sha));
      return { status: 201, body: { ref: body.ref, object: { sha: body.sha } } };
    }
    r = /^\/git\/refs\/heads\/(.+)$/.exec(refPath);
    if (r && method === 'PATCH') {
      const name = r[1]!;
      if (!this.refs.has(name))
        return { status: 422, body: { message: 'Reference does not exist' } };
      this.refs.set(name, String(body.sha));
      return { status: 200, body: { ref: `refs/heads/${name}`, object: { sha: body.sha } } };
    }
    if (rest === '/pulls' && method === 'GET') {
      const head = url.searchParams.get('head');
      const state = url.searchParams.get('state') ?? 'open';
      return {
        status: 200,
        body: this.openPulls
          .filter((p) => (head === null || `${owner}:${p.head}` === head) && p.state === state)
          .map((p) => this.pullJson(p, owner, repo)),
      };
    }
    if (rest === '/pulls' && method === 'POST') {
      const p: FakeOpenPull = {
        number: this.nextId++,
        head: String(body.head),
        base: String(body.base),
        title: String(body.title),
        body: String(body.body),
        state: 'open',
      };
      this.openPulls.push(p);
      return { status: 201, body: this.pullJson(p, owner, repo) };
    }
    r = /^\/pulls\/(\d+)$/.exec(rest);
    if (r && method === 'PATCH') {
      const p = this.openPulls.find((x) => x.number === Number(r![1]));
      if (!p) return { status: 404, body: { message: 'Not Found' } };
      if (body.title !== undefined) p.title = String(body.title);
      if (body.body !== undefined) p.body = String(body.body);
      return { status: 200, body: this.pullJson(p, owner, repo) };
    }
    return undefined;
  }
}

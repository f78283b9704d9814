/**
 * A local HTTP server playing the part of the GitHub REST API the action uses: issue
 * comments (list, create, update) and the pull requests of a commit. The action's real
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

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly comments: FakeComment[] = [];
  /** Login shown as the author of comments created through the API. */
  author = 'github-actions[bot]';
  /** commit sha -> pull requests GitHub associates with it. */
  readonly pullsByCommit = new Map<string, FakePull[]>();
  private nextId = 1000;
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        ({ status, body }) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
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

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
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
    m = /^\/repos\/([^/]+)\/([^/]+)\/commits\/([0-9a-f]+)\/pulls$/.exec(url.pathname);
    if (m && req.method === 'GET') {
      return { status: 200, body: this.pullsByCommit.get(m[3] as string) ?? [] };
    }
    return { status: 404, body: { message: `Not Found: ${req.method} ${url.pathname}` } };
  }
}

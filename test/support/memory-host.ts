/** GitHub as the engine's PullRequestHost sees it, in memory: merged pull requests by commit, and their comments. */
import type { PullRequestHost } from '../../src/door-kit/github.js';

export class MemoryHost implements PullRequestHost {
  readonly comments = new Map<number, string>();
  constructor(private readonly merged: Record<string, { number: number; labels: string[] }>) {}
  async mergedPullRequestFor(sha: string) {
    return this.merged[sha];
  }
  async findComment(issue: number, isOurs: (body: string) => boolean) {
    const body = this.comments.get(issue);
    return body !== undefined && isOurs(body) ? { body } : undefined;
  }
  async upsertComment(issue: number, _isOurs: (body: string) => boolean, body: string) {
    this.comments.set(issue, body);
    return { url: `https://github.test/acme/detections/pull/${issue}#comment` };
  }
}

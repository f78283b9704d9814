/**
 * Stand-ins for GitHub on a local run without --repo and a token: `drift` and `promote`
 * run as in the action, but nothing leaves the machine. The tracker knows no open issue and
 * keeps the one it is asked to open; the promotion host pushes nothing. The runner
 * (run.ts) words their results as what would happen.
 */
import type { FileChange, IssueTracker, PromotionHost } from '../door-kit/github.js';

export interface LocalTracker extends IssueTracker {
  /** The body of the issue the drift command asked to open, if it did. */
  readonly opened: { title: string; body: string }[];
}

export function localTracker(): LocalTracker {
  const opened: { title: string; body: string }[] = [];
  const never = (): never => {
    throw new Error('a local run has no drift issue to change');
  };
  return {
    opened,
    findOpenIssue: () => Promise.resolve(undefined),
    createIssue: (title, body) => {
      opened.push({ title, body });
      return Promise.resolve({ number: 0, url: '' });
    },
    updateIssue: never,
    closeIssue: never,
  };
}

export interface LocalPromotionHost extends PromotionHost {
  /** The files the promotion would have committed. */
  readonly files: FileChange[];
}

export function localPromotionHost(): LocalPromotionHost {
  const files: FileChange[] = [];
  return {
    files,
    defaultBranch: () => Promise.resolve('main'),
    openPullRequestFrom: () => Promise.resolve(undefined),
    commitFiles: (_branch, _base, _message, changes) => {
      files.push(...changes);
      return Promise.resolve('');
    },
    createPullRequest: () => Promise.resolve({ number: 0, url: '' }),
    updatePullRequest: (number) => Promise.resolve({ number, url: '' }),
  };
}

/** What the workflow event asks for: the mode, the pull request and the commit. */
import { queuedPullRequest } from '../commands/verify-queue.js';
import type { Command } from './settings.js';

/** `verify-queue` is what `auto` does on `merge_group`: not a command of its own. */
export type Mode = Exclude<Command, 'auto'> | 'verify-queue';

export interface EventInfo {
  mode: Mode;
  pullRequest?: number;
  /** The commit to plan for: the PR head on pull requests, the pushed commit otherwise. */
  commit: string;
  /** The pull request's base commit (pull_request events): the backtest's "before". */
  base?: string;
  /**
   * `owner/repo` of the fork a pull request comes from (its token is read-only); "a deleted
   * fork" when GitHub no longer knows it.
   */
  fork?: string;
  /** The pull request's labels, as the event payload gives them (pull_request events). */
  labels?: string[];
}

/** The parts of @actions/github's context the decision reads. */
export interface EventContext {
  eventName: string;
  sha: string;
  ref: string;
  payload: {
    pull_request?: unknown;
    repository?: unknown;
    merge_group?: unknown;
  };
}

/**
 * `auto` plans on pull requests, applies on a push to the default branch, checks a merge
 * queue's commit on merge_group and looks for drift on schedule (a scheduled plan has no
 * pull request to comment on, so what else could it be for); anything else (a push
 * elsewhere, workflow_dispatch) plans. Another command is taken as given.
 */
export function eventInfo(command: Command, context: EventContext): EventInfo {
  const { eventName, payload, sha, ref } = context;
  const pr = payload.pull_request as { number: number; head: { sha: string } } | undefined;
  const commit = pr?.head.sha ?? sha;
  const fork = forkOf(pr);
  const labels = labelsOf(pr);
  const pullRequest = pr
    ? { pullRequest: pr.number, ...(fork ? { fork } : {}), ...(labels ? { labels } : {}) }
    : {};
  if (command !== 'auto') return { mode: command, commit, ...pullRequest };
  if (eventName === 'merge_group') {
    // The queued commit, checked against the plan reviewed on its pull request.
    const group = payload.merge_group as { head_sha?: string; head_ref?: string } | undefined;
    const number = queuedPullRequest(group?.head_ref ?? '');
    return {
      mode: 'verify-queue',
      commit: group?.head_sha ?? sha,
      ...(number !== undefined ? { pullRequest: number } : {}),
    };
  }
  if (eventName === 'schedule') return { mode: 'drift', commit };
  if ((eventName === 'pull_request' || eventName === 'pull_request_target') && pr) {
    const base = (pr as { base?: { sha?: unknown } }).base?.sha;
    return { mode: 'plan', commit, ...pullRequest, ...(typeof base === 'string' ? { base } : {}) };
  }
  const defaultBranch = (payload.repository as { default_branch?: string } | undefined)
    ?.default_branch;
  if (eventName === 'push' && defaultBranch && ref === `refs/heads/${defaultBranch}`)
    return { mode: 'apply', commit };
  return { mode: 'plan', commit };
}

/** The label names of a pull request payload; undefined when it lists none. */
function labelsOf(pr: unknown): string[] | undefined {
  const labels = (pr as { labels?: unknown } | undefined)?.labels;
  if (!Array.isArray(labels)) return undefined;
  const names = labels
    .map((l) => (l as { name?: unknown } | null)?.name)
    .filter((n): n is string => typeof n === 'string');
  return names.length > 0 ? names : undefined;
}

/** The fork a pull request's head lives in, or undefined when it is a branch of the base repository. */
function forkOf(pr: unknown): string | undefined {
  const p = pr as
    | {
        head?: { repo?: { full_name?: unknown } | null };
        base?: { repo?: { full_name?: unknown } };
      }
    | undefined;
  const base = p?.base?.repo?.full_name;
  if (!p?.head || typeof base !== 'string') return undefined;
  const head = p.head.repo?.full_name;
  if (p.head.repo === null) return 'a deleted fork';
  return typeof head === 'string' && head !== base ? head : undefined;
}

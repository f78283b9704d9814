/** What the workflow event asks for: the mode, the pull request and the commit. */
import type { Command } from './settings.js';

export type Mode = Exclude<Command, 'auto'>;

export interface EventInfo {
  mode: Mode;
  pullRequest?: number;
  /** The commit to plan for: the PR head on pull requests, the pushed commit otherwise. */
  commit: string;
}

/** The parts of @actions/github's context the decision reads. */
export interface EventContext {
  eventName: string;
  sha: string;
  ref: string;
  payload: {
    pull_request?: unknown;
    repository?: unknown;
  };
}

/**
 * `auto` plans on pull requests and applies on a push to the default branch; anything
 * else (a push elsewhere, workflow_dispatch) plans. Another command is taken as given.
 */
export function eventInfo(command: Command, context: EventContext): EventInfo {
  const { eventName, payload, sha, ref } = context;
  const pr = payload.pull_request as { number: number; head: { sha: string } } | undefined;
  const commit = pr?.head.sha ?? sha;
  const pullRequest = pr ? { pullRequest: pr.number } : {};
  if (command !== 'auto') return { mode: command, commit, ...pullRequest };
  if ((eventName === 'pull_request' || eventName === 'pull_request_target') && pr) {
    return { mode: 'plan', commit, ...pullRequest };
  }
  const defaultBranch = (payload.repository as { default_branch?: string } | undefined)
    ?.default_branch;
  if (eventName === 'push' && defaultBranch && ref === `refs/heads/${defaultBranch}`)
    return { mode: 'apply', commit };
  return { mode: 'plan', commit };
}

/**
 * The hidden lines at the top of the plan comment. The GitHub client finds the comment by
 * the marker; apply-on-merge reads the state back to apply only what was reviewed.
 */
import type { PlanReport, RootStatus } from '../plan/types.js';

/** First line of every plan comment. Find the comment with `isPlanComment`, not `includes`. */
export const COMMENT_MARKER = '<!-- streamalert-action:plan-comment -->';

const STATE_PREFIX = '<!-- streamalert-action:state ';
const STATE_SUFFIX = ' -->';
const STATE_VERSION = 1;

export interface CommentRootState {
  fingerprint: string;
  status: RootStatus;
  /** The counts reviewers saw, so a refused apply can say what differs. */
  add: number;
  change: number;
  destroy: number;
}

export interface CommentState {
  version: typeof STATE_VERSION;
  /** Head commit the plan was made for. */
  commit: string;
  /** SHA-256 of the rendered Terraform tree. */
  configHash: string;
  /**
   * Per root (`global` or the cluster id). parseCommentState builds it without a prototype,
   * so looking up a cluster named `constructor` that was not planned finds nothing.
   */
  roots: Record<string, CommentRootState>;
}

export function stateFromReport(report: PlanReport): CommentState {
  const roots: Record<string, CommentRootState> = Object.create(null) as Record<
    string,
    CommentRootState
  >;
  for (const r of report.roots) {
    roots[r.root] = {
      fingerprint: r.fingerprint,
      status: r.status,
      add: r.add,
      change: r.change,
      destroy: r.destroy,
    };
  }
  return { version: STATE_VERSION, commit: report.commit, configHash: report.configHash, roots };
}

/**
 * The state as one HTML-comment line. The JSON stays readable for whoever debugs a refused
 * apply, but `<`, `>`, `-` and `&` are written as \u escapes (valid JSON, since the state has
 * no negative numbers), so no value — a cluster name, a commit string — can ever close the
 * comment early with `-->` or open another. (Counts are never negative, so no `-` is
 * needed outside a string.)
 */
export function renderStateLine(state: CommentState): string {
  const json = JSON.stringify(state).replace(
    /[<>&-]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `${STATE_PREFIX}${json}${STATE_SUFFIX}`;
}

/** True when `body` is one of our plan comments (the marker must be its first line). */
export function isPlanComment(body: string): boolean {
  return body === COMMENT_MARKER || /^<!-- streamalert-action:plan-comment -->\r?\n/.test(body);
}

const STATUSES: ReadonlySet<string> = new Set<RootStatus>(['no-changes', 'changes', 'error']);

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function isRootState(value: unknown): value is CommentRootState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.fingerprint === 'string' &&
    typeof v.status === 'string' &&
    STATUSES.has(v.status) &&
    isCount(v.add) &&
    isCount(v.change) &&
    isCount(v.destroy)
  );
}

/**
 * Reads the state back from a comment body. Only the second line is read, right after
 * the marker: plan text further down may contain a look-alike state line (it is content
 * from the pull request), and that must never be trusted. Undefined when the body is not
 * ours, the state is missing or malformed, or it is from another state version.
 */
export function parseCommentState(body: string): CommentState | undefined {
  if (!isPlanComment(body)) return undefined;
  const line = body.split(/\r?\n/, 2)[1];
  if (line === undefined || !line.startsWith(STATE_PREFIX) || !line.endsWith(STATE_SUFFIX)) {
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(line.slice(STATE_PREFIX.length, line.length - STATE_SUFFIX.length));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (
    v.version !== STATE_VERSION ||
    typeof v.commit !== 'string' ||
    typeof v.configHash !== 'string' ||
    typeof v.roots !== 'object' ||
    v.roots === null ||
    Array.isArray(v.roots)
  ) {
    return undefined;
  }
  const roots: Record<string, CommentRootState> = Object.create(null) as Record<
    string,
    CommentRootState
  >;
  for (const [name, r] of Object.entries(v.roots)) {
    if (!isRootState(r)) return undefined;
    roots[name] = {
      fingerprint: r.fingerprint,
      status: r.status,
      add: r.add,
      change: r.change,
      destroy: r.destroy,
    };
  }
  return { version: STATE_VERSION, commit: v.commit, configHash: v.configHash, roots };
}

/**
 * The hidden lines at the top of the plan comment. The GitHub client finds the comment by
 * the marker; apply-on-merge reads the state back to apply only what was reviewed.
 *
 * Version 2 adds each root's reviewed changes (action and address), so a re-run after a
 * failed or partial apply can apply a plan that is a subset of the reviewed one. Version 1
 * comments (written before) are still read, as fingerprint-only.
 */
import { createHash } from 'node:crypto';
import type { PlanReport, ResourceChange, RootStatus } from '../plan/types.js';

/** First line of every plan comment. Find the comment with `isPlanComment`, not `includes`. */
export const COMMENT_MARKER = '<!-- streamalert-action:plan-comment -->';

const STATE_PREFIX = '<!-- streamalert-action:state ';
const STATE_SUFFIX = ' -->';
const STATE_VERSION = 2;
/** Versions this code reads: 1 has no change lists (fingerprint-only). */
const READABLE_VERSIONS: ReadonlySet<unknown> = new Set([1, STATE_VERSION]);

/**
 * How many characters the change lists of all roots may take in the state line. The state
 * is the first thing the comment keeps (render.ts), so every character here is taken from
 * the table and the plans reviewers read: a first deployment of 50 clusters plans ~3,000
 * creations, ~200 KB as text. Past this budget the lists are stored as short hashes
 * (CHANGE_HASH_LENGTH hex characters per change, ~1,100 changes in all, enough to tell a new change from a
 * reviewed one, since only equality is asked), and roots whose hashes still do not fit
 * keep only their fingerprint (a re-run after a partial apply of those is refused).
 */
export const CHANGE_LIST_BUDGET = 10_000;
/** 32 bits: the chance that a change not reviewed matches one of a root's ~100 reviewed hashes by accident is ~2e-8. */
export const CHANGE_HASH_LENGTH = 8;

export interface CommentRootState {
  fingerprint: string;
  status: RootStatus;
  /** The counts reviewers saw, so a refused apply can say what differs. */
  add: number;
  change: number;
  destroy: number;
  /** The reviewed changes as `action address` (state version 2, when they fit the budget). */
  changes?: string[];
  /** Or the same as concatenated short hashes (changeHash), when the text did not fit. */
  changeHashes?: string;
}

export interface CommentState {
  /** 1 for comments written before change lists; parseCommentState reads both. */
  version: 1 | typeof STATE_VERSION;
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
  addChangeLists(roots, report);
  return { version: STATE_VERSION, commit: report.commit, configHash: report.configHash, roots };
}

/** One change as the state lists it. */
export const changeKey = (c: Pick<ResourceChange, 'action' | 'address'>): string =>
  `${c.action} ${c.address}`;

/** The short hash of changeKey(c). */
export const changeHash = (c: Pick<ResourceChange, 'action' | 'address'>): string =>
  createHash('sha256').update(changeKey(c)).digest('hex').slice(0, CHANGE_HASH_LENGTH);

/** JSON length of a list as it will be written (quotes, commas, escapes). */
const jsonLength = (v: unknown): number => JSON.stringify(v).length;

/**
 * Adds the change lists within CHANGE_LIST_BUDGET: as text when all of them fit, else as
 * hashes, smallest roots first so the most roots stay resumable.
 */
function addChangeLists(roots: Record<string, CommentRootState>, report: PlanReport): void {
  const changing = report.roots.filter((r) => r.changes.length > 0);
  const text = changing.map((r) => r.changes.map(changeKey));
  if (text.reduce((n, list) => n + jsonLength(list) + 12, 0) <= CHANGE_LIST_BUDGET) {
    changing.forEach((r, i) => (roots[r.root]!.changes = text[i]!));
    return;
  }
  let used = 0;
  for (const r of [...changing].sort((a, b) => a.changes.length - b.changes.length)) {
    const hashes = r.changes.map(changeHash).join('');
    used += hashes.length + 18;
    if (used > CHANGE_LIST_BUDGET) break;
    roots[r.root]!.changeHashes = hashes;
  }
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

const CHANGE_KEY = /^(create|update|delete|replace) \S+/;
const HASHES = new RegExp(`^(?:[0-9a-f]{${CHANGE_HASH_LENGTH}})*$`);

/** The optional change list of a version 2 root: absent, or well formed. */
function changeListOk(v: Record<string, unknown>): boolean {
  if (v.changes !== undefined) {
    if (!Array.isArray(v.changes)) return false;
    if (!v.changes.every((c) => typeof c === 'string' && CHANGE_KEY.test(c))) return false;
  }
  if (v.changeHashes !== undefined) {
    if (typeof v.changeHashes !== 'string' || !HASHES.test(v.changeHashes)) return false;
  }
  return true;
}

function isRootState(value: unknown): value is CommentRootState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.fingerprint === 'string' &&
    typeof v.status === 'string' &&
    STATUSES.has(v.status) &&
    isCount(v.add) &&
    isCount(v.change) &&
    isCount(v.destroy) &&
    changeListOk(v)
  );
}

/**
 * Reads the state back from a comment body. Only the second line is read, right after
 * the marker: plan text further down may contain a look-alike state line (it is content
 * from the pull request), and that must never be trusted. Undefined when the body is not
 * ours, the state is missing or malformed, or it is from a state version this code does not
 * know. A version 1 state has no change lists: its roots are fingerprint-only.
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
    !READABLE_VERSIONS.has(v.version) ||
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
      // Version 1 never had lists; one found there is not ours to trust.
      ...(v.version === STATE_VERSION && r.changes ? { changes: [...r.changes] } : {}),
      ...(v.version === STATE_VERSION && r.changeHashes ? { changeHashes: r.changeHashes } : {}),
    };
  }
  return {
    version: v.version === 1 ? 1 : STATE_VERSION,
    commit: v.commit,
    configHash: v.configHash,
    roots,
  };
}

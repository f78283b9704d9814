/**
 * Putting the plan comment on the pull request, and saying plainly why not when the token
 * cannot write. GitHub answers 403 "Resource not accessible by integration" and nothing
 * else; the person reading the log needs the cause (a pull request from a fork gets a
 * read-only token, whatever the workflow asks for) and what to do about it.
 */
import { publishPlanComment, type PullRequestHost } from '../door-kit/github.js';

/** The pull request being planned, as far as the comment cares. */
export interface CommentTarget {
  number: number;
  /** `owner/repo` of the fork the pull request comes from, when it comes from one. */
  fork?: string;
  runUrl?: string;
}

export type CommentOutcome =
  | { kind: 'written'; url: string }
  /**
   * The token may not write: `message` is the log line and `summary` the job summary's
   * section. `fatal` is false for a fork, where no workflow setting can help: the plan's own
   * result then decides the job.
   */
  | { kind: 'refused'; message: string; summary: string; fatal: boolean };

/** A 403 from the API: the token lacks the permission (not a missing pull request or a GitHub outage). */
function isForbidden(err: unknown): boolean {
  return (err as { status?: unknown } | null)?.status === 403;
}

export async function writePlanComment(
  host: PullRequestHost,
  target: CommentTarget,
  comment: string,
): Promise<CommentOutcome> {
  try {
    return { kind: 'written', url: await publishPlanComment(host, target.number, comment) };
  } catch (err) {
    if (!isForbidden(err)) throw err;
    return refusal(target, (err as Error).message);
  }
}

/** The job summary's section: a heading, then the cause and the remedy as sentences. */
const section = (why: string, how: string) =>
  `\n### No plan comment\n\n${why.charAt(0).toUpperCase()}${why.slice(1)}\n\n${how}\n`;

function refusal(target: CommentTarget, answer: string): CommentOutcome {
  const where = target.runUrl ? `this job's summary (${target.runUrl})` : "this job's summary";
  if (target.fork !== undefined) {
    const why =
      `the token cannot comment on pull request #${target.number}: it comes from the fork ` +
      `${target.fork}, and GitHub gives a fork's pull_request workflow a read-only token ` +
      `whatever the workflow's permissions say (GitHub answered 403: ${answer}).`;
    const how =
      `The plan is in ${where}. To get the comment (and an apply after merge, which needs ` +
      `it), a maintainer pushes the reviewed commits to a branch of this repository and ` +
      `opens the pull request from there. Do not switch to pull_request_target for a write ` +
      `token: it would run the fork's rules with this repository's credentials.`;
    return {
      kind: 'refused',
      fatal: false,
      message: `No plan comment: ${why} ${how}`,
      summary: section(why, how),
    };
  }
  const why =
    `the token cannot comment on pull request #${target.number} ` +
    `(GitHub answered 403: ${answer}).`;
  const how =
    'Give the job `permissions: pull-requests: write` (or set github-token to a token that ' +
    `has it). The plan is in ${where}.`;
  return {
    kind: 'refused',
    fatal: true,
    message: `No plan comment: ${why} ${how}`,
    summary: section(why, how),
  };
}

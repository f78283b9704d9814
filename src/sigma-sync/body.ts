/**
 * The sigma-sync pull request's title and body: where the rules come from, a count per kind
 * of change, and the files of each kind. File names passed SAFE_PATH; reasons (compile
 * problems quote upstream text) are shown as code spans, cut to a line. The body is cut
 * to GitHub's limit list by list, each cut saying how many were left out.
 */
import { fitLines, utf16Length } from '../report/budget.js';
import { inlineCode } from '../report/markdown.js';
import type { Decision } from './reconcile.js';

export const SYNC_MARKER = '<!-- streamalert:sigma-sync -->';
export const MAX_SYNC_BODY_CHARS = 65_536;
const MAX_REASON_CHARS = 300;

export interface SyncSummary {
  repository: string;
  ref: string;
  commit: string;
  folders: readonly string[];
  previous?: { ref: string; commit: string };
  /** Repository path (relative to the repository root, `/`) of an upstream path. */
  destOf: (upstreamPath: string) => string;
  decisions: readonly Decision[];
  refused: number;
}

export const syncTitle = (s: { repository: string; ref: string }): string =>
  `Sigma rules from ${s.repository}@${s.ref}`.slice(0, 200);

const reasonOf = (d: Decision): string =>
  'reason' in d
    ? `: ${inlineCode(d.reason.length > MAX_REASON_CHARS ? `${d.reason.slice(0, MAX_REASON_CHARS)}…` : d.reason)}`
    : '';

const SECTIONS: readonly { kind: Decision['kind']; title: string }[] = [
  { kind: 'add', title: 'Added' },
  { kind: 'update', title: 'Updated' },
  { kind: 'merge', title: 'Merged with the local edits' },
  { kind: 'delete', title: 'Removed upstream' },
  { kind: 'conflict', title: 'Conflicts: the local version is kept' },
  {
    kind: 'held',
    title: "Held: upstream's new version cannot run here, the local version is kept",
  },
  { kind: 'skipped', title: 'Not brought: new upstream rules that cannot run here' },
  { kind: 'declined', title: 'Deleted here, changed upstream: left deleted' },
];

export function syncBody(s: SyncSummary): string {
  const short = (c: string) => inlineCode(c.slice(0, 7));
  const head = [
    `Sigma rules from ${inlineCode(s.repository)} at ${inlineCode(s.ref)} (${short(s.commit)}), folders ${s.folders.map(inlineCode).join(', ')}` +
      (s.previous
        ? `; last sync ${inlineCode(s.previous.ref)} (${short(s.previous.commit)}).`
        : '; first sync.'),
    '',
    '| ' + SECTIONS.map((x) => x.kind).join(' | ') + ' |',
    '|' + SECTIONS.map(() => '---:').join('|') + '|',
    '| ' +
      SECTIONS.map((x) => s.decisions.filter((d) => d.kind === x.kind).length).join(' | ') +
      ' |',
    '',
  ];
  const tail = [
    ...(s.refused > 0
      ? [
          `${s.refused} archive entr${s.refused === 1 ? 'y was' : 'ies were'} refused (links, or names outside [A-Za-z0-9._/-]).`,
          '',
        ]
      : []),
    "Local edits are kept: each file is merged three ways against the version last synced (recorded in `sigma-sync.json`). This pull request's plan comment shows each changed rule's fixtures and backtest.",
    '',
    SYNC_MARKER,
  ];
  const lists = SECTIONS.map((x) => ({
    title: x.title,
    lines: s.decisions
      .filter((d) => d.kind === x.kind)
      .map((d) => `- ${inlineCode(s.destOf(d.path))}${reasonOf(d)}`),
  })).filter((l) => l.lines.length > 0);
  const fixed = [...head, ...tail].reduce((n, l) => n + l.length + 1, 0);
  // Each list gets an equal share of what is left, at least its heading and one cut line.
  let spare = MAX_SYNC_BODY_CHARS - fixed - lists.length * 120;
  const out = [...head];
  lists.forEach((l, i) => {
    const share = Math.floor(spare / (lists.length - i));
    const fit = fitLines(l.lines, share, utf16Length);
    const shown = l.lines.slice(0, fit);
    out.push(`### ${l.title} (${l.lines.length})`, '', ...shown);
    if (fit < l.lines.length) out.push(`- … and ${l.lines.length - fit} more`);
    out.push('');
    spare -= shown.reduce((n, x) => n + x.length + 1, 0);
  });
  return [...out, ...tail].join('\n');
}

/**
 * The threat-intel section of the plan comment: each feed the rule processors match
 * against, with the version they use (src/steps/feed-versions.ts). A feed's name is from a
 * fixed list, but its version text is read from S3 metadata the collector wrote from the
 * feed's own data: code spans only, bounded, so it can never open Markdown of its own.
 */
import type { FeedVersion } from '../plan/types.js';
import { inlineCode } from './markdown.js';

/** Characters of a version text shown (the full text is in plan-report.json). */
export const MAX_VERSION_TEXT = 64;

const short = (text: string): string =>
  inlineCode(text.length > MAX_VERSION_TEXT ? `${text.slice(0, MAX_VERSION_TEXT)}…` : text);

function line(f: FeedVersion): string {
  if (f.status === 'absent')
    return `- ${inlineCode(f.feed)}: not written yet (matched once the collector writes it)\n`;
  if (f.status === 'unread')
    return `- ${inlineCode(f.feed)}: latest, unpinned (the bucket was not read at plan time)\n`;
  const parts = [
    f.fetchedAt ? `fetched ${short(f.fetchedAt)}` : 'current table',
    ...(f.sourceVersion ? [`feed version ${short(f.sourceVersion)}`] : []),
    ...(f.objectVersion ? [`S3 version ${short(f.objectVersion)}`] : []),
  ];
  return `- ${inlineCode(f.feed)}: ${parts.join(', ')}\n`;
}

export function feedVersionsSection(report: { threatIntelFeeds?: FeedVersion[] }): string {
  const feeds = report.threatIntelFeeds ?? [];
  if (feeds.length === 0) return '';
  return (
    '🛰️ **Threat-intel feeds** the rule processors match against — the latest table of each, ' +
    'checked every `cache_refresh_minutes` (docs/threat-intel.md):\n' +
    feeds.map(line).join('')
  );
}

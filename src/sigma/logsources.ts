/**
 * Which logs.json logs a Sigma rule's `logsource` runs on: a built-in table of the log
 * names StreamAlert's schemas (and this project's examples) use for the vendors SigmaHQ
 * writes cloud rules for, and the log types this project's collectors write
 * (src/processors/collectors/log-schemas.ts), extended or overridden by conf/sigma.json's
 * `logsources`. Only the names that are in conf/logs.json count, so listing both costs nothing.
 */
import type { SigmaConfig, SigmaLogsource } from '../processors/config/types.js';

export const BUILTIN_LOGSOURCES: readonly SigmaLogsource[] = [
  { product: 'aws', service: 'cloudtrail', logs: ['cloudtrail:events', 'cloudwatch:cloudtrail'] },
  { product: 'gcp', service: 'gcp.audit', logs: ['gcp:audit'] },
  // SigmaHQ files Google Workspace under gcp (google_workspace.admin, google_workspace.login).
  {
    product: 'gcp',
    service: 'google_workspace.admin',
    logs: ['gsuite:reports', 'google_workspace:admin', 'google_workspace:activity'],
  },
  {
    product: 'gcp',
    service: 'google_workspace.login',
    logs: ['gsuite:reports', 'google_workspace:login', 'google_workspace:activity'],
  },
  {
    product: 'google_workspace',
    logs: ['gsuite:reports', 'google_workspace:admin', 'google_workspace:activity'],
  },
  { product: 'm365', logs: ['m365:audit', 'm365:management_activity'] },
  { product: 'okta', logs: ['okta:logevents', 'okta:system_log'] },
  { product: 'github', logs: ['github:audit'] },
  { product: 'azure', logs: ['azure:{service}'] },
];

export interface RuleLogsource {
  product?: string;
  service?: string;
  category?: string;
}

const KEYS = ['product', 'service', 'category'] as const;

/** The table in effect, conf's entries first (for messages). */
export function logsourceTable(conf: SigmaConfig): SigmaLogsource[] {
  return [...conf.logsources, ...(conf.builtin_logsources ? BUILTIN_LOGSOURCES : [])];
}

/**
 * The logs of a rule's logsource: conf/sigma.json's entries first, the built-in table only
 * when none of them matches (so any conf entry that matches a rule overrides the built-in
 * table for it).
 */
export function mapLogsource(source: RuleLogsource, conf: SigmaConfig): string[] {
  const own = logsFor(source, conf.logsources);
  if (own.length > 0 || !conf.builtin_logsources) return own;
  return logsFor(source, BUILTIN_LOGSOURCES);
}

/**
 * The logs of a rule's logsource: of the entries whose every key equals the rule's (case
 * aside), the most specific ones (most keys given); empty when none matches.
 */
export function logsFor(source: RuleLogsource, table: readonly SigmaLogsource[]): string[] {
  const matching = table.filter(
    (e) =>
      KEYS.some((k) => e[k] !== undefined) &&
      KEYS.every(
        (k) => e[k] === undefined || e[k].toLowerCase() === (source[k] ?? '').toLowerCase(),
      ),
  );
  if (matching.length === 0) return [];
  const keysOf = (e: SigmaLogsource) => KEYS.filter((k) => e[k] !== undefined).length;
  const best = Math.max(...matching.map(keysOf));
  const logs = matching
    .filter((e) => keysOf(e) === best)
    .flatMap((e) => e.logs.map((l) => l.replace(/\{service\}/g, source.service ?? '')))
    .filter((l) => !l.endsWith(':'));
  return [...new Set(logs)];
}

/** The table as text for messages and docs: `aws/cloudtrail → cloudtrail:events, ...`. */
export function describeEntry(e: SigmaLogsource): string {
  const key = KEYS.filter((k) => e[k] !== undefined)
    .map((k) => `${k}: ${e[k]}`)
    .join(', ');
  return `${key} → ${e.logs.join(', ')}`;
}

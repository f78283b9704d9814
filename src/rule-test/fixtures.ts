/**
 * Rule fixtures, tests/rules/*.json (StreamAlert's `lambda test` format, with the
 * v1.6 `trigger_rules` list):
 *
 *   {"records": [{"description": "...", "service": "kinesis", "source": "<stream>",
 *                 "data": {...} or "raw line", "compress": false, "log": "cloudtrail:events",
 *                 "trigger_rules": ["rule_name"], "trigger_count": 1, "classify": true}]}
 *
 * `data` is the log as it arrives: an object is sent as its JSON text. `compress` gzips
 * it (Kinesis from CloudWatch Logs, *.gz objects in S3). `log` optionally pins the log
 * the record must classify as; `classify: false` expects it not to classify at all.
 * The string "<helper:last_hour>" anywhere in data becomes a Unix time a minute ago.
 *
 * Rules that merge (merge_window_mins): a file may also list the merged alerts its records
 * make, every record of the file counting as one window (fixtures have no clock):
 *
 *   {"records": [...], "merged": [{"rule": "syslog_ssh_failures", "merged_by": {"host": "b-1"},
 *                                  "trigger_count": 5, "record": {"OtherCommonKeys": {...}}}]}
 *
 * `trigger_count` is the merged alert's AlertCount, `record` (optional) a part of its record
 * that must match; a window below the rule's threshold makes no merged alert. Listing
 * `merged` makes it exact: a merged alert the file does not list fails it.
 */
import path from 'node:path';
import {
  listRepositoryFolder,
  readRepositoryFile,
  REPOSITORY,
  repositoryRoot,
} from '../shared/repo-file.js';
import { SERVICES, type Service } from '../processors/config/types.js';

/** Fixture files hold a few dozen records; a bigger one is a mistake. */
export const MAX_FIXTURE_FILE_BYTES = 64 * 1024 * 1024;

export interface FixtureRecord {
  file: string;
  index: number;
  description: string;
  service: Service;
  source: string;
  data: string;
  compress: boolean;
  log?: string;
  classify: boolean;
  triggerRules: string[];
  triggerCount?: number;
  /** On the last record of a file with `merged`: the merged alerts the whole file must make. */
  merged?: MergedExpectation[];
}

export interface MergedExpectation {
  rule: string;
  mergedBy?: Record<string, unknown>;
  triggerCount: number;
  record?: Record<string, unknown>;
  /** JSON pointer of the expectation in its file, for messages. */
  pointer: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function mergedExpectations(
  raw: unknown,
  problem: (pointer: string, message: string) => void,
): MergedExpectation[] {
  if (!Array.isArray(raw)) {
    problem('/merged', 'must be a list of merged alerts ({"rule", "trigger_count", ...})');
    return [];
  }
  const out: MergedExpectation[] = [];
  raw.forEach((m: unknown, i) => {
    const at = `/merged/${i}`;
    if (!isObject(m)) return problem(at, 'must be an object');
    for (const k of Object.keys(m))
      if (!['rule', 'merged_by', 'trigger_count', 'record'].includes(k))
        problem(
          `${at}/${k}`,
          `unknown key "${k}" (allowed: rule, merged_by, trigger_count, record)`,
        );
    if (typeof m.rule !== 'string') problem(`${at}/rule`, 'must be a rule name');
    if (!Number.isInteger(m.trigger_count) || (m.trigger_count as number) < 1)
      problem(`${at}/trigger_count`, "must be the merged alert's count of matches (1 or more)");
    if (m.merged_by !== undefined && !isObject(m.merged_by))
      problem(`${at}/merged_by`, 'must be an object of merge key → value');
    if (m.record !== undefined && !isObject(m.record))
      problem(`${at}/record`, 'must be an object (a part of the merged record)');
    out.push({
      rule: String(m.rule),
      mergedBy: isObject(m.merged_by) ? m.merged_by : undefined,
      triggerCount: Number(m.trigger_count),
      record: isObject(m.record) ? m.record : undefined,
      pointer: at,
    });
  });
  return out;
}

const KEYS = new Set([
  'description',
  'service',
  'source',
  'data',
  'compress',
  'log',
  'trigger_rules',
  'trigger_count',
  'classify',
]);

function withHelpers(value: unknown, now: number): unknown {
  if (typeof value === 'string')
    return value.replace(/<helper:last_hour>/g, String(Math.floor(now / 1000) - 60));
  if (Array.isArray(value)) return value.map((v) => withHelpers(v, now));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withHelpers(v, now)]));
  return value;
}

export async function loadFixtures(
  dir: string,
  now = Date.now(),
): Promise<{ records: FixtureRecord[]; problems: string[] }> {
  const records: FixtureRecord[] = [];
  const problems: string[] = [];
  const root = repositoryRoot(dir);
  let names: string[] | undefined;
  try {
    names = await listRepositoryFolder(dir, root);
  } catch (err) {
    return { records, problems: [(err as Error).message] };
  }
  if (!names) return { records, problems: [`${dir}: fixture folder not found`] };
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const file = path.join(dir, name);
    // A fixture may be a link (say, to /proc/self/environ): only regular files of the repository are read.
    const read = await readRepositoryFile(
      file,
      root,
      REPOSITORY(root, 'fixture files', MAX_FIXTURE_FILE_BYTES),
    );
    if (!('bytes' in read)) {
      problems.push(`${file}: ${'refused' in read ? read.refused : 'file not found'}`);
      continue;
    }
    let doc: { records?: unknown; merged?: unknown };
    try {
      doc = JSON.parse(read.bytes.toString('utf8')) as typeof doc;
    } catch (err) {
      problems.push(`${file}: not valid JSON: ${(err as Error).message}`);
      continue;
    }
    if (!Array.isArray(doc?.records)) {
      problems.push(`${file}: /records: must be a list of test records`);
      continue;
    }
    for (const k of Object.keys(doc))
      if (k !== 'records' && k !== 'merged')
        problems.push(`${file}: /${k}: unknown key "${k}" (allowed: records, merged)`);
    const merged =
      doc.merged === undefined
        ? undefined
        : mergedExpectations(doc.merged, (pointer, message) =>
            problems.push(`${file}: ${pointer}: ${message}`),
          );
    if (merged && doc.records.length === 0)
      problems.push(`${file}: /merged: needs records that make the merged alerts`);
    const last = doc.records.length - 1;
    doc.records.forEach((raw: unknown, index: number) => {
      const at = (pointer: string, message: string) =>
        problems.push(`${file}: /records/${index}${pointer}: ${message}`);
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return at('', 'must be an object');
      const r = raw as Record<string, unknown>;
      for (const k of Object.keys(r))
        if (!KEYS.has(k)) at(`/${k}`, `unknown key "${k}" (allowed: ${[...KEYS].join(', ')})`);
      if (typeof r.description !== 'string') at('/description', 'must be a string');
      if (!SERVICES.includes(r.service as Service))
        at('/service', `must be one of ${SERVICES.join(', ')}`);
      if (typeof r.source !== 'string')
        at('/source', 'must be a string (the stream, bucket or topic name in sources.json)');
      if (r.data === undefined)
        at('/data', 'missing: the log record, as an object (JSON logs) or a string');
      if (!Array.isArray(r.trigger_rules) || !r.trigger_rules.every((t) => typeof t === 'string'))
        at('/trigger_rules', 'must be a list of rule names ([] when no rule should fire)');
      if (r.trigger_count !== undefined && !Number.isInteger(r.trigger_count))
        at('/trigger_count', 'must be an integer');
      const data = withHelpers(r.data, now);
      records.push({
        file,
        index,
        description: String(r.description ?? ''),
        service: r.service as Service,
        source: String(r.source ?? ''),
        data: typeof data === 'string' ? data : JSON.stringify(data),
        compress: r.compress === true,
        log: typeof r.log === 'string' ? r.log : undefined,
        classify: r.classify !== false,
        triggerRules: Array.isArray(r.trigger_rules) ? (r.trigger_rules as string[]) : [],
        triggerCount: typeof r.trigger_count === 'number' ? r.trigger_count : undefined,
        ...(merged && index === last ? { merged } : {}),
      });
    });
  }
  return { records, problems };
}

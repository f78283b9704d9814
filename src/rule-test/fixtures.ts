/**
 * Rule fixtures, tests/rules/*.json (StreamAlert's `lambda test` format, with the
 * v1.6 `trigger_rules` list), in nested folders too:
 *
 *   {"records": [{"description": "...", "service": "kinesis", "source": "<stream>",
 *                 "data": {...} or "raw line", "compress": false, "log": "cloudtrail:events",
 *                 "trigger_rules": ["rule_name"], "trigger_count": 1, "classify": true}]}
 *
 * `data` is the log as it arrives: an object is sent as its JSON text. `compress` gzips
 * it (Kinesis from CloudWatch Logs, *.gz objects in S3). `log` optionally pins the log
 * the record must classify as; `classify: false` expects it not to classify at all.
 * The string "<helper:last_hour>" anywhere in data becomes a Unix time a minute ago.
 * `time` (an ISO 8601 date and time, or a Unix time) is the record's event time for
 * correlation rules; without it the record's own time field is read, and a record with
 * none counts as arriving a second after the one before it in the file.
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
 *
 * StreamAlert 3's test event files are read as they are: a bare JSON list of the records,
 * kept anywhere in the folder tree (beside the rules too, see steps/rule-tests.ts), with
 * `classify_only: true` (classification checked, no rules run, `trigger_rules` optional),
 * `streamalert_app` for the app service, `test_fixtures.lookup_tables` and
 * `test_fixtures.threat_intel` pinning the rows and indicators the record is judged with, and
 * `skip_publishers` and `publisher_tests` accepted but not run (publishers are not part of
 * this project's tests; a file using them says so in `notes`).
 */
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import {
  listRepositoryFolder,
  readRepositoryFile,
  REPOSITORY,
  repositoryRoot,
} from '../shared/repo-file.js';
import { SERVICES, type Service } from '../processors/config/types.js';
import { timeOf } from '../processors/sigma/correlate.js';

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
  /** StreamAlert 3's `classify_only`: classification is checked, the rules do not run. */
  classifyOnly: boolean;
  triggerRules: string[];
  triggerCount?: number;
  /** On the last record of a file with `merged`: the merged alerts the whole file must make. */
  merged?: MergedExpectation[];
  /**
   * Lookup tables pinned for this record (StreamAlert 3's `test_fixtures.lookup_tables`, or
   * `lookup_tables`): table → key → row. The rules see only these rows.
   */
  lookupTables?: Record<string, Record<string, unknown>>;
  /**
   * Indicators pinned for this record (StreamAlert 3's `test_fixtures.threat_intel`): the
   * record is matched against these only, with conf/threat_intel.json's settings.
   */
  threatIntel?: PinnedIndicator[];
  /**
   * The record's event time (ms since the epoch), from `time`: correlation rules count it
   * at this time, whatever the record says.
   */
  time?: number;
}

/** One of StreamAlert 3's `test_fixtures.threat_intel` entries. */
export interface PinnedIndicator {
  ioc_value: string;
  ioc_type: string;
  sub_type?: string;
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

/** True when StreamAlert 3's test_fixtures holds what runs here only (lookup tables, threat intel). */
const onlyLookupTables = (v: unknown): boolean =>
  isObject(v) && Object.keys(v).every((k) => k === 'lookup_tables' || k === 'threat_intel');

/** A record's pinned indicators (`test_fixtures.threat_intel`); problems reported through `at`. */
function pinnedIndicators(
  r: Record<string, unknown>,
  at: (pointer: string, message: string) => void,
): PinnedIndicator[] | undefined {
  const list = isObject(r.test_fixtures) ? r.test_fixtures.threat_intel : undefined;
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) {
    at('/test_fixtures/threat_intel', 'must be a list of {"ioc_value", "ioc_type", "sub_type"}');
    return undefined;
  }
  const out: PinnedIndicator[] = [];
  list.forEach((e: unknown, i) => {
    if (!isObject(e) || typeof e.ioc_value !== 'string' || typeof e.ioc_type !== 'string') {
      at(`/test_fixtures/threat_intel/${i}`, 'must be {"ioc_value": "...", "ioc_type": "..."}');
      return;
    }
    out.push({
      ioc_value: e.ioc_value,
      ioc_type: e.ioc_type,
      ...(typeof e.sub_type === 'string' ? { sub_type: e.sub_type } : {}),
    });
  });
  return out;
}

/**
 * A record's pinned lookup tables: `test_fixtures.lookup_tables` (StreamAlert 3) or
 * `lookup_tables`, each table → key → row; problems reported through `at`.
 */
function pinnedTables(
  r: Record<string, unknown>,
  at: (pointer: string, message: string) => void,
): Record<string, Record<string, unknown>> | undefined {
  const fixtures = r.test_fixtures;
  if (fixtures !== undefined && !isObject(fixtures))
    at('/test_fixtures', 'must be an object (StreamAlert 3: {"lookup_tables": {...}})');
  const sources: [string, unknown][] = [
    ['/test_fixtures/lookup_tables', isObject(fixtures) ? fixtures.lookup_tables : undefined],
    ['/lookup_tables', r.lookup_tables],
  ];
  let out: Record<string, Record<string, unknown>> | undefined;
  for (const [pointer, tables] of sources) {
    if (tables === undefined) continue;
    if (!isObject(tables)) {
      at(pointer, 'must be an object of table name → {key: row}');
      continue;
    }
    for (const [name, rows] of Object.entries(tables)) {
      if (!isObject(rows)) {
        at(
          `${pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`,
          'must be an object of key → row',
        );
        continue;
      }
      (out ??= {})[name] = { ...out?.[name], ...rows };
    }
  }
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
  // StreamAlert 3's
  'classify_only',
  'skip_publishers',
  'publisher_tests',
  'test_fixtures',
  // This project's spelling of test_fixtures.lookup_tables.
  'lookup_tables',
  // The record's event time, for correlation rules.
  'time',
]);

/** StreamAlert 3's keys accepted without being run here (named once per file in `notes`). */
const NOT_RUN = ['publisher_tests', 'test_fixtures'];

/** Folders below a fixture folder, at most this deep (a link loop or a runaway tree stops here). */
const MAX_FOLDER_DEPTH = 20;

/**
 * Every *.json below `dir`, as paths relative to it in sorted order (StreamAlert 3's
 * os.walk over the rules folders); folders starting with "." and node_modules are skipped.
 * A link to a folder is not followed (os.walk's default too): two links back to their own
 * folder would otherwise make 2^MAX_FOLDER_DEPTH folders of one pull request's making.
 */
async function jsonFilesBelow(dir: string, root: string, depth = 0): Promise<string[]> {
  const names = await listRepositoryFolder(dir, root);
  if (!names) return [];
  const out: string[] = [];
  for (const name of [...names].sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const full = path.join(dir, name);
    const isDir = await lstat(full).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (isDir) {
      if (depth < MAX_FOLDER_DEPTH)
        out.push(...(await jsonFilesBelow(full, root, depth + 1)).map((n) => path.join(name, n)));
    } else if (name.endsWith('.json')) out.push(name);
  }
  return out;
}

function withHelpers(value: unknown, now: number): unknown {
  if (typeof value === 'string')
    return value.replace(/<helper:last_hour>/g, String(Math.floor(now / 1000) - 60));
  if (Array.isArray(value)) return value.map((v) => withHelpers(v, now));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withHelpers(v, now)]));
  return value;
}

export interface LoadedFixtures {
  records: FixtureRecord[];
  problems: string[];
  /** Things accepted but not done (StreamAlert 3's publisher_tests...), one line per file. */
  notes: string[];
  /** The fixture files read (relative to their folder's parent), for "no fixtures" messages. */
  files: number;
}

/**
 * The fixtures of `dir` and every folder below it. `optional`: a missing folder is no
 * problem (the rules folder, where StreamAlert 3 kept its test events).
 */
export async function loadFixtures(
  dir: string,
  now = Date.now(),
  options: { optional?: boolean } = {},
): Promise<LoadedFixtures> {
  const records: FixtureRecord[] = [];
  const problems: string[] = [];
  const notes: string[] = [];
  const root = repositoryRoot(dir);
  let names: string[] | undefined;
  try {
    names = (await listRepositoryFolder(dir, root)) && (await jsonFilesBelow(dir, root));
  } catch (err) {
    return { records, problems: [(err as Error).message], notes, files: 0 };
  }
  if (!names)
    return {
      records,
      problems: options.optional ? [] : [`${dir}: fixture folder not found`],
      notes,
      files: 0,
    };
  for (const name of names) {
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
    let bare: boolean;
    try {
      const parsed = JSON.parse(read.bytes.toString('utf8')) as unknown;
      // StreamAlert 3's form: the file is the list of records.
      bare = Array.isArray(parsed);
      doc = bare ? { records: parsed } : (parsed as typeof doc);
    } catch (err) {
      problems.push(`${file}: not valid JSON: ${(err as Error).message}`);
      continue;
    }
    if (!doc || typeof doc !== 'object' || !Array.isArray(doc.records)) {
      problems.push(
        `${file}: /records: must be a list of test records (or, as StreamAlert 3 writes them, the file a bare list of them)`,
      );
      continue;
    }
    const base = bare ? '' : '/records';
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
    const notRun = new Set<string>();
    doc.records.forEach((raw: unknown, index: number) => {
      const at = (pointer: string, message: string) =>
        problems.push(`${file}: ${base}/${index}${pointer}: ${message}`);
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return at('', 'must be an object');
      const r = raw as Record<string, unknown>;
      for (const k of Object.keys(r))
        if (!KEYS.has(k)) at(`/${k}`, `unknown key "${k}" (allowed: ${[...KEYS].join(', ')})`);
      if (typeof r.description !== 'string') at('/description', 'must be a string');
      // StreamAlert 3 spells the app service streamalert_app.
      const service = r.service === 'streamalert_app' ? 'stream_alert_app' : r.service;
      if (!SERVICES.includes(service as Service))
        at('/service', `must be one of ${SERVICES.join(', ')} (or streamalert_app)`);
      if (typeof r.source !== 'string')
        at('/source', 'must be a string (the stream, bucket or topic name in sources.json)');
      if (r.data === undefined)
        at('/data', 'missing: the log record, as an object (JSON logs) or a string');
      if (r.classify_only !== undefined && typeof r.classify_only !== 'boolean')
        at('/classify_only', 'must be true or false');
      const classifyOnly = r.classify_only === true;
      // A classify_only event runs no rules, so StreamAlert 3 let it leave trigger_rules out.
      if (
        (r.trigger_rules !== undefined || !classifyOnly) &&
        (!Array.isArray(r.trigger_rules) || !r.trigger_rules.every((t) => typeof t === 'string'))
      )
        at('/trigger_rules', 'must be a list of rule names ([] when no rule should fire)');
      const pinned = pinnedTables(r, at);
      const indicators = pinnedIndicators(r, at);
      for (const k of NOT_RUN)
        if (
          r[k] !== undefined &&
          r.skip_publishers !== true &&
          !(k === 'test_fixtures' && onlyLookupTables(r[k]))
        )
          notRun.add(k);
      if (r.trigger_count !== undefined && !Number.isInteger(r.trigger_count))
        at('/trigger_count', 'must be an integer');
      const time = r.time === undefined ? undefined : timeOf(r.time);
      if (r.time !== undefined && time === undefined)
        at(
          '/time',
          'must be an ISO 8601 date and time ("2026-03-02T09:00:00Z") or a Unix time in seconds or milliseconds, between 2000 and 2100',
        );
      // Reported above; a record without its log has nothing to send (and would stop the run).
      if (r.data === undefined) return;
      const data = withHelpers(r.data, now);
      records.push({
        file,
        index,
        description: String(r.description ?? ''),
        service: service as Service,
        source: String(r.source ?? ''),
        data: typeof data === 'string' ? data : JSON.stringify(data),
        compress: r.compress === true,
        log: typeof r.log === 'string' ? r.log : undefined,
        classify: r.classify !== false,
        classifyOnly,
        triggerRules: Array.isArray(r.trigger_rules) ? (r.trigger_rules as string[]) : [],
        triggerCount: typeof r.trigger_count === 'number' ? r.trigger_count : undefined,
        ...(merged && index === last ? { merged } : {}),
        ...(pinned ? { lookupTables: pinned } : {}),
        ...(indicators ? { threatIntel: indicators } : {}),
        ...(time !== undefined ? { time } : {}),
      });
    });
    if (notRun.size > 0)
      notes.push(
        `${file}: ${[...notRun].join(', ')} accepted but not run (this project tests classification, rules, pinned lookup tables and threat intel; publishers are not part of it)`,
      );
  }
  return { records, problems, notes, files: names.length };
}

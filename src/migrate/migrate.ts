/**
 * What `migrate` writes for a StreamAlert checkout, in memory: conf/ as it is (this project
 * reads StreamAlert's conf natively), the test events as fixtures under tests/rules/ (their
 * folders kept; the `test` command reads StreamAlert 3's bare lists), and one TypeScript file
 * per Python rule file in rules/, flat. Pure: reading is checkout.ts, writing the command's.
 */
import path from 'node:path';
import type { Checkout, CheckoutFile } from './checkout.js';
import { translateRuleFile, type RuleOutcome } from './translate.js';

export interface MigratedRule extends RuleOutcome {
  /** The Python file, relative to the checkout. */
  from: string;
  /** The TypeScript file in the new repository. */
  to: string;
}

export interface MigrationPlan {
  /** Path in the new repository (`/`-separated) → content. */
  files: Map<string, Buffer>;
  rules: MigratedRule[];
  /** Python files that are not Python this migration reads: every rule in them is lost. */
  unreadable: { from: string; error: string }[];
  confFiles: number;
  eventFiles: number;
  /** Test event files rewritten into the form `test` reads, each with what changed. */
  eventsAdjusted: string[];
  /** conf files holding StreamAlert's setup placeholders (`..._GOES_HERE`), to fill before validate. */
  placeholders: string[];
  /** Rule names defined more than once. */
  duplicates: string[];
  skipped: string[];
}

/** The file name a rule file gets in the flat rules/ folder. */
function flatName(from: string, taken: Set<string>): string {
  const parts = from.replace(/\.py$/, '').split('/');
  let base = parts[parts.length - 1]!.replace(/[^\w-]/g, '_');
  if (taken.has(base) && parts.length > 2)
    base = `${parts[parts.length - 2]!.replace(/[^\w-]/g, '_')}_${base}`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return `rules/${name}.ts`;
}

/** A log's schema as StreamAlert 3's test runner read it for `override_record`. */
type Schemas = ReadonlyMap<string, Record<string, unknown>>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function parseJson(f: CheckoutFile): unknown {
  try {
    return JSON.parse(f.bytes.toString('utf8'));
  } catch {
    return undefined; // `validate` and `test` name the file and its problem
  }
}

/** Log name → the keys an `override_record` event starts from (envelope_keys when set, as StreamAlert 3). */
export function eventSchemas(conf: readonly CheckoutFile[]): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const f of conf) {
    if (!(f.path.startsWith('conf/schemas/') || f.path === 'conf/logs.json')) continue;
    const doc = parseJson(f);
    if (!isObject(doc)) continue;
    for (const [name, log] of Object.entries(doc)) {
      if (!isObject(log) || !isObject(log.schema)) continue;
      const envelope = isObject(log.configuration) ? log.configuration.envelope_keys : undefined;
      out.set(name, isObject(envelope) ? envelope : log.schema);
    }
  }
  return out;
}

/** ParserBase.default_optional_values: the empty value of each schema type. */
function defaultOf(type: unknown): unknown {
  if (Array.isArray(type)) return [];
  if (isObject(type)) return {};
  return { string: '', integer: 0, float: 0, boolean: false }[String(type)] ?? '';
}

/**
 * A test event file as `test` reads it: StreamAlert 3's `override_record` becomes the whole
 * `data` (the log's schema with empty values, then the overrides, as its test runner built
 * it), and @disable'd rules leave trigger_rules (its runner ignored them). Undefined when
 * nothing changes: the file is copied byte for byte.
 */
function adjustEvents(
  file: CheckoutFile,
  disabled: ReadonlySet<string>,
  schemas: Schemas,
): { bytes: Buffer; changes: string[] } | undefined {
  const doc = parseJson(file);
  const records = Array.isArray(doc) ? doc : isObject(doc) ? doc.records : undefined;
  if (!Array.isArray(records)) return undefined;
  const changes = new Set<string>();
  for (const rec of records) {
    if (!isObject(rec)) continue;
    if (Array.isArray(rec.trigger_rules)) {
      const kept = rec.trigger_rules.filter((n) => !(typeof n === 'string' && disabled.has(n)));
      if (kept.length !== rec.trigger_rules.length) {
        rec.trigger_rules = kept;
        changes.add("@disable'd rules taken out of trigger_rules");
      }
    }
    if (
      rec.override_record !== undefined &&
      rec.data === undefined &&
      isObject(rec.override_record)
    ) {
      const schema = typeof rec.log === 'string' ? schemas.get(rec.log) : undefined;
      if (!schema) continue; // `test` then names the event and its missing data
      rec.data = {
        ...Object.fromEntries(Object.entries(schema).map(([k, t]) => [k, defaultOf(t)])),
        ...rec.override_record,
      };
      delete rec.override_record;
      changes.add('override_record made into data from the schema');
    }
  }
  if (changes.size === 0) return undefined;
  return { bytes: Buffer.from(`${JSON.stringify(doc, null, 2)}\n`), changes: [...changes] };
}

/**
 * The normalized types conf/ defines: types.json (1.x), normalized_types.json and each
 * schema's `normalization` (3.x). Unreadable JSON adds nothing (`validate` reports it).
 */
export function knownDatatypes(conf: readonly CheckoutFile[]): Set<string> {
  const types = new Set<string>();
  for (const f of conf) {
    const doc = parseJson(f);
    if (!isObject(doc)) continue;
    if (f.path === 'conf/types.json' || f.path === 'conf/normalized_types.json') {
      for (const byType of Object.values(doc))
        if (isObject(byType)) Object.keys(byType).forEach((t) => types.add(t));
    } else if (f.path.startsWith('conf/schemas/') || f.path === 'conf/logs.json') {
      for (const log of Object.values(doc))
        if (isObject(log) && isObject(log.normalization))
          Object.keys(log.normalization).forEach((t) => types.add(t));
    }
  }
  return types;
}

export function planMigration(checkout: Checkout): MigrationPlan {
  const files = new Map<string, Buffer>();
  for (const f of checkout.conf) files.set(f.path, f.bytes);
  const load = (dotted: string) => {
    const f = checkout.modules.get(dotted);
    return f ? { path: f.path, source: f.bytes.toString('utf8') } : undefined;
  };
  const datatypes = knownDatatypes(checkout.conf);
  const rules: MigratedRule[] = [];
  const unreadable: { from: string; error: string }[] = [];
  const taken = new Set<string>();
  for (const f of checkout.rules) {
    if (!f.path.endsWith('.py')) continue;
    const module = f.path
      .replace(/\.py$/, '')
      .replace(/\/__init__$/, '')
      .replace(/\//g, '.');
    const t = translateRuleFile(f.path, module, f.bytes.toString('utf8'), load, {
      knownDatatypes: datatypes,
    });
    if (t.error) {
      // A file that is not even Python we read may still hold rules: say so only when it looks like it.
      if (/@rule\b/.test(f.bytes.toString('utf8')))
        unreadable.push({ from: f.path, error: t.error });
      continue;
    }
    if (!t.code) continue;
    const to = flatName(f.path, taken);
    files.set(to, Buffer.from(t.code));
    for (const r of t.rules) rules.push({ ...r, from: f.path, to });
  }
  const disabled = new Set(rules.filter((r) => r.disabled).map((r) => r.name));
  const schemas = eventSchemas(checkout.conf);
  const eventsAdjusted: string[] = [];
  let eventFiles = 0;
  const addEvents = (f: CheckoutFile, to: string) => {
    const adjusted = adjustEvents(f, disabled, schemas);
    if (adjusted) eventsAdjusted.push(`${to} (${adjusted.changes.join('; ')})`);
    let target = to;
    for (let n = 2; files.has(target); n++) target = to.replace(/\.json$/, `_${n}.json`);
    files.set(target, adjusted?.bytes ?? f.bytes);
    eventFiles++;
  };
  for (const f of checkout.rules) if (f.path.endsWith('.json')) addEvents(f, `tests/${f.path}`);
  for (const f of checkout.legacyEvents)
    addEvents(f, `tests/rules/${path.posix.relative('tests/integration/rules', f.path)}`);
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const r of rules) (seen.has(r.name) ? duplicates : seen).add(r.name);
  return {
    files,
    rules,
    unreadable,
    confFiles: checkout.conf.length,
    eventFiles,
    eventsAdjusted,
    placeholders: checkout.conf
      .filter((f) => /[A-Z_]+_GOES_HERE/.test(f.bytes.toString('utf8')))
      .map((f) => f.path),
    duplicates: [...duplicates],
    skipped: checkout.skipped,
  };
}

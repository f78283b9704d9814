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
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { SERVICES, type Service } from '../processors/config/types.js';

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
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return { records, problems: [`${dir}: fixture folder not found`] };
  }
  for (const name of names) {
    const file = path.join(dir, name);
    let doc: { records?: unknown };
    try {
      doc = JSON.parse(await readFile(file, 'utf8')) as typeof doc;
    } catch (err) {
      problems.push(`${file}: not valid JSON: ${(err as Error).message}`);
      continue;
    }
    if (!Array.isArray(doc?.records)) {
      problems.push(`${file}: /records: must be a list of test records`);
      continue;
    }
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
      });
    });
  }
  return { records, problems };
}

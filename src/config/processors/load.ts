/**
 * Reads and validates the rule and alert processors' files, in either generation's layout:
 *
 * - StreamAlert 1.5 to 2.x: conf/logs.json and conf/sources.json (required), conf/types.json.
 * - StreamAlert 3: conf/schemas/*.json (merged into the log definitions, in `priority` order),
 *   `data_sources` in each cluster file (the sources), conf/normalized_types.json and each
 *   schema's `normalization` (the normalized types).
 *
 * conf/outputs.json is optional in both (a repository may send alerts nowhere yet). All
 * problems at once, each with the file, JSON pointer and line it is about, then the typed
 * ProcessorsConfig and the texts the build copies into the zips (always in the 1.5 form
 * the Lambda reads).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, escapePointerToken, type ConfigProblem } from '../problems.js';
import { readJsonFile, withPositions, type JsonFile } from '../read-json.js';
import { toLogs, toSources, toTypes } from '../../processors/config/convert.js';
import { toOutputs } from '../../processors/config/outputs-convert.js';
import {
  DEFAULT_SIGMA_CONFIG,
  type ProcessorsConfig,
  type SigmaConfig,
} from '../../processors/config/types.js';
import { outputKeys } from '../../processors/config/output-keys.js';
import { toLookupTables } from '../../processors/config/lookup-tables.js';
import { toThreatIntel } from '../../processors/config/threat-intel.js';
import { readThreatIntel, THREAT_INTEL_FILE } from './threat-intel.js';
import type { ConfigNote } from '../notices.js';
import { crossCheckProcessors, validateShape, type ProcessorsDocument } from './validate.js';
import { orderBySchemaPriority } from './priority.js';
import { generationOf, statedGeneration } from './generation.js';
import type { Generation } from '../../processors/config/types.js';

export const PROCESSOR_CONF_FILES = {
  logs: 'logs.json',
  sources: 'sources.json',
  outputs: 'outputs.json',
  types: 'types.json',
  /** Optional: Sigma rules' logsource mappings and settings (docs/rules.md#sigma-rules). */
  sigma: 'sigma.json',
  /** Optional: StreamAlert 3's lookup tables, loaded by the rule processor (docs/rules.md#lookup-tables). */
  lookup_tables: 'lookup_tables.json',
  /** Optional: StreamAlert 3's threat intel, matched by the rule processor (docs/threat-intel.md). */
  threat_intel: THREAT_INTEL_FILE,
} as const;

/** StreamAlert 3's counterparts of logs.json and types.json. */
export const SCHEMAS_DIR = 'schemas';
export const NORMALIZED_TYPES_FILE = 'normalized_types.json';
/** StreamAlert 3's function settings (read by src/config/streamalert3.ts). */
export const LAMBDA_FILE = 'lambda.json';

/** What each required file is for, said when it is missing. */
const REQUIRED_HINT = {
  logs: "the log schemas the rule processor classifies records against (StreamAlert's conf/logs.json, or StreamAlert 3's conf/schemas/*.json; see docs/rules.md#log-schemas)",
  sources:
    "which Kinesis stream, S3 bucket or SNS topic carries which logs (StreamAlert's conf/sources.json, or StreamAlert 3's `data_sources` in each cluster file)",
} as const;

export interface LoadedProcessorsConfig {
  config: ProcessorsConfig;
  /**
   * The texts the build copies into the zips, in the 1.5 form the Lambda reads, and the
   * generation whose semantics the rule processor classifies with.
   */
  texts: {
    logs: string;
    sources: string;
    outputs: string | null;
    types: string | null;
    generation: Generation;
    /** conf/lookup_tables.json when it loads a table; null otherwise (the zip then has none). */
    lookupTables: string | null;
    /** conf/threat_intel.json when records are matched; null otherwise (the bundle then has none). */
    threatIntel: string | null;
  };
  /** StreamAlert keys accepted but acting differently here (see notices.ts). */
  notes: ConfigNote[];
}

/* Documents below passed their shape checks before they are merged. */
/* eslint-disable @typescript-eslint/no-explicit-any */

type Doc = Record<string, any>;

const missing = (file: string, kind: 'logs' | 'sources'): ConfigProblem => ({
  file,
  pointer: '',
  message: `file not found: every configuration needs ${PROCESSOR_CONF_FILES[kind]}, ${REQUIRED_HINT[kind]}`,
});

async function jsonNames(dir: string): Promise<string[] | undefined> {
  try {
    return (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return undefined;
  }
}

/** The log definitions: logs.json, or StreamAlert 3's conf/schemas/*.json merged. */
async function readLogs(configDir: string, problems: ConfigProblem[], notes: ConfigNote[]) {
  const logsFile = path.join(configDir, PROCESSOR_CONF_FILES.logs);
  const schemasDir = path.join(configDir, SCHEMAS_DIR);
  const logs = await readJsonFile(logsFile, problems, true, configDir);
  const schemaNames = (await jsonNames(schemasDir)) ?? [];
  if (logs === undefined) return undefined;
  if (logs) {
    // StreamAlert 3 does the same: logs.json, when there is one, wins over conf/schemas/.
    if (schemaNames.length > 0)
      notes.push({
        file: schemasDir,
        pointer: '',
        note: 'not read: logs.json is used instead, as StreamAlert 3 does when both exist',
      });
    const found = validateShape('logs', logs.data, logs.file);
    problems.push(...withPositions(logs, found));
    if (found.length > 0) return undefined;
    return {
      fromSchemasDir: false,
      data: logs.data as Doc,
      text: logs.text,
      label: logs.file,
      where: (name: string) => ({ json: logs, pointer: `/${escapePointerToken(name)}` }),
    };
  }
  if (schemaNames.length === 0) {
    problems.push(missing(logsFile, 'logs'));
    return undefined;
  }
  const files: JsonFile[] = [];
  let ok = true;
  for (const name of schemaNames) {
    const read = await readJsonFile(path.join(schemasDir, name), problems, false, configDir);
    if (!read) {
      ok = false;
      continue;
    }
    const found = validateShape('logs', read.data, read.file);
    problems.push(...withPositions(read, found));
    if (found.length > 0) ok = false;
    else files.push(read);
  }
  const origin = new Map<string, JsonFile>();
  for (const f of files)
    for (const logName of Object.keys(f.data as Doc)) {
      const first = origin.get(logName);
      if (first) {
        // StreamAlert warned of "undefined behavior" and kept the later file's; refused here.
        ok = false;
        problems.push(
          ...withPositions(f, [
            {
              file: f.file,
              pointer: `/${escapePointerToken(logName)}`,
              message: `log ${JSON.stringify(logName)} is also defined in ${first.file}: each log name once`,
            },
          ]),
        );
      } else origin.set(logName, f);
    }
  if (!ok) return undefined;
  const data = orderBySchemaPriority(files.map((f) => f.data as Doc));
  return {
    fromSchemasDir: true,
    data,
    text: `${JSON.stringify(data, null, 2)}\n`,
    label: path.join(schemasDir, '*.json'),
    where: (name: string) => ({ json: origin.get(name)!, pointer: `/${escapePointerToken(name)}` }),
  };
}

/** The cluster files, parsed (loadConfig passes its own; alone, they are read here). */
async function clusterJsons(
  configDir: string,
  given: readonly JsonFile[] | undefined,
  problems: ConfigProblem[],
): Promise<JsonFile[]> {
  if (given) return [...given];
  const dir = path.join(configDir, 'clusters');
  const out: JsonFile[] = [];
  for (const name of (await jsonNames(dir)) ?? []) {
    const read = await readJsonFile(path.join(dir, name), problems, false, configDir);
    if (read) out.push(read);
  }
  return out;
}

const APP = 'stream_alert_app';
const serviceKey = (s: string) => (s === 'streamalert_app' ? APP : s);

/** The sources: sources.json, or StreamAlert 3's `data_sources` of every cluster file. */
async function readSources(
  configDir: string,
  clusters: readonly JsonFile[],
  problems: ConfigProblem[],
) {
  const sourcesFile = path.join(configDir, PROCESSOR_CONF_FILES.sources);
  const sources = await readJsonFile(sourcesFile, problems, true, configDir);
  const withData = clusters.filter(
    (c) => c.data && typeof c.data === 'object' && 'data_sources' in (c.data as Doc),
  );
  if (sources === undefined) return undefined;
  if (sources) {
    if (withData.length > 0) {
      problems.push({
        file: sourcesFile,
        pointer: '',
        message: `the sources are given twice, here and as data_sources in ${withData.map((c) => c.file).join(', ')}: keep one (StreamAlert 3 reads only data_sources)`,
      });
      return undefined;
    }
    if (Array.isArray(sources.data)) {
      problems.push({
        file: sourcesFile,
        pointer: '',
        line: 1,
        column: 1,
        message:
          'must be an object of service → entity → {"logs": [...]}, such as {"kinesis": {"<stream>": {"logs": ["cloudtrail"]}}}, got a list',
      });
      return undefined;
    }
    const found = validateShape('sources', sources.data, sources.file);
    problems.push(...withPositions(sources, found));
    if (found.length > 0) return undefined;
    return {
      data: normalizeServices(sources.data as Doc),
      text: sources.text,
      label: sources.file,
      where: (service: string, entity: string, i: number) => ({
        json: sources,
        pointer: `/${service}/${escapePointerToken(entity)}/logs/${i}`,
      }),
    };
  }
  if (withData.length === 0) {
    problems.push(missing(sourcesFile, 'sources'));
    return undefined;
  }
  const data: Doc = {};
  // service/entity → the cluster file and its key as written (streamalert_app or stream_alert_app)
  const origin = new Map<string, { json: JsonFile; service: string }>();
  let ok = true;
  for (const c of withData) {
    const ds = (c.data as Doc).data_sources;
    const found = validateShape('data_sources', ds, c.file).map((p) => ({
      ...p,
      pointer: `/data_sources${p.pointer}`,
    }));
    problems.push(...withPositions(c, found));
    if (found.length > 0) {
      ok = false;
      continue;
    }
    for (const [service, entities] of Object.entries(ds as Doc)) {
      for (const [entity, logs] of Object.entries(entities as Record<string, string[]>)) {
        const key = `${serviceKey(service)}\u0000${entity}`;
        const first = origin.get(key);
        if (first) {
          ok = false;
          problems.push(
            ...withPositions(c, [
              {
                file: c.file,
                pointer: `/data_sources/${service}/${escapePointerToken(entity)}`,
                message: `${service} ${JSON.stringify(entity)} is also a data source of ${first.json.file}: a source belongs to one cluster`,
              },
            ]),
          );
          continue;
        }
        origin.set(key, { json: c, service });
        (data[serviceKey(service)] ??= {})[entity] = { logs };
      }
    }
  }
  if (!ok) return undefined;
  return {
    data,
    text: `${JSON.stringify(data, null, 2)}\n`,
    label: withData.map((c) => `${c.file} (data_sources)`).join(', '),
    where: (service: string, entity: string, i: number) => {
      const o = origin.get(`${service}\u0000${entity}`)!;
      return {
        json: o.json,
        pointer: `/data_sources/${o.service}/${escapePointerToken(entity)}/${i}`,
      };
    },
  };
}

/** StreamAlert 3 spells the app service `streamalert_app`; both name the same service. */
function normalizeServices(doc: Doc): Doc {
  const out: Doc = {};
  for (const [service, entities] of Object.entries(doc))
    out[serviceKey(service)] = { ...(out[serviceKey(service)] ?? {}), ...entities };
  return out;
}

/**
 * The normalized types: types.json (1.5), normalized_types.json (3.0) and each log's
 * `normalization` (3.1+), merged per log category.
 */
async function readTypes(
  configDir: string,
  logs: Doc | undefined,
  logsWhere: ((name: string) => { json: JsonFile; pointer: string }) | undefined,
  problems: ConfigProblem[],
  notes: ConfigNote[],
) {
  const read = async (name: string) => {
    const json = await readJsonFile(path.join(configDir, name), problems, true, configDir);
    if (!json) return json;
    const found = validateShape('types', json.data, json.file);
    problems.push(...withPositions(json, found));
    return found.length > 0 ? undefined : json;
  };
  const types = await read(PROCESSOR_CONF_FILES.types);
  const normalized = await read(NORMALIZED_TYPES_FILE);
  if (types === undefined || normalized === undefined) return undefined;
  const fromLogs: Doc = {};
  for (const [name, d] of Object.entries(logs ?? {})) {
    const normalization = d.configuration?.normalization as Record<string, any[]> | undefined;
    if (!normalization) continue;
    const category = name.split(':')[0]!;
    for (const [type, entries] of Object.entries(normalization)) {
      entries.forEach((e, i) => {
        const field = typeof e === 'string' ? e : (e.path as string[]).at(-1)!;
        const list: string[] = ((fromLogs[category] ??= {})[type] ??= []);
        if (!list.includes(field)) list.push(field);
        if (typeof e === 'object' && logsWhere) {
          const where = logsWhere(name);
          notes.push({
            file: where.json.file,
            pointer: `${where.pointer}/configuration/normalization/${escapePointerToken(type)}/${i}`,
            note: `matched by its last key ${JSON.stringify(field)} anywhere in the record, as types.json keys are${e.condition || e.function || e.send_to_artifacts !== undefined ? '; condition, function and send_to_artifacts are not applied' : ''}`,
          });
        }
      });
    }
  }
  const parts = [types?.data, normalized?.data, fromLogs].filter(
    (d): d is Doc => !!d && Object.keys(d).length > 0,
  );
  if (parts.length === 0) return { data: {}, text: null };
  if (parts.length === 1 && types && parts[0] === types.data)
    return { data: types.data as Doc, text: types.text };
  const merged: Doc = {};
  for (const part of parts)
    for (const [category, byType] of Object.entries(part))
      for (const [type, fields] of Object.entries(byType as Record<string, string[]>)) {
        const list: string[] = ((merged[category] ??= {})[type] ??= []);
        for (const f of fields) if (!list.includes(f)) list.push(f);
      }
  return { data: merged, text: `${JSON.stringify(merged, null, 2)}\n` };
}

/** StreamAlert 3's outputs whose IAM grant differs from an exact one (see ses.ts, lambda-v2.ts). */
function outputNotes(outputs: JsonFile): ConfigNote[] {
  const doc = outputs.data as Doc;
  const notes: ConfigNote[] = [];
  if (Array.isArray(doc['aws-ses']))
    notes.push({
      file: outputs.file,
      pointer: '/aws-ses',
      note: 'a list names no SES identity: the alert processor may send as any identity of the account and region (as StreamAlert 3); name each {"identity": ...} for an exact grant',
    });
  if (doc['aws-lambda-v2'] !== undefined)
    notes.push({
      file: outputs.file,
      pointer: '/aws-lambda-v2',
      note: 'the function is in the credential, so the alert processor\'s role gets no grant for it: allow it in the function\'s resource policy (or the assumed role\'s); a credential\'s assume_role_arn is assumed as in StreamAlert 3, but sts:AssumeRole on it is granted only when outputs.json names it too ({"<descriptor>": {"assume_role_arn": ...}})',
    });
  return notes;
}

export async function loadProcessorsConfig(
  configDir: string,
  clusterFiles?: readonly JsonFile[],
): Promise<LoadedProcessorsConfig> {
  const problems: ConfigProblem[] = [];
  const notes: ConfigNote[] = [];
  const file = (kind: ProcessorsDocument) =>
    path.join(configDir, PROCESSOR_CONF_FILES[kind as keyof typeof PROCESSOR_CONF_FILES]);
  const logs = await readLogs(configDir, problems, notes);
  const clusters = await clusterJsons(configDir, clusterFiles, problems);
  const sources = await readSources(configDir, clusters, problems);
  const outputs = await readJsonFile(file('outputs'), problems, true, configDir);
  if (outputs) {
    const found = validateShape('outputs', outputs.data, outputs.file);
    problems.push(...withPositions(outputs, found));
    if (found.length === 0) notes.push(...outputNotes(outputs));
  }
  const types = await readTypes(configDir, logs?.data, logs?.where, problems, notes);
  const stated = await statedGeneration(configDir, problems);
  const generation = generationOf(stated ?? undefined, {
    schemasDir: logs?.fromSchemasDir ?? false,
    dataSources: clusters.some(
      (c) => c.data && typeof c.data === 'object' && 'data_sources' in (c.data as Doc),
    ),
  });
  const sigma = await readJsonFile(file('sigma'), problems, true, configDir);
  if (sigma) {
    const found = validateShape('sigma', sigma.data, sigma.file);
    if (found.length === 0 && outputs)
      found.push(...sigmaOutputProblems(sigma.data as Doc, outputs.data as Doc, sigma.file));
    problems.push(...withPositions(sigma, found));
  }
  const lookupTables = await readJsonFile(file('lookup_tables'), problems, true, configDir);
  if (lookupTables) {
    const found = validateShape('lookup_tables', lookupTables.data, lookupTables.file);
    problems.push(...withPositions(lookupTables, found));
    const d = lookupTables.data as Doc;
    if (found.length === 0 && d.enabled !== true && Object.keys(d.tables ?? {}).length > 0)
      notes.push({
        file: lookupTables.file,
        pointer: d.enabled === undefined ? '' : '/enabled',
        note: 'no table is loaded: "enabled" is not true (as in StreamAlert 3), so lookup() finds nothing',
      });
  }
  const threatIntel = await readThreatIntel(
    configDir,
    clusters,
    (types?.data ?? {}) as Record<string, Record<string, string[]>>,
    problems,
    notes,
  );
  // The feeds' tables are named threat_intel:<feed> in the same store as lookup tables.
  if (threatIntel.text !== null && lookupTables && (lookupTables.data as Doc).enabled === true)
    for (const name of Object.keys((lookupTables.data as Doc).tables ?? {}))
      if (name.startsWith('threat_intel:'))
        problems.push(
          ...withPositions(lookupTables, [
            {
              file: lookupTables.file,
              pointer: `/tables/${escapePointerToken(name)}`,
              message: `"threat_intel:" names the threat-intel feeds' tables (docs/threat-intel.md): rename this table`,
            },
          ]),
        );
  if (logs && sources) {
    const cross = crossCheckProcessors(
      logs.data,
      sources.data,
      { logs: logs.label, sources: sources.label },
      generation,
    );
    // StreamAlert 3 skipped a log whose definition is bad (logging it) and classified with
    // the others: here too, each named in the notice. Earlier generations refused the conf.
    const skipped = generation === '3.x' ? badLogs(cross, logs.label) : new Set<string>();
    if (skipped.size > 0) {
      const kept = Object.fromEntries(
        Object.entries(logs.data).filter(([name]) => !skipped.has(name)),
      );
      logs.data = kept;
      logs.text = `${JSON.stringify(kept, null, 2)}\n`;
    }
    for (const p of cross) {
      const skippedLog = skipped.size > 0 && p.file === logs.label ? logOfPointer(p.pointer) : '';
      if (skipped.has(skippedLog)) {
        const at = logs.where(skippedLog);
        const rest = p.pointer.split('/').slice(2).join('/');
        notes.push({
          file: at.json.file,
          pointer: rest ? `${at.pointer}/${rest}` : at.pointer,
          note: `log ${JSON.stringify(skippedLog)} skipped, as StreamAlert 3 skips a log whose definition is bad: ${p.message}`,
        });
        continue;
      }
      // Each problem is put back where it was written: the schema file, or the cluster's data_sources.
      const tokens = p.pointer.split('/');
      if (p.file === sources.label && tokens.length >= 5) {
        const entity = tokens[2]!.replace(/~1/g, '/').replace(/~0/g, '~');
        const at = sources.where(tokens[1]!, entity, Number(tokens[4]));
        problems.push(
          ...withPositions(at.json, [{ ...p, file: at.json.file, pointer: at.pointer }]),
        );
      } else {
        const name = tokens[1]!.replace(/~1/g, '/').replace(/~0/g, '~');
        const at = logs.where(name);
        const rest = tokens.slice(2).join('/');
        problems.push(
          ...withPositions(at.json, [
            { ...p, file: at.json.file, pointer: rest ? `${at.pointer}/${rest}` : at.pointer },
          ]),
        );
      }
    }
  }
  if (problems.length > 0 || !logs || !sources || !types) throw new ConfigError(problems);
  return {
    config: {
      generation,
      logs: toLogs(logs.data),
      sources: toSources(sources.data),
      outputs: toOutputs(outputs?.data ?? {}),
      types: toTypes(types.data),
      ...(sigma ? { sigma: toSigma(sigma.data as Doc) } : {}),
      ...(lookupTables ? { lookupTables: toLookupTables(lookupTables.data) } : {}),
      ...(threatIntel.text !== null ? { threatIntel: toThreatIntel(threatIntel.data) } : {}),
    },
    texts: {
      logs: logs.text,
      sources: sources.text,
      outputs: outputs ? outputs.text : null,
      types: types.text,
      generation,
      lookupTables:
        lookupTables && (lookupTables.data as Doc).enabled === true ? lookupTables.text : null,
      threatIntel: threatIntel.text,
    },
    notes,
  };
}

/** The log name a logs problem's pointer starts with. */
function logOfPointer(pointer: string): string {
  return (pointer.split('/')[1] ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The logs with a problem of their own definition (not a source naming an unknown log). */
function badLogs(problems: readonly ConfigProblem[], logsLabel: string): Set<string> {
  return new Set(problems.filter((p) => p.file === logsLabel).map((p) => logOfPointer(p.pointer)));
}

/** conf/sigma.json (already valid) with its defaults filled in. */
function toSigma(d: Doc): SigmaConfig {
  return {
    logsources: d.logsources ?? DEFAULT_SIGMA_CONFIG.logsources,
    builtin_logsources: d.builtin_logsources ?? true,
    defaults: d.defaults ?? {},
    tags: d.tags ?? {},
    rules: d.rules ?? {},
    placeholders: d.placeholders ?? {},
  };
}

/** Outputs conf/sigma.json names that conf/outputs.json does not define. */
function sigmaOutputProblems(d: Doc, outputs: Doc, file: string): ConfigProblem[] {
  const known = new Set(outputKeys(outputs));
  const problems: ConfigProblem[] = [];
  const check = (settings: Doc | undefined, pointer: string) =>
    (settings?.outputs as string[] | undefined)?.forEach((o, i) => {
      if (!known.has(o))
        problems.push({
          file,
          pointer: `${pointer}/outputs/${i}`,
          message: `output "${o}" is not in conf/outputs.json (known: ${[...known].join(', ') || 'none'})`,
        });
    });
  check(d.defaults, '/defaults');
  for (const key of ['tags', 'rules'])
    for (const [name, settings] of Object.entries((d[key] ?? {}) as Doc))
      check(settings as Doc, `/${key}/${escapePointerToken(name)}`);
  return problems;
}

/** conf/outputs.json alone (optional), for rendering the alert processor's IAM grants. */
export async function loadOutputsConfig(configDir: string): Promise<ProcessorsConfig['outputs']> {
  const problems: ConfigProblem[] = [];
  const read = await readJsonFile(
    path.join(configDir, PROCESSOR_CONF_FILES.outputs),
    problems,
    true,
    configDir,
  );
  if (read) problems.push(...withPositions(read, validateShape('outputs', read.data, read.file)));
  if (problems.length > 0) throw new ConfigError(problems);
  return toOutputs(read?.data ?? {});
}

/** Files of conf/ this project reads; everything else is named once as unused. */
const USED = new Set([
  'global.json',
  'clusters',
  ...Object.values(PROCESSOR_CONF_FILES),
  SCHEMAS_DIR,
  NORMALIZED_TYPES_FILE,
]);

/**
 * Entries of conf/ this project does not read (StreamAlert's lambda.json, threat_intel.json...):
 * accepted, so a StreamAlert conf/ works unchanged, and named so nobody expects them to act.
 */
export async function unusedConfFiles(configDir: string): Promise<string[]> {
  try {
    return (await readdir(configDir)).filter((n) => !USED.has(n) && !n.startsWith('.')).sort();
  } catch {
    return [];
  }
}

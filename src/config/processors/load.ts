/**
 * Reads and validates the rule and alert processors' files: conf/logs.json and
 * conf/sources.json (required), conf/outputs.json (optional: a repository may send alerts
 * nowhere yet) and conf/types.json (optional: StreamAlert 1.5's normalized types). All
 * problems at once, each with file, JSON pointer and line, then the typed ProcessorsConfig.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, type ConfigProblem } from '../problems.js';
import { readJsonFile, withPositions, type JsonFile } from '../read-json.js';
import { toLogs, toSources, toTypes } from '../../processors/config/convert.js';
import { toOutputs } from '../../processors/config/outputs-convert.js';
import type { ProcessorsConfig } from '../../processors/config/types.js';
import { crossCheckProcessors, validateShape, type ProcessorsDocument } from './validate.js';

export const PROCESSOR_CONF_FILES = {
  logs: 'logs.json',
  sources: 'sources.json',
  outputs: 'outputs.json',
  types: 'types.json',
} as const;

/** What each required file is for, said when it is missing. */
const REQUIRED_HINT = {
  logs: "the log schemas the rule processor classifies records against (StreamAlert's conf/logs.json; see docs/rules.md#log-schemas)",
  sources:
    "which Kinesis stream, S3 bucket or SNS topic carries which logs (StreamAlert's conf/sources.json)",
} as const;

export interface LoadedProcessorsConfig {
  config: ProcessorsConfig;
  /** The files' exact text, which the build copies into the zips. */
  texts: { logs: string; sources: string; outputs: string | null; types: string | null };
}

export async function loadProcessorsConfig(configDir: string): Promise<LoadedProcessorsConfig> {
  const problems: ConfigProblem[] = [];
  const file = (kind: ProcessorsDocument) => path.join(configDir, PROCESSOR_CONF_FILES[kind]);
  const required = async (kind: 'logs' | 'sources') => {
    const found: ConfigProblem[] = [];
    const read = await readJsonFile(file(kind), found, false, configDir);
    problems.push(
      ...found.map((p) =>
        p.message === 'file not found'
          ? {
              ...p,
              message: `file not found: every configuration needs ${PROCESSOR_CONF_FILES[kind]}, ${REQUIRED_HINT[kind]}`,
            }
          : p,
      ),
    );
    return read;
  };
  const logs = await required('logs');
  const sources = await required('sources');
  const outputs = await readJsonFile(file('outputs'), problems, true, configDir);
  const types = await readJsonFile(file('types'), problems, true, configDir);
  const shapeOk = (kind: ProcessorsDocument, read: JsonFile | null | undefined) => {
    if (!read) return read === null;
    const found = validateShape(kind, read.data, read.file);
    problems.push(...withPositions(read, found));
    return found.length === 0;
  };
  const logsOk = shapeOk('logs', logs);
  const sourcesOk = shapeOk('sources', sources);
  shapeOk('outputs', outputs);
  shapeOk('types', types);
  if (logs && sources && logsOk && sourcesOk) {
    const cross = crossCheckProcessors(logs.data, sources.data, {
      logs: logs.file,
      sources: sources.file,
    });
    for (const p of cross)
      problems.push(...withPositions(p.file === logs.file ? logs : sources, [p]));
  }
  if (problems.length > 0 || !logs || !sources) throw new ConfigError(problems);
  return {
    config: {
      logs: toLogs(logs.data),
      sources: toSources(sources.data),
      outputs: toOutputs(outputs?.data ?? {}),
      types: toTypes(types?.data ?? {}),
    },
    texts: {
      logs: logs.text,
      sources: sources.text,
      outputs: outputs ? outputs.text : null,
      types: types ? types.text : null,
    },
  };
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
const USED = new Set(['global.json', 'clusters', ...Object.values(PROCESSOR_CONF_FILES)]);

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

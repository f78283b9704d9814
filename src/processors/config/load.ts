/**
 * Reads and validates conf/logs.json, conf/sources.json and conf/outputs.json (outputs
 * optional: a repository may send alerts nowhere yet). All problems at once, each with
 * file, JSON pointer and line, then the typed ProcessorsConfig.
 */
import path from 'node:path';
import { ConfigError, type ConfigProblem } from '../../config/problems.js';
import { readJsonFile, withPositions, type JsonFile } from '../../config/read-json.js';
import { toLogs, toSources } from './convert.js';
import { toOutputs } from './outputs-convert.js';
import type { ProcessorsConfig } from './types.js';
import { crossCheckProcessors, validateShape, type ProcessorsDocument } from './validate.js';

export const PROCESSOR_CONF_FILES = { logs: 'logs.json', sources: 'sources.json', outputs: 'outputs.json' } as const;

export interface LoadedProcessorsConfig {
  config: ProcessorsConfig;
  /** The files' exact text, which the build copies into the zips. */
  texts: { logs: string; sources: string; outputs: string | null };
}

export async function loadProcessorsConfig(configDir: string): Promise<LoadedProcessorsConfig> {
  const problems: ConfigProblem[] = [];
  const file = (kind: ProcessorsDocument) => path.join(configDir, PROCESSOR_CONF_FILES[kind]);
  const logs = await readJsonFile(file('logs'), problems);
  const sources = await readJsonFile(file('sources'), problems);
  const outputs = await readJsonFile(file('outputs'), problems, true);
  const shapeOk = (kind: ProcessorsDocument, read: JsonFile | null | undefined) => {
    if (!read) return read === null;
    const found = validateShape(kind, read.data, read.file);
    problems.push(...withPositions(read, found));
    return found.length === 0;
  };
  const logsOk = shapeOk('logs', logs);
  const sourcesOk = shapeOk('sources', sources);
  shapeOk('outputs', outputs);
  if (logs && sources && logsOk && sourcesOk) {
    const cross = crossCheckProcessors(logs.data, sources.data, { logs: logs.file, sources: sources.file });
    for (const p of cross) problems.push(...withPositions(p.file === logs.file ? logs : sources, [p]));
  }
  if (problems.length > 0 || !logs || !sources) throw new ConfigError(problems);
  return {
    config: { logs: toLogs(logs.data), sources: toSources(sources.data), outputs: toOutputs(outputs?.data ?? {}) },
    texts: { logs: logs.text, sources: sources.text, outputs: outputs ? outputs.text : null },
  };
}

/** conf/outputs.json alone (optional), for rendering the alert processor's IAM grants. */
export async function loadOutputsConfig(configDir: string): Promise<ProcessorsConfig['outputs']> {
  const problems: ConfigProblem[] = [];
  const read = await readJsonFile(path.join(configDir, PROCESSOR_CONF_FILES.outputs), problems, true);
  if (read) problems.push(...withPositions(read, validateShape('outputs', read.data, read.file)));
  if (problems.length > 0) throw new ConfigError(problems);
  return toOutputs(read?.data ?? {});
}

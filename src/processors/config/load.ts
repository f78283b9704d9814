/**
 * Reads and validates conf/logs.json, conf/sources.json and conf/outputs.json (outputs
 * optional: a repository may send alerts nowhere yet). All problems at once, each with
 * file, JSON pointer and line, then the typed ProcessorsConfig.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, type ConfigProblem } from '../../config/problems.js';
import { locatePointers, positionOfOffset } from '../../config/json-locate.js';
import { toLogs, toOutputs, toSources } from './convert.js';
import type { ProcessorsConfig } from './types.js';
import { crossCheckProcessors, validateShape, type ProcessorsDocument } from './validate.js';

export const PROCESSOR_CONF_FILES = { logs: 'logs.json', sources: 'sources.json', outputs: 'outputs.json' } as const;

interface Read {
  file: string;
  text: string;
  data: unknown;
}

async function readDoc(file: string, optional: boolean, problems: ConfigProblem[]): Promise<Read | undefined | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && optional) return null;
    problems.push({ file, pointer: '', message: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read: ${(err as Error).message}` });
    return undefined;
  }
  try {
    return { file, text, data: JSON.parse(text) };
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    const pos = m ? positionOfOffset(text, Number(m[1])) : { line: 1, column: 1 };
    problems.push({ file, pointer: '', message: `not valid JSON: ${(err as Error).message.replace(/ in JSON at position \d+.*$/, '')}`, ...pos });
    return undefined;
  }
}

function locate(read: Read, found: ConfigProblem[]): ConfigProblem[] {
  const positions = locatePointers(read.text);
  return found.map((p) => {
    let pointer = p.pointer;
    while (!positions.has(pointer) && pointer !== '') pointer = pointer.slice(0, pointer.lastIndexOf('/'));
    return { ...p, ...positions.get(pointer) };
  });
}

export interface LoadedProcessorsConfig {
  config: ProcessorsConfig;
  /** The files' exact text, which the build copies into the zips. */
  texts: { logs: string; sources: string; outputs: string | null };
}

export async function loadProcessorsConfig(configDir: string): Promise<LoadedProcessorsConfig> {
  const problems: ConfigProblem[] = [];
  const file = (kind: ProcessorsDocument) => path.join(configDir, PROCESSOR_CONF_FILES[kind]);
  const logs = await readDoc(file('logs'), false, problems);
  const sources = await readDoc(file('sources'), false, problems);
  const outputs = await readDoc(file('outputs'), true, problems);
  const shapeOk = (kind: ProcessorsDocument, read: Read | null | undefined) => {
    if (!read) return read === null;
    const found = validateShape(kind, read.data, read.file);
    problems.push(...locate(read, found));
    return found.length === 0;
  };
  const logsOk = shapeOk('logs', logs);
  const sourcesOk = shapeOk('sources', sources);
  shapeOk('outputs', outputs);
  if (logs && sources && logsOk && sourcesOk) {
    const cross = crossCheckProcessors(logs.data, sources.data, { logs: logs.file, sources: sources.file });
    for (const p of cross) problems.push(...locate(p.file === logs.file ? logs : sources, [p]));
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
  const read = await readDoc(path.join(configDir, PROCESSOR_CONF_FILES.outputs), true, problems);
  if (read) problems.push(...locate(read, validateShape('outputs', read.data, read.file)));
  if (problems.length > 0) throw new ConfigError(problems);
  return toOutputs(read?.data ?? {});
}

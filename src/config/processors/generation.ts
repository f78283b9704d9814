/**
 * Which StreamAlert generation a conf is written for, so classification follows that
 * generation's semantics (src/processors/rule-processor/generation.ts):
 *
 * - stated once in global.json, `general.streamalert_generation`: "1.5", "1.6-2.x" or "3.x";
 * - otherwise from the layout: conf/schemas/*.json or `data_sources` in a cluster file are
 *   StreamAlert 3's, so "3.x"; anything else "1.6-2.x" (what this project always did).
 */
import path from 'node:path';
import { createAjv, lazyValidators, problemsOf } from '../ajv-problems.js';
import type { ConfigProblem } from '../problems.js';
import { readJsonFile, withPositions } from '../read-json.js';
import { DEFAULT_GENERATION, GENERATIONS, type Generation } from '../../processors/config/types.js';

/** global.json `general.streamalert_generation` (merged into global.json's schema, streamalert3.ts). */
export const generationSchema = {
  type: 'string',
  enum: [...GENERATIONS],
  'x-message': `must be one of ${GENERATIONS.map((g) => `"${g}"`).join(', ')}: the StreamAlert generation whose classification this conf follows`,
  description:
    'The StreamAlert generation the conf is written for ("1.5", "1.6-2.x" or "3.x"): records classify as that generation did (docs/streamalert-migration.md#classification-by-generation). Default: "3.x" for a StreamAlert 3 layout (conf/schemas/, data_sources), else "1.6-2.x".',
};

/** The part of global.json read here; compiled on first use (lazyValidators). */
export const STATED_GENERATION_SCHEMA = {
  type: 'object',
  properties: {
    general: { type: 'object', properties: { streamalert_generation: generationSchema } },
  },
};

const validatorOf = lazyValidators(createAjv(), { global: STATED_GENERATION_SCHEMA });

/**
 * The generation global.json states: undefined when it states none (or has no global.json);
 * null when the value is refused, with the problem added (only the key's own problems:
 * the rest of global.json is `loadConfig`'s).
 */
export async function statedGeneration(
  configDir: string,
  problems: ConfigProblem[],
): Promise<Generation | undefined | null> {
  const own: ConfigProblem[] = [];
  const read = await readJsonFile(path.join(configDir, 'global.json'), own, true, configDir);
  if (!read || typeof read.data !== 'object' || read.data === null) return undefined;
  const general = (read.data as { general?: unknown }).general;
  if (typeof general !== 'object' || general === null || !('streamalert_generation' in general))
    return undefined;
  const validate = validatorOf('global');
  if (!validate(read.data)) {
    const found = problemsOf(validate.errors ?? [], read.file).filter((p) =>
      p.pointer.startsWith('/general/streamalert_generation'),
    );
    problems.push(...withPositions(read, found));
    return found.length > 0 ? null : undefined;
  }
  return (general as { streamalert_generation: Generation }).streamalert_generation;
}

/** The generation that applies: the stated one, else the layout's. */
export function generationOf(
  stated: Generation | undefined,
  layout: { schemasDir: boolean; dataSources: boolean },
): Generation {
  if (stated) return stated;
  return layout.schemasDir || layout.dataSources ? '3.x' : DEFAULT_GENERATION;
}

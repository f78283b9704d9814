/**
 * Runs ajv over global.json or a cluster file; ajv fills the schemas' defaults in place.
 * Its errors are worded by ajv-problems.ts, as for every other file.
 */
import type { ValidateFunction } from 'ajv';
import { createAjv, problemsOf } from './ajv-problems.js';
import { clusterSchema, globalSchema } from './schemas.js';
import { streamAlertConfig } from './modules/stream-alert.js';
import { lambdaSchema } from './streamalert3.js';
import type { ConfigProblem } from './problems.js';

const ajv = createAjv({ useDefaults: true });

const validators = {
  global: ajv.compile(globalSchema),
  cluster: ajv.compile(clusterSchema),
  lambda: ajv.compile(lambdaSchema),
  // The modules.stream_alert a StreamAlert 3 cluster stands for (streamalert3.ts), defaults filled.
  stream_alert: ajv.compile(streamAlertConfig.schema),
} satisfies Record<string, ValidateFunction>;

export type DocumentKind = keyof typeof validators;

/** Validates `doc` in place (ajv fills defaults) and returns every problem found. */
export function validateDocument(kind: DocumentKind, doc: unknown, file: string): ConfigProblem[] {
  const validate = validators[kind];
  return validate(doc) ? [] : problemsOf(validate.errors ?? [], file);
}

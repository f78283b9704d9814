/**
 * Runs ajv over global.json or a cluster file; ajv fills the schemas' defaults in place.
 * Its errors are worded by ajv-problems.ts, as for every other file.
 */
import { createAjv, lazyValidators, problemsOf } from './ajv-problems.js';
import { clusterSchema, globalSchema } from './schemas.js';
import { streamAlertConfig } from './modules/stream-alert.js';
import { lambdaSchema } from './streamalert3.js';
import type { ConfigProblem } from './problems.js';

const ajv = createAjv({ useDefaults: true });

/** The schema of each kind of document, compiled on first use (lazyValidators). */
export const DOCUMENT_SCHEMAS = {
  global: globalSchema,
  cluster: clusterSchema,
  lambda: lambdaSchema,
  // The modules.stream_alert a StreamAlert 3 cluster stands for (streamalert3.ts), defaults filled.
  stream_alert: streamAlertConfig.schema,
};

export type DocumentKind = keyof typeof DOCUMENT_SCHEMAS;

const validatorOf = lazyValidators<DocumentKind>(ajv, DOCUMENT_SCHEMAS);

/** Validates `doc` in place (ajv fills defaults) and returns every problem found. */
export function validateDocument(kind: DocumentKind, doc: unknown, file: string): ConfigProblem[] {
  const validate = validatorOf(kind);
  return validate(doc) ? [] : problemsOf(validate.errors ?? [], file);
}

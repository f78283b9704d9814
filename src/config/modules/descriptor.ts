/**
 * The configuration half of a cluster module's descriptor (model: flow-logs.ts): its key
 * under the cluster file's `modules`, the JSON schema of that key, its typed form (the
 * field of `ClusterConfig.modules` holding it) and how the validated value becomes it, and
 * the names its `outputs` may list. The list is all.ts; the cluster schema (schemas.ts),
 * `ClusterConfig.modules` and its loading (all.ts), the cluster outputs (module-outputs.ts)
 * and the docs tables follow from it. Its rendering half is src/render/modules/<module>.ts,
 * which may import this one (render imports config; config never imports render).
 */
import { S3_BUCKET_NAME_MESSAGE, S3_BUCKET_NAME_PATTERN } from '../aws-limits.js';
import type { OutputSource } from '../module-outputs.js';

export type Schema = Record<string, unknown>;

/** What a module's typed form may be computed from besides its own value. */
export interface ModuleLoadContext {
  readonly prefix: string;
  readonly clusterId: string;
  readonly accountId: string;
}

/** `F`: its field in `ClusterConfig.modules`; `T`: the typed form that field holds. */
export interface ConfigModuleDescriptor<F extends string = string, T = unknown> {
  /** The key under the cluster file's `modules` (and its `outputs`). */
  readonly configKey: string;
  /** Its field in `ClusterConfig.modules`, which holds what `load` returns. */
  readonly field: F;
  /** Whether every cluster file must have it (stream_alert); the others switch a module on. */
  readonly required?: boolean;
  /** The JSON schema of `modules.<configKey>`; `description` and `x-default` are for the docs. */
  readonly schema: Schema;
  /** The validated value (undefined when the key is absent) as its typed form. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly load: (raw: any, ctx: ModuleLoadContext) => T;
  /** The names `outputs.<configKey>` may list, and the module block that provides each. */
  readonly outputs?: Readonly<Record<string, OutputSource>>;
  /**
   * Whether a loaded cluster has the module switched on: its `outputs` may be listed only
   * then. Needed with `outputs`, unless `required`; without it a module counts as on only
   * when it is required. (Method syntax: a descriptor of one module's type must still fit
   * the list of all of them.)
   */
  isOn?(module: T): boolean;
}

/**
 * The shape of a module switched on by its own `enabled` flag (required; `enabled`
 * describes it for the docs) with its other settings beside it: most module keys, and
 * `kinesis.firehose`.
 */
export const switchedBlock = (
  enabled: string | undefined,
  settings: Readonly<Record<string, Schema>> = {},
): Schema => ({
  type: 'object',
  additionalProperties: false,
  required: ['enabled'],
  properties: {
    enabled:
      enabled === undefined ? { type: 'boolean' } : { type: 'boolean', description: enabled },
    ...settings,
  },
});

/** A list of ids, each matching `pattern` (or any non-empty string), default []. */
export const stringList = (pattern?: string, message?: string): Schema => ({
  type: 'array',
  items: pattern
    ? { type: 'string', pattern, 'x-message': message }
    : { type: 'string', minLength: 1 },
  uniqueItems: true,
  default: [],
});

/** An S3 bucket name: global.json's state bucket, and the buckets modules name. */
export const s3BucketName: Schema = {
  type: 'string',
  pattern: S3_BUCKET_NAME_PATTERN,
  'x-message': S3_BUCKET_NAME_MESSAGE,
};

/** An output of module block `module`, not sensitive. */
export const plainOutput = (module: string, requires?: 'firehose'): OutputSource => ({
  module,
  sensitive: false,
  requires,
});

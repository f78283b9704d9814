/**
 * The shape of an alert output's descriptor: everything about one output service in one
 * value, declared next to the code that delivers it (model: teams.ts). The list of every
 * descriptor is all.ts; from it come the conf/outputs.json schema (src/config), its
 * conversion (outputs-convert.ts), the alert processor's dispatch (index.ts), the IAM grants
 * of the alert processor (src/render/model.ts) and the catalogue of docs/outputs.md.
 */
import type { SecretRef } from '../../config/types.js';
import type { Deliver } from '../registry.js';
import {
  credentialServiceSchema,
  credentialTarget,
  type OutputSchema,
} from './descriptor-schema.js';

/**
 * The kinds of IAM grant the alert processor's role can be given: each is a variable of
 * modules/stream_alert (see templates/cluster.tf.hbs). An AWS output names its resources
 * under one of them; a new kind needs that module variable first.
 */
export const GRANT_KINDS = [
  's3Buckets',
  'lambdaFunctions',
  'snsTopics',
  'firehoseStreams',
  'sqsQueues',
  'logGroups',
  'sesIdentities',
  'assumeRoles',
] as const;
export type GrantKind = (typeof GRANT_KINDS)[number];
export type Grants = Partial<Record<GrantKind, readonly string[]>>;

/** What each alert output needs and sends, for people (the table of docs/outputs.md). */
export interface OutputDescription {
  /** The credential JSON (or, for AWS services, what outputs.json names), Markdown. */
  readonly credential: string;
  /** What the alert processor sends, Markdown. */
  readonly sends: string;
}

/** The typed target of one conf/outputs.json entry, `<service>:<descriptor>`. */
export interface TargetBase {
  readonly service: string;
  readonly descriptor: string;
}

export interface OutputDescriptor<T extends TargetBase> {
  /** The service name: its key in conf/outputs.json and the first half of `<service>:<descriptor>`. */
  readonly service: T['service'];
  /** `aws`: an SDK call with the alert processor's role; `credential`: a secret read at run time. */
  readonly kind: 'aws' | 'credential';
  /** Its value's JSON schema in conf/outputs.json (every descriptor of the service). */
  readonly schema: OutputSchema;
  /** One validated entry (`value` is undefined in StreamAlert's list form) as its typed target. */
  readonly toTarget: (descriptor: string, value: unknown) => T;
  /**
   * The IAM grants the alert processor's role needs for this target, for an AWS output.
   * Credential reads (the target's `secret`) are granted for every output alike.
   */
  readonly grants?: (target: T) => Grants;
  /** For docs/outputs.md. */
  readonly doc: OutputDescription;
  /** Sends one alert to one target; throws on failure (the caller retries). */
  readonly deliver: Deliver<T>;
}

/** The target of a credential output: where its secret lives. */
export interface CredentialTargetOf<S extends string> extends TargetBase {
  readonly service: S;
  readonly secret: SecretRef;
}

/**
 * A credential (HTTP) output: its schema, conversion and grants are those of every
 * credential output; it says how to read its secret and what to send.
 */
export function credentialOutput<S extends string, C>(spec: {
  readonly service: S;
  readonly doc: OutputDescription;
  /** Reads the secret's value; throw PermanentError for what a retry cannot fix. */
  readonly parse: (value: string) => C;
  readonly send: (
    credential: C,
    ctx: Parameters<Deliver<CredentialTargetOf<S>>>[1],
    target: CredentialTargetOf<S>,
  ) => Promise<void>;
}): OutputDescriptor<CredentialTargetOf<S>> {
  return {
    service: spec.service,
    kind: 'credential',
    schema: credentialServiceSchema(spec.service),
    toTarget: (descriptor, value) => credentialTarget(spec.service, descriptor, value),
    doc: spec.doc,
    deliver: async (target, ctx) =>
      spec.send(await ctx.credential(target.secret, spec.parse), ctx, target),
  };
}

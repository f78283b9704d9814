import type { AnyOutput } from '../alert-processor/outputs/all.js';
import type { OutputDescriptor } from '../alert-processor/outputs/descriptor.js';

/**
 * Typed forms of conf/logs.json, conf/sources.json and conf/outputs.json: what the
 * processors and the build consume. Produced once from JSON that passed validation.
 */

/**
 * A schema field type, as StreamAlert wrote them: names, `{}`/`[]` for a key whose value is
 * not checked, or a nested schema. `ipaddress` is the alias StreamAlert's own confs use for
 * a string.
 */
export type ScalarType = 'string' | 'integer' | 'float' | 'boolean' | 'ipaddress';
export type FieldType = ScalarType | FieldSchema | readonly [];
export interface FieldSchema {
  readonly [field: string]: FieldType;
}

export type ParserName = 'json' | 'csv' | 'kv' | 'syslog';

/** `log_patterns`: field → shell patterns, possibly nested like the record. */
export interface LogPatterns {
  readonly [field: string]: readonly string[] | LogPatterns;
}

export interface LogDefinition {
  /** The logs.json key, `category[:subtype]`. */
  readonly name: string;
  readonly category: string;
  readonly parser: ParserName;
  readonly schema: FieldSchema;
  readonly optionalTopLevelKeys: readonly string[];
  readonly jsonPath?: string;
  /** json: a field whose string value holds a JSON object (found by StreamAlert's regex): that object is the record. */
  readonly jsonRegexKey?: string;
  /** json: the values json_path selects are JSON text, parsed before the schema check. */
  readonly embeddedJson: boolean;
  readonly envelopeKeys?: FieldSchema;
  /** Envelope keys that may be absent (then filled with their type's default). */
  readonly optionalEnvelopeKeys: readonly string[];
  readonly logPatterns?: LogPatterns;
  readonly delimiter?: string;
  readonly separator?: string;
  /** csv: the quote character (default `"`) and the escape character (default none), as Python's csv module. */
  readonly quotechar?: string;
  readonly escapechar?: string;
  /** csv: lines naming the schema's fields are headers, which set the column order of the lines after them. */
  readonly header: boolean;
}

/**
 * Where records come from. `stream_alert_app` is StreamAlert's app delivery: a function
 * invoking the rule processor with `{ "stream_alert_app": <entity>, "logs": [...] }`.
 */
export type Service = 'kinesis' | 's3' | 'sns' | 'stream_alert_app';
export const SERVICES: readonly Service[] = ['kinesis', 's3', 'sns', 'stream_alert_app'];

/**
 * service → entity (stream, bucket or topic name) → the log categories (or full log names)
 * it may carry.
 */
export type SourcesConfig = Readonly<Record<Service, ReadonlyMap<string, readonly string[]>>>;

/** conf/types.json: log category → normalized type (e.g. sourceAddress) → the field names that hold it. */
export type TypesConfig = ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;

/**
 * Where an output's credential (a webhook URL, a PagerDuty routing key, a Phantom URL and
 * token) lives; never the credential itself. StreamAlert's list form names no place: its
 * credential is the SSM parameter `/streamalert/outputs/<service>/<descriptor>`.
 */
export type SecretRef =
  { readonly ssmParameter: string } | { readonly secretsManagerSecret: string };

/**
 * One conf/outputs.json entry, `<service>:<descriptor>`, typed: the union of every output
 * descriptor's target (alert-processor/outputs/all.ts).
 */
export type OutputTarget = TargetOfOutput<AnyOutput>;
type TargetOfOutput<D> = D extends OutputDescriptor<infer T> ? T : never;

export type { OutputService } from '../alert-processor/outputs/all.js';

/** Keyed by `service:descriptor`, the form rules name them in. */
export type OutputsConfig = ReadonlyMap<string, OutputTarget>;

export interface ProcessorsConfig {
  /** In logs.json order: the classifier tries candidates in this order. */
  readonly logs: readonly LogDefinition[];
  readonly sources: SourcesConfig;
  readonly outputs: OutputsConfig;
  /** Empty when the repository has no conf/types.json. */
  readonly types: TypesConfig;
}

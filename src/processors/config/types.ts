import type { AnyOutput } from '../alert-processor/outputs/all.js';
import type { OutputDescriptor } from '../alert-processor/outputs/descriptor.js';
import type { ThreatIntelConfig } from './threat-intel.js';
import type { LookupTablesConfig } from './lookup-tables.js';

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
  /**
   * json: top-level keys the schema does not name are accepted and kept untyped (the
   * project's `allow_extra_top_level_keys`; StreamAlert's schemas are exact). Absent:
   * false.
   */
  readonly extraTopLevelKeys?: boolean;
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

/**
 * The StreamAlert generation a conf is written for: classification follows its semantics
 * (src/processors/rule-processor/generation.ts has every difference). global.json
 * `general.streamalert_generation` states it; otherwise a StreamAlert 3 layout
 * (conf/schemas/, `data_sources`) means "3.x" and anything else "1.6-2.x".
 */
export type Generation = '1.5' | '1.6-2.x' | '3.x';
export const GENERATIONS: readonly Generation[] = ['1.5', '1.6-2.x', '3.x'];
/** A conf without a marker or a 3.x layout: what this project always classified as. */
export const DEFAULT_GENERATION: Generation = '1.6-2.x';

/** What conf/sigma.json sets for Sigma rules: per rule, per tag, or for all of them. */
export interface SigmaRuleSettings {
  readonly outputs?: readonly string[];
  readonly merge_by_keys?: readonly string[];
  readonly merge_window_mins?: number;
  readonly threshold?: number;
  readonly staged?: boolean;
}

/** A logsource (any of product, service, category; unset keys match anything) → logs.json names. */
export interface SigmaLogsource {
  readonly product?: string;
  readonly service?: string;
  readonly category?: string;
  /** `{service}` stands for the rule's service (e.g. "azure:{service}"). */
  readonly logs: readonly string[];
}

/** conf/sigma.json (optional), with its defaults filled in. */
export interface SigmaConfig {
  /** Checked before the built-in table: when one of them matches a rule, the built-in table is not used for it. */
  readonly logsources: readonly SigmaLogsource[];
  /** false: only `logsources` map (the built-in table is not used). */
  readonly builtin_logsources: boolean;
  readonly defaults: SigmaRuleSettings;
  /** Tag (`*` wildcards allowed, e.g. "attack.t1078*") → settings for the rules carrying it. */
  readonly tags: Readonly<Record<string, SigmaRuleSettings>>;
  /** Rule name (its file name) → its settings. */
  readonly rules: Readonly<Record<string, SigmaRuleSettings>>;
  /** `expand` placeholders: name (without %) → the values it stands for. */
  readonly placeholders: Readonly<Record<string, readonly string[]>>;
}

export const DEFAULT_SIGMA_CONFIG: SigmaConfig = {
  logsources: [],
  builtin_logsources: true,
  defaults: {},
  tags: {},
  rules: {},
  placeholders: {},
};

export interface ProcessorsConfig {
  /** Whose classification semantics apply; absent: DEFAULT_GENERATION. */
  readonly generation?: Generation;
  /** In logs.json order: the classifier tries candidates in this order. */
  readonly logs: readonly LogDefinition[];
  readonly sources: SourcesConfig;
  readonly outputs: OutputsConfig;
  /** Empty when the repository has no conf/types.json. */
  readonly types: TypesConfig;
  /** conf/sigma.json; absent: DEFAULT_SIGMA_CONFIG. Used at build time only. */
  readonly sigma?: SigmaConfig;
  /** conf/lookup_tables.json; absent: no tables. */
  readonly lookupTables?: LookupTablesConfig;
  /** conf/threat_intel.json when records are matched (enabled, and a cluster allows it). */
  readonly threatIntel?: ThreatIntelConfig;
}

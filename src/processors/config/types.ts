/**
 * Typed forms of conf/logs.json, conf/sources.json and conf/outputs.json: what the
 * processors and the build consume. Produced once from JSON that passed validation.
 */

/** A schema field type, as StreamAlert wrote them: names, `{}`/`[]` for any map/list, or a nested schema. */
export type FieldType = 'string' | 'integer' | 'float' | 'boolean' | FieldSchema | readonly [];
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
  readonly envelopeKeys?: FieldSchema;
  readonly logPatterns?: LogPatterns;
  readonly delimiter?: string;
  readonly separator?: string;
  /** csv: lines naming the schema's fields are headers, which set the column order of the lines after them. */
  readonly header: boolean;
}

export type Service = 'kinesis' | 's3' | 'sns';
export const SERVICES: readonly Service[] = ['kinesis', 's3', 'sns'];

/** service → entity (stream, bucket or topic name) → the log names it may carry. */
export type SourcesConfig = Readonly<Record<Service, ReadonlyMap<string, readonly string[]>>>;

/**
 * Where an output's credential (a webhook URL, a PagerDuty routing key, a Phantom URL and
 * token) lives; never the credential itself. StreamAlert's list form names no place: its
 * credential is the SSM parameter `/streamalert/outputs/<service>/<descriptor>`.
 */
export type SecretRef = { readonly ssmParameter: string } | { readonly secretsManagerSecret: string };

/** Services whose credential is read at run time from SSM or Secrets Manager. */
export type CredentialService = 'slack' | 'webhook' | 'pagerduty' | 'phantom';

export type OutputTarget =
  | { readonly service: 'aws-s3'; readonly descriptor: string; readonly bucket: string }
  | { readonly service: 'aws-sns'; readonly descriptor: string; readonly topic: string }
  | { readonly service: 'aws-lambda'; readonly descriptor: string; readonly functionName: string }
  | { readonly service: CredentialService; readonly descriptor: string; readonly secret: SecretRef };

export type OutputService = OutputTarget['service'];
export const OUTPUT_SERVICES: readonly OutputService[] = ['aws-s3', 'aws-sns', 'aws-lambda', 'slack', 'webhook', 'pagerduty', 'phantom'];

/** Keyed by `service:descriptor`, the form rules name them in. */
export type OutputsConfig = ReadonlyMap<string, OutputTarget>;

export interface ProcessorsConfig {
  /** In logs.json order: the classifier tries candidates in this order. */
  readonly logs: readonly LogDefinition[];
  readonly sources: SourcesConfig;
  readonly outputs: OutputsConfig;
}

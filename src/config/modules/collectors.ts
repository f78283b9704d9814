/**
 * `modules.collectors` of a cluster file: the pull collectors writing SaaS logs into the
 * cluster's stream, one per key (its name). Each names its source `type`, its non-secret
 * `settings` and where its credential is (an SSM parameter name or a Secrets Manager ARN):
 * never the credential itself. The types, and the settings each requires, come from the
 * collector sources (src/processors/collectors/sources/all.ts). Its rendering half is
 * src/render/modules/collector.ts; docs/collectors.md has the sources.
 */
import { SOURCES } from '../../processors/collectors/sources/all.js';
import { LAMBDA_MEMORY } from '../aws-limits.js';
import { escapePointerToken } from '../problems.js';
import type { ConfigModuleDescriptor, Schema } from './descriptor.js';

export interface CollectorModule {
  name: string;
  type: string;
  settings: Record<string, string>;
  credential: string;
  credentialKmsKeyArn: string | null;
  scheduleExpression: string;
  memory: number;
  timeout: number;
  overlapSeconds: number;
  initialLookbackSeconds: number;
  logLevel: string;
  noPollAlarmMinutes: number;
  lagAlarmSeconds: number;
  /**
   * `streamalert_app`: made from StreamAlert 3's `modules.streamalert_apps`, its credential
   * the app's own SSM parameter, read as StreamAlert stored it (src/config/streamalert-apps.ts).
   */
  credentialFormat: 'collector' | 'streamalert_app';
  /** Days its log group keeps logs (a StreamAlert app's log_retention_days); else the module's. */
  logRetentionDays?: number;
  /** The JSON pointer of its configuration in the cluster file (for problems). */
  pointer: string;
}

/** The Terraform module's own limit: `<prefix>_<cluster>_collector_<name>` (modules/collector). */
export const COLLECTOR_NAME_MAX = 55;
export const collectorFunctionName = (prefix: string, cluster: string, name: string) =>
  `${prefix}_${cluster}_collector_${name}`;

const wholeSeconds = (min: number, max: number, dflt: number, description: string): Schema => ({
  type: 'integer',
  minimum: min,
  maximum: max,
  default: dflt,
  description,
});

// A source's required settings, and the shape of those it knows, checked per type.
const requiredSettings = Object.values(SOURCES)
  .filter((s) => s.requiredSettings.length > 0 || s.settingPatterns)
  .map((s) => ({
    if: { properties: { type: { const: s.type } }, required: ['type'] },
    then: {
      ...(s.requiredSettings.length > 0 ? { required: ['settings'] } : {}),
      properties: {
        settings: {
          ...(s.requiredSettings.length > 0 ? { required: [...s.requiredSettings] } : {}),
          properties: Object.fromEntries(
            Object.entries(s.settingPatterns ?? {}).map(([k, p]) => [
              k,
              { type: 'string', pattern: p.pattern, 'x-message': p.message },
            ]),
          ),
        },
      },
    },
  }));

/** EventBridge schedule expressions, as a collector and a StreamAlert app take them. */
export const scheduleExpressionSchema: Schema = {
  type: 'string',
  pattern: '^(rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\)|cron\\(.+\\))$',
  'x-message': 'must be rate(<n> minutes|hours|days) or cron(...)',
};

/** The shortest timeout a collector takes: it keeps 10 s back for its last checkpoint write. */
export const COLLECTOR_TIMEOUT_MIN = 30;

const collectorSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'credential'],
  properties: {
    type: {
      type: 'string',
      enum: Object.keys(SOURCES).sort(),
      description: 'the source (docs/collectors.md)',
    },
    settings: {
      type: 'object',
      description:
        "the source's non-secret settings (hostname, organization, ...); a key naming a token, secret, password or key is refused: credentials go in SSM or Secrets Manager",
      // A credential belongs in SSM or Secrets Manager, where `credential` points.
      propertyNames: {
        pattern: '^[a-z_]{1,64}$',
        not: { pattern: '(token|secret|password|_key)' },
        'x-message':
          'must be a setting such as "hostname"; credentials go in SSM or Secrets Manager',
      },
      additionalProperties: { type: 'string', minLength: 1, maxLength: 512 },
      default: {},
    },
    credential: {
      type: 'string',
      pattern:
        '^((/[A-Za-z0-9_.-]+)+|arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+)$',
      'x-message':
        'must be an SSM parameter name such as "/streamalert/collectors/okta" or a Secrets Manager secret ARN, never the credential itself',
      'x-conceal': true,
      description: 'where the credential is: an SSM parameter name or a Secrets Manager ARN',
    },
    credential_kms_key_arn: {
      type: 'string',
      pattern: '^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-f0-9-]{36}$',
      'x-message': 'must be a KMS key ARN',
      description: 'customer managed key of the credential, if any',
    },
    schedule_expression: { ...scheduleExpressionSchema, default: 'rate(1 minute)' },
    memory: {
      type: 'integer',
      minimum: LAMBDA_MEMORY.min,
      maximum: LAMBDA_MEMORY.max,
      default: 256,
    },
    timeout: { type: 'integer', minimum: COLLECTOR_TIMEOUT_MIN, maximum: 900, default: 300 },
    overlap_seconds: wholeSeconds(
      0,
      86400,
      600,
      'how far before the checkpoint each poll reads again',
    ),
    initial_lookback_seconds: wholeSeconds(0, 7776000, 3600, 'how far back the first poll reads'),
    log_level: { type: 'string', enum: ['debug', 'info', 'warn', 'error'], default: 'info' },
    no_poll_alarm_minutes: {
      type: 'integer',
      minimum: 2,
      maximum: 1440,
      default: 15,
      description: 'alarm when no poll has succeeded for this long',
    },
    lag_alarm_seconds: {
      type: 'integer',
      minimum: 60,
      default: 1800,
      description: 'alarm when the collected data is further behind',
    },
  },
  allOf: requiredSettings,
};

const defaultOf = (key: string): number =>
  (collectorSchema.properties as Record<string, Schema>)[key]!.default as number;

/** The defaults of the keys a StreamAlert app has no counterpart of. */
export const COLLECTOR_DEFAULTS = {
  overlapSeconds: defaultOf('overlap_seconds'),
  initialLookbackSeconds: defaultOf('initial_lookback_seconds'),
  noPollAlarmMinutes: defaultOf('no_poll_alarm_minutes'),
  lagAlarmSeconds: defaultOf('lag_alarm_seconds'),
};

export const collectorsConfig: ConfigModuleDescriptor<'collectors', CollectorModule[]> = {
  configKey: 'collectors',
  field: 'collectors',
  schema: {
    type: 'object',
    description: 'pull collectors of SaaS logs into the stream, by name (docs/collectors.md)',
    propertyNames: {
      pattern: '^[a-z0-9_]{1,24}$',
      'x-message': 'must be a collector name of 1-24 lowercase letters, digits or _',
    },
    additionalProperties: collectorSchema,
    default: {},
  },
  isOn: (m) => m.length > 0,
  load: (raw) =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- validated by the schema above
    Object.entries((raw ?? {}) as Record<string, any>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, c]) => ({
        name,
        type: c.type,
        settings: c.settings ?? {},
        credential: c.credential,
        credentialKmsKeyArn: c.credential_kms_key_arn ?? null,
        scheduleExpression: c.schedule_expression,
        memory: c.memory,
        timeout: c.timeout,
        overlapSeconds: c.overlap_seconds,
        initialLookbackSeconds: c.initial_lookback_seconds,
        logLevel: c.log_level,
        noPollAlarmMinutes: c.no_poll_alarm_minutes,
        lagAlarmSeconds: c.lag_alarm_seconds,
        credentialFormat: 'collector' as const,
        pointer: `/modules/collectors/${escapePointerToken(name)}`,
      })),
};

/**
 * StreamAlert 3's apps (`modules.streamalert_apps` of a cluster file, one key per function,
 * as `manage.py app new` writes them) as this project's collectors.
 *
 * An app whose type reads a log one of our sources reads becomes that collector: Duo's
 * authentication and administrator logs, every Google Workspace ("gsuite_*") report, Box's
 * admin events. Its schedule, memory, timeout, log level and log retention are kept; its
 * credential is the SSM parameter StreamAlert stored, `<function>_auth`, read as it is
 * (src/processors/collectors/streamalert-app.ts), so nothing moves. The other types
 * (OneLogin, Aliyun, Salesforce, Intercom, Slack's access and integration logs) are accepted
 * and named in the notice: nothing is deployed for them, and nothing is dropped silently.
 */
import { LAMBDA_MEMORY, LAMBDA_TIMEOUT } from './aws-limits.js';
import {
  COLLECTOR_DEFAULTS,
  COLLECTOR_TIMEOUT_MIN,
  type CollectorModule,
  collectorFunctionName,
  scheduleExpressionSchema,
} from './modules/collectors.js';
import type { Schema } from './modules/descriptor.js';
import { LOG_RETENTION_DAYS } from './modules/stream-alert.js';
import type { ConfigNote } from './notices.js';
import { type ConfigProblem, escapePointerToken } from './problems.js';
import { v3LogLevel } from './streamalert3.js';

/** The Reports API applications StreamAlert 3.5 had an app type for (`gsuite_<application>`). */
const GSUITE_APPLICATIONS = [
  'access_transparency',
  'admin',
  'calendar',
  'drive',
  'gcp',
  'groups',
  'groups_enterprise',
  'gplus',
  'login',
  'meet',
  'mobile',
  'rules',
  'saml',
  'token',
  'user_accounts',
];

interface AppCollector {
  /** Our source type. */
  type: string;
  settings: Record<string, string>;
}

/** The collector a StreamAlert app type becomes, or undefined when there is none here. */
export function appCollector(appType: string): AppCollector | undefined {
  if (appType === 'duo_auth' || appType === 'duo_admin') return { type: appType, settings: {} };
  if (appType === 'box_admin_events') return { type: 'box_events', settings: {} };
  const gsuite = /^gsuite_(.+)$/.exec(appType)?.[1];
  if (gsuite !== undefined && GSUITE_APPLICATIONS.includes(gsuite))
    return { type: 'google_workspace', settings: { applications: gsuite } };
  return undefined;
}

/** What the notice says of an app type with no collector here. */
function unmappedNote(appType: string): string {
  if (appType === 'slack_access' || appType === 'slack_integration')
    return `no collector reads Slack's ${appType === 'slack_access' ? 'team.accessLogs' : 'team.integrationLogs'} here: nothing is deployed for this app (slack_audit reads an Enterprise Grid's audit logs, with a token of its own: docs/collectors.md#slack-audit-logs)`;
  return `no collector for StreamAlert's "${appType}" app here (the sources: docs/collectors.md): nothing is deployed for it`;
}

/** `modules.streamalert_apps`: StreamAlert 3's keys of an app function, as it writes them. */
export const streamalertAppsSchema: Schema = {
  type: 'object',
  description:
    "StreamAlert 3's apps, by function name: each whose type has a collector here becomes one (docs/collectors.md#streamalert-3-apps)",
  propertyNames: {
    pattern: '^[A-Za-z0-9_-]{1,64}$',
    'x-message': 'must be a Lambda function name such as "acme_corp_duo_auth_duo_app"',
  },
  additionalProperties: {
    type: 'object',
    additionalProperties: false,
    required: ['app_name', 'type', 'schedule_expression'],
    properties: {
      app_name: {
        type: 'string',
        pattern: '^[a-z0-9_-]{1,64}$',
        'x-message': 'must be lowercase letters, digits, _ or - (as "app new" took it)',
      },
      type: {
        type: 'string',
        pattern: '^[a-z][a-z0-9_]{0,63}$',
        'x-message': 'must be a StreamAlert app type such as "duo_auth"',
      },
      schedule_expression: scheduleExpressionSchema,
      memory: { type: 'integer', minimum: LAMBDA_MEMORY.min, maximum: LAMBDA_MEMORY.max },
      timeout: { type: 'integer', minimum: LAMBDA_TIMEOUT.min, maximum: LAMBDA_TIMEOUT.max },
      concurrency_limit: { type: 'integer', minimum: 0 },
      log_level: {
        type: 'string',
        enum: ['debug', 'info', 'warn', 'warning', 'error', 'critical'],
      },
      log_retention_days: { type: 'integer', enum: [...LOG_RETENTION_DAYS] },
      metric_alarms: { type: 'object' },
      enable_custom_metrics: { type: 'boolean' },
      vpc_config: { type: 'object' },
    },
  },
};

export interface AppCollectors {
  collectors: CollectorModule[];
  problems: ConfigProblem[];
  notes: ConfigNote[];
}

/* The function below runs on a cluster file the schema accepted. */
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The collectors a validated cluster file's `modules.streamalert_apps` stands for, the
 * problems that keep one from being made (each at its app's key) and the notes on every app.
 */
export function appCollectors(d: any, file: string, prefix: string): AppCollectors {
  const out: AppCollectors = { collectors: [], problems: [], notes: [] };
  const apps: Record<string, any> = d.modules?.streamalert_apps ?? {};
  const taken = new Set(Object.keys(d.modules?.collectors ?? {}));
  for (const fn of Object.keys(apps).sort()) {
    const app = apps[fn];
    const at = `/modules/streamalert_apps/${escapePointerToken(fn)}`;
    const note = (pointer: string, text: string) => out.notes.push({ file, pointer, note: text });
    const mapped = appCollector(app.type);
    if (!mapped) {
      note(at, unmappedNote(app.type));
      continue;
    }
    // A collector's name is 1-24 of [a-z0-9_]; StreamAlert's app names also took "-".
    const name = String(app.app_name).replace(/-/g, '_');
    if (!/^[a-z0-9_]{1,24}$/.test(name) || taken.has(name)) {
      out.problems.push({
        file,
        pointer: `${at}/app_name`,
        message: taken.has(name)
          ? `makes the collector name "${name}", which another collector of this cluster has: rename one`
          : `makes the collector name "${name}", over 24 characters (a collector's name is part of its function's and alarms' names): shorten the app_name`,
      });
      continue;
    }
    taken.add(name);
    const timeout: number = app.timeout ?? 300;
    if (timeout < COLLECTOR_TIMEOUT_MIN)
      note(
        `${at}/timeout`,
        `${timeout} is raised to ${COLLECTOR_TIMEOUT_MIN}: a collector keeps 10 s back for its last checkpoint write`,
      );
    if (app.log_level === 'warning' || app.log_level === 'critical')
      note(`${at}/log_level`, `"${app.log_level}" is read as "${v3LogLevel(app.log_level)}"`);
    const vpc = app.vpc_config;
    if (vpc && (vpc.subnet_ids?.length || vpc.security_group_ids?.length))
      note(`${at}/vpc_config`, 'the collector does not run in a VPC here');
    const what =
      mapped.type === 'google_workspace'
        ? `google_workspace, application ${mapped.settings.applications}`
        : mapped.type;
    const box =
      mapped.type === 'box_events'
        ? '; switch the Box app to Client Credentials Grant (docs/collectors.md#box-events)'
        : '';
    note(
      at,
      `becomes the collector "${name}" (${what}), function ${collectorFunctionName(prefix, d.id, name)}, writing to the cluster's stream: it reads the credential StreamAlert stored (SSM ${fn}_auth) as it is, starts a checkpoint of its own, runs one invocation at a time, and alarms on errors, no successful poll and lag (docs/collectors.md#streamalert-3-apps)${box}`,
    );
    out.collectors.push({
      name,
      type: mapped.type,
      settings: mapped.settings,
      credential: `${fn}_auth`,
      credentialKmsKeyArn: null,
      credentialFormat: 'streamalert_app',
      scheduleExpression: app.schedule_expression,
      memory: app.memory ?? 256,
      timeout: Math.max(timeout, COLLECTOR_TIMEOUT_MIN),
      logLevel: v3LogLevel(app.log_level) ?? 'info',
      ...(app.log_retention_days !== undefined ? { logRetentionDays: app.log_retention_days } : {}),
      overlapSeconds: COLLECTOR_DEFAULTS.overlapSeconds,
      initialLookbackSeconds: COLLECTOR_DEFAULTS.initialLookbackSeconds,
      noPollAlarmMinutes: COLLECTOR_DEFAULTS.noPollAlarmMinutes,
      lagAlarmSeconds: COLLECTOR_DEFAULTS.lagAlarmSeconds,
      pointer: at,
    });
  }
  return out;
}

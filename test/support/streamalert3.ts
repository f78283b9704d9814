/**
 * A repository in StreamAlert 3.5's own layout, written for these tests (modelled on
 * StreamAlert's conf/, never copied): conf/schemas/*.json with `priority` and
 * `normalization`, `data_sources` and `classifier_config` in the cluster file, a v3
 * global.json without `terraform`, lambda.json, normalized_types.json, outputs.json with
 * the aws-ses list and aws-lambda-v2, threat_intel.json; a rule with its test events in
 * the rules folder as bare JSON lists, in nested folders.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './conf.js';

export type Files = Record<string, unknown>;

export const SA3_GLOBAL = {
  account: { aws_account_id: '111122223333', prefix: 'acme', region: 'us-west-2' },
  general: {
    terraform_files: [],
    matcher_locations: ['matchers'],
    rule_locations: ['rules'],
    scheduled_query_locations: ['scheduled_queries'],
    publisher_locations: ['publishers'],
    third_party_libraries: ['pathlib2==2.3.5'],
  },
  infrastructure: {
    alerts_table: { read_capacity: 5, write_capacity: 5 },
    artifact_extractor: { enabled: false, firehose_buffer_size: 128 },
    firehose: { use_prefix: true, buffer_interval: 900, enabled: false, enabled_logs: {} },
    monitoring: {},
    rule_staging: { cache_refresh_minutes: 10, enabled: false },
    classifier_sqs: { use_prefix: true },
  },
};

export const SA3_CLUSTER = {
  id: 'corp',
  classifier_config: {
    enable_custom_metrics: true,
    inputs: { 'aws-sns': [] },
    log_level: 'info',
    log_retention_days: 14,
    memory: 256,
    metric_alarms: {
      errors: { enabled: true, evaluation_periods: 1, period_secs: 120, threshold: 0 },
    },
    timeout: 90,
    vpc_config: { security_group_ids: [], subnet_ids: [] },
  },
  data_sources: {
    kinesis: { acme_corp_streamalert: ['websrv', 'audit'] },
    s3: { 'acme.corp.audit.logs': ['audit'] },
    sns: { acme_corp_alerts_topic: ['websrv'] },
    streamalert_app: { acme_corp_audit_app: ['audit'] },
  },
  enable_threat_intel: false,
  modules: {
    cloudwatch_monitoring: {
      enabled: true,
      kinesis_alarms_enabled: false,
      lambda_alarms_enabled: true,
    },
    // StreamAlert 3's keys: the stream's own name (the data_sources entity above), an
    // account that writes through a role, and the outputs it exposes.
    kinesis: {
      streams: {
        create_user: true,
        retention: 24,
        shards: 1,
        stream_name: 'acme_corp_streamalert',
        trusted_accounts: ['444455556666'],
        terraform_outputs: ['user_arn', 'role_arn'],
      },
    },
    // StreamAlert 3.5's cloudtrail keys: the deployed bucket (and trail) name, another
    // account's trail writing to it, S3 data events; `enabled` left out (on).
    cloudtrail: {
      s3_settings: {
        bucket_name: 'acme-corp-streamalert-cloudtrail',
        cross_account_ids: ['444455556666', '111122223333'],
        event_selector_type: 'WriteOnly',
      },
    },
    // The rule into the stream: EC2 launches, from this and another account (whose
    // eu-west-1 permission stays with StreamAlert 3) and an organization.
    cloudwatch_events: {
      event_pattern: { source: ['aws.ec2'], 'detail-type': ['EC2 Instance Launch Successful'] },
      cross_account: {
        accounts: { '444455556666': ['us-west-2', 'eu-west-1'] },
        organizations: { 'o-aabbccddee': ['us-west-2'] },
      },
    },
    // StreamAlert 3's form: bucket name to its filters, each its own notification.
    s3_events: {
      'acme.corp.audit.logs': [
        { filter_prefix: 'audit/', filter_suffix: '.json' },
        { filter_prefix: 'audit/', filter_suffix: '.json.gz' },
      ],
    },
  },
};

export const SA3_LAMBDA = {
  alert_merger_config: { concurrency_limit: 1, memory: 128, timeout: 60, log_level: 'info' },
  alert_processor_config: {
    concurrency_limit: 4,
    log_level: 'warning',
    metric_alarms: {
      errors: { enabled: false, evaluation_periods: 1, period_secs: 120, threshold: 0 },
      throttles: { enabled: true, evaluation_periods: 3, period_secs: 300, threshold: 2 },
    },
    memory: 192,
    timeout: 45,
    vpc_config: { security_group_ids: [], subnet_ids: [] },
  },
  athena_partitioner_config: { memory: 128, timeout: 300, file_format: 'parquet' },
  classifier_config: {},
  rule_promotion_config: { enabled: false, memory: 128, timeout: 120 },
  rules_engine_config: { concurrency_limit: 10, memory: 128, timeout: 60 },
};

/** Two schema files; websrv:error has priority 0, so it is tried before websrv:access. */
export const SA3_SCHEMAS = {
  'websrv.json': {
    'websrv:access': {
      schema: { client_ip: 'string', user: 'string', path: 'string', status: 'integer' },
      parser: 'json',
      configuration: {
        priority: 1,
        normalization: { sourceAddress: ['client_ip'], userName: [{ path: ['user'] }] },
      },
    },
    'websrv:error': {
      schema: { client_ip: 'string', message: 'string' },
      parser: 'json',
      configuration: { priority: 0 },
    },
  },
  'audit.json': {
    'audit:event': { schema: { actor: 'string', action: 'string', ok: 'boolean' }, parser: 'json' },
  },
};

export const SA3_OUTPUTS = {
  'aws-lambda': { notify: 'acme-notify:production' },
  'aws-lambda-v2': ['notify-v2'],
  'aws-s3': { archive: 'acme.alert.archive' },
  'aws-ses': ['security-team'],
  'aws-sns': { pager: 'acme-pager' },
  slack: ['soc-channel'],
};

const RULE = `import { rule } from 'streamalert-action/rules';

/** An admin path answered 200 to someone who is not an admin. */
export default rule({
  name: 'websrv_admin_access',
  logs: ['websrv:access'],
  outputs: ['aws-s3:archive', 'slack:soc-channel'],
  rule: (rec) => String(rec.path).startsWith('/admin') && rec.status === 200 && rec.user !== 'admin',
});
`;

/** StreamAlert 3's test events: a bare list beside the rule, in a nested folder. */
export const SA3_EVENTS = [
  {
    data: { client_ip: '203.0.113.9', user: 'mallory', path: '/admin/users', status: 200 },
    description: 'a non-admin reads an admin page',
    log: 'websrv:access',
    service: 'kinesis',
    source: 'acme_corp_streamalert',
    trigger_rules: ['websrv_admin_access'],
  },
  {
    data: { client_ip: '203.0.113.9', user: 'admin', path: '/admin/users', status: 200 },
    description: 'the admin reads an admin page, gzipped',
    log: 'websrv:access',
    compress: true,
    service: 'kinesis',
    source: 'acme_corp_streamalert',
    trigger_rules: [],
  },
];

/** Classification-only events (StreamAlert's rules/classifier/ folder), one an S3 object of two lines. */
export const SA3_CLASSIFIER_EVENTS = [
  {
    data: '{"actor": "alice", "action": "login", "ok": true}\n{"actor": "bob", "action": "login", "ok": false}',
    description: 'an S3 object of two audit lines',
    log: 'audit:event',
    service: 's3',
    source: 'acme.corp.audit.logs',
    classify_only: true,
  },
  {
    data: { actor: 'carol', action: 'logout', ok: true },
    description: 'an audit event from the app',
    log: 'audit:event',
    service: 'streamalert_app',
    source: 'acme_corp_audit_app',
    classify_only: true,
  },
];

function write(root: string, files: Files): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`,
    );
  }
}

/** The conf/ files of the StreamAlert 3 repository, by path under conf/; `change` edits them first. */
export function sa3ConfFiles(): Files {
  return {
    'global.json': structuredClone(SA3_GLOBAL),
    'clusters/corp.json': structuredClone(SA3_CLUSTER),
    'lambda.json': structuredClone(SA3_LAMBDA),
    'normalized_types.json': { audit: { userName: ['actor'] } },
    'outputs.json': structuredClone(SA3_OUTPUTS),
    'threat_intel.json': { enabled: false, normalized_ioc_types: { ip: ['sourceAddress'] } },
    ...Object.fromEntries(
      Object.entries(SA3_SCHEMAS).map(([n, v]) => [`schemas/${n}`, structuredClone(v)]),
    ),
  };
}

/** Writes the repository (conf/, rules/ with their events) and returns its folder. */
export function writeSa3Repo(change: (conf: Files) => void = () => undefined): string {
  const repo = tempDir('sa3');
  const conf = sa3ConfFiles();
  change(conf);
  write(path.join(repo, 'conf'), conf);
  write(path.join(repo, 'rules'), {
    // Rule files are read from the rules folder itself; their events may sit in folders below.
    'websrv_admin_access.ts': RULE,
    'community/websrv/websrv_admin_access.json': SA3_EVENTS,
    'classifier/audit/audit_event.json': SA3_CLASSIFIER_EVENTS,
  });
  return repo;
}

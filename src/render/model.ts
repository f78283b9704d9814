/**
 * Turns the typed Config into the plain contexts the templates read. All naming and
 * wiring decisions live here, so the templates stay layout only.
 */
import path from 'node:path';
import type { ClusterConfig, Config } from '../config/types.js';
import { outputSource } from '../config/module-outputs.js';
import { FUNCTION_METRICS, METRIC_FUNCTIONS } from '../config/metrics.js';
import { aggregateAlarmRegions } from '../config/metric-alarm-checks.js';
import { outputDescriptor } from '../processors/alert-processor/outputs/all.js';
import type { GrantKind, Grants } from '../processors/alert-processor/outputs/descriptor.js';
import type { OutputTarget, OutputsConfig } from '../processors/config/types.js';
import { clusterLookups, lookupBlocks } from './lookups.js';
import { silenceByLog } from '../config/source-health.js';
import { hclString } from './hcl.js';
import { DETECTION_BUNDLE_FILE, DETECTION_BUNDLE_KEY } from '../processors/detection/bundle.js';
import { CLUSTER_MODULES, modulePartial } from './modules/all.js';
import { assertIdentifier, monitoringTopicArn } from './modules/descriptor.js';
import { configuredRegions, globalRegions, retiredRegions, type StateRegions } from './regions.js';

export interface RenderOptions {
  outDir: string;
  /** Where `build` puts the processor zips; the roots refer to it by a relative path. */
  buildDir: string;
  /** Send every AWS call (provider and S3 backend) to this endpoint, S3 path-style. */
  awsEndpoint?: string;
  /** Render the global root with a local backend, for the very first apply (creates the state bucket). */
  bootstrap?: boolean;
  /**
   * Render the cluster roots with a local backend too: on the first deployment their state
   * bucket does not exist yet, so the pull request plans them against an empty local state
   * (the same plan as against the empty S3 state they get once the bucket exists).
   */
  localState?: boolean;
  /** Roots whose cluster file is gone but whose state remains: rendered empty, to plan their destroy. */
  removedRoots?: RemovedRoot[];
  /** Regions the global root's state holds resources in (regions.ts: a provider stays for each). */
  globalStateRegions?: string[];
}

/** A cluster removed from conf whose state is still in the state bucket. */
export interface RemovedRoot {
  id: string;
  /** The region its resources live in (read from the state): the provider must be there to delete them. */
  region: string;
}

export const RULE_PROCESSOR_ZIP = 'rule_processor.zip';
export { DETECTION_BUNDLE_FILE };
export const ALERT_PROCESSOR_ZIP = 'alert_processor.zip';
/** One zip for every collector (modules/collector): COLLECTOR_TYPE picks the source. */
export const COLLECTOR_ZIP = 'collector.zip';

export function stateKey(config: Config, root: string): string {
  return `${config.global.terraform.tfstateKeyPrefix}/${root}/terraform.tfstate`;
}

/**
 * Where the detection bundle (rules + conf) is published: one bucket per deployment, in
 * the account's region, made by the global root (module detection_bundle). Bucket names
 * are global, so the account id is in it.
 */
export function detectionBundle(config: Config) {
  const { account } = config.global;
  return {
    bucket: `${account.prefix}-${account.awsAccountId}-streamalert-detection`,
    key: DETECTION_BUNDLE_KEY,
    region: account.region,
  };
}

function backend(config: Config, root: string, local: boolean) {
  return {
    local,
    bucket: config.global.terraform.tfstateBucket,
    key: stateKey(config, root),
    region: config.global.account.region,
  };
}

function relativePosix(from: string, to: string): string {
  const rel = path.relative(path.resolve(from), path.resolve(to)).split(path.sep).join('/');
  return rel === '' ? '.' : rel;
}

export { monitoringTopicArn };

const sortedUnique = (values: string[]): string[] => [...new Set(values)].sort();

/**
 * IAM grants of the alert processor: the cluster file's outputs plus every target in
 * conf/outputs.json, each AWS target's from its output descriptor (`grants`).
 */
function alertProcessorGrants(cluster: ClusterConfig, outputs: OutputsConfig) {
  const targets = [...outputs.values()];
  const ap = cluster.modules.streamAlert.alertProcessor;
  const granted = (kind: GrantKind): string[] =>
    targets.flatMap((t) => {
      const output = outputDescriptor(t.service);
      const grants = output?.grants as ((target: OutputTarget) => Grants) | undefined;
      return [...(grants?.(t)[kind] ?? [])];
    });
  return {
    s3Buckets: sortedUnique([...ap.outputS3Buckets, ...granted('s3Buckets')]),
    lambdaFunctions: sortedUnique([...ap.outputLambdaFunctions, ...granted('lambdaFunctions')]),
    snsTopics: sortedUnique(granted('snsTopics')),
    firehoseStreams: sortedUnique(granted('firehoseStreams')),
    sqsQueues: sortedUnique(granted('sqsQueues')),
    logGroups: sortedUnique(granted('logGroups')),
    sesIdentities: sortedUnique(granted('sesIdentities')),
    assumeRoles: sortedUnique(granted('assumeRoles')),
    // Every credential output (slack, webhook, pagerduty, phantom, aws-ses...); StreamAlert's list form reads /streamalert/outputs/<service>/<descriptor>.
    secretParameters: sortedUnique(
      targets.flatMap((t) =>
        'secret' in t && 'ssmParameter' in t.secret ? [t.secret.ssmParameter] : [],
      ),
    ),
    secrets: sortedUnique(
      targets.flatMap((t) =>
        'secret' in t && 'secretsManagerSecret' in t.secret ? [t.secret.secretsManagerSecret] : [],
      ),
    ),
  } satisfies Record<GrantKind, string[]> & Record<string, string[]>;
}

/**
 * Metric filters (the module makes them for each function with metrics enabled, from these
 * names) and the cluster's metric alarms, which notify the monitoring topic of its region.
 */
function clusterMetrics(config: Config, cluster: ClusterConfig) {
  const sa = cluster.modules.streamAlert;
  const alarms = [...sa.ruleProcessor.metricAlarms, ...sa.alertProcessor.metricAlarms];
  // StreamAlert 3's alarm names: `<function>_invocation_errors`, `<function>_throttles`.
  const { prefix } = config.global.account;
  const lambdaAlarms = (['rule_processor', 'alert_processor'] as const).flatMap((fn) =>
    sa[fn === 'rule_processor' ? 'ruleProcessor' : 'alertProcessor'].lambdaAlarms.map((a) => ({
      name: `${prefix}_${cluster.id}_streamalert_${fn}_${a.metric === 'Errors' ? 'invocation_errors' : 'throttles'}`,
      function: fn,
      metricName: a.metric,
      threshold: a.threshold,
      evaluationPeriods: a.evaluationPeriods,
      period: a.periodSecs,
    })),
  );
  // Source health's silence alarms notify the same topic (sourceHealthContext).
  const notifies =
    alarms.length > 0 ||
    lambdaAlarms.length > 0 ||
    sourceHealthContext(config, cluster, '') !== false;
  // Optional module arguments, their keys padded alike so the block is `terraform fmt` clean.
  const settings: [string, unknown][] = [
    ['rule_processor_log_retention_days', sa.ruleProcessor.logRetentionDays],
    ['alert_processor_log_retention_days', sa.alertProcessor.logRetentionDays],
    ['rule_processor_concurrency_limit', sa.ruleProcessor.concurrencyLimit],
    ['alert_processor_concurrency_limit', sa.alertProcessor.concurrencyLimit],
  ];
  const present = settings.filter(([, v]) => v !== null);
  const width = Math.max(0, ...present.map(([k]) => k.length));
  const functionSettings = present.map(([k, value]) => ({ key: k.padEnd(width), value }));
  return {
    ruleProcessorNames: [...FUNCTION_METRICS.rule_processor.metrics],
    alertProcessorNames: [...FUNCTION_METRICS.alert_processor.metrics],
    alarms: alarms.length > 0 ? alarms : false,
    lambdaAlarms: lambdaAlarms.length > 0 ? lambdaAlarms : false,
    topicArn: notifies ? monitoringTopicArn(config, cluster.region) : false,
    functionSettings: functionSettings.length > 0 ? functionSettings : false,
  };
}

/** The file `build` writes next to the zips: each log type rules read, with its rules. */
export const SOURCE_HEALTH_FILE = 'source_health.json';

/**
 * Source health of a cluster root (docs/source-health.md): on unless switched off, the
 * build's list of the log types rules read, and the silence minutes of every log name
 * conf/sources.json carries (the module keeps those rules read). False when off; then the
 * module gets `source_health_enabled = false` and nothing else.
 */
export function sourceHealthContext(config: Config, cluster: ClusterConfig, buildRel: string) {
  if (!cluster.sourceHealth.enabled) return false;
  const silence = silenceByLog(config.processors.sources, cluster.sourceHealth);
  if (silence.length === 0) return false;
  // The two one-line arguments padded alike, so the block is `terraform fmt` clean (fmt
  // does not align them with the multi-line map that follows).
  const width = 'source_health_rules_file'.length;
  const keyWidth = Math.max(...silence.map(([log]) => hclString(log).length));
  const drop = cluster.sourceHealth.volumeDrop;
  return {
    enabledKey: 'source_health_enabled'.padEnd(width),
    rulesFileKey: 'source_health_rules_file'.padEnd(width),
    silenceKey: 'source_health_silence_minutes',
    rulesFile: `${buildRel}/${SOURCE_HEALTH_FILE}`,
    silence: silence.map(([log, minutes]) => ({
      key: hclString(log).padEnd(keyWidth),
      minutes,
    })),
    // The module's map; `terraform fmt` aligns its keys.
    volumeDrop: drop.enabled
      ? [
          ['warning_percent', drop.warningPercent],
          ['critical_percent', drop.criticalPercent],
          ['minimum_hourly_records', drop.minimumHourlyRecords],
        ].map(([k, value]) => ({ key: String(k).padEnd('minimum_hourly_records'.length), value }))
      : false,
  };
}

/**
 * What the rule processor may read for its lookup tables: exactly the enabled tables' S3
 * objects and DynamoDB tables (the zip carries lookup_tables.json only when enabled) and
 * the threat-intel feeds' tables, or false when there is none, so a root without tables
 * renders as before.
 */
export function lookupTableGrants(config: Config) {
  const configured = config.processors.lookupTables;
  // The threat-intel feeds' indicator tables are s3 tables too (conf/threat_intel.json).
  const tables = [
    ...(configured?.enabled ? configured.tables : []),
    ...(config.processors.threatIntel?.enabled ? config.processors.threatIntel.feeds : []),
  ];
  if (tables.length === 0) return false;
  const s3Objects = tables.flatMap((t) => (t.driver === 's3' ? [`${t.bucket}/${t.key}`] : []));
  const dynamodbTables = [
    ...new Set(tables.flatMap((t) => (t.driver === 'dynamodb' ? [t.table] : []))),
  ];
  return { s3Objects, dynamodbTables };
}

export function clusterContext(config: Config, cluster: ClusterConfig, options: RenderOptions) {
  const { account } = config.global;
  const m = cluster.modules;
  const buildRel = relativePosix(path.join(options.outDir, cluster.id), options.buildDir);
  const outputs = Object.entries(cluster.outputs).flatMap(([moduleKey, names]) =>
    names.map((name) => {
      const source = outputSource(moduleKey, name);
      if (!source) throw new Error(`internal: unvalidated output ${moduleKey}.${name}`);
      return {
        // StreamAlert's naming, so `terraform output kinesis_prod_username` keeps working.
        name: assertIdentifier(`${moduleKey}_${cluster.id}_${name}`),
        description: `${name} of the ${moduleKey} module (cluster ${cluster.id}).`,
        expression: `module.${source.module}.${assertIdentifier(name)}`,
        sensitive: source.sensitive,
      };
    }),
  );
  return {
    source: relativePosix(config.configDir, cluster.file),
    backend: backend(config, cluster.id, options.localState === true),
    endpoint: options.awsEndpoint ?? false,
    prefix: account.prefix,
    cluster: cluster.id,
    accountId: account.awsAccountId,
    region: cluster.region,
    lambda: {
      ruleProcessorZip: `${buildRel}/${RULE_PROCESSOR_ZIP}`,
      alertProcessorZip: `${buildRel}/${ALERT_PROCESSOR_ZIP}`,
      collectorZip: `${buildRel}/${COLLECTOR_ZIP}`,
    },
    sa: m.streamAlert,
    detection: detectionBundle(config),
    metrics: clusterMetrics(config, cluster),
    sourceHealth: sourceHealthContext(config, cluster, buildRel),
    grants: alertProcessorGrants(cluster, config.alertOutputs),
    lookupTables: lookupTableGrants(config),
    vpcSubnetIds: m.streamAlert.alertProcessor.vpc?.subnetIds ?? [],
    vpcSecurityGroupIds: m.streamAlert.alertProcessor.vpc?.securityGroupIds ?? [],
    // Each module's fields (modules/*.ts), and the template parts the root calls, in order.
    ...Object.assign({}, ...CLUSTER_MODULES.map((d) => d.context({ config, cluster }))),
    moduleParts: CLUSTER_MODULES.map((d) => ({ partial: modulePartial(d.module) })),
    outputs,
    lookups: lookupBlocks(clusterLookups(config, cluster)),
  };
}

export function globalContext(config: Config, options: RenderOptions) {
  const { account, monitoring } = config.global;
  const stateRegions: StateRegions = {
    removedClusters: (options.removedRoots ?? []).map((r) => r.region),
    globalState: options.globalStateRegions ?? [],
  };
  const configured = new Set(configuredRegions(config).map((r) => r.region));
  return {
    source: 'global.json',
    backend: backend(config, 'global', options.bootstrap === true),
    endpoint: options.awsEndpoint ?? false,
    region: account.region,
    stateBucket: config.global.terraform.tfstateBucket,
    createStateBucket: config.global.terraform.createStateBucket,
    prefix: account.prefix,
    detection: {
      ...detectionBundle(config),
      writerArn: config.global.terraform.applyRoleArn ?? null,
      file: `${relativePosix(path.join(options.outDir, 'global'), options.buildDir)}/${DETECTION_BUNDLE_FILE}`,
    },
    accountId: account.awsAccountId,
    kmsKeyAlias: account.kmsKeyAlias,
    createSnsTopic: monitoring.createSnsTopic,
    snsTopicName: monitoring.snsTopicName,
    regions: globalRegions(config, stateRegions).map(({ region, alias: name }) => {
      const alias = assertIdentifier(name);
      // The account's region is the root's default provider: a second configuration for the
      // same region would cost two more provider starts per plan and one per apply (each
      // ~1.2 CPU-s). Deployments rendered with the alias plan no change: a resource still in
      // the configuration takes its provider from it, not from the state.
      const home = region === account.region;
      return {
        region,
        alias,
        home,
        provider: home ? 'aws' : `aws.${alias}`,
        moduleName: `monitoring_${alias}`,
        // An existing topic is looked up in every configured region (lookups.ts globalLookups names the blocks alike).
        lookUpSnsTopic: !monitoring.createSnsTopic && configured.has(region),
        topicDescription: `Monitoring SNS topic of ${region}: CloudWatch alarms of the clusters there publish to it.`,
        metricAlarms: aggregateAlarms(config, region),
      };
    }),
    retiredRegions: retiredRegions(config, stateRegions).map(({ region, alias }) => ({
      region,
      alias: assertIdentifier(alias),
    })),
  };
}

/**
 * global.json's aggregate alarms for one region: metrics are regional, so an alarm on
 * `<Prefix>-<Metric>` goes to every region where a cluster publishes that function's metrics.
 */
function aggregateAlarms(config: Config, region: string) {
  const alarms = METRIC_FUNCTIONS.flatMap((fn) =>
    aggregateAlarmRegions(config.clusters, fn).includes(region)
      ? config.global.monitoring.metricAlarms[fn]
      : [],
  );
  return alarms.length > 0 ? alarms : false;
}

/** The modules a cluster root calls, for copying into the rendered tree. */
export function modulesUsed(cluster: ClusterConfig, config: Config): string[] {
  return [
    'stream_alert',
    ...CLUSTER_MODULES.filter((d) => d.enabled(cluster, config)).map((d) => d.module),
  ];
}

/** The modules the global root calls (the state bucket's only when global.json lets it manage it). */
export function globalModules(config: Config): string[] {
  return config.global.terraform.createStateBucket
    ? ['terraform_state', 'monitoring', 'detection_bundle']
    : ['monitoring', 'detection_bundle'];
}

/**
 * A removed cluster's root: its backend key and the AWS provider of its region, and no
 * resources, so Terraform plans to destroy everything its state holds.
 */
export function removedContext(config: Config, removed: RemovedRoot, options: RenderOptions) {
  return {
    cluster: assertIdentifier(removed.id),
    backend: backend(config, removed.id, false),
    endpoint: options.awsEndpoint ?? false,
    region: removed.region,
  };
}

/**
 * Reads conf/global.json and conf/clusters/*.json, validates every file and the rules that
 * span files, and returns the typed Config. All problems are collected before failing, so a
 * user fixes a broken configuration in one round instead of one error per run.
 */
import { loadSourceHealth } from './source-health.js';
import { DEFAULT_TRAFFIC } from './traffic.js';
import { loadModules } from './modules/all.js';
import { appCollectors } from './streamalert-apps.js';
import { loadMetricAlarms } from './metric-alarms.js';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ClusterConfig, Config, GlobalConfig } from './types.js';
import { ConfigError, type ConfigProblem } from './problems.js';
import { readJsonFile, withPositions, type JsonFile } from './read-json.js';
import { validateDocument, type DocumentKind } from './validate-schema.js';
import { crossCheck } from './cross-checks.js';
import { bucketNameProblems } from './name-checks.js';
import {
  LAMBDA_FILE,
  loadProcessorsConfig,
  PROCESSOR_CONF_FILES,
  unusedConfFiles,
} from './processors/load.js';
import type { ProcessorsConfig } from '../processors/config/types.js';
import type { ConfigNote } from './notices.js';
import { lookupMemoryProblems } from './lookup-memory.js';
import { withEventRule } from './modules/cloudwatch-events.js';
import {
  cloudtrailNotes,
  clusterNotes,
  firehoseNotes,
  globalNotes,
  lambdaNotes,
  v3KmsAlias,
  v3StateBucket,
  v3ModuleDefaults,
  v3StreamAlertModule,
} from './streamalert3.js';

function validated(kind: DocumentKind, parsed: JsonFile, problems: ConfigProblem[]): boolean {
  let found = validateDocument(kind, parsed.data, parsed.file);
  if (found.length === 0) found = bucketNameProblems(kind, parsed.data, parsed.file);
  problems.push(...withPositions(parsed, found));
  return found.length === 0;
}

export async function loadConfig(configDir: string): Promise<Config> {
  const problems: ConfigProblem[] = [];
  const notes: ConfigNote[] = [];
  // One line for a wrong --config-dir, rather than one per file it should hold.
  if (
    !(await stat(configDir).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  ) {
    throw new ConfigError([
      {
        file: configDir,
        pointer: '',
        message:
          'configuration folder not found (global.json, clusters/, logs.json and sources.json go here)',
      },
    ]);
  }
  const globalFile = path.join(configDir, 'global.json');
  const clustersDir = path.join(configDir, 'clusters');

  const globalParsed = await readJsonFile(globalFile, problems, false, configDir);
  const global =
    globalParsed && validated('global', globalParsed, problems)
      ? toGlobal(globalParsed.data)
      : undefined;
  if (global && globalParsed) notes.push(...globalNotes(globalParsed.data, globalParsed.file));

  let names: string[] = [];
  try {
    names = (await readdir(clustersDir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    problems.push({
      file: clustersDir,
      pointer: '',
      message: 'directory not found (one JSON file per cluster goes here)',
    });
  }
  if (names.length === 0 && problems.length === 0) {
    problems.push({ file: clustersDir, pointer: '', message: 'no cluster files (*.json) found' });
  }

  const clusters: ClusterConfig[] = [];
  const clusterFiles = new Map<string, JsonFile>();
  const parsedClusters: JsonFile[] = [];
  const valid: JsonFile[] = [];
  for (const name of names) {
    const parsed = await readJsonFile(path.join(clustersDir, name), problems, false, configDir);
    if (!parsed) continue;
    parsedClusters.push(parsed);
    if (isV3Cluster(parsed.data)) v3ModuleDefaults(parsed.data);
    if (validated('cluster', parsed, problems)) valid.push(parsed);
  }
  // StreamAlert 3's clusters take their alert processor from lambda.json: read it only then,
  // so a 1.5 conf's lambda.json stays a file nothing reads.
  const v3 = parsedClusters.some((c) => isV3Cluster(c.data));
  const alertProcessor = v3 ? await readLambda(configDir, problems, notes) : undefined;
  for (const parsed of valid) {
    const d = parsed.data as Record<string, unknown>;
    if (isV3Cluster(d)) {
      // A broken lambda.json has its own problems; the cluster cannot be sized without it.
      if (alertProcessor === undefined) continue;
      const found = v3Problems(d, parsed.file, alertProcessor);
      problems.push(...withPositions(parsed, found));
      if (found.length > 0) continue;
      notes.push(...clusterNotes(d, parsed.file));
    }
    notes.push(
      ...firehoseNotes(d, parsed.file),
      ...cloudtrailNotes(d, parsed.file, (d.region as string) ?? global?.account.region),
    );
    const apps = appCollectors(d, parsed.file, global?.account.prefix ?? 'prefix');
    problems.push(...withPositions(parsed, apps.problems));
    notes.push(...apps.notes);
    if (apps.problems.length > 0) continue;
    const cluster = toCluster(d, parsed.file, global);
    cluster.modules.collectors = [...cluster.modules.collectors, ...apps.collectors].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    clusters.push(cluster);
    clusterFiles.set(parsed.file, parsed);
  }

  if (global) {
    for (const p of crossCheck(global, clusters)) {
      const json = p.file === globalFile ? globalParsed : clusterFiles.get(p.file);
      problems.push(...(json ? withPositions(json, [p]) : [p]));
    }
  }
  // The processors' files are part of the same one-pass check: a broken logs.json fails
  // `validate`, not a later `build`.
  let processors: ProcessorsConfig | undefined;
  try {
    const loaded = await loadProcessorsConfig(configDir, parsedClusters);
    processors = loaded.config;
    notes.push(...loaded.notes);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
  }

  if (processors)
    problems.push(
      ...lookupMemoryProblems(
        processors.lookupTables,
        clusters,
        path.join(configDir, PROCESSOR_CONF_FILES.lookup_tables),
        processors.threatIntel?.feeds,
        path.join(configDir, PROCESSOR_CONF_FILES.threat_intel),
      ),
    );

  if (problems.length > 0 || !global || !processors) throw new ConfigError(problems);
  return {
    configDir,
    global,
    clusters,
    alertOutputs: processors.outputs,
    processors,
    notes,
    // lambda.json is read for StreamAlert 3 clusters only; in a 1.5 conf nothing reads it.
    unusedFiles: (await unusedConfFiles(configDir)).filter((n) => !(v3 && n === LAMBDA_FILE)),
  };
}

/* eslint-disable @typescript-eslint/no-explicit-any */

/** A StreamAlert 3 cluster file: the rule processor's settings in classifier_config. */
const isV3Cluster = (d: any): boolean =>
  d !== null && typeof d === 'object' && 'classifier_config' in d;

/**
 * lambda.json's alert_processor_config (StreamAlert 3), `{}` when the file or the key is
 * absent (the defaults then apply), undefined when the file is broken (its problems pushed).
 */
async function readLambda(
  configDir: string,
  problems: ConfigProblem[],
  notes: ConfigNote[],
): Promise<any> {
  const read = await readJsonFile(path.join(configDir, LAMBDA_FILE), problems, true, configDir);
  if (read === null) return {};
  if (!read || !validated('lambda', read, problems)) return undefined;
  notes.push(...lambdaNotes(read.data, read.file));
  return (read.data as any).alert_processor_config ?? {};
}

/**
 * A StreamAlert 3 cluster's modules.stream_alert, made from classifier_config and
 * lambda.json's alert_processor_config and checked (defaults filled) by the module's own
 * schema; problems name classifier_config, where the user wrote the settings.
 */
function v3Problems(d: any, file: string, alertProcessor: any): ConfigProblem[] {
  if (d.modules?.stream_alert !== undefined)
    return [
      {
        file,
        pointer: '/modules/stream_alert',
        message:
          "a cluster takes either StreamAlert 3's classifier_config (with lambda.json's alert_processor_config) or modules.stream_alert, not both",
      },
    ];
  const module = v3StreamAlertModule(d.classifier_config, alertProcessor);
  const found = validateDocument('stream_alert', module, file);
  if (found.length > 0)
    return found.map((p) => ({
      ...p,
      pointer: '/classifier_config',
      message: `with lambda.json's alert_processor_config: ${p.pointer}: ${p.message}`,
    }));
  d.modules.stream_alert = module;
  return [];
}

/* The functions below run only on documents the schema accepted (defaults filled in). */

function toGlobal(d: any): GlobalConfig {
  const monitoring = d.infrastructure?.monitoring ?? {};
  const terraform = d.terraform ?? {};
  const prefix: string = d.account.prefix;
  // StreamAlert 3: no tfstate_bucket; its `bucket_name` (created only when it is the
  // default name) or the default `<prefix>-streamalert-terraform-state`.
  const v3 = terraform.tfstate_bucket === undefined;
  const bucket: string = terraform.tfstate_bucket ?? terraform.bucket_name ?? v3StateBucket(prefix);
  const legacyKey: string | undefined = terraform.tfstate_s3_key ?? terraform.state_key_name;
  const legacyPrefix =
    legacyKey && legacyKey.includes('/')
      ? legacyKey.slice(0, legacyKey.lastIndexOf('/'))
      : undefined;
  return {
    account: {
      awsAccountId: d.account.aws_account_id,
      prefix: d.account.prefix,
      region: d.account.region,
      kmsKeyAlias: d.account.kms_key_alias ?? (v3 ? v3KmsAlias(prefix) : 'stream_alert_secrets'),
    },
    terraform: {
      tfstateBucket: bucket,
      tfstateKeyPrefix:
        terraform.tfstate_s3_key_prefix ??
        legacyPrefix ??
        (v3 ? 'streamalert_state' : 'stream_alert_state'),
      createStateBucket: terraform.create_state_bucket ?? (!v3 || bucket === v3StateBucket(prefix)),
      ...(terraform.apply_role_arn ? { applyRoleArn: terraform.apply_role_arn } : {}),
    },
    findings: { waivers: d.findings?.waivers ?? [] },
    monitoring: {
      // The seed's two options: create the topic (the default) or name an existing one.
      createSnsTopic: monitoring.create_sns_topic ?? monitoring.sns_topic_name === undefined,
      snsTopicName: monitoring.sns_topic_name ?? 'stream_alert_monitoring',
      metricAlarms: {
        rule_processor: loadMetricAlarms(monitoring.metric_alarms?.rule_processor),
        alert_processor: loadMetricAlarms(monitoring.metric_alarms?.alert_processor),
      },
      sourceHealth: loadSourceHealth(monitoring.source_health),
    },
  };
}

/**
 * The cluster's root outputs: `outputs`, plus StreamAlert 3's
 * `modules.kinesis.streams.terraform_outputs` (which named the same root outputs,
 * `kinesis_<cluster>_<name>`), each name once.
 */
function clusterOutputs(d: any): Record<string, string[]> {
  const outputs: Record<string, string[]> = { ...(d.outputs ?? {}) };
  const v3: string[] = d.modules?.kinesis?.streams?.terraform_outputs ?? [];
  if (v3.length > 0) outputs.kinesis = [...new Set([...(outputs.kinesis ?? []), ...v3])];
  return outputs;
}

function toCluster(d: any, file: string, global: GlobalConfig | undefined): ClusterConfig {
  // Without a valid global.json loading fails anyway; the placeholders are never rendered.
  const prefix = global?.account.prefix ?? 'prefix';
  const accountId = global?.account.awsAccountId ?? '000000000000';
  // StreamAlert 3's cluster files have no region: global.json's.
  const region: string = d.region ?? global?.account.region ?? 'us-east-1';
  const modules = loadModules(d.modules, { prefix, clusterId: d.id, accountId });
  return {
    id: d.id,
    file,
    region,
    traffic: {
      eventsPerSecond: d.traffic?.events_per_second ?? DEFAULT_TRAFFIC.eventsPerSecond,
      averageEventBytes: d.traffic?.average_event_bytes ?? DEFAULT_TRAFFIC.averageEventBytes,
    },
    modules: {
      ...modules,
      cloudtrail: withEventRule(modules.cloudtrail, modules.cloudwatchEvents, region),
    },
    outputs: clusterOutputs(d),
    sourceHealth: loadSourceHealth(
      d.modules?.stream_alert?.rule_processor?.source_health,
      global?.monitoring.sourceHealth,
    ),
  };
}

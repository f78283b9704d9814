/**
 * Reads conf/global.json and conf/clusters/*.json, validates every file and the rules that
 * span files, and returns the typed Config. All problems are collected before failing, so a
 * user fixes a broken configuration in one round instead of one error per run.
 */
import { DEFAULT_TRAFFIC } from './traffic.js';
import { loadModules } from './modules/all.js';
import { loadMetricAlarms } from './metric-alarms.js';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ClusterConfig, Config, GlobalConfig } from './types.js';
import { ConfigError, type ConfigProblem } from './problems.js';
import { readJsonFile, withPositions, type JsonFile } from './read-json.js';
import { validateDocument, type DocumentKind } from './validate-schema.js';
import { crossCheck } from './cross-checks.js';
import { bucketNameProblems } from './name-checks.js';
import { loadProcessorsConfig, unusedConfFiles } from './processors/load.js';
import type { ProcessorsConfig } from '../processors/config/types.js';

function validated(kind: DocumentKind, parsed: JsonFile, problems: ConfigProblem[]): boolean {
  let found = validateDocument(kind, parsed.data, parsed.file);
  if (found.length === 0) found = bucketNameProblems(kind, parsed.data, parsed.file);
  problems.push(...withPositions(parsed, found));
  return found.length === 0;
}

export async function loadConfig(configDir: string): Promise<Config> {
  const problems: ConfigProblem[] = [];
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
  for (const name of names) {
    const parsed = await readJsonFile(path.join(clustersDir, name), problems, false, configDir);
    if (parsed && validated('cluster', parsed, problems)) {
      clusters.push(toCluster(parsed.data, parsed.file, global));
      clusterFiles.set(parsed.file, parsed);
    }
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
    processors = (await loadProcessorsConfig(configDir)).config;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
  }

  if (problems.length > 0 || !global || !processors) throw new ConfigError(problems);
  return {
    configDir,
    global,
    clusters,
    alertOutputs: processors.outputs,
    processors,
    unusedFiles: await unusedConfFiles(configDir),
  };
}

/* The functions below run only on documents the schema accepted (defaults filled in). */
/* eslint-disable @typescript-eslint/no-explicit-any */

function toGlobal(d: any): GlobalConfig {
  const monitoring = d.infrastructure?.monitoring ?? {};
  const legacyKey: string | undefined = d.terraform.tfstate_s3_key;
  const legacyPrefix =
    legacyKey && legacyKey.includes('/')
      ? legacyKey.slice(0, legacyKey.lastIndexOf('/'))
      : undefined;
  return {
    account: {
      awsAccountId: d.account.aws_account_id,
      prefix: d.account.prefix,
      region: d.account.region,
      kmsKeyAlias: d.account.kms_key_alias,
    },
    terraform: {
      tfstateBucket: d.terraform.tfstate_bucket,
      tfstateKeyPrefix: d.terraform.tfstate_s3_key_prefix ?? legacyPrefix ?? 'stream_alert_state',
      createStateBucket: d.terraform.create_state_bucket ?? true,
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
    },
  };
}

function toCluster(d: any, file: string, global: GlobalConfig | undefined): ClusterConfig {
  // Without a valid global.json loading fails anyway; the placeholders are never rendered.
  const prefix = global?.account.prefix ?? 'prefix';
  const accountId = global?.account.awsAccountId ?? '000000000000';
  return {
    id: d.id,
    file,
    region: d.region,
    traffic: {
      eventsPerSecond: d.traffic?.events_per_second ?? DEFAULT_TRAFFIC.eventsPerSecond,
      averageEventBytes: d.traffic?.average_event_bytes ?? DEFAULT_TRAFFIC.averageEventBytes,
    },
    modules: loadModules(d.modules, { prefix, clusterId: d.id, accountId }),
    outputs: d.outputs ?? {},
  };
}

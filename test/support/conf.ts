/** Builds throwaway configuration folders for tests. */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXAMPLES = ['production', 'multi-region'];

const madeHere: string[] = [];

/**
 * A fresh folder under the system temp folder, removed once its test file has run
 * (removeTempDirs, from test/support/temp-cleanup.ts): the suite makes thousands, and a
 * machine that ran it daily had 2.5 GB of them in /tmp.
 */
export function tempDir(label: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `streamalert-${label}-`));
  madeHere.push(dir);
  return dir;
}

/** Removes every folder tempDir made so far in this process. */
export function removeTempDirs(): void {
  for (const dir of madeHere.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The seed's production cluster, verbatim. */
export function seedCluster(): Record<string, unknown> {
  return {
    id: 'production',
    region: 'us-west-2',
    modules: {
      stream_alert: {
        alert_processor: { timeout: 25, memory: 128, current_version: '$LATEST' },
        rule_processor: { timeout: 10, memory: 256, current_version: '$LATEST' },
      },
      cloudwatch_monitoring: { enabled: true },
      kinesis: {
        streams: { shards: 1, retention: 24 },
        firehose: { enabled: true, s3_bucket_suffix: 'streamalert.results' },
      },
      kinesis_events: { enabled: true },
    },
    outputs: { kinesis: ['username', 'access_key_id', 'secret_key'] },
  };
}

export function seedGlobal(): Record<string, unknown> {
  return {
    account: {
      aws_account_id: '123456789012',
      kms_key_alias: 'stream_alert_secrets',
      prefix: 'acme',
      region: 'us-east-1',
    },
    infrastructure: { monitoring: { create_sns_topic: true } },
    terraform: {
      tfstate_bucket: 'acme.streamalert.terraform.state',
      tfstate_s3_key: 'stream_alert_state/terraform.tfstate',
    },
  };
}

/** The smallest logs.json + sources.json a conf/ needs (validate requires both). */
export function minimalProcessorFiles(): Record<string, unknown> {
  return {
    'logs.json': {
      osquery: {
        parser: 'json',
        schema: { name: 'string', hostIdentifier: 'string', columns: {}, action: 'string' },
      },
    },
    'sources.json': { kinesis: { acme_production_stream_alert_kinesis: { logs: ['osquery'] } } },
  };
}

/**
 * Writes a conf/ folder; values that are strings are written as-is (to test broken JSON).
 * `files` are the other conf/ files (logs.json, sources.json, ...); undefined values are left out.
 */
export function writeConf(
  global: unknown,
  clusters: Record<string, unknown>,
  dir = tempDir('conf'),
  files: Record<string, unknown> = {},
): string {
  const conf = path.join(dir, 'conf');
  mkdirSync(path.join(conf, 'clusters'), { recursive: true });
  const text = (v: unknown): string =>
    typeof v === 'string' ? v : `${JSON.stringify(v, null, 2)}\n`;
  for (const [name, body] of Object.entries({ ...minimalProcessorFiles(), ...files })) {
    if (body !== undefined) writeFileSync(path.join(conf, name), text(body));
  }
  writeFileSync(path.join(conf, 'global.json'), text(global));
  for (const [name, body] of Object.entries(clusters))
    writeFileSync(path.join(conf, 'clusters', `${name}.json`), text(body));
  return conf;
}

/** Copies an example's conf/ into a temp folder so a test may change it. */
export function copyExample(name: string): string {
  const dir = tempDir(name);
  cpSync(path.join(REPO_ROOT, 'examples', name, 'conf'), path.join(dir, 'conf'), {
    recursive: true,
  });
  return path.join(dir, 'conf');
}

/**
 * Makes `repo` a detections repository without clusters: the production example's rules,
 * rule fixtures, logs.json, sources.json and outputs.json (each e2e test writes its own
 * global.json and cluster files).
 */
export function copyExampleDetections(repo: string): void {
  const example = path.join(REPO_ROOT, 'examples', 'production');
  for (const dir of ['rules', 'tests'])
    cpSync(path.join(example, dir), path.join(repo, dir), { recursive: true });
  for (const file of ['logs.json', 'sources.json', 'outputs.json'])
    cpSync(path.join(example, 'conf', file), path.join(repo, 'conf', file));
}

/**
 * `build`: the processor zips and manifest.json. The rule processor zip holds the
 * prebuilt bundle, conf/logs.json + conf/sources.json and the compiled rules; the alert
 * processor zip the bundle and conf/outputs.json; the collector zip (modules/collector, every
 * collector of every cluster) its bundle alone: its settings are the function's environment. The manifest gives each zip's base64
 * SHA-256, the form Lambda's CodeSha256 and Terraform's source_code_hash use.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadProcessorsConfig } from '../config/processors/load.js';
import { GENERATION_FILE } from '../processors/rule-processor/generation.js';
import { ALERT_PROCESSOR_ZIP, COLLECTOR_ZIP, RULE_PROCESSOR_ZIP } from '../render/model.js';
import { BUNDLE_FILES, processorBundlesDir } from './bundles.js';
import { inspectRuleSet } from './rule-set.js';
import { deterministicZip } from './zip.js';
import { SOURCE_HEALTH_FILE, sourceHealthText } from './source-health.js';

export interface BuildOptions {
  configDir: string;
  rulesDir: string;
  outDir: string;
  /** Prebuilt processor bundles; default dist/processors of this package. */
  bundlesDir?: string;
}

export interface BuiltZip {
  name: 'rule_processor' | 'alert_processor' | 'collector';
  file: string;
  /** base64 SHA-256 of the zip. */
  sha256: string;
  size: number;
}

export interface BuildResult {
  zips: BuiltZip[];
  manifest: string;
  rules: string[];
}

export const MANIFEST = 'manifest.json';

export function base64Sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('base64');
}

async function writeAtomically(file: string, data: Buffer | string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

export async function buildProcessors(options: BuildOptions): Promise<BuildResult> {
  // Configuration problems come first, as for every command; the bundles only matter then.
  const { config, texts } = await loadProcessorsConfig(options.configDir);
  const bundles = processorBundlesDir(options.bundlesDir);
  const ruleSet = await inspectRuleSet(options.rulesDir, bundles, config);

  const ruleFiles = new Map<string, Buffer>([
    ['index.js', await readFile(path.join(bundles, BUNDLE_FILES.ruleProcessor))],
    ['conf/logs.json', Buffer.from(texts.logs)],
    ['conf/sources.json', Buffer.from(texts.sources)],
    // The StreamAlert generation whose classification the rule processor follows.
    [GENERATION_FILE, Buffer.from(`${JSON.stringify({ generation: texts.generation })}\n`)],
    ...(texts.types === null ? [] : ([['conf/types.json', Buffer.from(texts.types)]] as const)),
    // Rules' dynamic outputs are checked against it at run time.
    ['conf/outputs.json', Buffer.from(texts.outputs ?? '{}\n')],
    // Only when it loads a table: a zip without it loads none (and its hash is unchanged).
    ...(texts.lookupTables === null
      ? []
      : ([['conf/lookup_tables.json', Buffer.from(texts.lookupTables)]] as const)),
    ...ruleSet.files,
  ]);
  const alertFiles = new Map<string, Buffer>([
    ['index.js', await readFile(path.join(bundles, BUNDLE_FILES.alertProcessor))],
    ['conf/outputs.json', Buffer.from(texts.outputs ?? '{}\n')],
  ]);
  const collectorFiles = new Map<string, Buffer>([
    ['index.js', await readFile(path.join(bundles, BUNDLE_FILES.collector))],
  ]);

  await mkdir(options.outDir, { recursive: true });
  const zips: BuiltZip[] = [];
  for (const [name, file, files] of [
    ['rule_processor', RULE_PROCESSOR_ZIP, ruleFiles],
    ['alert_processor', ALERT_PROCESSOR_ZIP, alertFiles],
    ['collector', COLLECTOR_ZIP, collectorFiles],
  ] as const) {
    const data = await deterministicZip(files);
    await writeAtomically(path.join(options.outDir, file), data);
    zips.push({ name, file, sha256: base64Sha256(data), size: data.length });
  }
  const manifest = path.join(options.outDir, MANIFEST);
  const body = Object.fromEntries(
    zips.map((z) => [z.name, { file: z.file, source_code_hash: z.sha256, size: z.size }]),
  );
  await writeAtomically(manifest, `${JSON.stringify(body, null, 2)}\n`);
  // The log types rules read: the roots' silence alarms and the blind-rules report read it.
  await writeAtomically(
    path.join(options.outDir, SOURCE_HEALTH_FILE),
    sourceHealthText(ruleSet.rules),
  );
  return { zips, manifest, rules: ruleSet.rules.map((r) => r.name).sort() };
}

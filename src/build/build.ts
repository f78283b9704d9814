/**
 * `build`: the processor zips, the detection bundle and manifest.json. The rule processor
 * zip holds only its code: the compiled rules and the conf it reads (logs, sources, types,
 * outputs, generation, lookup tables) go into detection-bundle.json, which the global root
 * publishes and the rule processor loads from S3 — so a rule-only change changes no zip and
 * no cluster root. The alert processor zip holds its code and conf/outputs.json (outputs
 * also decide its IAM grants, rendered into the cluster roots); the collector zip
 * (modules/collector, every collector of every cluster) its code alone: its settings are
 * the function's environment. The manifest gives each zip's base64 SHA-256 (Lambda's
 * CodeSha256, Terraform's source_code_hash) and the bundle's version (the hex SHA-256
 * alerts carry).
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
import {
  bundleVersion,
  DETECTION_BUNDLE_FILE,
  writeDetectionBundle,
} from '../processors/detection/bundle.js';

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

/** The rules and the conf the rule processor reads, published apart from its code. */
export interface BuiltBundle {
  file: string;
  /** SHA-256 (hex) of the file: the version alerts name. */
  version: string;
  size: number;
}

export interface BuildResult {
  zips: BuiltZip[];
  detection: BuiltBundle;
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

  const detectionFiles = new Map<string, Buffer>([
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
    // Only when records are matched: a bundle without it matches nothing.
    ...(texts.threatIntel === null
      ? []
      : ([['conf/threat_intel.json', Buffer.from(texts.threatIntel)]] as const)),
    ...ruleSet.files,
  ]);
  const ruleFiles = new Map<string, Buffer>([
    ['index.js', await readFile(path.join(bundles, BUNDLE_FILES.ruleProcessor))],
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
  const bundle = writeDetectionBundle(detectionFiles);
  await writeAtomically(path.join(options.outDir, DETECTION_BUNDLE_FILE), bundle);
  const detection = {
    file: DETECTION_BUNDLE_FILE,
    version: bundleVersion(bundle),
    size: bundle.length,
  };
  const manifest = path.join(options.outDir, MANIFEST);
  const body = {
    ...Object.fromEntries(
      zips.map((z) => [z.name, { file: z.file, source_code_hash: z.sha256, size: z.size }]),
    ),
    detection_bundle: detection,
  };
  await writeAtomically(manifest, `${JSON.stringify(body, null, 2)}\n`);
  // The log types rules read: the roots' silence alarms and the blind-rules report read it.
  await writeAtomically(
    path.join(options.outDir, SOURCE_HEALTH_FILE),
    sourceHealthText(ruleSet.rules),
  );
  return { zips, detection, manifest, rules: ruleSet.rules.map((r) => r.name).sort() };
}

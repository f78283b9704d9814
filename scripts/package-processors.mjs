#!/usr/bin/env node
/**
 * Bundles the Lambda processors and the rules API with ncc into <out-dir> (default
 * dist/processors):
 *   rule_processor/index.js, alert_processor/index.js   CommonJS, AWS SDK v3 left external
 *                                                        (the nodejs22.x runtime provides it)
 *   collector/index.js                                   the pull collectors (one bundle, every source)
 *   rules-api/rules.mjs                                  what `import ... from 'streamalert-action/rules'` resolves to
 *   sandbox/child.mjs                                    the rule sandbox child (src/sandbox)
 * `build` copies these into the zips; tests call this script into a temp folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ncc from '@vercel/ncc';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.resolve(process.argv[2] ?? path.join(root, 'dist', 'processors'));

// Every @aws-sdk package the processors import: keep this list in step with src/processors.
const SDK = ['@aws-sdk/client-s3', '@aws-sdk/client-dynamodb', '@aws-sdk/client-sns', '@aws-sdk/client-sqs', '@aws-sdk/client-lambda', '@aws-sdk/client-ssm', '@aws-sdk/client-secrets-manager', '@aws-sdk/client-firehose', '@aws-sdk/client-cloudwatch-logs', '@aws-sdk/client-ses', '@aws-sdk/client-kinesis', '@aws-sdk/client-sts'];

const bundles = [
  { name: 'rule_processor', entry: 'src/processors/rule-processor/lambda.cjs', file: 'index.js' },
  { name: 'alert_processor', entry: 'src/processors/alert-processor/lambda.cjs', file: 'index.js' },
  // Every collector Lambda runs this one bundle; COLLECTOR_TYPE picks the source.
  { name: 'collector', entry: 'src/processors/collectors/lambda.cjs', file: 'index.js' },
  { name: 'rules-api', entry: 'src/rules-api/index.ts', file: 'rules.mjs' },
  // Imports and tests the pull request's rules in a child process without credentials.
  // It runs from the action's checkout, where there is no node_modules: nothing external.
  { name: 'sandbox', entry: 'src/sandbox/child.ts', file: 'child.mjs', externals: [] },
];

// Each bundle is built in a process of its own (`--only <name>`): ncc's type-checking
// compilations held in one heap ran past Node's default heap limit once there were five.
const only = process.argv[3] === '--only' ? process.argv[4] : undefined;
if (only === undefined) {
  await rm(outDir, { recursive: true, force: true });
  for (const b of bundles)
    // A larger heap than Node's default: the sandbox bundle's type-checked build came near it.
    execFileSync(process.execPath, ['--max-old-space-size=6144', fileURLToPath(import.meta.url), outDir, '--only', b.name], {
      stdio: 'inherit',
    });
  process.exit(0);
}
for (const b of bundles.filter((x) => x.name === only)) {
  const { code, assets } = await ncc(path.join(root, b.entry), {
    externals: b.externals ?? SDK,
    transpileOnly: false,
    quiet: true,
    cache: false,
    sourceMap: false,
    target: 'es2022',
  });
  const dir = path.join(outDir, b.name);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, b.file), code);
  for (const [name, asset] of Object.entries(assets ?? {})) {
    if (name === 'package.json') continue; // the zips decide their own module type
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), asset.source);
  }
  process.stdout.write(`${path.relative(process.cwd(), path.join(dir, b.file))}: ${code.length} bytes\n`);
}

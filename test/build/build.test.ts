import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCommand } from '../../src/commands/build.js';
import { parseDetectionBundle } from '../../src/processors/detection/bundle.js';
import { processorBundles, REPO_ROOT } from '../support/processor-bundles.js';

const example = path.join(REPO_ROOT, 'examples', 'production');
const temp = mkdtempSync(path.join(tmpdir(), 'streamalert-build-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

async function build(outDir: string) {
  return buildCommand({
    configDir: path.join(example, 'conf'),
    rulesDir: path.join(example, 'rules'),
    outDir,
    bundlesDir: processorBundles(),
  });
}

function unzip(zip: string, dir: string): string[] {
  const script =
    'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nz.extractall(sys.argv[2])\nprint("\\n".join(i.filename + " " + str(i.date_time) for i in z.infolist()))';
  return execFileSync('python3', ['-c', script, zip, dir], { encoding: 'utf8' }).trim().split('\n');
}

/** Runs the extracted handler the way Lambda does: a fresh Node, CommonJS require, the SDK from NODE_PATH. */
function invoke(dir: string, event: unknown, env: Record<string, string> = {}): unknown {
  const script =
    'require("./index.js").handler(JSON.parse(process.argv[1]), { invokedFunctionArn: "arn:aws:lambda:us-west-2:123456789012:function:f:production" }).then((r) => process.stdout.write(JSON.stringify(r)), (e) => { console.error(e); process.exit(1); });';
  const out = execFileSync(process.execPath, ['-e', script, JSON.stringify(event)], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      NODE_PATH: path.join(REPO_ROOT, 'node_modules'),
      AWS_REGION: 'us-west-2',
      LOGGER_LEVEL: 'error',
      ...env,
    },
  });
  // Earlier lines are the processor's own JSON logs; the result is written last.
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

describe('build', () => {
  it('makes byte-identical zips from the same sources, with a manifest of their base64 SHA-256', async () => {
    const a = await build(path.join(temp, 'a'));
    const b = await build(path.join(temp, 'b'));
    for (const name of ['rule_processor.zip', 'alert_processor.zip', 'collector.zip']) {
      expect(
        readFileSync(path.join(temp, 'a', name)).equals(readFileSync(path.join(temp, 'b', name))),
      ).toBe(true);
    }
    const manifest = JSON.parse(readFileSync(a.manifest, 'utf8'));
    for (const z of a.zips) {
      expect(manifest[z.name].source_code_hash).toBe(
        createHash('sha256')
          .update(readFileSync(path.join(temp, 'a', z.file)))
          .digest('base64'),
      );
    }
    expect(readFileSync(a.manifest, 'utf8')).toBe(readFileSync(b.manifest, 'utf8'));
    // The detection bundle: the same bytes too, its version their SHA-256 (hex), in the manifest.
    const bundle = readFileSync(path.join(temp, 'a', 'detection-bundle.json'));
    expect(bundle.equals(readFileSync(path.join(temp, 'b', 'detection-bundle.json')))).toBe(true);
    expect(manifest.detection_bundle).toEqual({
      file: 'detection-bundle.json',
      version: createHash('sha256').update(bundle).digest('hex'),
      size: bundle.length,
    });
    expect([...parseDetectionBundle(bundle).files.keys()]).toEqual([
      'conf/generation.json',
      'conf/logs.json',
      'conf/outputs.json',
      'conf/sources.json',
      'node_modules/streamalert-action/package.json',
      'node_modules/streamalert-action/rules.mjs',
      'rules/cloudtrail_root_account_use.mjs',
      'rules/cloudtrail_stopped.mjs',
      'rules/osquery_authorized_keys_added.mjs',
      'rules/syslog_ssh_failures.mjs',
      'rules/vpc_flow_ssh_from_internet.mjs',
    ]);
    expect(a.rules).toEqual([
      'cloudtrail_root_account_use',
      'cloudtrail_stopped',
      'osquery_authorized_keys_added',
      'syslog_ssh_failures',
      'vpc_flow_ssh_from_internet',
    ]);
  }, 600_000);

  it('puts only the code in the rule processor zip, and with the bundle beside it its handler answers an event', async () => {
    const dir = path.join(temp, 'rule');
    const entries = unzip(path.join(temp, 'a', 'rule_processor.zip'), dir);
    // The rules and their conf ship in detection-bundle.json: a rule change changes no zip.
    expect(entries).toEqual(['index.js (1980, 1, 1, 0, 0, 0)']);
    // Without DETECTION_BUNDLE_BUCKET the handler reads conf/ and rules/ beside its code.
    for (const [name, data] of parseDetectionBundle(
      readFileSync(path.join(temp, 'a', 'detection-bundle.json')),
    ).files) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), data);
    }
    expect(readFileSync(path.join(dir, 'index.js'), 'utf8')).not.toContain(REPO_ROOT);
    const records = JSON.parse(
      readFileSync(
        path.join(example, 'tests', 'rules', 'osquery_authorized_keys_added.json'),
        'utf8',
      ),
    ).records;
    // A record that classifies but triggers nothing, and one that does not classify: no AWS call needed.
    const event = {
      Records: [
        {
          eventSourceARN:
            'arn:aws:kinesis:us-west-2:123456789012:stream/acme_production_stream_alert_kinesis',
          kinesis: {
            sequenceNumber: '1',
            data: Buffer.from(JSON.stringify(records[1].data)).toString('base64'),
          },
        },
        {
          eventSourceARN:
            'arn:aws:kinesis:us-west-2:123456789012:stream/acme_production_stream_alert_kinesis',
          kinesis: { sequenceNumber: '2', data: Buffer.from('garbage').toString('base64') },
        },
      ],
    };
    expect(
      invoke(dir, event, {
        ALERTS_TOPIC_ARN: 'arn:aws:sns:us-west-2:123456789012:acme_production_streamalerts',
      }),
    ).toEqual({ batchItemFailures: [] });
  }, 120_000);

  it('puts the bundle and outputs.json in the alert processor zip, and its handler answers an event', () => {
    const dir = path.join(temp, 'alert');
    expect(
      unzip(path.join(temp, 'a', 'alert_processor.zip'), dir).map((e) => e.split(' ')[0]),
    ).toEqual(['conf/outputs.json', 'index.js']);
    expect(
      invoke(dir, { Records: [{ Sns: { Message: '{"AlarmName":"not an alert"}' } }] }),
    ).toEqual({ deliveries: [] });
  });

  it('puts the collector bundle alone in the collector zip, and its handler checks its environment', () => {
    const dir = path.join(temp, 'collector');
    expect(unzip(path.join(temp, 'a', 'collector.zip'), dir).map((e) => e.split(' ')[0])).toEqual([
      'index.js',
    ]);
    // No environment: the function names what it misses instead of calling anything.
    expect(() => invoke(dir, {}, {})).toThrow(/the collector's environment has no COLLECTOR_NAME/);
    expect(() =>
      invoke(
        dir,
        {},
        {
          COLLECTOR_NAME: 'okta_main',
          COLLECTOR_TYPE: 'myspace',
          COLLECTOR_CREDENTIAL: '/p',
          CHECKPOINT_TABLE: 't',
          STREAM_NAME: 's',
        },
      ),
    ).toThrow(/no collector source "myspace"/);
  });
});

/**
 * examples/multi-region deploys as written into an empty account: one moto playing its
 * account (210987654321) gets only what its README lists as prerequisites (the demo creates
 * them from the plan's lookups), then the CLI's demo deploys it as the action does on a
 * first merge — global, corp in eu-west-1, pci in us-east-2 — and sends its own sample
 * records through both clusters: each of its rules raises its alert, delivered.
 */
import { execFile } from 'node:child_process';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig } from '../support/aws.js';
import { REPO_ROOT } from '../support/conf.js';
import { expectCleanPlan } from '../support/demo-output.js';
import { entryCommand } from '../support/entry-point.js';
import { startMoto, type Moto } from '../support/moto.js';
import { processorBundles } from '../support/processor-bundles.js';

let moto: Moto;
let bundles: string;

beforeAll(async () => {
  moto = await startMoto({ account: '210987654321' });
  bundles = processorBundles();
}, 600_000);

afterAll(async () => moto?.stop());

function demo(args: string[]): Promise<{ code: number; output: string }> {
  const entry = entryCommand('cli', bundles);
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      [...entry.args, 'demo', ...args],
      { cwd: REPO_ROOT, env: { ...process.env, ...entry.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          output: stdout + stderr,
        }),
    ),
  );
}

describe('examples/multi-region on moto', () => {
  it(
    'applies into an empty account after its prerequisites, and its rules alert through the deployed pipeline',
    { timeout: 1_200_000 },
    async () => {
      const run = await demo(['--example', 'multi-region', '--aws-endpoint', moto.endpoint]);
      expect(run.code, run.output).toBe(0);
      expectCleanPlan(run.output, ['global', 'corp', 'pci']);
      expect(run.output).toMatch(
        /global: applied \(first deployment: state bucket globex-streamalert-state/,
      );
      expect(run.output).toMatch(/\n\s+corp: applied\n/);
      expect(run.output).toMatch(/\n\s+pci: applied\n/);
      const objects = await new S3Client(clientConfig(moto, 'eu-west-1')).send(
        new ListObjectsV2Command({ Bucket: 'globex-streamalert-state' }),
      );
      // Each root's state and the record of the inputs its apply used (plan what changed).
      expect((objects.Contents ?? []).map((o) => o.Key).sort()).toEqual([
        'streamalert/corp/streamalert-applied.json',
        'streamalert/corp/terraform.tfstate',
        'streamalert/global/streamalert-applied.json',
        'streamalert/global/terraform.tfstate',
        'streamalert/pci/streamalert-applied.json',
        'streamalert/pci/terraform.tfstate',
      ]);
      const expected: [string, string, string][] = [
        ['console_login_without_mfa', 'corp', 'aws-sns:secops delivered'],
        ['gsuite_super_admin_granted', 'corp', 'webhook:pagerduty delivered'],
        [
          'kms_key_deletion_scheduled',
          'pci',
          'aws-sns:secops delivered; webhook:pagerduty delivered',
        ],
        ['iam_admin_policy_attached', 'pci', 'aws-sns:secops delivered'],
      ];
      for (const [rule, cluster, delivered] of expected)
        expect(run.output).toMatch(
          new RegExp(
            `ALERT ${rule} — .*\\n.*\\(cluster ${cluster}, alert \\w+\\)\\n\\s+alert processor: ${delivered.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`,
          ),
        );
      expect(run.output).toContain('4 alert(s) published to the alerts topic');
      expect(run.output).not.toMatch(/NOT delivered|FAILED|not sent:/);
    },
  );
});

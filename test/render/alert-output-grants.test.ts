/**
 * The alert processor's IAM for credential outputs: StreamAlert's list form of
 * conf/outputs.json names no parameter, so the rendered grant lists the conventional
 * /streamalert/outputs/<service>/<descriptor> names, and the applied policy (Terraform
 * against moto) allows ssm:GetParameter and kms:Decrypt on exactly those parameter ARNs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
  ListRolesCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCommand } from '../../src/commands/render.js';
import { clientConfig } from '../support/aws.js';
import { copyExample } from '../support/conf.js';
import { startMoto, type Moto } from '../support/moto.js';
import { terraformOk } from '../support/terraform.js';

const REGION = 'us-west-2';
const ACCOUNT = '123456789012';

const OUTPUTS = {
  'aws-s3': { 'sample-bucket': 'sample.bucket.name' },
  'aws-lambda': { 'sample-lambda': 'function-name:qualifier' },
  pagerduty: ['sample-integration'],
  phantom: ['sample-integration'],
  slack: ['security', 'sample-channel'],
  webhook: { soar: { ssm_parameter: '/team/soar' }, hook: { secretsmanager_secret: 'team/hook' } },
};

const PARAMETERS = [
  '/streamalert/outputs/pagerduty/sample-integration',
  '/streamalert/outputs/phantom/sample-integration',
  '/streamalert/outputs/slack/sample-channel',
  '/streamalert/outputs/slack/security',
  '/team/soar',
];
const PARAMETER_ARNS = PARAMETERS.map((p) => `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${p}`);

/** The production example with the outputs above (its rules still name only outputs it keeps). */
function confWithOutputs(): string {
  const conf = copyExample('production');
  writeFileSync(path.join(conf, 'outputs.json'), `${JSON.stringify(OUTPUTS, null, 2)}\n`);
  return conf;
}

let moto: Moto;

beforeAll(async () => {
  moto = await startMoto();
}, 60_000);

afterAll(async () => {
  await moto?.stop();
});

describe('alert processor grants for list-form outputs', () => {
  it('renders the conventional parameter names, sorted, and nothing wildcarded', async () => {
    const conf = confWithOutputs();
    const out = path.join(path.dirname(conf), 'terraform');
    await renderCommand(conf, { outDir: out, buildDir: 'build' });
    const main = readFileSync(path.join(out, 'production', 'main.tf'), 'utf8');
    expect(main).toContain(
      `output_secret_parameters               = ${JSON.stringify(PARAMETERS).replace(/","/g, '", "')}`,
    );
    expect(main).toContain('output_secrets                         = ["team/hook"]');
    expect(main).toMatch(/output_s3_buckets += \[[^\]]*"sample\.bucket\.name"/);
    expect(main).toMatch(/output_lambda_functions += \[[^\]]*"function-name:qualifier"/);
  });

  it(
    'applies a policy that reads and decrypts exactly those parameters',
    { timeout: 600_000 },
    async () => {
      const conf = confWithOutputs();
      const out = path.join(path.dirname(conf), 'terraform');
      await renderCommand(conf, { outDir: out, buildDir: 'build', awsEndpoint: moto.endpoint });
      const root = path.join(out, 'production');
      // State stays local: this test needs the policy, not the S3 backend.
      writeFileSync(
        path.join(root, 'backend_override.tf'),
        'terraform {\n  backend "local" {}\n}\n',
      );
      await terraformOk(['init', '-input=false', '-no-color'], root, moto.env);
      await terraformOk(
        [
          'apply',
          '-auto-approve',
          '-input=false',
          '-no-color',
          '-target=module.stream_alert.aws_iam_role_policy.alert_processor',
        ],
        root,
        moto.env,
      );

      const iam = new IAMClient(clientConfig(moto, 'us-east-1'));
      const roles = (await iam.send(new ListRolesCommand({}))).Roles ?? [];
      const role = roles.find((r) => r.RoleName?.includes('alert_processor'))!.RoleName!;
      const [policyName] =
        (await iam.send(new ListRolePoliciesCommand({ RoleName: role }))).PolicyNames ?? [];
      const doc = (
        await iam.send(new GetRolePolicyCommand({ RoleName: role, PolicyName: policyName }))
      ).PolicyDocument!;
      const policy = JSON.parse(decodeURIComponent(doc)) as {
        Statement: {
          Sid: string;
          Action: string | string[];
          Resource: string | string[];
          Condition?: Record<string, Record<string, string | string[]>>;
        }[];
      };
      const bySid = new Map(policy.Statement.map((s) => [s.Sid, s]));
      const list = (v: string | string[] | undefined) => [v ?? []].flat().sort();

      const read = bySid.get('ReadOutputSecrets')!;
      expect(list(read.Action)).toEqual(['ssm:GetParameter', 'ssm:GetParameters']);
      expect(list(read.Resource)).toEqual(PARAMETER_ARNS);
      const decrypt = bySid.get('DecryptOutputSecrets')!;
      expect(list(decrypt.Action)).toEqual(['kms:Decrypt']);
      expect(list(decrypt.Condition!.StringEquals!['kms:EncryptionContext:PARAMETER_ARN'])).toEqual(
        PARAMETER_ARNS,
      );
      expect(list(decrypt.Condition!.StringEquals!['kms:ViaService'])).toEqual([
        `ssm.${REGION}.amazonaws.com`,
      ]);
      // No other statement touches SSM, and no SSM resource is a pattern.
      const ssmStatements = policy.Statement.filter((s) =>
        list(s.Action).some((a) => a.startsWith('ssm:')),
      );
      expect(ssmStatements.map((s) => s.Sid)).toEqual(['ReadOutputSecrets']);
      expect(list(read.Resource).filter((r) => /[*?]/.test(r))).toEqual([]);
    },
  );
});

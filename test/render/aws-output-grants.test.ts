/**
 * The alert processor's IAM for every AWS output: a conf naming each of them renders one
 * list per service, `terraform validate` accepts the root, and the policy applied against
 * moto grants exactly the named delivery streams, queues, log group streams and SES
 * identities (and, for SES, its credential parameter), with no pattern in any of them.
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
const ALERT_PROCESSOR = 'acme_production_streamalert_alert_processor';
const arn = (service: string, rest: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${rest}`;

const OUTPUTS = {
  'aws-s3': { archive: 'acme.streamalerts' },
  'aws-sns': { soc: 'acme_soc_alerts' },
  'aws-lambda': { forwarder: 'acme_alert_forwarder:production' },
  'aws-firehose': { alerts: 'acme_alerts', copy: 'acme_alerts' },
  'aws-sqs': { triage: 'security-triage', ordered: 'security-ordered.fifo' },
  'aws-cloudwatch-log': { audit: '/security/alerts' },
  'aws-ses': {
    soc: { identity: 'example.com' },
    legal: { identity: 'alerts@corp.example.org', secretsmanager_secret: 'team/ses-legal' },
  },
  // The example's rules name this one.
  slack: { security: { ssm_parameter: '/streamalert/outputs/slack/security' } },
};

function confWith(outputs: object): string {
  const conf = copyExample('production');
  writeFileSync(path.join(conf, 'outputs.json'), `${JSON.stringify(outputs, null, 2)}\n`);
  return conf;
}

interface Statement {
  Sid: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}
const list = (v: string | string[] | undefined) => [v ?? []].flat().sort();

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
}, 60_000);
afterAll(async () => {
  await moto?.stop();
});

describe('alert processor grants for the AWS outputs', () => {
  it('renders one sorted, de-duplicated list per service', async () => {
    const conf = confWith(OUTPUTS);
    const out = path.join(path.dirname(conf), 'terraform');
    await renderCommand(conf, { outDir: out, buildDir: 'build' });
    const main = readFileSync(path.join(out, 'production', 'main.tf'), 'utf8');
    expect(main).toContain('output_firehose_streams                = ["acme_alerts"]\n');
    expect(main).toContain(
      'output_sqs_queues                      = ["security-ordered.fifo", "security-triage"]\n',
    );
    expect(main).toContain('output_log_groups                      = ["/security/alerts"]\n');
    expect(main).toContain(
      'output_ses_identities                  = ["alerts@corp.example.org", "example.com"]\n',
    );
    // aws-ses's default credential place is StreamAlert's parameter; the other is a secret.
    expect(main).toMatch(
      /output_secret_parameters += \[[^\]]*"\/streamalert\/outputs\/aws-ses\/soc"/,
    );
    expect(main).toContain('output_secrets                         = ["team/ses-legal"]\n');
  });

  it('StreamAlert’s list form of aws-cloudwatch-log needs no grant', async () => {
    const conf = confWith({ ...OUTPUTS, 'aws-cloudwatch-log': ['default'] });
    const out = path.join(path.dirname(conf), 'terraform');
    await renderCommand(conf, { outDir: out, buildDir: 'build' });
    const main = readFileSync(path.join(out, 'production', 'main.tf'), 'utf8');
    expect(main).toContain('output_log_groups                      = []\n');
  });

  it(
    'validates, and the applied policy grants exactly the named resources',
    { timeout: 600_000 },
    async () => {
      const conf = confWith(OUTPUTS);
      const out = path.join(path.dirname(conf), 'terraform');
      await renderCommand(conf, { outDir: out, buildDir: 'build', awsEndpoint: moto.endpoint });
      const root = path.join(out, 'production');
      // State stays local: this test needs the policy, not the S3 backend.
      writeFileSync(
        path.join(root, 'backend_override.tf'),
        'terraform {\n  backend "local" {}\n}\n',
      );
      await terraformOk(['init', '-input=false', '-no-color'], root, moto.env);
      // No separate validate: apply validates the whole root before it changes anything.
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
      const role = roles.find((r) => r.RoleName === `${ALERT_PROCESSOR}_role`)!.RoleName!;
      const [policyName] =
        (await iam.send(new ListRolePoliciesCommand({ RoleName: role }))).PolicyNames ?? [];
      const doc = (
        await iam.send(new GetRolePolicyCommand({ RoleName: role, PolicyName: policyName }))
      ).PolicyDocument!;
      const policy = JSON.parse(decodeURIComponent(doc)) as { Statement: Statement[] };
      const bySid = new Map(policy.Statement.map((s) => [s.Sid, s]));
      const grant = (sid: string) => {
        const s = bySid.get(sid);
        expect(s, sid).toBeDefined();
        return { actions: list(s!.Action), resources: list(s!.Resource) };
      };

      expect(grant('PutRecordsToFirehoseOutputs')).toEqual({
        actions: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
        resources: [arn('firehose', 'deliverystream/acme_alerts')],
      });
      const queues = [arn('sqs', 'security-ordered.fifo'), arn('sqs', 'security-triage')];
      expect(grant('SendToSqsOutputs')).toEqual({
        actions: ['sqs:GetQueueUrl', 'sqs:SendMessage'],
        resources: queues,
      });
      const group = arn('logs', 'log-group:/security/alerts');
      expect(grant('WriteToLogGroupOutputs')).toEqual({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [group, `${group}:log-stream:${ALERT_PROCESSOR}`],
      });
      expect(grant('SendEmailAsSesOutputs')).toEqual({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [
          arn('ses', 'identity/alerts@corp.example.org'),
          arn('ses', 'identity/example.com'),
        ],
      });
      expect(grant('ReadOutputSecrets').resources).toContain(
        arn('ssm', 'parameter/streamalert/outputs/aws-ses/soc'),
      );
      expect(grant('ReadOutputSecretsManagerSecrets').resources).toEqual([
        arn('secretsmanager', 'secret:team/ses-legal-??????'),
      ]);
      // SSE-KMS queues: the key only through SQS, only for these queues.
      const sqsKeys = bySid.get('UseSqsOutputKeys')!;
      expect(list(sqsKeys.Condition!.StringEquals!['kms:EncryptionContext:aws:sqs:arn'])).toEqual(
        queues,
      );
      expect(list(sqsKeys.Condition!.StringEquals!['kms:ViaService'])).toEqual([
        `sqs.${REGION}.amazonaws.com`,
      ]);

      // Nothing wildcarded: the only patterns are the KMS key ARNs (pinned by conditions),
      // the alert processor's own log group and Secrets Manager's random suffix.
      const patterns = policy.Statement.flatMap((s) =>
        list(s.Resource)
          .filter((r) => /[*?]/.test(r))
          .map((r) => `${s.Sid} ${r}`),
      );
      for (const p of patterns)
        expect(p).toMatch(
          /^(\S+ arn:aws:kms:us-west-2:123456789012:key\/\*|WriteOwnLogs \S+:\*|WriteAlertsToS3Outputs arn:aws:s3:::acme\.streamalerts\/\*|InvokeLambdaOutputs \S+:\*|ReadOutputSecretsManagerSecrets \S+-\?{6})$/,
        );
    },
  );
});

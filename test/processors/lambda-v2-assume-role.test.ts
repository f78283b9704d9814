/**
 * aws-lambda-v2 with StreamAlert 3's `assume_role_arn`, against moto: the alert processor
 * assumes the role named in the credential (STS) and invokes the function with the role's
 * credentials, so a function that lives in another account (444455556666, which moto keys
 * by the assumed role's credentials) is reached; without the role the same function is not
 * found. The credential is read from SSM where StreamAlert's list form keeps it.
 */
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assumedLambdaClients,
  ROLE_SESSION_NAME,
} from '../../src/processors/alert-processor/outputs/assume-role.js';
import { createAlertProcessor } from '../../src/processors/alert-processor/processor.js';
import { createSecretStore } from '../../src/processors/alert-processor/secrets.js';
import { toOutputs } from '../../src/processors/config/outputs-convert.js';
import type { Alert } from '../../src/processors/shared/alert.js';
import { createLogger } from '../../src/processors/shared/logger.js';
import { clientConfig } from '../support/aws.js';
import { startMoto, type Moto } from '../support/moto.js';

const REGION = 'us-east-1';
const OTHER = '444455556666';
const ROLE_ARN = `arn:aws:iam::${OTHER}:role/streamalert-invoker`;
const SINK_ARN = `arn:aws:lambda:${REGION}:${OTHER}:function:acme-alert-sink`;
const FUNCTION_ARN = `arn:aws:lambda:${REGION}:123456789012:function:acme_corp_streamalert_alert_processor:production`;

let moto: Moto;
let logLines: string[] = [];
const assumed: string[] = [];

const alert: Alert = {
  id: '0123456789abcdef0123456789abcdef',
  rule_name: 'ec2_launch_in_unused_region',
  rule_description: 'An instance was launched where none should run',
  log_source: 'cloudwatch:events',
  log_type: 'json',
  source_service: 'kinesis',
  source_entity: 'acme_corp_streamalert',
  outputs: [
    'aws-lambda-v2:other-account',
    'aws-lambda-v2:no-role',
    'aws-lambda-v2:bad-role',
    'aws-lambda-v2:role-in-conf',
  ],
  record: { source: 'aws.ec2', region: 'ap-south-1', account: OTHER },
};

const cfg = () => clientConfig(moto, REGION);

/** A deployment-package zip: moto keeps the code, it never runs it. */
function zip(): Promise<Buffer> {
  const z = new yazl.ZipFile();
  z.addBuffer(Buffer.from('exports.handler = async () => ({});\n'), 'index.js');
  z.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    z.outputStream.on('error', reject);
  });
}

/** The other account's function, made with that account's credentials (an assumed role). */
async function createSinkInOtherAccount(): Promise<void> {
  const res = await new STSClient(cfg()).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${OTHER}:role/admin`,
      RoleSessionName: 'setup',
    }),
  );
  const c = res.Credentials!;
  const other = {
    ...cfg(),
    credentials: {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    },
  };
  const role = await new IAMClient(other).send(
    new CreateRoleCommand({
      RoleName: 'acme-alert-sink',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'lambda.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
    }),
  );
  await new LambdaClient(other).send(
    new CreateFunctionCommand({
      FunctionName: 'acme-alert-sink',
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Role: role.Role!.Arn!,
      Code: { ZipFile: await zip() },
    }),
  );
}

beforeAll(async () => {
  moto = await startMoto();
  await createSinkInOtherAccount();
  const ssm = new SSMClient(cfg());
  const put = (descriptor: string, value: unknown) =>
    ssm.send(
      new PutParameterCommand({
        Name: `/streamalert/outputs/aws-lambda-v2/${descriptor}`,
        Type: 'SecureString',
        Value: JSON.stringify(value),
      }),
    );
  await put('other-account', {
    lambda_function_arn: SINK_ARN,
    function_qualifier: '',
    assume_role_arn: ROLE_ARN,
  });
  await put('no-role', { lambda_function_arn: SINK_ARN, assume_role_arn: '' });
  await put('bad-role', { lambda_function_arn: SINK_ARN, assume_role_arn: 'streamalert-invoker' });
  // The role only in outputs.json (this project's form, granted at plan time).
  await put('role-in-conf', { lambda_function_arn: SINK_ARN });
}, 120_000);

afterAll(async () => {
  await moto?.stop();
});

function processor() {
  const logger = createLogger({ level: 'debug', write: (l) => logLines.push(l) });
  const sts = new STSClient(cfg());
  return createAlertProcessor({
    outputs: toOutputs({
      'aws-lambda-v2': {
        ...Object.fromEntries(
          ['other-account', 'no-role', 'bad-role'].map((d) => [
            d,
            { ssm_parameter: `/streamalert/outputs/aws-lambda-v2/${d}` },
          ]),
        ),
        // The conventional parameter, and the role.
        'role-in-conf': { assume_role_arn: ROLE_ARN },
      },
    }),
    clients: {
      s3: () => new S3Client(cfg()),
      sns: () => new SNSClient(cfg()),
      lambda: () => new LambdaClient(cfg()),
      assumedLambda: assumedLambdaClients(
        async () => {
          assumed.push('sts');
          return sts;
        },
        async (credentials) => new LambdaClient({ ...cfg(), credentials }),
      ),
    },
    secrets: createSecretStore({
      ssm: () => new SSMClient(cfg()),
      secretsManager: () => new SecretsManagerClient(cfg()),
    }),
    logger,
    retry: { attempts: 2, baseDelayMs: 1 },
  });
}

describe('aws-lambda-v2 with assume_role_arn', () => {
  it("invokes the other account's function as the role; without it the function is not found", async () => {
    logLines = [];
    const p = processor();
    const { deliveries } = await p.process(
      { Records: [{ Sns: { Message: JSON.stringify(alert), MessageId: 'm-1' } }] },
      FUNCTION_ARN,
    );
    expect(deliveries.map((d) => [d.output, d.ok, d.error])).toEqual([
      ['aws-lambda-v2:other-account', true, undefined],
      ['aws-lambda-v2:no-role', false, expect.stringMatching(/not found/i)],
      [
        'aws-lambda-v2:bad-role',
        false,
        'SSM parameter /streamalert/outputs/aws-lambda-v2/bad-role: secret JSON "assume_role_arn" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)',
      ],
      ['aws-lambda-v2:role-in-conf', true, undefined],
    ]);
    // The bad role is refused before any retry: a retry cannot fix a credential.
    expect(deliveries.find((d) => d.output === 'aws-lambda-v2:bad-role')!.attempts).toBe(1);

    // A second alert reuses the role's credentials: one AssumeRole for both.
    const again = await p.process(
      {
        Records: [
          {
            Sns: {
              Message: JSON.stringify({
                ...alert,
                id: 'f'.repeat(32),
                outputs: ['aws-lambda-v2:other-account'],
              }),
              MessageId: 'm-2',
            },
          },
        ],
      },
      FUNCTION_ARN,
    );
    expect(again.deliveries.map((d) => d.ok)).toEqual([true]);
    expect(assumed).toEqual(['sts']);
    // The role ARN is no secret, but the credential's values never reach a log line.
    expect(logLines.join('\n')).not.toMatch(/SecretAccessKey|secretAccessKey|FwoG|ASIA/);
  }, 60_000);

  it("asks STS for the role with StreamAlert 3's session name, once until shortly before expiry", async () => {
    const calls: string[] = [];
    let clock = Date.parse('2026-12-07T12:00:00Z');
    const fakeSts = {
      send: async (cmd: AssumeRoleCommand) => {
        calls.push(`${cmd.input.RoleArn} ${cmd.input.RoleSessionName}`);
        return {
          Credentials: {
            AccessKeyId: 'AKID',
            SecretAccessKey: 'SECRET',
            SessionToken: 'TOKEN',
            Expiration: new Date(clock + 3_600_000),
          },
        };
      },
    } as unknown as STSClient;
    const clients = assumedLambdaClients(
      async () => fakeSts,
      async (credentials) => new LambdaClient({ region: REGION, credentials }),
      () => clock,
    );
    await clients(ROLE_ARN);
    await clients(ROLE_ARN);
    clock += 50 * 60_000; // 10 minutes left: still used
    await clients(ROLE_ARN);
    clock += 6 * 60_000; // 4 minutes left: renewed
    await clients(ROLE_ARN);
    expect(calls).toEqual([`${ROLE_ARN} ${ROLE_SESSION_NAME}`, `${ROLE_ARN} ${ROLE_SESSION_NAME}`]);
  });
});

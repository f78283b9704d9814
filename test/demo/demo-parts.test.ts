/**
 * The demo's parts that decide whether it could reach real AWS, and the events it builds as
 * AWS would: no moto, no Terraform (test/demo/demo.test.ts runs the whole demo).
 */
import { devNull } from 'node:os';
import { describe, expect, it } from 'vitest';
import { deterministicZip } from '../../src/build/zip.js';
import { plainLine } from '../../src/demo/deploy.js';
import { kinesisEvent, notificationKey, s3Event, snsEvent } from '../../src/demo/events.js';
import { FIRST_LINE } from '../../src/demo/supervisor.js';
import { assertLocalOnly } from '../../src/demo/worker.js';
import { readZip } from '../../src/demo/zip-read.js';
import { isLoopbackEndpoint, localAwsEnv } from '../../src/local-aws/moto.js';
import { runCli } from '../support/cli-runner.js';
import { REPO_ROOT } from '../support/conf.js';

describe('the demo never reaches real AWS', () => {
  it('takes only endpoints on this machine', () => {
    for (const ok of [
      'http://127.0.0.1:5000',
      'http://localhost:4566',
      'http://[::1]:5000',
      'https://127.1.2.3',
    ])
      expect(isLoopbackEndpoint(ok), ok).toBe(true);
    for (const bad of [
      'https://s3.amazonaws.com',
      'http://127.0.0.1.attacker.example:5000',
      'http://localhost.attacker.example',
      'http://10.0.0.1:5000',
      'file:///etc/passwd',
      'not a url',
    ])
      expect(isLoopbackEndpoint(bad), bad).toBe(false);
  });

  it("drops every AWS setting of the caller's environment and puts the stand-in's in", () => {
    const env = localAwsEnv('http://127.0.0.1:5000', {
      PATH: '/usr/bin',
      AWS_PROFILE: 'prod-admin',
      aws_profile: 'prod-admin',
      AWS_ROLE_ARN: 'arn:aws:iam::111111111111:role/admin',
      AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.2/creds',
      AWS_ENDPOINT_URL_S3: 'https://s3.amazonaws.com',
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'real',
    });
    expect(env).toEqual({
      PATH: '/usr/bin',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:5000',
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_SESSION_TOKEN: 'testing',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: devNull,
      AWS_SHARED_CREDENTIALS_FILE: devNull,
    });
  });

  it('the worker refuses an environment that could reach AWS', () => {
    const endpoint = 'http://127.0.0.1:5000';
    const good = localAwsEnv(endpoint, {});
    expect(() => assertLocalOnly(endpoint, good)).not.toThrow();
    expect(() => assertLocalOnly(endpoint, { ...good, AWS_PROFILE: 'prod' })).toThrow(
      /refusing to run: .*AWS_PROFILE is set/,
    );
    expect(() =>
      assertLocalOnly(endpoint, { ...good, AWS_ENDPOINT_URL_S3: 'https://s3.amazonaws.com' }),
    ).toThrow(/AWS_ENDPOINT_URL_S3 is set/);
    expect(() => assertLocalOnly(endpoint, { ...good, AWS_ACCESS_KEY_ID: 'AKIA...' })).toThrow(
      /credentials are not the test ones/,
    );
    expect(() => assertLocalOnly('https://lambda.us-east-1.amazonaws.com', { ...good })).toThrow(
      /is not on this machine/,
    );
  });

  it('the CLI refuses a remote --aws-endpoint and an unknown example before starting anything', async () => {
    const remote = await runCli(['demo', '--aws-endpoint', 'https://s3.amazonaws.com'], REPO_ROOT);
    expect(remote.code).toBe(2);
    expect(remote.stdout.split('\n')[0]).toBe(FIRST_LINE);
    expect(remote.stderr).toContain(
      '--aws-endpoint: the demo runs only against a stand-in on this machine',
    );
    const unknown = await runCli(['demo', '--example', 'nope'], REPO_ROOT);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--example: no example "nope" \(examples\/: .*production/);
  });
});

describe('what the demo hands the functions', () => {
  it('unpacks the zips build makes, and refuses entries that leave the folder', async () => {
    const files = new Map([
      ['index.js', Buffer.from('exports.handler = async () => 1;\n')],
      ['conf/logs.json', Buffer.from('{}')],
    ]);
    const zip = await deterministicZip(files);
    expect(readZip(zip)).toEqual(files);
    const evil = await deterministicZip(new Map([['aa/evil.js', Buffer.from('x')]]));
    const patched = Buffer.from(
      evil.toString('latin1').replaceAll('aa/evil.js', '../evil.js'),
      'latin1',
    );
    expect(() => readZip(patched)).toThrow(/outside the function's folder/);
    expect(() => readZip(Buffer.from('not a zip'))).toThrow(/not a zip file/);
  });

  it('builds Kinesis, S3 and SNS events as AWS does', () => {
    const kinesis = kinesisEvent(
      [
        {
          SequenceNumber: '4960',
          PartitionKey: 'p',
          Data: Buffer.from('{"a":1}'),
          ApproximateArrivalTimestamp: new Date(1_700_000_000_500),
        },
      ],
      'shardId-000000000000',
      'arn:aws:kinesis:us-west-2:123456789012:stream/s',
      'us-west-2',
      'arn:aws:iam::123456789012:role/r',
    );
    expect(kinesis.Records[0]).toEqual({
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: 'p',
        sequenceNumber: '4960',
        data: Buffer.from('{"a":1}').toString('base64'),
        approximateArrivalTimestamp: 1_700_000_000.5,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: 'shardId-000000000000:4960',
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: 'arn:aws:iam::123456789012:role/r',
      awsRegion: 'us-west-2',
      eventSourceARN: 'arn:aws:kinesis:us-west-2:123456789012:stream/s',
    });

    expect(notificationKey('AWSLogs/a b+c.json.gz')).toBe('AWSLogs/a+b%2Bc.json.gz');
    const s3 = s3Event(
      { bucket: 'b', key: 'x/y z.log', size: 3, eTag: '"abc"' },
      'us-west-2',
      'cfg',
      '123456789012',
    ).Records[0] as { eventName: string; s3: { object: object; bucket: object } };
    expect(s3.eventName).toBe('ObjectCreated:Put');
    expect(s3.s3.bucket).toEqual({
      name: 'b',
      ownerIdentity: { principalId: '123456789012' },
      arn: 'arn:aws:s3:::b',
    });
    expect(s3.s3.object).toMatchObject({ key: 'x/y+z.log', size: 3, eTag: 'abc' });

    const sns = snsEvent(
      {
        Type: 'Notification',
        MessageId: 'm-1',
        TopicArn: 'arn:aws:sns:us-west-2:123456789012:t',
        Message: '{"rule_name":"r"}',
        Timestamp: '2026-12-06T00:00:00.000Z',
        SigningCertURL: 'https://sns.example/cert.pem',
        UnsubscribeURL: 'https://sns.example/unsubscribe',
      },
      'arn:aws:sns:us-west-2:123456789012:t:sub-1',
    ).Records[0] as { EventSource: string; Sns: Record<string, unknown> };
    expect(sns.EventSource).toBe('aws:sns');
    expect(sns.Sns).toMatchObject({
      Type: 'Notification',
      MessageId: 'm-1',
      Message: '{"rule_name":"r"}',
      SigningCertUrl: 'https://sns.example/cert.pem',
      UnsubscribeUrl: 'https://sns.example/unsubscribe',
      Subject: null,
    });
  });

  it("prints the apply's markdown result lines as plain text", () => {
    expect(plainLine('- **production**: :white_check_mark: applied')).toBe('production: applied');
    expect(plainLine('- **pci**: :no_entry: refused — `x` changed')).toBe(
      'pci: refused — x changed',
    );
    expect(plainLine('- **pci**: :x: apply failed')).toBe('pci: apply failed');
  });
});

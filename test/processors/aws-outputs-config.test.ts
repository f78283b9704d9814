/**
 * conf/outputs.json for the AWS outputs added in issue 10 (aws-firehose, aws-sqs,
 * aws-cloudwatch-log, aws-ses): both of StreamAlert's forms where they name a resource,
 * converted to the targets the alert processor and the IAM rendering use, and every
 * problem reported on one line with the file, the JSON pointer and what the value must be.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/problems.js';
import { loadOutputsConfig } from '../../src/config/processors/load.js';
import { tempDir } from '../support/conf.js';

function confWith(outputs: unknown): string {
  const dir = tempDir('aws-outputs-conf');
  writeFileSync(path.join(dir, 'outputs.json'), `${JSON.stringify(outputs, null, 2)}\n`);
  return dir;
}

async function problems(outputs: unknown): Promise<string[]> {
  const dir = confWith(outputs);
  const err = await loadOutputsConfig(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConfigError);
  const file = path.join(dir, 'outputs.json');
  return (err as ConfigError).message.split('\n').map((l) => l.replace(`${file}: `, ''));
}

describe('AWS outputs in conf/outputs.json', () => {
  it('converts each form to its target; aws-ses keeps its credential in StreamAlert’s parameter unless told', async () => {
    const outputs = await loadOutputsConfig(
      confWith({
        'aws-firehose': { alerts: 'acme_alerts' },
        'aws-sqs': { triage: 'security-triage', ordered: 'security.fifo' },
        'aws-cloudwatch-log': ['default'],
        'aws-ses': {
          soc: { identity: 'example.com' },
          legal: { identity: 'alerts@example.org', secretsmanager_secret: 'team/ses' },
        },
      }),
    );
    expect([...outputs.values()]).toEqual([
      { service: 'aws-firehose', descriptor: 'alerts', deliveryStream: 'acme_alerts' },
      { service: 'aws-sqs', descriptor: 'triage', queue: 'security-triage' },
      { service: 'aws-sqs', descriptor: 'ordered', queue: 'security.fifo' },
      { service: 'aws-cloudwatch-log', descriptor: 'default' },
      {
        service: 'aws-ses',
        descriptor: 'soc',
        identity: 'example.com',
        secret: { ssmParameter: '/streamalert/outputs/aws-ses/soc' },
      },
      {
        service: 'aws-ses',
        descriptor: 'legal',
        identity: 'alerts@example.org',
        secret: { secretsManagerSecret: 'team/ses' },
      },
    ]);
    const groups = await loadOutputsConfig(
      confWith({ 'aws-cloudwatch-log': { audit: '/security/alerts' } }),
    );
    expect(groups.get('aws-cloudwatch-log:audit')).toEqual({
      service: 'aws-cloudwatch-log',
      descriptor: 'audit',
      logGroup: '/security/alerts',
    });
  });

  it('reports each problem with its pointer and what the value must be', async () => {
    expect(
      await problems({
        'aws-firehose': ['alerts'],
        'aws-sqs': {
          triage: 'https://sqs.us-east-1.amazonaws.com/123456789012/security-triage',
          long: `${'q'.repeat(80)}.fifo`,
        },
        'aws-cloudwatch-log': { audit: 'security alerts!' },
        'aws-ses': {
          soc: { identity: 'example.com', ssm_parameter: '/a', secretsmanager_secret: 'b' },
          nobody: {},
          typo: { identity: 'example.com', from_email: 'a@example.com' },
          bad: { identity: 'not an identity' },
        },
      }),
    ).toEqual([
      '/aws-firehose: must be an object mapping each descriptor to its delivery stream name ({"<descriptor>": "<delivery stream name>"}); a list of descriptors names no delivery stream name, got an array',
      '/aws-sqs/triage: must be an SQS queue name (1-80 letters, digits, _ and -, optionally ending in .fifo), not a URL or ARN, got "https://sqs.us-east-1.amazonaws.com/123456789012/security-triage"',
      `/aws-sqs/long: must be an SQS queue name (1-80 letters, digits, _ and -, optionally ending in .fifo), not a URL or ARN, got "${'q'.repeat(80)}.fifo"`,
      '/aws-cloudwatch-log/audit: must be a CloudWatch Logs group name (1-512 letters, digits and . - _ / #), got "security alerts!"',
      '/aws-ses/soc: must name at most one of ssm_parameter or secretsmanager_secret, got an object',
      '/aws-ses/nobody: missing required key "identity"',
      '/aws-ses/typo/from_email: unknown key "from_email" (allowed: identity, ssm_parameter, secretsmanager_secret)',
      '/aws-ses/bad/identity: must be an SES identity: an email address or a domain, got "not an identity"',
    ]);
  });

  it('takes StreamAlert 3’s bare list for aws-ses: any identity, credential in the conventional parameter', async () => {
    const outputs = await loadOutputsConfig(confWith({ 'aws-ses': ['soc'] }));
    expect([...outputs.values()]).toEqual([
      {
        service: 'aws-ses',
        descriptor: 'soc',
        identity: '*',
        secret: { ssmParameter: '/streamalert/outputs/aws-ses/soc' },
      },
    ]);
  });

  it('refuses aws-ses that is neither a list nor a map, saying both forms', async () => {
    expect(await problems({ 'aws-ses': 'soc' })).toEqual([
      '/aws-ses: must be an object mapping each descriptor to {"identity": "<verified address or domain>"} (optionally with "ssm_parameter" or "secretsmanager_secret"), or StreamAlert\'s list of descriptors (any identity of the account may send), got "soc"',
    ]);
  });
});

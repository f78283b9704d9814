/**
 * conf/outputs.json in StreamAlert 1.5's own form (lists of descriptors whose credential
 * is in SSM at /streamalert/outputs/<service>/<descriptor>) and ours (maps), validated
 * with file and JSON pointer, one line per problem.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/problems.js';
import { loadOutputsConfig } from '../../src/config/processors/load.js';
import { toOutputs } from '../../src/processors/config/outputs-convert.js';
import { outputsSchema } from '../../src/config/processors/outputs-schema.js';
import { validateShape } from '../../src/config/processors/validate.js';
import { tempDir } from '../support/conf.js';

const FILE = 'conf/outputs.json';
const lines = (doc: unknown) =>
  validateShape('outputs', doc, FILE).map((p) => `${p.file}: ${p.pointer}: ${p.message}`);

/** conf/outputs.json of StreamAlert v1.5.0, as `manage.py output new` left it. */
const STREAMALERT_15 = {
  'aws-s3': { 'sample-bucket': 'sample.bucket.name' },
  'aws-lambda': { 'sample-lambda': 'function-name:qualifier' },
  pagerduty: ['sample-integration'],
  phantom: ['sample-integration'],
  slack: ['sample-channel'],
};

describe('outputs.json forms', () => {
  it("accepts StreamAlert 1.5's file unchanged and reads list-form credentials from /streamalert/outputs/<service>/<descriptor>", () => {
    expect(lines(STREAMALERT_15)).toEqual([]);
    expect([...toOutputs(STREAMALERT_15)]).toEqual([
      [
        'aws-s3:sample-bucket',
        { service: 'aws-s3', descriptor: 'sample-bucket', bucket: 'sample.bucket.name' },
      ],
      [
        'aws-lambda:sample-lambda',
        {
          service: 'aws-lambda',
          descriptor: 'sample-lambda',
          functionName: 'function-name:qualifier',
        },
      ],
      [
        'pagerduty:sample-integration',
        {
          service: 'pagerduty',
          descriptor: 'sample-integration',
          secret: { ssmParameter: '/streamalert/outputs/pagerduty/sample-integration' },
        },
      ],
      [
        'phantom:sample-integration',
        {
          service: 'phantom',
          descriptor: 'sample-integration',
          secret: { ssmParameter: '/streamalert/outputs/phantom/sample-integration' },
        },
      ],
      [
        'slack:sample-channel',
        {
          service: 'slack',
          descriptor: 'sample-channel',
          secret: { ssmParameter: '/streamalert/outputs/slack/sample-channel' },
        },
      ],
    ]);
  });

  it('keeps the object form, with a secret reference for every credential service', () => {
    const doc = {
      slack: { security: { ssm_parameter: '/team/slack/security' } },
      webhook: { soar: { secretsmanager_secret: 'soar/hook' }, list: { ssm_parameter: 'plain' } },
      pagerduty: { oncall: { secretsmanager_secret: 'pd/oncall' } },
      phantom: { soc: { ssm_parameter: '/soc/phantom' } },
    };
    expect(lines(doc)).toEqual([]);
    expect(
      [...toOutputs(doc).values()].map((t) =>
        'secret' in t ? [t.service, t.descriptor, t.secret] : [],
      ),
    ).toEqual([
      ['slack', 'security', { ssmParameter: '/team/slack/security' }],
      ['webhook', 'soar', { secretsManagerSecret: 'soar/hook' }],
      ['webhook', 'list', { ssmParameter: 'plain' }],
      ['pagerduty', 'oncall', { secretsManagerSecret: 'pd/oncall' }],
      ['phantom', 'soc', { ssmParameter: '/soc/phantom' }],
    ]);
  });

  it('mixes forms per service: webhook as a list, slack as a map', () => {
    const doc = { webhook: ['soar'], slack: { a: { ssm_parameter: '/x/a' } } };
    expect(lines(doc)).toEqual([]);
    expect(toOutputs(doc).get('webhook:soar')).toEqual({
      service: 'webhook',
      descriptor: 'soar',
      secret: { ssmParameter: '/streamalert/outputs/webhook/soar' },
    });
  });
});

/** Every service outputs.json takes, in the order the problem lists them. */
const ALLOWED = Object.keys(outputsSchema.properties).join(', ');

describe('outputs.json problems', () => {
  it('names an unknown service and lists the known ones', () => {
    expect(lines({ opsgenie: ['sample-team'], slack: ['ok'] })).toEqual([
      `conf/outputs.json: /opsgenie: unknown key "opsgenie" (allowed: ${ALLOWED})`,
    ]);
    expect(ALLOWED).toMatch(/^aws-s3, aws-sns, aws-lambda, .*slack, webhook, pagerduty, phantom/);
  });

  it('refuses a list for an AWS service, which would name no resource', () => {
    expect(
      lines({ 'aws-s3': ['sample-bucket'], 'aws-lambda': ['sample-lambda'], 'aws-sns': ['soc'] }),
    ).toEqual([
      'conf/outputs.json: /aws-s3: must be an object mapping each descriptor to its bucket name ({"<descriptor>": "<bucket name>"}); a list of descriptors names no bucket name, got an array',
      'conf/outputs.json: /aws-sns: must be an object mapping each descriptor to its topic name ({"<descriptor>": "<topic name>"}); a list of descriptors names no topic name, got an array',
      'conf/outputs.json: /aws-lambda: must be an object mapping each descriptor to its function ({"<descriptor>": "<function>"}); a list of descriptors names no function, got an array',
    ]);
  });

  it('gives one line per problem in the list form: descriptors that are no SSM name segment, duplicates, wrong types', () => {
    expect(
      lines({
        slack: ['sample-channel', 'team/channel', '..', 'sample-channel', 'a'.repeat(201)],
        pagerduty: 'sample-integration',
        phantom: [7],
        webhook: null,
      }),
    ).toEqual([
      'conf/outputs.json: /slack: lists "sample-channel" more than once',
      'conf/outputs.json: /slack/1: must be 1-200 letters, digits, _ . or - (not only dots): it is part of an SSM parameter name, got "team/channel"',
      'conf/outputs.json: /slack/2: must be 1-200 letters, digits, _ . or - (not only dots): it is part of an SSM parameter name, got ".."',
      `conf/outputs.json: /slack/4: must be 1-200 letters, digits, _ . or - (not only dots): it is part of an SSM parameter name, got "${'a'.repeat(201)}"`,
      'conf/outputs.json: /webhook: must be a list of descriptors (credential in SSM at /streamalert/outputs/webhook/<descriptor>) or an object mapping each descriptor to {"ssm_parameter": ...} or {"secretsmanager_secret": ...}, got null',
      'conf/outputs.json: /pagerduty: must be a list of descriptors (credential in SSM at /streamalert/outputs/pagerduty/<descriptor>) or an object mapping each descriptor to {"ssm_parameter": ...} or {"secretsmanager_secret": ...}, got "sample-integration"',
      'conf/outputs.json: /phantom/0: must be string, got integer 7',
    ]);
  });

  it('checks the object form of pagerduty and phantom like slack', () => {
    expect(
      lines({
        pagerduty: { oncall: 'the-routing-key' },
        phantom: {
          'bad name': { ssm_parameter: '/x' },
          soc: { ssm_parameter: '/x', secretsmanager_secret: 'y' },
        },
      }),
    ).toEqual([
      'conf/outputs.json: /pagerduty/oncall: must be object, got string "the-routing-key"',
      'conf/outputs.json: /phantom/bad name: key "bad name" is not a valid name',
      'conf/outputs.json: /phantom/soc: must name exactly one of ssm_parameter or secretsmanager_secret, got an object',
    ]);
  });

  it('reports them from the file with its path, pointer and line, and converts nothing', async () => {
    const dir = tempDir('outputs-conf');
    writeFileSync(
      path.join(dir, 'outputs.json'),
      `${JSON.stringify({ slack: ['sample-channel'], 'aws-s3': ['sample-bucket'], opsgenie: ['x'] }, null, 2)}\n`,
    );
    const err = await loadOutputsConfig(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems;
    expect(problems.map((p) => [p.pointer, p.line])).toEqual([
      ['/opsgenie', 8],
      ['/aws-s3', 5],
    ]);
    expect((err as ConfigError).message.split('\n')).toEqual([
      `${path.join(dir, 'outputs.json')}: /opsgenie: unknown key "opsgenie" (allowed: ${ALLOWED})`,
      `${path.join(dir, 'outputs.json')}: /aws-s3: must be an object mapping each descriptor to its bucket name ({"<descriptor>": "<bucket name>"}); a list of descriptors names no bucket name, got an array`,
    ]);
  });
});

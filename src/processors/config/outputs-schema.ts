/**
 * JSON schema of conf/outputs.json, in StreamAlert 1.5's own form and ours:
 *
 * - AWS services map each descriptor to its resource (bucket, topic, function).
 * - Services with a credential (slack, webhook, pagerduty, pagerduty-v2, pagerduty-incident,
 *   phantom, github, jira, teams, carbonblack, demisto, komand) take either a map of
 *   descriptor → where the credential lives (`ssm_parameter` or `secretsmanager_secret`),
 *   or StreamAlert's list of descriptors, whose credential is then the SSM parameter
 *   `/streamalert/outputs/<service>/<descriptor>` (see outputs-convert.ts).
 *
 * Every problem is reported where it is (validate.ts words them): a type mismatch is
 * written with `not` + `x-message` rather than `type`, so the one line it gives says what
 * the value must be instead of ajv's bare type name.
 */

import {
  LAMBDA_FUNCTION_MESSAGE,
  LAMBDA_FUNCTION_PATTERN,
  S3_BUCKET_NAME_MESSAGE,
  S3_BUCKET_NAME_PATTERN,
  SECRET_NAME_MAX,
  SSM_PARAMETER_NAME_MAX,
  SSM_PARAMETER_NAME_MESSAGE,
  SSM_PARAMETER_NAME_PATTERN,
} from '../../config/aws-limits.js';

/** A descriptor also ends an SSM parameter name, so it must be a valid name segment. */
const descriptor = {
  type: 'string',
  pattern: '^(?!\\.+$)[A-Za-z0-9_.-]{1,200}$',
  'x-message':
    'must be 1-200 letters, digits, _ . or - (not only dots): it is part of an SSM parameter name',
};

const secretRef = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  'x-message': 'must name exactly one of ssm_parameter or secretsmanager_secret',
  properties: {
    ssm_parameter: {
      type: 'string',
      maxLength: SSM_PARAMETER_NAME_MAX,
      pattern: SSM_PARAMETER_NAME_PATTERN,
      'x-message': SSM_PARAMETER_NAME_MESSAGE,
    },
    secretsmanager_secret: {
      type: 'string',
      maxLength: SECRET_NAME_MAX,
      pattern: '^[A-Za-z0-9/_+=.@-]+$',
      'x-message': 'must be a Secrets Manager secret name (letters, digits and /_+=.@-)',
    },
  },
};

const NOT_OBJECT = ['array', 'string', 'number', 'integer', 'boolean', 'null'];
const NOT_OBJECT_OR_ARRAY = ['string', 'number', 'integer', 'boolean', 'null'];

/** An AWS service: descriptor → resource. StreamAlert wrote these as maps too; a list would name no resource. */
function awsMap(resource: string, value: object) {
  return {
    not: { type: NOT_OBJECT },
    'x-message': `must be an object mapping each descriptor to its ${resource} ({"<descriptor>": "<${resource}>"}); a list of descriptors names no ${resource}`,
    propertyNames: descriptor,
    additionalProperties: value,
  };
}

/** A credential service: descriptor → secret reference, or StreamAlert's list of descriptors. */
function credentialService(service: string) {
  return {
    allOf: [
      {
        not: { type: NOT_OBJECT_OR_ARRAY },
        'x-message': `must be a list of descriptors (credential in SSM at /streamalert/outputs/${service}/<descriptor>) or an object mapping each descriptor to {"ssm_parameter": ...} or {"secretsmanager_secret": ...}`,
      },
      { uniqueItems: true, 'x-message': 'must not list a descriptor twice' },
    ],
    // Object keywords apply to the map form only, array keywords to the list form only.
    propertyNames: descriptor,
    additionalProperties: secretRef,
    items: descriptor,
  };
}

export const outputsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    // The naming rules a pattern cannot word ("..", IP form, reserved affixes) are checked in validate.ts.
    'aws-s3': awsMap('bucket name', {
      type: 'string',
      pattern: S3_BUCKET_NAME_PATTERN,
      'x-message': S3_BUCKET_NAME_MESSAGE,
    }),
    'aws-sns': awsMap('topic name', {
      type: 'string',
      pattern: '^[A-Za-z0-9_-]{1,256}(\\.fifo)?$',
      'x-message': 'must be an SNS topic name (letters, digits, _ and -, at most 256)',
    }),
    'aws-lambda': awsMap('function', {
      type: 'string',
      pattern: LAMBDA_FUNCTION_PATTERN,
      'x-message': LAMBDA_FUNCTION_MESSAGE,
    }),
    slack: credentialService('slack'),
    webhook: credentialService('webhook'),
    pagerduty: credentialService('pagerduty'),
    phantom: credentialService('phantom'),
    'pagerduty-v2': credentialService('pagerduty-v2'),
    'pagerduty-incident': credentialService('pagerduty-incident'),
    github: credentialService('github'),
    jira: credentialService('jira'),
    teams: credentialService('teams'),
    carbonblack: credentialService('carbonblack'),
    demisto: credentialService('demisto'),
    komand: credentialService('komand'),
  },
};

/**
 * JSON schema of conf/outputs.json, in StreamAlert 1.5's own form and ours:
 *
 * - AWS services map each descriptor to its resource (bucket, topic, function, delivery
 *   stream, queue, log group); aws-cloudwatch-log also takes StreamAlert's list, aws-ses
 *   names its identity and its credential (see sesService).
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
} from '../aws-limits.js';

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

/**
 * aws-cloudwatch-log: StreamAlert's list of descriptors (the alert goes to the alert
 * processor's own log) or a map of descriptor → log group name.
 */
const cloudwatchLogService = {
  allOf: [
    {
      not: { type: NOT_OBJECT_OR_ARRAY },
      'x-message':
        "must be a list of descriptors (alerts go to the alert processor's own log) or an object mapping each descriptor to a log group name",
    },
    { uniqueItems: true },
  ],
  propertyNames: descriptor,
  additionalProperties: {
    type: 'string',
    pattern: '^[.\\-_/#A-Za-z0-9]{1,512}$',
    'x-message': 'must be a CloudWatch Logs group name (1-512 letters, digits and . - _ / #)',
  },
  items: descriptor,
};

/**
 * aws-ses: descriptor → the SES identity allowed to send (the IAM grant names it) and,
 * optionally, where the credential (from_email, to_emails) lives; without one it is
 * StreamAlert's SSM parameter /streamalert/outputs/aws-ses/<descriptor>. StreamAlert's
 * bare list names no identity, so no exact grant could be rendered from it.
 */
const sesService = {
  not: { type: NOT_OBJECT },
  'x-message':
    'must be an object mapping each descriptor to {"identity": "<verified address or domain>"} (optionally with "ssm_parameter" or "secretsmanager_secret"); a list of descriptors names no SES identity for the IAM grant',
  propertyNames: descriptor,
  additionalProperties: {
    allOf: [
      {
        not: { type: NOT_OBJECT },
        'x-message': 'must be an object {"identity": "<verified address or domain>"}',
      },
      {
        not: { required: ['ssm_parameter', 'secretsmanager_secret'] },
        'x-message': 'must name at most one of ssm_parameter or secretsmanager_secret',
      },
    ],
    additionalProperties: false,
    required: ['identity'],
    properties: {
      identity: {
        type: 'string',
        maxLength: 320,
        pattern:
          '^([^\\s@<>",;]+@)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$',
        'x-message': 'must be an SES identity: an email address or a domain',
      },
      ssm_parameter: secretRef.properties.ssm_parameter,
      secretsmanager_secret: secretRef.properties.secretsmanager_secret,
    },
  },
};

/** A credential service: descriptor → secret reference, or StreamAlert's list of descriptors. */
function credentialService(service: string) {
  return {
    allOf: [
      {
        not: { type: NOT_OBJECT_OR_ARRAY },
        'x-message': `must be a list of descriptors (credential in SSM at /streamalert/outputs/${service}/<descriptor>) or an object mapping each descriptor to {"ssm_parameter": ...} or {"secretsmanager_secret": ...}`,
      },
      { uniqueItems: true },
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
    'aws-firehose': awsMap('delivery stream name', {
      type: 'string',
      pattern: '^[A-Za-z0-9_.-]{1,64}$',
      'x-message': 'must be a Firehose delivery stream name (1-64 letters, digits, _ . and -)',
    }),
    'aws-sqs': awsMap('queue name', {
      type: 'string',
      pattern: '^(?=.{1,80}$)[A-Za-z0-9_-]+(\\.fifo)?$',
      'x-message':
        'must be an SQS queue name (1-80 letters, digits, _ and -, optionally ending in .fifo), not a URL or ARN',
    }),
    'aws-cloudwatch-log': cloudwatchLogService,
    'aws-ses': sesService,
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

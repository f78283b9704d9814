/** JSON schema of conf/outputs.json. */

const descriptor = { type: 'string', pattern: '^[A-Za-z0-9_.-]+$', 'x-message': 'must be letters, digits, _ . or -' };
const secretRef = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  'x-message': 'must name exactly one of ssm_parameter or secretsmanager_secret',
  properties: {
    ssm_parameter: { type: 'string', pattern: '^/?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$' },
    secretsmanager_secret: { type: 'string', pattern: '^[A-Za-z0-9/_+=.@-]+$' },
  },
};

export const outputsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    'aws-s3': { type: 'object', propertyNames: descriptor, additionalProperties: { type: 'string', pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$' } },
    'aws-sns': { type: 'object', propertyNames: descriptor, additionalProperties: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,256}(\\.fifo)?$' } },
    'aws-lambda': { type: 'object', propertyNames: descriptor, additionalProperties: { type: 'string', pattern: '^[^\\s]+$' } },
    slack: { type: 'object', propertyNames: descriptor, additionalProperties: secretRef },
    webhook: { type: 'object', propertyNames: descriptor, additionalProperties: secretRef },
  },
};

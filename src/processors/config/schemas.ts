/** JSON schemas of conf/logs.json, conf/sources.json and conf/outputs.json. */

const name = { type: 'string', pattern: '^[A-Za-z0-9_-]+(:[A-Za-z0-9_-]+)?$', 'x-message': 'must be category or category:subtype (letters, digits, _ and -)' };

const fieldSchema = {
  $id: 'field-schema',
  type: 'object',
  minProperties: 1,
  additionalProperties: { $ref: 'field-type' },
};

const fieldType = {
  $id: 'field-type',
  'x-message': 'must be "string", "integer", "float", "boolean", {} (any object), [] (any list) or a nested schema object',
  anyOf: [
    { type: 'string', enum: ['string', 'integer', 'float', 'boolean'] },
    { type: 'array', maxItems: 0 },
    { type: 'object', additionalProperties: { $ref: 'field-type' } },
  ],
};

const patterns = {
  $id: 'log-patterns',
  type: 'object',
  additionalProperties: {
    anyOf: [{ type: 'array', items: { type: 'string' }, minItems: 1 }, { $ref: 'log-patterns' }],
  },
};

export const schemaParts = [fieldSchema, fieldType, patterns];

export const logsSchema = {
  type: 'object',
  minProperties: 1,
  propertyNames: name,
  additionalProperties: {
    type: 'object',
    required: ['parser', 'schema'],
    additionalProperties: false,
    properties: {
      parser: { type: 'string', enum: ['json', 'csv', 'kv', 'syslog'] },
      schema: { $ref: 'field-schema' },
      configuration: {
        type: 'object',
        additionalProperties: false,
        properties: {
          optional_top_level_keys: { type: 'array', items: { type: 'string' }, uniqueItems: true },
          json_path: { type: 'string', minLength: 1 },
          envelope_keys: { $ref: 'field-schema' },
          log_patterns: { $ref: 'log-patterns' },
          delimiter: { type: 'string', minLength: 1 },
          separator: { type: 'string', minLength: 1 },
          header: { type: 'boolean' },
        },
      },
    },
  },
};

const entities = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    required: ['logs'],
    additionalProperties: false,
    properties: { logs: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, uniqueItems: true } },
  },
};

export const sourcesSchema = {
  type: 'object',
  propertyNames: { enum: ['kinesis', 's3', 'sns'] },
  additionalProperties: entities,
};

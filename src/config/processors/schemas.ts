/** JSON schemas of conf/logs.json, conf/sources.json and conf/types.json (StreamAlert 1.5 to 2.0 forms). */

// StreamAlert accepted any key; names in its own confs carry dots after the colon
// (`carbonblack:binarystore.file.added`). Whitespace and control characters are refused
// because rules and messages quote these names verbatim.
const name = {
  type: 'string',
  pattern: '^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.:/-]+)?$',
  'x-message':
    'must be category or category:subtype (letters, digits, _ . - and, after the colon, : and /)',
};

const fieldSchema = {
  $id: 'field-schema',
  type: 'object',
  minProperties: 1,
  additionalProperties: { $ref: 'field-type' },
};

const fieldType = {
  $id: 'field-type',
  'x-message':
    'must be "string", "integer", "float", "boolean", "ipaddress", {} (any value), [] (any value) or a nested schema object',
  anyOf: [
    { type: 'string', enum: ['string', 'integer', 'float', 'boolean', 'ipaddress'] },
    { type: 'array', maxItems: 0 },
    { type: 'object', additionalProperties: { $ref: 'field-type' } },
  ],
};

const patterns = {
  $id: 'log-patterns',
  type: 'object',
  additionalProperties: {
    anyOf: [
      { type: 'array', items: { type: 'string' }, minItems: 1 },
      { type: 'string' },
      { $ref: 'log-patterns' },
    ],
  },
};

export const schemaParts = [fieldSchema, fieldType, patterns];

const keyList = { type: 'array', items: { type: 'string' }, uniqueItems: true };
const oneChar = {
  type: 'string',
  pattern: '^[\\s\\S]$',
  'x-message': 'must be a single character',
};

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
          optional_top_level_keys: keyList,
          json_path: { type: 'string', minLength: 1 },
          json_regex_key: { type: 'string', minLength: 1 },
          embedded_json: { type: 'boolean' },
          envelope_keys: { $ref: 'field-schema' },
          optional_envelope_keys: keyList,
          log_patterns: { $ref: 'log-patterns' },
          delimiter: { type: 'string', minLength: 1 },
          separator: { type: 'string', minLength: 1 },
          quotechar: oneChar,
          escapechar: oneChar,
          header: { type: 'boolean' },
          // In StreamAlert's own shipped logs.json, read by no StreamAlert version: accepted, ignored.
          required_key_values: { type: 'object' },
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
    properties: {
      logs: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        minItems: 1,
        uniqueItems: true,
      },
    },
  },
};

export const sourcesSchema = {
  type: 'object',
  propertyNames: { enum: ['kinesis', 's3', 'sns', 'stream_alert_app'] },
  additionalProperties: entities,
};

export const typesSchema = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    // StreamAlert 2 suffixes a type with the threat-intel IOC it feeds: `sourceAddress:ioc_ip`.
    propertyNames: {
      type: 'string',
      pattern: '^[A-Za-z0-9_.-]+(:ioc_[A-Za-z0-9_]+)?$',
      'x-message': 'must be letters, digits, _ . or - (optionally followed by :ioc_<type>)',
    },
    additionalProperties: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      minItems: 1,
      uniqueItems: true,
    },
  },
};

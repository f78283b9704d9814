/**
 * JSON schemas of conf/logs.json (and StreamAlert 3's conf/schemas/*.json), conf/sources.json
 * (and StreamAlert 3's `data_sources`) and conf/types.json (and normalized_types.json).
 */

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

const normalization = {
  $id: 'normalization',
  type: 'object',
  additionalProperties: {
    type: 'array',
    minItems: 1,
    items: {
      'x-message':
        'must be a key name or {"path": ["key", ...]} (optionally with "function", "condition", "send_to_artifacts")',
      anyOf: [
        { type: 'string', minLength: 1 },
        {
          type: 'object',
          required: ['path'],
          additionalProperties: false,
          properties: {
            path: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
            function: { type: 'string' },
            condition: { type: 'object' },
            send_to_artifacts: { type: 'boolean' },
          },
        },
      ],
    },
  },
};

export const schemaParts = [fieldSchema, fieldType, patterns, normalization];

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
          // The project's: records may carry top-level keys the schema does not name.
          allow_extra_top_level_keys: { type: 'boolean' },
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
          // StreamAlert 3 (conf/schemas/*.json): the order schemas are tried in, 0 first.
          priority: {
            type: 'integer',
            minimum: 0,
            'x-message': 'must be a whole number 0 or more (0 is tried first)',
          },
          // StreamAlert 3.1+: normalized type → the keys (or {"path": [...]}) that hold it.
          normalization: { $ref: 'normalization' },
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

/** Services as sources.json names them; `streamalert_app` is StreamAlert 3's name of `stream_alert_app`. */
export const SOURCE_SERVICE_KEYS = ['kinesis', 's3', 'sns', 'stream_alert_app', 'streamalert_app'];

export const sourcesSchema = {
  type: 'object',
  propertyNames: { enum: SOURCE_SERVICE_KEYS },
  additionalProperties: entities,
};

/**
 * StreamAlert 3's `data_sources` of a cluster file: service → entity → the logs it carries
 * (a list, where sources.json had `{"logs": [...]}`).
 */
export const dataSourcesSchema = {
  type: 'object',
  propertyNames: { enum: SOURCE_SERVICE_KEYS },
  additionalProperties: {
    type: 'object',
    additionalProperties: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      minItems: 1,
      uniqueItems: true,
    },
  },
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

/** What conf/sigma.json may set for Sigma rules (per rule, per tag, or as defaults). */
const sigmaSettings = {
  type: 'object',
  additionalProperties: false,
  properties: {
    outputs: {
      type: 'array',
      description:
        '"service:descriptor" entries of conf/outputs.json; they add up across defaults, tags and the rule',
      items: { type: 'string', pattern: '^[^:]+:.+$', 'x-message': 'must be "service:descriptor"' },
      uniqueItems: true,
    },
    merge_by_keys: {
      type: 'array',
      description: 'dotted paths into the record whose equal values merge matches into one alert',
      items: {
        type: 'string',
        pattern: '^[^.]+(\\.[^.]+)*$',
        'x-message': 'must be a dotted path',
      },
      minItems: 1,
    },
    merge_window_mins: { type: 'integer', minimum: 1, maximum: 10080 },
    threshold: { type: 'integer', minimum: 1 },
    staged: { type: 'boolean' },
  },
};

/** conf/sigma.json (optional): Sigma rules' logsource table additions and settings. */
export const sigmaSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    logsources: {
      type: 'array',
      description:
        'logsource → logs.json names, checked before the built-in table: a rule one of them matches does not use the built-in table',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['logs'],
        anyOf: [{ required: ['product'] }, { required: ['service'] }, { required: ['category'] }],
        properties: {
          product: { type: 'string', minLength: 1 },
          service: { type: 'string', minLength: 1 },
          category: { type: 'string', minLength: 1 },
          logs: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            minItems: 1,
            uniqueItems: true,
          },
        },
      },
    },
    builtin_logsources: {
      type: 'boolean',
      description: 'false: only `logsources` map logsources (default true)',
    },
    defaults: { ...sigmaSettings, description: 'settings of every Sigma rule' },
    tags: {
      type: 'object',
      description: 'tag (`*` wildcards allowed) → settings of the rules that carry it',
      additionalProperties: sigmaSettings,
    },
    rules: {
      type: 'object',
      description: 'rule name (its file name without extension) → its settings',
      additionalProperties: sigmaSettings,
    },
    placeholders: {
      type: 'object',
      description: '`expand` placeholders: name (without %) → its values',
      additionalProperties: { type: 'array', items: { type: 'string' }, minItems: 1 },
    },
  },
};

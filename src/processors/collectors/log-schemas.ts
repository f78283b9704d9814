/**
 * The conf/logs.json entries of the collected logs, shipped with the project: a
 * repository adds the ones of its collectors to its logs.json (docs/collectors.md shows
 * them) and lists them for the cluster's stream in sources.json, so rules, Sigma rules and
 * the backtest see collected records like any other log. Each schema names the keys every
 * record of that log has (written from the APIs' documented event fields); the rest of a
 * record passes through untyped.
 */
export interface LogsJsonEntry {
  readonly parser: 'json';
  readonly schema: Readonly<Record<string, unknown>>;
  readonly configuration?: Readonly<Record<string, unknown>>;
}

export const COLLECTOR_LOGS: Readonly<Record<string, LogsJsonEntry>> = {
  // Okta System Log LogEvent.
  'okta:system_log': {
    parser: 'json',
    schema: {
      uuid: 'string',
      published: 'string',
      eventType: 'string',
      version: 'string',
      severity: 'string',
      displayMessage: 'string',
      actor: {},
      client: {},
      outcome: {},
      target: [],
      transaction: {},
      debugContext: {},
      authenticationContext: {},
      securityContext: {},
      request: {},
    },
    configuration: {
      optional_top_level_keys: [
        'displayMessage',
        'client',
        'target',
        'transaction',
        'debugContext',
        'authenticationContext',
        'securityContext',
        'request',
      ],
    },
  },
  // GitHub audit log entries (organization and enterprise).
  'github:audit': {
    parser: 'json',
    schema: {
      _document_id: 'string',
      '@timestamp': 'integer',
      action: 'string',
      actor: 'string',
      created_at: 'integer',
    },
    configuration: { optional_top_level_keys: ['actor', 'created_at'] },
  },
  // Duo Admin API v2 authentication log.
  'duo:authentication': {
    parser: 'json',
    schema: {
      txid: 'string',
      timestamp: 'integer',
      isotimestamp: 'string',
      event_type: 'string',
      result: 'string',
      reason: 'string',
      factor: 'string',
      user: {},
      application: {},
      access_device: {},
      auth_device: {},
    },
    configuration: {
      optional_top_level_keys: ['isotimestamp', 'reason', 'factor', 'access_device', 'auth_device'],
    },
  },
  // Duo Admin API v1 administrator log.
  'duo:administrator': {
    parser: 'json',
    schema: {
      action: 'string',
      description: 'string',
      isotimestamp: 'string',
      object: 'string',
      timestamp: 'integer',
      username: 'string',
    },
    configuration: { optional_top_level_keys: ['description', 'isotimestamp', 'object'] },
  },
  // 1Password Events API sign-in attempts.
  'onepassword:signin_attempts': {
    parser: 'json',
    schema: {
      uuid: 'string',
      session_uuid: 'string',
      timestamp: 'string',
      category: 'string',
      type: 'string',
      country: 'string',
      target_user: {},
      client: {},
    },
    configuration: {
      optional_top_level_keys: ['session_uuid', 'country', 'target_user', 'client'],
    },
  },
  // 1Password Events API item usages.
  'onepassword:item_usages': {
    parser: 'json',
    schema: {
      uuid: 'string',
      timestamp: 'string',
      used_version: 'integer',
      vault_uuid: 'string',
      item_uuid: 'string',
      action: 'string',
      user: {},
      client: {},
    },
    configuration: {
      optional_top_level_keys: ['used_version', 'vault_uuid', 'item_uuid', 'user', 'client'],
    },
  },
  // 1Password Events API audit events.
  'onepassword:audit_events': {
    parser: 'json',
    schema: {
      uuid: 'string',
      timestamp: 'string',
      actor_uuid: 'string',
      action: 'string',
      object_type: 'string',
      object_uuid: 'string',
      aux_info: 'string',
      session: {},
      location: {},
    },
    configuration: {
      optional_top_level_keys: ['object_type', 'object_uuid', 'aux_info', 'session', 'location'],
    },
  },
  // Duo Admin API v2 telephony log (calls and SMS, and the credits they used).
  'duo:telephony': {
    parser: 'json',
    schema: {
      telephony_id: 'string',
      txid: 'string',
      ts: 'string',
      context: 'string',
      credits: 'integer',
      phone: 'string',
      type: 'string',
    },
    configuration: { optional_top_level_keys: ['telephony_id', 'txid', 'context', 'credits'] },
  },
  // Box enterprise events (stream_type admin_logs).
  'box:admin_logs': {
    parser: 'json',
    schema: {
      type: 'string',
      event_id: 'string',
      created_at: 'string',
      event_type: 'string',
      created_by: {},
      source: {},
      ip_address: 'string',
      session_id: 'string',
      additional_details: {},
      action_by: {},
    },
    configuration: {
      optional_top_level_keys: [
        'created_by',
        'source',
        'ip_address',
        'session_id',
        'additional_details',
        'action_by',
      ],
    },
  },
};

/**
 * The conf/logs.json entries of the collected logs, shipped with the project: a
 * repository adds the ones of its collectors to its logs.json (docs/collectors.md shows
 * them) and lists them for the cluster's stream in sources.json, so rules, Sigma rules and
 * the backtest see collected records like any other log.
 *
 * SaaS records do not have one fixed set of top-level keys: a GitHub audit entry carries
 * the keys of its action (`repo`, `team`, `permission`, `hook_id`, ...), a Microsoft 365
 * record its workload's, and vendors add keys without notice. StreamAlert's exact-key rule
 * (every key named, `optional_top_level_keys` for the ones that may be missing, `{}` for a
 * nested object whose keys vary) would leave most of them unclassified. So every entry
 * here:
 * - requires the keys every record of that log has, per the vendor's documented record —
 *   chosen so that no other collected log (and no common AWS log) has them all, which is
 *   what keeps a record from classifying as the wrong log;
 * - lists as optional the documented keys that may be missing (filled in with their type's
 *   empty value, as StreamAlert did), typed where rules compare them; a key that may hold
 *   null is not typed `integer` (null does not convert to one, and the record would be
 *   rejected), it passes through untyped;
 * - uses `{}` / `[]` for nested values whose shape varies (StreamAlert's loose nesting);
 * - sets `allow_extra_top_level_keys` (the project's option, never set on a user's schema
 *   unless they write it): keys not named pass through untyped.
 * test/processors/collectors/log-schemas.test.ts holds a realistic record of each.
 */
export interface LogsJsonEntry {
  readonly parser: 'json';
  readonly schema: Readonly<Record<string, unknown>>;
  readonly configuration: {
    readonly optional_top_level_keys: readonly string[];
    readonly allow_extra_top_level_keys: true;
  };
}

/** A collected log: its required keys, then its optional ones (both typed). */
function collected(
  required: Readonly<Record<string, unknown>>,
  optional: Readonly<Record<string, unknown>> = {},
): LogsJsonEntry {
  return {
    parser: 'json',
    schema: { ...required, ...optional },
    configuration: {
      optional_top_level_keys: Object.keys(optional),
      allow_extra_top_level_keys: true,
    },
  };
}

export const COLLECTOR_LOGS: Readonly<Record<string, LogsJsonEntry>> = {
  // Okta System Log LogEvent (every event type). `eventType` and `published` are Okta's.
  'okta:system_log': collected(
    {
      uuid: 'string',
      published: 'string',
      eventType: 'string',
      version: 'string',
      severity: 'string',
      actor: {},
    },
    {
      legacyEventType: 'string',
      displayMessage: 'string',
      client: {},
      outcome: {},
      target: [],
      transaction: {},
      debugContext: {},
      authenticationContext: {},
      securityContext: {},
      request: {},
    },
  ),
  // GitHub audit log entries (organization and enterprise): the keys of every entry; each
  // action adds its own (repo, team, permission, hook_id, ...), kept untyped.
  'github:audit': collected(
    { _document_id: 'string', '@timestamp': 'integer', action: 'string' },
    {
      actor: 'string',
      actor_location: {},
      created_at: 'integer',
      operation_type: 'string',
      org: 'string',
      user: 'string',
      business: 'string',
      repo: 'string',
    },
  ),
  // Duo Admin API v2 authentication log. `txid` with `result` and `user`: Duo's alone.
  'duo:authentication': collected(
    {
      txid: 'string',
      timestamp: 'integer',
      event_type: 'string',
      result: 'string',
      user: {},
    },
    {
      isotimestamp: 'string',
      reason: 'string',
      factor: 'string',
      alias: 'string',
      email: 'string',
      ood_software: 'string',
      trusted_endpoint_status: 'string',
      application: {},
      access_device: {},
      auth_device: {},
      adaptive_trust_assessments: {},
    },
  ),
  // Duo Admin API v1 administrator log.
  'duo:administrator': collected(
    { action: 'string', timestamp: 'integer', username: 'string' },
    { description: 'string', isotimestamp: 'string', object: 'string' },
  ),
  // Duo Admin API v2 telephony log (calls and SMS, and the credits they used).
  'duo:telephony': collected(
    { ts: 'string', context: 'string', phone: 'string', type: 'string' },
    { telephony_id: 'string', txid: 'string', credits: 'integer', event_type: 'string' },
  ),
  // 1Password Events API sign-in attempts.
  'onepassword:signin_attempts': collected(
    {
      uuid: 'string',
      timestamp: 'string',
      category: 'string',
      type: 'string',
      target_user: {},
    },
    { session_uuid: 'string', country: 'string', details: {}, client: {}, location: {} },
  ),
  // 1Password Events API item usages.
  'onepassword:item_usages': collected(
    {
      uuid: 'string',
      timestamp: 'string',
      vault_uuid: 'string',
      item_uuid: 'string',
      user: {},
    },
    { used_version: 'integer', action: 'string', client: {}, location: {} },
  ),
  // 1Password Events API audit events.
  'onepassword:audit_events': collected(
    { uuid: 'string', timestamp: 'string', actor_uuid: 'string', action: 'string' },
    {
      actor_details: {},
      object_type: 'string',
      object_uuid: 'string',
      object_details: {},
      aux_uuid: 'string',
      aux_details: {},
      aux_info: 'string',
      session: {},
      location: {},
    },
  ),
  // Google Workspace Reports API activities (every application: login, admin, drive, ...).
  'google_workspace:activity': collected(
    { kind: 'string', id: {}, actor: {}, events: [] },
    {
      etag: 'string',
      ipAddress: 'string',
      ownerDomain: 'string',
      networkInfo: {},
      resourceDetails: [],
    },
  ),
  // Slack audit logs entries (Enterprise Grid).
  'slack:audit': collected(
    {
      id: 'string',
      date_create: 'integer',
      action: 'string',
      actor: {},
      entity: {},
      context: {},
    },
    { details: {} },
  ),
  // Box enterprise events (stream_type admin_logs).
  'box:admin_logs': collected(
    {
      type: 'string',
      event_id: 'string',
      created_at: 'string',
      event_type: 'string',
      created_by: {},
    },
    {
      recorded_at: 'string',
      source: {},
      ip_address: 'string',
      session_id: 'string',
      additional_details: {},
      action_by: {},
      accessible_by: {},
    },
  ),
  // Microsoft 365 Management Activity API: the common schema every record has. Each
  // workload adds its own keys (AzureActiveDirectory, Exchange, SharePoint, ...), kept
  // untyped; the optional ones are the common schema's own optional keys.
  'm365:management_activity': collected(
    {
      Id: 'string',
      RecordType: 'integer',
      CreationTime: 'string',
      Operation: 'string',
      OrganizationId: 'string',
      UserType: 'integer',
      UserKey: 'string',
      Workload: 'string',
      UserId: 'string',
    },
    {
      ResultStatus: 'string',
      ObjectId: 'string',
      ClientIP: 'string',
      Scope: 'integer',
      Version: 'integer',
    },
  ),
};

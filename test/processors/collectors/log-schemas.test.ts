/**
 * The shipped schemas of the collected logs against realistic records, one table row per
 * record: each source's full record with the keys of its action or workload, and a record
 * missing the optional keys. Each classifies as its own log type among all the collected
 * logs, and as no other one alone; records of common AWS logs are none of them. The records
 * are written here from the vendors' documented record shapes (values invented).
 * StreamAlert's exact-key rule still holds for a schema without allow_extra_top_level_keys.
 */
import { describe, expect, it } from 'vitest';
import { crossCheckProcessors } from '../../../src/config/processors/validate.js';
import { COLLECTOR_LOGS } from '../../../src/processors/collectors/log-schemas.js';
import { toLogs, toSources } from '../../../src/processors/config/convert.js';
import { createClassifier } from '../../../src/processors/rule-processor/classifier.js';

type Row = [logType: string, what: string, record: Record<string, unknown>];

const ROWS: Row[] = [
  [
    'okta:system_log',
    'a sign-in, every documented key and legacyEventType',
    {
      uuid: 'a3c1e0f2-5b7d-11ef-8c2a-0b1d6e9f4a21',
      published: '2026-12-07T09:14:03.118Z',
      eventType: 'user.session.start',
      version: '0',
      severity: 'INFO',
      legacyEventType: 'core.user_auth.login_success',
      displayMessage: 'User login to Okta',
      actor: { id: '00u8f2k1', type: 'User', alternateId: 'ada@acme.example', displayName: 'Ada' },
      client: {
        userAgent: { rawUserAgent: 'Mozilla/5.0', os: 'Mac OS X', browser: 'FIREFOX' },
        zone: 'null',
        device: 'Computer',
        ipAddress: '198.51.100.23',
        geographicalContext: { city: 'Lisbon', country: 'Portugal' },
      },
      outcome: { result: 'SUCCESS', reason: null },
      target: null,
      transaction: { type: 'WEB', id: 'Y2h1bmstMQ', detail: {} },
      debugContext: { debugData: { requestUri: '/api/v1/authn' } },
      authenticationContext: { authenticationStep: 0, externalSessionId: '102xyz' },
      securityContext: { asNumber: 64500, isp: 'example isp', isProxy: false },
      request: { ipChain: [{ ip: '198.51.100.23', version: 'V4' }] },
    },
  ],
  [
    'okta:system_log',
    'a policy event with only the required keys',
    {
      uuid: 'c0de0001-5b7d-11ef-8c2a-0b1d6e9f4a21',
      published: '2026-12-07T09:20:00.000Z',
      eventType: 'policy.lifecycle.update',
      version: '0',
      severity: 'WARN',
      actor: { id: '00u1admin', type: 'User' },
    },
  ],
  [
    'github:audit',
    'a repository visibility change with its action-specific keys',
    {
      '@timestamp': 1796634843118,
      _document_id: 'Zq3mV8Yk1c0Lw9bXh2t4Rg',
      action: 'repo.access',
      actor: 'ada',
      actor_id: 5811,
      actor_location: { country_code: 'PT' },
      actor_is_bot: false,
      created_at: 1796634843118,
      operation_type: 'modify',
      org: 'acme',
      org_id: 90210,
      repo: 'acme/payments',
      repo_id: 424242,
      visibility: 'public',
      previous_visibility: 'private',
      public_repo: true,
      user_agent: 'Mozilla/5.0',
      request_id: 'C0A8:1F2E:3B4C5D:6E7F80:67543A1B',
      business: 'acme-corp',
      business_id: 7,
    },
  ],
  [
    'github:audit',
    'a team membership entry, no actor location, no business',
    {
      '@timestamp': 1796634900000,
      _document_id: 'Pp0oI9uY8tR7eW6qA5sD4f',
      action: 'team.add_member',
      actor: 'grace',
      created_at: 1796634900000,
      org: 'acme',
      team: 'acme/platform',
      user: 'linus',
      user_id: 311,
    },
  ],
  [
    'duo:authentication',
    'a push approval (v2), adaptive trust keys included',
    {
      txid: '340a23e3-23f3-4c4e-a3b7-7f1c2b2e9d10',
      timestamp: 1796634843,
      isotimestamp: '2026-12-07T09:14:03.000000+00:00',
      event_type: 'authentication',
      result: 'success',
      reason: 'user_approved',
      factor: 'duo_push',
      alias: '',
      email: 'ada@acme.example',
      ood_software: null,
      trusted_endpoint_status: 'not trusted',
      user: { name: 'ada', key: 'DU3RP9I2', groups: ['Engineering'] },
      application: { name: 'VPN', key: 'DIY231J8' },
      access_device: { ip: '198.51.100.23', os: 'Mac OS X', browser: 'Chrome' },
      auth_device: { ip: '203.0.113.5', name: 'iphone', location: { country: 'Portugal' } },
      adaptive_trust_assessments: { more_secure_auth: { policy_enabled: false } },
    },
  ],
  [
    'duo:authentication',
    'a denied attempt without device keys',
    {
      txid: '9a1b2c3d-0000-4c4e-a3b7-7f1c2b2e9d10',
      timestamp: 1796634900,
      event_type: 'authentication',
      result: 'denied',
      reason: 'user_not_in_permitted_group',
      user: { name: 'mallory' },
    },
  ],
  [
    'duo:administrator',
    'an admin login with its description as Duo writes it',
    {
      action: 'admin_login',
      description: '{"ip_address": "198.51.100.23", "device": "555-0100", "factor": "push"}',
      isotimestamp: '2026-12-07T09:14:03+00:00',
      object: null,
      timestamp: 1796634843,
      username: 'Ada Admin',
    },
  ],
  [
    'duo:administrator',
    'a user update with only the required keys',
    { action: 'user_update', timestamp: 1796634950, username: 'API' },
  ],
  [
    'duo:telephony',
    'an SMS passcode (v2)',
    {
      context: 'authentication',
      credits: 1,
      phone: '+15555550100',
      telephony_id: '220f3d4f-9b2a-4b0e-9f4c-1c2b3a4d5e6f',
      ts: '2026-12-07T09:14:03.000000+00:00',
      txid: '340a23e3-23f3-4c4e-a3b7-7f1c2b2e9d10',
      type: 'sms',
    },
  ],
  [
    'duo:telephony',
    'a phone call of the v1 shape (no ids)',
    {
      context: 'enrollment',
      credits: 2,
      phone: '+15555550101',
      ts: '2026-12-07T09:15:00+00:00',
      type: 'phone',
    },
  ],
  [
    'onepassword:signin_attempts',
    'a failed sign-in with details and location',
    {
      uuid: '56YE2TYN2VFYRLNSHKPW5NVT5E',
      session_uuid: 'A5K6COGVRVEJXJW3XQZGS7VAMM',
      timestamp: '2026-12-07T09:14:03.118Z',
      category: 'credentials_failed',
      type: 'password_secret_bad',
      country: 'PT',
      details: { value: 'wrong secret key' },
      target_user: { uuid: 'IR7VJHJ36JHINBFAD7V2T5MP3E', name: 'Ada', email: 'ada@acme.example' },
      client: {
        app_name: '1Password Browser Extension',
        app_version: '20241',
        platform_name: 'Chrome',
        os_name: 'MacOSX',
        ip_address: '198.51.100.23',
      },
      location: {
        country: 'PT',
        region: 'Lisbon',
        city: 'Lisbon',
        latitude: 38.7,
        longitude: -9.1,
      },
    },
  ],
  [
    'onepassword:signin_attempts',
    'a success with only the required keys',
    {
      uuid: 'QQ2TYN2VFYRLNSHKPW5NVT5E00',
      timestamp: '2026-12-07T09:16:00Z',
      category: 'success',
      type: 'credentials_ok',
      target_user: { uuid: 'IR7VJHJ36JHINBFAD7V2T5MP3E' },
    },
  ],
  [
    'onepassword:item_usages',
    'an item revealed, with the action key',
    {
      uuid: 'OFTYHGPPW5H3ZL7BJSLAMVKSAQ',
      timestamp: '2026-12-07T09:14:03.118Z',
      used_version: 3,
      vault_uuid: 'VZSYVT2LGHTBWBQGUJAIZVRABM',
      item_uuid: 'SDGD3I4AJYO6RMHRK8DYVNFIDS',
      user: { uuid: 'IR7VJHJ36JHINBFAD7V2T5MP3E', name: 'Ada', email: 'ada@acme.example' },
      client: { app_name: '1Password for Mac', ip_address: '198.51.100.23' },
      location: { country: 'PT' },
      action: 'reveal',
    },
  ],
  [
    'onepassword:item_usages',
    'an older usage without action, client or location',
    {
      uuid: 'P1TYHGPPW5H3ZL7BJSLAMVKSAQ',
      timestamp: '2026-12-07T09:18:00Z',
      vault_uuid: 'VZSYVT2LGHTBWBQGUJAIZVRABM',
      item_uuid: 'SDGD3I4AJYO6RMHRK8DYVNFIDS',
      user: { uuid: 'IR7VJHJ36JHINBFAD7V2T5MP3E' },
    },
  ],
  [
    'onepassword:audit_events',
    'a vault access grant with aux keys and actor details',
    {
      uuid: '56YE2TYN2VFYRLNSHKPW5NVT5E',
      timestamp: '2026-12-07T09:14:03.118Z',
      actor_uuid: 'GLF6WUEKS5CSNDJ2OG6TCZS3M4',
      actor_details: { uuid: 'GLF6WUEKS5CSNDJ2OG6TCZS3M4', name: 'Ada', email: 'ada@acme.example' },
      action: 'grant',
      object_type: 'vault',
      object_uuid: 'EPNGUJLHFVHCXMJL5LJQGXTENA',
      aux_id: 12,
      aux_uuid: 'ZRQCUD6A65AKHFETOUFO7NL4OM',
      aux_details: { uuid: 'ZRQCUD6A65AKHFETOUFO7NL4OM', name: 'Grace' },
      aux_info: '{"permissions": 32}',
      session: { uuid: 'A5K6COGVRVEJXJW3XQZGS7VAMM', login_time: '2026-12-07T09:00:00Z' },
      location: { country: 'PT', city: 'Lisbon' },
    },
  ],
  [
    'onepassword:audit_events',
    'a minimal event',
    {
      uuid: 'Z6YE2TYN2VFYRLNSHKPW5NVT5E',
      timestamp: '2026-12-07T09:19:00Z',
      actor_uuid: 'GLF6WUEKS5CSNDJ2OG6TCZS3M4',
      action: 'suspend',
    },
  ],
  [
    'google_workspace:activity',
    'a Drive download with network info and resource details',
    {
      kind: 'admin#reports#activity',
      id: {
        time: '2026-12-07T09:14:03.118Z',
        uniqueQualifier: '-7312338040728327681',
        applicationName: 'drive',
        customerId: 'C03az79cb',
      },
      etag: '"JDMC8884sebSctZ17CIssbQ/SxOL9YBZSAVkdHHgyVc-uGrVTBo"',
      actor: { callerType: 'USER', email: 'ada@acme.example', profileId: '114762' },
      ownerDomain: 'acme.example',
      ipAddress: '198.51.100.23',
      networkInfo: { regionCode: 'PT', subdivisionCode: 'PT-11' },
      resourceDetails: [{ id: 'doc-1', title: 'Plan', type: 'document' }],
      events: [
        {
          type: 'access',
          name: 'download',
          parameters: [
            { name: 'doc_id', value: '1AbC' },
            { name: 'visibility', value: 'shared_internally' },
          ],
        },
      ],
    },
  ],
  [
    'google_workspace:activity',
    'an admin event acting by OAuth key, without etag, IP or owner domain',
    {
      kind: 'admin#reports#activity',
      id: {
        time: '2026-12-07T09:20:00Z',
        uniqueQualifier: '42',
        applicationName: 'admin',
        customerId: 'C03az79cb',
      },
      actor: { callerType: 'KEY', key: 'SYSTEM' },
      events: [{ type: 'USER_SETTINGS', name: 'SUSPEND_USER' }],
    },
  ],
  [
    'slack:audit',
    'a file download with details',
    {
      id: '0123a45b-6c7d-8900-e12f-3456789gh0i1',
      date_create: 1796634843,
      action: 'file_downloaded',
      actor: { type: 'user', user: { id: 'W123AB456', name: 'ada', email: 'ada@acme.example' } },
      entity: { type: 'file', file: { id: 'F123JK456', name: 'plan.pdf', filetype: 'pdf' } },
      context: {
        location: { type: 'workspace', id: 'T123AB456', name: 'acme', domain: 'acme' },
        ua: 'Mozilla/5.0',
        ip_address: '198.51.100.23',
        session_id: '847288190092',
      },
      details: { is_internal_integration: false },
    },
  ],
  [
    'slack:audit',
    'a login without details',
    {
      id: '1123a45b-6c7d-8900-e12f-3456789gh0i1',
      date_create: 1796634900,
      action: 'user_login',
      actor: { type: 'user', user: { id: 'W123AB456' } },
      entity: { type: 'user', user: { id: 'W123AB456' } },
      context: { location: { type: 'enterprise', id: 'E1701NCCA' } },
    },
  ],
  [
    'box:admin_logs',
    'a collaboration invite with additional details and accessible_by',
    {
      type: 'event',
      event_id: 'f82c3ba03e41f7e8a7608363cc6c0390183c3f83',
      created_at: '2026-12-07T01:14:03-08:00',
      recorded_at: '2026-12-07T01:14:04-08:00',
      event_type: 'COLLABORATION_INVITE',
      created_by: { type: 'user', id: '11446498', name: 'Ada', login: 'ada@acme.example' },
      source: { type: 'folder', id: '11446500', name: 'Contracts' },
      accessible_by: { type: 'user', id: '33', login: 'partner@partner.example' },
      ip_address: '198.51.100.23',
      session_id: null,
      additional_details: { role: 'editor', service_id: '5' },
      action_by: null,
    },
  ],
  [
    'box:admin_logs',
    'a login without source, session or details',
    {
      type: 'event',
      event_id: '082c3ba03e41f7e8a7608363cc6c0390183c3f83',
      created_at: '2026-12-07T01:20:00-08:00',
      event_type: 'LOGIN',
      created_by: { type: 'user', id: '11446498' },
    },
  ],
  [
    'm365:management_activity',
    'an Azure AD sign-in with the workload keys',
    {
      CreationTime: '2026-12-07T09:14:03',
      Id: '4a0f8b2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
      Operation: 'UserLoggedIn',
      OrganizationId: 'd7a1b2c3-0000-4000-8000-00000000abcd',
      RecordType: 15,
      ResultStatus: 'Success',
      UserKey: '10032001A2B3C4D5',
      UserType: 0,
      Version: 1,
      Workload: 'AzureActiveDirectory',
      ClientIP: '198.51.100.23',
      ObjectId: '00000003-0000-0ff1-ce00-000000000000',
      UserId: 'ada@acme.example',
      AzureActiveDirectoryEventType: 1,
      ExtendedProperties: [{ Name: 'UserAgent', Value: 'Mozilla/5.0' }],
      ModifiedProperties: [],
      Actor: [{ ID: 'ada@acme.example', Type: 5 }],
      ActorContextId: 'd7a1b2c3-0000-4000-8000-00000000abcd',
      ActorIpAddress: '198.51.100.23',
      InterSystemsId: 'b1c2d3e4-0000-4000-8000-000000000001',
      IntraSystemId: 'c2d3e4f5-0000-4000-8000-000000000002',
      Target: [{ ID: 'Unknown', Type: 0 }],
      TargetContextId: 'd7a1b2c3-0000-4000-8000-00000000abcd',
      ApplicationId: '89bee1f7-5e6e-4d8a-9f3d-ecd601259da7',
      DeviceProperties: [{ Name: 'OS', Value: 'MacOs' }],
      ErrorNumber: '0',
    },
  ],
  [
    'm365:management_activity',
    'a SharePoint file access, no Version or Scope',
    {
      CreationTime: '2026-12-07T09:16:00',
      Id: '5b0f8b2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
      Operation: 'FileAccessed',
      OrganizationId: 'd7a1b2c3-0000-4000-8000-00000000abcd',
      RecordType: 6,
      UserKey: 'i:0h.f|membership|10032001a2b3c4d5@live.com',
      UserType: 0,
      Workload: 'SharePoint',
      UserId: 'ada@acme.example',
      ClientIP: '198.51.100.23',
      ObjectId: 'https://acme.sharepoint.com/sites/finance/Shared Documents/plan.xlsx',
      EventSource: 'SharePoint',
      ItemType: 'File',
      ListId: '5f1a2b3c-0000-4000-8000-000000000003',
      ListItemUniqueId: '6a2b3c4d-0000-4000-8000-000000000004',
      Site: '7b3c4d5e-0000-4000-8000-000000000005',
      SourceFileExtension: 'xlsx',
      SourceFileName: 'plan.xlsx',
      SourceRelativeUrl: 'Shared Documents',
      UserAgent: 'Mozilla/5.0',
      WebId: '8c4d5e6f-0000-4000-8000-000000000006',
    },
  ],
];

/** Records of logs that share the stream with the collected ones: none may take them. */
const OTHERS: [string, Record<string, unknown>][] = [
  [
    'a CloudTrail event',
    {
      eventVersion: '1.08',
      userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/ada' },
      eventTime: '2026-12-07T09:14:03Z',
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreateUser',
      awsRegion: 'us-east-1',
      sourceIPAddress: '198.51.100.23',
      userAgent: 'aws-cli',
      requestParameters: { userName: 'bob' },
      responseElements: null,
      requestID: 'r1',
      eventID: 'e1',
      eventType: 'AwsApiCall',
      recipientAccountId: '123456789012',
    },
  ],
  [
    'a CloudWatch event',
    {
      version: '0',
      id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
      'detail-type': 'AWS API Call via CloudTrail',
      source: 'aws.iam',
      account: '123456789012',
      time: '2026-12-07T09:14:03Z',
      region: 'us-east-1',
      resources: [],
      detail: {},
    },
  ],
];

const STREAM = 'acme_prod_stream_alert_kinesis';

function classifierOf(logs: Record<string, unknown>) {
  const categories = [...new Set(Object.keys(logs).map((n) => n.split(':')[0]!))];
  const classifier = createClassifier({
    logs: toLogs(logs),
    sources: toSources({ kinesis: { [STREAM]: { logs: categories } } }),
  });
  const candidates = classifier.candidates('kinesis', STREAM)!;
  return (record: unknown) => classifier.classify(JSON.stringify(record), candidates);
}

describe('the collected logs’ shipped schemas', () => {
  const all = classifierOf(COLLECTOR_LOGS);

  it.each(ROWS)('%s: %s', (logType, _what, record) => {
    const found = all(record);
    expect(found?.log.name).toBe(logType);
    expect(found?.rejected).toEqual([]);
    const [typed] = found!.records;
    // Keys the schema does not name are kept as they came; the optional ones it names and
    // the record lacks are filled in with their type's empty value.
    for (const [key, value] of Object.entries(record))
      if (!(key in COLLECTOR_LOGS[logType]!.schema)) expect(typed![key]).toEqual(value);
    for (const key of COLLECTOR_LOGS[logType]!.configuration.optional_top_level_keys)
      expect(Object.hasOwn(typed!, key)).toBe(true);
    // No other collected log takes it on its own either (the order of logs.json aside).
    for (const other of Object.keys(COLLECTOR_LOGS).filter((n) => n !== logType))
      expect(
        classifierOf({ [other]: COLLECTOR_LOGS[other] })(record),
        `${other} took a ${logType} record`,
      ).toBeUndefined();
  });

  it('cover every collected log with a full and a minimal record', () => {
    for (const logType of Object.keys(COLLECTOR_LOGS))
      expect(ROWS.filter(([l]) => l === logType).length, logType).toBeGreaterThanOrEqual(2);
  });

  it.each(OTHERS)('leave %s to its own log', (_what, record) => {
    expect(all(record)).toBeUndefined();
  });

  it('types the keys they name: a GitHub timestamp is an integer, a Duo user an object', () => {
    const github = all({ ...ROWS[2]![2], '@timestamp': '1796634843118' })!.records[0]!;
    expect(github['@timestamp']).toBe(1796634843118);
    const duo = all(ROWS[5]![2])!.records[0]!;
    expect([duo.factor, duo.application]).toEqual(['', {}]);
  });

  it("keep StreamAlert's exact keys for a schema without allow_extra_top_level_keys", () => {
    const { configuration, ...entry } = COLLECTOR_LOGS['slack:audit']!;
    const exact = classifierOf({
      'slack:audit': {
        ...entry,
        configuration: { optional_top_level_keys: configuration.optional_top_level_keys },
      },
    });
    const login = ROWS.find(([l, w]) => l === 'slack:audit' && w.startsWith('a login'))![2];
    expect(exact(login)?.log.name).toBe('slack:audit');
    expect(exact({ ...login, ip_hint: '198.51.100.23' })).toBeUndefined();
  });

  it('refuse allow_extra_top_level_keys on a schema that requires no key', () => {
    const problems = crossCheckProcessors(
      {
        'vendor:any': {
          parser: 'json',
          schema: { id: 'string' },
          configuration: { optional_top_level_keys: ['id'], allow_extra_top_level_keys: true },
        },
        'vendor:csv': {
          parser: 'csv',
          schema: { id: 'string' },
          configuration: { allow_extra_top_level_keys: true },
        },
      },
      { kinesis: { [STREAM]: { logs: ['vendor'] } } },
      { logs: 'conf/logs.json', sources: 'conf/sources.json' },
    );
    expect(problems.map((p) => `${p.pointer}: ${p.message}`)).toEqual([
      '/vendor:any/configuration/allow_extra_top_level_keys: needs at least one schema key outside optional_top_level_keys: with extra keys allowed and none required, every JSON object would be this log',
      '/vendor:csv/configuration/allow_extra_top_level_keys: the csv parser does not take allow_extra_top_level_keys (only json)',
    ]);
  });
});

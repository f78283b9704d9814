/**
 * conf/threat_intel.json, StreamAlert 3's, is read (no longer named as unused): validated
 * with one line per problem naming the file and JSON pointer, typed, carried in the
 * detection bundle only when records are matched, and the cases StreamAlert 3 silently
 * matched nothing in (no cluster enabling it, a normalized type no log defines) named.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCommand } from '../../src/commands/render.js';
import { loadConfig } from '../../src/config/load.js';
import { loadProcessorsConfig } from '../../src/config/processors/load.js';
import { ConfigError } from '../../src/config/problems.js';
import { seedCluster, seedGlobal, tempDir, writeConf } from '../support/conf.js';

const TYPES = { osquery: { sourceAddress: ['hostIdentifier'] } };

/** StreamAlert 3's file as its repository ships it (enabled), plus the feeds' bucket. */
const SA3 = {
  dynamodb_table_name: 'table_name',
  enabled: true,
  excluded_iocs: { ip: { '10.0.0.0/8': { comment: 'RFC1918' } } },
  normalized_ioc_types: {
    domain: ['destinationDomain'],
    ip: ['sourceAddress'],
  },
  feeds: { bucket: 'acme-threat-intel' },
};

function conf(threatIntel: unknown, cluster: Record<string, unknown> = seedCluster()) {
  return writeConf(seedGlobal(), { production: cluster }, undefined, {
    'types.json': TYPES,
    'threat_intel.json': threatIntel,
  });
}

async function problemsOf(threatIntel: unknown): Promise<string[]> {
  try {
    await loadConfig(conf(threatIntel));
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems.map((p) => `${path.basename(p.file)}: ${p.pointer}: ${p.message}`);
  }
}

describe('conf/threat_intel.json', () => {
  it("reads StreamAlert 3's file, ships it in the bundle and names what cannot match", async () => {
    const dir = conf(SA3);
    const config = await loadConfig(dir);
    expect(config.unusedFiles).not.toContain('threat_intel.json');
    const ti = config.processors.threatIntel!;
    expect(ti.enabled).toBe(true);
    expect([...ti.iocTypeOf]).toEqual([
      ['destinationDomain', 'domain'],
      ['sourceAddress', 'ip'],
    ]);
    expect(ti.feeds.map((f) => `s3://${f.bucket}/${f.key}`)).toContain(
      's3://acme-threat-intel/threat-intel/feodo.json.gz',
    );
    const loaded = await loadProcessorsConfig(dir);
    expect(JSON.parse(loaded.texts.threatIntel!)).toEqual(SA3);
    expect(loaded.notes.map((n) => `${n.pointer}: ${n.note}`)).toEqual([
      '/normalized_ioc_types/domain/0: no log defines the normalized type "destinationDomain" (types.json, normalized_types.json or a schema\'s normalization): nothing is matched as domain through it',
    ]);
  });

  it('matches nothing, and ships nothing, when disabled or when no cluster enables it', async () => {
    const off = await loadProcessorsConfig(conf({ ...SA3, enabled: false }));
    expect(off.texts.threatIntel).toBeNull();
    expect(off.config.threatIntel).toBeUndefined();
    const noCluster = await loadProcessorsConfig(
      conf(SA3, { ...seedCluster(), enable_threat_intel: false }),
    );
    expect(noCluster.texts.threatIntel).toBeNull();
    expect(noCluster.notes.map((n) => n.note)).toContainEqual(
      expect.stringMatching(/^no record is matched: no cluster sets enable_threat_intel to true/),
    );
    const on = await loadProcessorsConfig(
      conf(SA3, { ...seedCluster(), enable_threat_intel: true }),
    );
    expect(on.texts.threatIntel).not.toBeNull();
  });

  it('names the file and JSON pointer of each bad entry', async () => {
    expect(
      await problemsOf({
        enabled: 'yes',
        excluded_iocs: { ip: { '10.0.0.0/33': {} }, Domain: ['a'] },
        normalized_ioc_types: { ip: [] },
        feeds: { bucket: 'Not_A_Bucket', sources: ['pastebin'], prefix: 'no-slash' },
        extra: 1,
      }),
    ).toMatchInlineSnapshot(`
      [
        "threat_intel.json: /extra: unknown key "extra" (allowed: enabled, dynamodb_table_name, excluded_iocs, normalized_ioc_types, feeds)",
        "threat_intel.json: /enabled: must be boolean, got string "yes"",
        "threat_intel.json: /excluded_iocs/Domain: key "Domain" is not a valid name",
        "threat_intel.json: /excluded_iocs/ip/10.0.0.0~133: key "10.0.0.0/33" is not a valid name",
        "threat_intel.json: /normalized_ioc_types/ip: must not be empty",
        "threat_intel.json: /feeds/bucket: must be an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens), got "Not_A_Bucket"",
        "threat_intel.json: /feeds/prefix: must be empty or an S3 key prefix ending in "/" without * or ?, got "no-slash"",
        "threat_intel.json: /feeds/sources/0: must be one of "urlhaus", "threatfox", "feodo", "cisa_kev", "tor_exits", "otx", got "pastebin"",
      ]
    `);
    expect(
      await problemsOf({
        enabled: true,
        excluded_iocs: { ip: ['10.0.0.0/8', '999.1.1.1', '1.2.3.4/8'] },
      }),
    ).toEqual([
      'threat_intel.json: /excluded_iocs/ip/1: "999.1.1.1" is no IP address or network (such as 10.0.0.0/8 or fd00::/8)',
    ]);
  });

  it("grants the rule processor read access to exactly the feeds' tables", async () => {
    const render = async (threatIntel: unknown) => {
      const out = tempDir('ti-render');
      await renderCommand(conf(threatIntel), { outDir: out, buildDir: 'build' });
      return readFileSync(path.join(out, 'production', 'main.tf'), 'utf8');
    };
    expect(
      await render({
        ...SA3,
        feeds: { bucket: 'acme-threat-intel', sources: ['feodo', 'urlhaus'] },
      }),
    ).toContain(
      '  lookup_table_s3_objects      = ["acme-threat-intel/threat-intel/feodo.json.gz", "acme-threat-intel/threat-intel/urlhaus.json.gz"]\n',
    );
    expect(await render({ ...SA3, enabled: false })).not.toContain('lookup_table_');
  });

  it("counts the feeds' tables in the rule processor's memory check", async () => {
    // The seed's 256 MB fits every feed's default bound: 96 + 4 × (16 + 8 + 1 + 4 + 2) = 220.
    await loadConfig(conf(SA3));
    const small = seedCluster() as {
      modules: { stream_alert: { rule_processor: { memory: number } } };
    };
    small.modules.stream_alert.rule_processor.memory = 128;
    try {
      await loadConfig(conf(SA3, small as unknown as Record<string, unknown>));
      expect.unreachable();
    } catch (err) {
      expect(
        (err as ConfigError).problems.map((p) => `${path.basename(p.file)}: ${p.pointer}`),
      ).toEqual(['threat_intel.json: /feeds/max_size_mb']);
      expect((err as ConfigError).problems[0]!.message).toMatch(
        /^the lookup tables need about 220 MB of the rule processor's memory \(4 × their size bound while reloading: threat_intel:urlhaus 16 MB, threat_intel:threatfox 8 MB/,
      );
    }
  });

  it('declares the feed collector in one cluster root, with its module', async () => {
    const out = tempDir('ti-collector-render');
    const dir = writeConf(
      seedGlobal(),
      // Not in global.json's region (us-east-1): the other cluster declares it.
      {
        production: seedCluster(),
        staging: { ...seedCluster(), id: 'staging', region: 'us-east-1' },
      },
      undefined,
      { 'types.json': TYPES, 'threat_intel.json': SA3 },
    );
    await renderCommand(dir, { outDir: out, buildDir: 'build' });
    const staging = readFileSync(path.join(out, 'staging', 'main.tf'), 'utf8');
    expect(staging).toContain(
      [
        'module "threat_intel_feeds" {',
        '  source = "../modules/threat_intel_feeds"',
        '',
        '  prefix        = "acme"',
        '  bucket        = "acme-threat-intel"',
        '  key_prefix    = "threat-intel/"',
        '  feeds         = ["urlhaus", "threatfox", "feodo", "cisa_kev", "tor_exits"]',
      ].join('\n'),
    );
    // The collectors' zip of the cluster's build: the feed collector is its other handler.
    expect(staging).toMatch(/\n {2}zip {11}= "[^"]*\/build\/collector\.zip"\n/);
    expect(readFileSync(path.join(out, 'production', 'main.tf'), 'utf8')).not.toContain(
      'threat_intel_feeds',
    );
    expect(
      readFileSync(path.join(out, 'modules', 'threat_intel_feeds', 'main.tf'), 'utf8'),
    ).toContain('handler          = "index.threatIntelFeeds"');
    // Matching off: no collector anywhere.
    const off = tempDir('ti-collector-off');
    await renderCommand(conf({ ...SA3, enabled: false }), { outDir: off, buildDir: 'build' });
    expect(readFileSync(path.join(off, 'production', 'main.tf'), 'utf8')).not.toContain(
      'threat_intel_feeds',
    );
  });

  it('pulls OTX only with a key configured: where the key is, never the key', async () => {
    const otx = { credential: '/streamalert/threat-intel/otx' };
    // Named in sources without a key: refused at its place.
    expect(
      await problemsOf({
        ...SA3,
        feeds: { bucket: 'acme-threat-intel', sources: ['feodo', 'otx'] },
      }),
    ).toEqual([
      'threat_intel.json: /feeds/sources/1: otx is pulled with an API key: add "otx": {"credential": "<SSM parameter name or Secrets Manager ARN>"} to feeds',
    ]);
    // A key written into conf is no parameter name or ARN.
    expect(
      await problemsOf({
        ...SA3,
        feeds: { bucket: 'acme-threat-intel', otx: { credential: 'f00dcafe' } },
      }),
    ).toEqual([
      expect.stringMatching(
        /^threat_intel\.json: \/feeds\/otx\/credential: must be an SSM parameter name starting with \//,
      ),
    ]);
    // With a key, OTX joins the default feeds; the collector is told where the key is.
    const withKey = { ...SA3, feeds: { bucket: 'acme-threat-intel', otx } };
    const config = await loadConfig(conf(withKey));
    expect(config.processors.threatIntel!.feeds.map((f) => f.feed)).toEqual([
      'urlhaus',
      'threatfox',
      'feodo',
      'cisa_kev',
      'tor_exits',
      'otx',
    ]);
    const out = tempDir('ti-otx-render');
    await renderCommand(conf(withKey), { outDir: out, buildDir: 'build' });
    const main = readFileSync(path.join(out, 'production', 'main.tf'), 'utf8');
    expect(main).toContain(
      '  feeds         = ["urlhaus", "threatfox", "feodo", "cisa_kev", "tor_exits", "otx"]',
    );
    expect(main).toMatch(
      /\n {2}otx_credential = "\/streamalert\/threat-intel\/otx"\n {2}account_id {5}= "\d{12}"\n/,
    );
  });

  it("refuses a lookup table named like a feed's table", async () => {
    const dir = writeConf(seedGlobal(), { production: seedCluster() }, undefined, {
      'types.json': TYPES,
      'threat_intel.json': SA3,
      'lookup_tables.json': {
        enabled: true,
        tables: { 'threat_intel:feodo': { driver: 's3', bucket: 'acme-lookups', key: 'x.json' } },
      },
    });
    await expect(loadConfig(dir)).rejects.toMatchObject({
      problems: [
        expect.objectContaining({
          pointer: '/tables/threat_intel:feodo',
          message: expect.stringContaining('rename this table'),
        }),
      ],
    });
  });
});

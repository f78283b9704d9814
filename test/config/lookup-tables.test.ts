/**
 * conf/lookup_tables.json, StreamAlert 3's, is read (no longer named as unused): typed with
 * StreamAlert's defaults, and a bad table gets one line naming the file and JSON pointer.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCommand } from '../../src/commands/render.js';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/config/problems.js';
import { seedCluster, seedGlobal, tempDir, writeConf } from '../support/conf.js';

/** StreamAlert 3's sample, as its repository ships it (names changed). */
const SA3 = {
  enabled: true,
  tables: {
    bad_domains: {
      bucket: 'acme-lookup-tables',
      cache_refresh_minutes: 10,
      compression: 'gzip',
      driver: 's3',
      key: 'bad_domains.json',
    },
    owners: {
      driver: 'dynamodb',
      table: 'acme-owners',
      partition_key: 'pkey',
      value_key: 'Owner',
      cache_maximum_key_count: 3,
      cache_refresh_minutes: 3,
      consistent_read: false,
    },
  },
};

async function problemsOf(lookupTables: unknown): Promise<string[]> {
  const conf = writeConf(seedGlobal(), { production: seedCluster() }, undefined, {
    'lookup_tables.json': lookupTables,
  });
  try {
    await loadConfig(conf);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems.map((p) => `${path.basename(p.file)}: ${p.pointer}: ${p.message}`);
  }
}

describe('conf/lookup_tables.json', () => {
  it("reads StreamAlert 3's file with its defaults, and no longer calls it unused", async () => {
    const conf = writeConf(seedGlobal(), { production: seedCluster() }, undefined, {
      'lookup_tables.json': SA3,
    });
    const config = await loadConfig(conf);
    expect(config.unusedFiles).not.toContain('lookup_tables.json');
    expect(config.processors.lookupTables).toEqual({
      enabled: true,
      tables: [
        {
          driver: 's3',
          name: 'bad_domains',
          bucket: 'acme-lookup-tables',
          key: 'bad_domains.json',
          compression: 'gzip',
          format: 'json',
          refreshMinutes: 10,
          maxKeys: 2_000_000,
        },
        {
          driver: 'dynamodb',
          name: 'owners',
          table: 'acme-owners',
          partitionKey: 'pkey',
          keyDelimiter: ':',
          valueKey: 'Owner',
          consistentRead: false,
          refreshMinutes: 3,
          maxKeys: 3,
        },
      ],
    });
  });

  it('says when tables are written but not enabled', async () => {
    const conf = writeConf(seedGlobal(), { production: seedCluster() }, undefined, {
      'lookup_tables.json': { ...SA3, enabled: false },
    });
    const config = await loadConfig(conf);
    expect(config.notes.map((n) => `${n.pointer}: ${n.note}`)).toContainEqual(
      expect.stringMatching(/^\/enabled: no table is loaded/),
    );
  });

  it('names the file and JSON pointer of each problem', async () => {
    expect(
      await problemsOf({
        enabled: 'yes',
        tables: {
          'bad name': { driver: 's3', bucket: 'b', key: 'k' },
          nodriver: { bucket: 'acme-b', key: 'k' },
          ftp: { driver: 'ftp' },
          s3: { driver: 's3', bucket: 'Acme_Bucket', key: 'k', compression: 'zip', table: 'x' },
          dyn: { driver: 'dynamodb', table: 'acme', value_key: 'v', cache_refresh_minutes: 0 },
        },
      }),
    ).toEqual([
      'lookup_tables.json: /enabled: must be boolean, got string "yes"',
      'lookup_tables.json: /tables/bad name: key "bad name" is not a valid name',
      'lookup_tables.json: /tables/bad name/bucket: must be an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens), got "b"',
      'lookup_tables.json: /tables/nodriver: missing required key "driver"',
      'lookup_tables.json: /tables/ftp/driver: must be one of "s3", "dynamodb", got "ftp"',
      'lookup_tables.json: /tables/s3/table: unknown key "table" (allowed: driver, bucket, key, compression, format, key_column, max_size_mb, cache_refresh_minutes, cache_maximum_key_count)',
      'lookup_tables.json: /tables/s3/bucket: must be an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens), got "Acme_Bucket"',
      'lookup_tables.json: /tables/s3/compression: must be one of "gzip", false, got "zip"',
      'lookup_tables.json: /tables/dyn: missing required key "partition_key"',
      'lookup_tables.json: /tables/dyn/cache_refresh_minutes: must be >= 1',
    ]);
  });

  it("grants the rule processor read access to exactly the enabled tables' objects and tables", async () => {
    const render = async (lookupTables: unknown) => {
      const conf = writeConf(seedGlobal(), { production: seedCluster() }, undefined, {
        'lookup_tables.json': lookupTables,
      });
      const out = tempDir('lookup-render');
      await renderCommand(conf, { outDir: out, buildDir: 'build' });
      return readFileSync(path.join(out, 'production', 'main.tf'), 'utf8');
    };
    expect(await render(SA3)).toContain(
      '  # conf/lookup_tables.json and the threat-intel feeds: the rule processor reads exactly these.\n' +
        '  lookup_table_s3_objects      = ["acme-lookup-tables/bad_domains.json"]\n' +
        '  lookup_table_dynamodb_tables = ["acme-owners"]\n',
    );
    // Switched off: the zip carries no tables, the role no grant.
    expect(await render({ ...SA3, enabled: false })).not.toContain('lookup_table_');
  });

  it("refuses tables that would not fit the rule processor's memory, with their sizes", async () => {
    // The seed's rule processor has 256 MB: 96 + 4 × (20 + 10) = 216 MB fits; 30 + 10 does
    // not; a table without max_size_mb shares what is left, at least 4 MB.
    const tables = (big: number, users: Record<string, unknown> = { max_size_mb: 10 }) => ({
      enabled: true,
      tables: {
        iocs: { driver: 's3', bucket: 'acme-lookups', key: 'iocs.json', max_size_mb: big },
        users: { driver: 's3', bucket: 'acme-lookups', key: 'users.csv', ...users },
      },
    });
    expect(await problemsOf(tables(20))).toEqual([]);
    // 96 + 4 × (30 + 10) = 256 MB: exactly the memory, fits; one more MB does not.
    expect(await problemsOf(tables(30))).toEqual([]);
    expect(await problemsOf(tables(31))).toEqual([
      "lookup_tables.json: /tables/iocs/max_size_mb: the lookup tables need about 260 MB of the rule processor's memory (4 × their size bound while reloading: iocs 31 MB, users 10 MB; plus 96 MB), but cluster production's rule processor has 256 MB: lower max_size_mb or raise its memory",
    ]);
    expect(await problemsOf(tables(38, {}))).toEqual([
      "lookup_tables.json: /tables/iocs/max_size_mb: the lookup tables need about 264 MB of the rule processor's memory (4 × their size bound while reloading: iocs 38 MB, users 4 MB (its share); plus 96 MB), but cluster production's rule processor has 256 MB: lower max_size_mb or raise its memory",
    ]);
    // StreamAlert 3's tables (no max_size_mb) share the memory: they always fit.
    expect(await problemsOf(SA3)).toEqual([]);
    // Not enabled: nothing is loaded, nothing to fit.
    expect(await problemsOf({ ...tables(300), enabled: false })).toEqual([]);
  });
});

/**
 * The backtest of a pull request that changes a rule's condition: before/after alert counts
 * over the fixtures (the real rule sandbox) and over gzipped JSON lines put into a moto
 * bucket named as the cluster's Firehose data bucket; an unreadable bucket is a note, and
 * the counts reach the plan comment. Hostile objects (more lines than the budget behind a
 * small gzip, a line longer than a Kinesis record, corrupt gzip) are notes and the rest
 * runs; a backtest that cannot count says it stopped. The sample sees a lookup table as it
 * is in its moto bucket, through the real sandbox; fixtures keep their pins.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createGzip, gzipSync } from 'node:zlib';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORDS_PER_CHILD } from '../../src/backtest/count.js';
import { backtestCommand } from '../../src/commands/backtest.js';
import { loadConfig } from '../../src/config/load.js';
import { hourPrefixes, MAX_LINE_BYTES } from '../../src/backtest/sample.js';
import { renderComment } from '../../src/report/comment.js';
import { clientConfig } from '../support/aws.js';
import { seedCluster, seedGlobal, writeConf } from '../support/conf.js';
import { startMoto, type Moto } from '../support/moto.js';
import { processorBundles } from '../support/processor-bundles.js';

const temp = mkdtempSync(path.join(tmpdir(), 'streamalert-backtest-'));
let moto: Moto;
let bundlesDir: string;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  bundlesDir = processorBundles();
  moto = await startMoto();
  for (const [k, v] of Object.entries(moto.env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
}, 600_000);
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await moto?.stop();
  rmSync(temp, { recursive: true, force: true });
});

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  }).trim();
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

const osqueryRule = (
  name: string,
  condition: string,
) => `import { rule } from 'streamalert-action/rules';
export default rule<{ name: string; hostIdentifier: string; action: string }>({
  name: '${name}',
  logs: ['osquery'],
  outputs: [],
  merge_by_keys: ['hostIdentifier'],
  merge_window_mins: 60,
  rule: (rec) => ${condition},
});
`;

const osquery = (host: string, action: string, name = 'pack') => ({
  name,
  hostIdentifier: host,
  columns: {},
  action,
});

/**
 * A repository: conf/ with two Firehose clusters (production, staging), a base commit, and
 * a head that widens osquery_changes (removed → removed or added) and adds new_rule.ts.
 */
function repository(): { dir: string; base: string } {
  const dir = mkdtempSync(path.join(temp, 'repo-'));
  git(dir, 'init', '-q');
  writeConf(
    seedGlobal(),
    { production: seedCluster(), staging: { ...seedCluster(), id: 'staging' } },
    dir,
  );
  write(
    path.join(dir, 'rules', 'osquery_changes.ts'),
    osqueryRule('osquery_changes', "rec.action === 'removed'"),
  );
  write(path.join(dir, 'rules', 'unchanged.ts'), osqueryRule('osquery_any', 'true'));
  write(
    path.join(dir, 'tests', 'rules', 'osquery.json'),
    JSON.stringify({
      records: [
        osquery('h1', 'added'),
        osquery('h1', 'removed'),
        osquery('h2', 'removed', 'x'),
      ].map((data, i) => ({
        description: `change ${i}`,
        service: 'kinesis',
        source: 'acme_production_stream_alert_kinesis',
        data,
        trigger_rules: [],
      })),
    }),
  );
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  const base = git(dir, 'rev-parse', 'HEAD');
  write(
    path.join(dir, 'rules', 'osquery_changes.ts'),
    osqueryRule('osquery_changes', "rec.action === 'removed' || rec.action === 'added'"),
  );
  write(path.join(dir, 'rules', 'new_rule.ts'), osqueryRule('osquery_named_x', "rec.name === 'x'"));
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'head');
  return { dir, base };
}

/** The production cluster's Firehose bucket: this hour's objects, and one from 8 hours ago. */
async function fillBucket(now: number): Promise<void> {
  const s3 = new S3Client(clientConfig(moto, 'us-west-2'));
  const bucket = 'acme.production.streamalert.results';
  await s3.send(
    new CreateBucketCommand({
      Bucket: bucket,
      CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
    }),
  );
  const lines = (records: unknown[], extra: string[] = []) =>
    [...records.map((r) => JSON.stringify(r)), ...extra].join('\n') + '\n';
  const [thisHour] = hourPrefixes(now, 6);
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: `${thisHour}acme_production_stream_alert_firehose-1-2026.gz`,
      Body: gzipSync(
        lines(
          [
            osquery('h1', 'added'),
            osquery('h1', 'added'),
            osquery('h2', 'added'),
            osquery('h3', 'removed'),
          ],
          ['not a log line'],
        ),
      ),
    }),
  );
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: `${thisHour}acme_production_stream_alert_firehose-1-2027`,
      Body: lines([osquery('h4', 'added')]),
    }),
  );
  // Outside the 6 hours: never listed.
  const old = hourPrefixes(now - 8 * 3_600_000, 0)[0];
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: `${old}acme_production_stream_alert_firehose-1-2000.gz`,
      Body: gzipSync(lines([osquery('h9', 'added'), osquery('h9', 'removed')])),
    }),
  );
}

describe('backtest', () => {
  it('counts the changed rules before and after over the fixtures and the Firehose sample', async () => {
    const { dir, base } = repository();
    const now = Date.now();
    await fillBucket(now);
    const configDir = path.join(dir, 'conf');
    const report = await backtestCommand(await loadConfig(configDir), {
      base,
      hours: 6,
      maxMb: 50,
      configDir,
      rulesDir: path.join(dir, 'rules'),
      fixturesDir: path.join(dir, 'tests', 'rules'),
      awsEndpoint: moto.endpoint,
      bundlesDir,
      now,
    });
    expect(report).toEqual({
      base,
      baseAvailable: true,
      fixtureRecords: 3,
      sample: { records: 6, bytes: expect.any(Number), objects: 2, hours: 6 },
      rules: [
        {
          rule: 'osquery_changes',
          file: 'osquery_changes.ts',
          status: 'changed',
          fixtures: { before: 2, after: 3 },
          sample: { before: 1, after: 5 },
          topKeys: [
            { value: 'h1', count: 4 },
            { value: 'h2', count: 2 },
            { value: 'h3', count: 1 },
          ],
        },
        {
          rule: 'osquery_named_x',
          file: 'new_rule.ts',
          status: 'new',
          fixtures: { after: 1 },
          sample: { after: 0 },
          topKeys: [{ value: 'h2', count: 1 }],
        },
      ],
      notes: [
        expect.stringMatching(
          /^cluster staging: could not read s3:\/\/acme\.staging\.streamalert\.results: NoSuchBucket/,
        ),
        '1 of 6 sampled records did not classify with conf/logs.json and sources.json',
      ],
    });

    const comment = renderComment({
      commit: 'abc1234',
      configHash: '',
      clusterCount: 2,
      roots: [],
      backtest: report,
    });
    expect(comment).toContain(
      `🔁 **Backtest** of 2 added or changed rules (before = base \`${base.slice(0, 12)}\`):\n` +
        '- `osquery_changes`: 2 -> 3 alerts over the fixtures (3 records) · 1 -> 5 alerts over 6 h (6 records sampled) · top merge keys: `h1` (4), `h2` (2), `h3` (1)\n' +
        '- `osquery_named_x` (new): 1 alert over the fixtures (3 records) · 0 alerts over 6 h (6 records sampled) · top merge keys: `h2` (1)\n',
    );
    expect(comment).toContain(
      '```text\ncluster staging: could not read s3://acme.staging.streamalert.results',
    );
  }, 300_000);

  it('counts a Sigma correlation rule over the timed fixtures', async () => {
    const dir = mkdtempSync(path.join(temp, 'repo-'));
    git(dir, 'init', '-q');
    writeConf(seedGlobal(), { production: seedCluster() }, dir, {
      'sigma.json': { logsources: [{ product: 'osquery', logs: ['osquery'] }] },
    });
    write(
      path.join(dir, 'rules', 'osquery_removed.yml'),
      'title: a pack result removed\nlogsource:\n  product: osquery\ndetection:\n  s:\n    action: removed\n  condition: s\n',
    );
    const removed = (host: string, time: string) => ({
      description: `${host} at ${time}`,
      service: 'kinesis',
      source: 'acme_production_stream_alert_kinesis',
      data: osquery(host, 'removed'),
      time: `2026-04-01T${time}:00Z`,
      trigger_rules: [],
    });
    write(
      path.join(dir, 'tests', 'rules', 'removals.json'),
      JSON.stringify({
        records: [
          removed('h1', '10:00'),
          removed('h2', '10:10'),
          removed('h1', '10:20'),
          removed('h1', '12:00'),
        ],
      }),
    );
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
    const base = git(dir, 'rev-parse', 'HEAD');
    write(
      path.join(dir, 'rules', 'mr_repeated_removals.yml'),
      'title: removals repeated on a host\ncorrelation:\n  type: event_count\n  rules: [osquery_removed]\n  group-by: [hostIdentifier]\n  timespan: 1h\n  condition:\n    gte: 2\n',
    );
    // Absence (our extension): a host whose removals stopped for half an hour.
    write(
      path.join(dir, 'rules', 'mr_removals_stopped.yml'),
      'title: removals stopped on a host\ncorrelation:\n  type: absence\n  rules: [osquery_removed]\n  group-by: [hostIdentifier]\n  timespan: 30m\n',
    );
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'head');
    const configDir = path.join(dir, 'conf');
    const report = await backtestCommand(await loadConfig(configDir), {
      base,
      hours: 1,
      maxMb: 50,
      configDir,
      rulesDir: path.join(dir, 'rules'),
      fixturesDir: path.join(dir, 'tests', 'rules'),
      awsEndpoint: moto.endpoint,
      bundlesDir,
      // An hour of its own: no other test's objects.
      now: Date.now() - 5 * 86_400_000,
    });
    expect(report.rules).toEqual([
      expect.objectContaining({
        rule: 'mr_removals_stopped',
        file: 'mr_removals_stopped.yml',
        status: 'new',
        // h2 silent after 10:10 and h1 after 10:20, both seen by the 12:00 record's clock.
        fixtures: { after: 2 },
      }),
      expect.objectContaining({
        rule: 'mr_repeated_removals',
        file: 'mr_repeated_removals.yml',
        status: 'new',
        // Three removals on h1, two within the hour: one alert.
        fixtures: { after: 1 },
      }),
    ]);
    // The production bucket has no object of that hour (it exists once another test made it).
    expect(report.rules[0]!.sample?.after ?? 0).toBe(0);
    expect(report.rules[1]!.sample?.after ?? 0).toBe(0);
  }, 300_000);

  it('shows after-only counts of every rule when the base commit is not in the checkout', async () => {
    const { dir } = repository();
    const configDir = path.join(dir, 'conf');
    const missing = 'f'.repeat(40);
    const report = await backtestCommand(await loadConfig(configDir), {
      base: missing,
      hours: 1,
      maxMb: 0.000001,
      configDir,
      rulesDir: path.join(dir, 'rules'),
      fixturesDir: path.join(dir, 'tests', 'rules'),
      awsEndpoint: moto.endpoint,
      bundlesDir,
    });
    expect(report.baseAvailable).toBe(false);
    expect(report.notes[0]).toBe(
      `before: base commit ${missing.slice(0, 12)} not fetched — check out with fetch-depth: 0; after-only counts`,
    );
    expect(report.rules.map((r) => [r.rule, r.fixtures])).toEqual([
      ['osquery_any', { after: 3 }],
      ['osquery_changes', { after: 3 }],
      ['osquery_named_x', { after: 1 }],
    ]);
  }, 300_000);

  it('bounds the sample by decompressed bytes: a small gzip of many lines stops at backtest-max-mb', async () => {
    const { dir, base } = repository();
    const now = Date.now() - 3 * 86_400_000; // its own hour: no other test's objects
    const [hour] = hourPrefixes(now, 0);
    const line = `${JSON.stringify(osquery('h7', 'added'))}\n`;
    const body = await gzipStream(line, 20_000_000); // ~20 MB of lines, a few tens of KB of gzip
    expect(body.length).toBeLessThan(200_000);
    await putObject(`${hour}acme_production_stream_alert_firehose-1-bomb.gz`, body);
    const configDir = path.join(dir, 'conf');
    const report = await backtestCommand(await loadConfig(configDir), {
      base,
      hours: 1,
      maxMb: 1,
      configDir,
      rulesDir: path.join(dir, 'rules'),
      fixturesDir: path.join(dir, 'tests', 'rules'),
      awsEndpoint: moto.endpoint,
      bundlesDir,
      now,
    });
    // At most the budget and one inflated chunk were read, and only those lines became records.
    expect(report.sample!.bytes).toBeGreaterThanOrEqual(1_000_000);
    expect(report.sample!.bytes).toBeLessThan(1_000_000 + 256 * 1024);
    expect(report.sample!.records).toBeLessThanOrEqual(
      Math.ceil(report.sample!.bytes / line.length),
    );
    expect(report.notes).toContain(
      'stopped at 1 MB decompressed (backtest-max-mb): the sample holds the newest records',
    );
    const changes = report.rules.find((r) => r.rule === 'osquery_changes')!;
    expect(changes.sample).toEqual({ before: 0, after: report.sample!.records });
  }, 300_000);

  it('skips a line longer than a Kinesis record and a corrupt object, counting the rest', async () => {
    const { dir, base } = repository();
    const now = Date.now() - 4 * 86_400_000;
    const [hour] = hourPrefixes(now, 0);
    const good = (host: string) => JSON.stringify(osquery(host, 'added'));
    const long = JSON.stringify(osquery('h-long', 'x'.repeat(MAX_LINE_BYTES + 10)));
    await putObject(
      `${hour}acme_production_stream_alert_firehose-1-a.gz`,
      gzipSync([good('h1'), long, good('h2')].join('\n')),
    );
    const corrupt = gzipSync(good('h3').repeat(100));
    corrupt.fill(0x41, 20, 60); // gzip header intact, deflate data broken
    const corruptKey = `${hour}acme_production_stream_alert_firehose-1-b.gz`;
    await putObject(corruptKey, corrupt);
    await putObject(`${hour}acme_production_stream_alert_firehose-1-c`, `${good('h4')}\n`);
    const configDir = path.join(dir, 'conf');
    const report = await backtestCommand(await loadConfig(configDir), {
      base,
      hours: 1,
      maxMb: 50,
      configDir,
      rulesDir: path.join(dir, 'rules'),
      fixturesDir: path.join(dir, 'tests', 'rules'),
      awsEndpoint: moto.endpoint,
      bundlesDir,
      now,
    });
    expect(report.sample).toMatchObject({ records: 3, objects: 3 });
    expect(report.rules.find((r) => r.rule === 'osquery_changes')!.sample).toEqual({
      before: 0,
      after: 3,
    });
    expect(report.notes).toContain(
      '1 line(s) longer than 1 MB (more than a Kinesis record holds) were skipped',
    );
    expect(report.notes).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^s3://acme\\.production\\.streamalert\\.results/${corruptKey.replace(/\//g, '\\/')}: could not be read after 0 line\\(s\\): `,
        ),
      ),
    );
  }, 300_000);

  it('runs fixtures and sample within the time budget: what it did not reach is a note', async () => {
    const { dir, base } = repository();
    // More fixture records than one sandbox child takes: the budget (0 s) is spent after the first.
    write(
      path.join(dir, 'tests', 'rules', 'many.json'),
      JSON.stringify({
        records: Array.from({ length: RECORDS_PER_CHILD + 50 }, (_, i) => ({
          description: `many ${i}`,
          service: 'kinesis',
          source: 'acme_production_stream_alert_kinesis',
          data: osquery(`m${i}`, 'added'),
          trigger_rules: [],
        })),
      }),
    );
    const configDir = path.join(dir, 'conf');
    const report = await backtestCommand(await loadConfig(configDir), {
      base,
      hours: 1,
      maxMb: 50,
      timeBudgetSeconds: 0,
      configDir,
      rulesDir: path.join(dir, 'rules'),
      fixturesDir: path.join(dir, 'tests', 'rules'),
      awsEndpoint: moto.endpoint,
      bundlesDir,
      now: Date.now() - 5 * 86_400_000,
    });
    expect(report.fixtureRecords).toBe(RECORDS_PER_CHILD + 53);
    expect(report.notes).toContain(
      `stopped at the time budget (0 s): the counts cover ${RECORDS_PER_CHILD} of ${RECORDS_PER_CHILD + 53} fixture records and the first 0 sampled records`,
    );
    // Both sides counted the same records: the first chunk's.
    const changes = report.rules.find((r) => r.rule === 'osquery_changes')!;
    expect(changes.fixtures.after).toBeLessThanOrEqual(RECORDS_PER_CHILD);
  }, 300_000);

  it('says the backtest stopped, and why, when the head rules cannot be loaded', async () => {
    const { dir, base } = repository();
    write(
      path.join(dir, 'rules', 'osquery_changes.ts'),
      "throw new Error('<b>boom</b> @org/team');\n",
    );
    const configDir = path.join(dir, 'conf');
    const report = await backtestCommand(await loadConfig(configDir), {
      base,
      hours: 1,
      maxMb: 1,
      configDir,
      rulesDir: path.join(dir, 'rules'),
      fixturesDir: path.join(dir, 'tests', 'rules'),
      awsEndpoint: moto.endpoint,
      bundlesDir,
      now: Date.now() - 6 * 86_400_000,
    });
    expect(report.rules).toEqual([]);
    expect(report.stopped).toMatch(/boom/);
    const comment = renderComment({
      commit: 'abc1234',
      configHash: '',
      clusterCount: 2,
      roots: [],
      backtest: report,
    });
    expect(comment).not.toContain('no rule added or changed');
    expect(comment).toContain('🔁 **Backtest stopped** before counting');
    expect(comment).toMatch(/```text\nthe backtest stopped: [^\n]*<b>boom<\/b> @org\/team/);
  }, 300_000);
});

describe('backtest with lookup tables', () => {
  it('runs the sample with the tables as they are; fixtures keep their pins', async () => {
    const dir = mkdtempSync(path.join(temp, 'repo-lookups-'));
    git(dir, 'init', '-q');
    const stream = 'acme_lookups_stream_alert_kinesis';
    writeConf(seedGlobal(), { lookups: { ...seedCluster(), id: 'lookups' } }, dir, {
      'sources.json': { kinesis: { [stream]: { logs: ['osquery'] } } },
      'lookup_tables.json': {
        enabled: true,
        tables: { hosts_of_interest: { driver: 's3', bucket: 'acme-lookups', key: 'hosts.json' } },
      },
    });
    const hostRule = (
      condition: string,
    ) => `import { lookup, rule } from 'streamalert-action/rules';
export default rule<{ hostIdentifier: string }>({
  name: 'host_of_interest',
  logs: ['osquery'],
  outputs: [],
  rule: (rec) => ${condition},
});
`;
    write(path.join(dir, 'rules', 'host.ts'), hostRule('false'));
    const fixture = (host: string, extra: Record<string, unknown>) => ({
      description: host,
      service: 'kinesis',
      source: stream,
      data: osquery(host, 'added'),
      trigger_rules: [],
      ...extra,
    });
    write(
      path.join(dir, 'tests', 'rules', 'hosts.json'),
      JSON.stringify([
        // Not pinned: the fixture sees no table, as in `test`.
        fixture('h1', {}),
        fixture('h2', { test_fixtures: { lookup_tables: { hosts_of_interest: { h2: {} } } } }),
      ]),
    );
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
    const base = git(dir, 'rev-parse', 'HEAD');
    write(
      path.join(dir, 'rules', 'host.ts'),
      hostRule("lookup('hosts_of_interest', rec.hostIdentifier) !== undefined"),
    );
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'head');

    const now = Date.now();
    const s3 = new S3Client(clientConfig(moto, 'us-west-2'));
    for (const bucket of ['acme.lookups.streamalert.results', 'acme-lookups'])
      await s3.send(
        new CreateBucketCommand({
          Bucket: bucket,
          CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
        }),
      );
    await s3.send(
      new PutObjectCommand({
        Bucket: 'acme-lookups',
        Key: 'hosts.json',
        Body: JSON.stringify({ h1: { owner: 'sre' }, h3: { owner: 'sec' } }),
      }),
    );
    const [thisHour] = hourPrefixes(now, 6);
    await s3.send(
      new PutObjectCommand({
        Bucket: 'acme.lookups.streamalert.results',
        Key: `${thisHour}acme_lookups_stream_alert_firehose-1-2026`,
        Body: ['h1', 'h1', 'h2', 'h3', 'h4']
          .map((h) => JSON.stringify(osquery(h, 'added')))
          .join('\n'),
      }),
    );
    const configDir = path.join(dir, 'conf');
    const report = await backtestCommand(await loadConfig(configDir), {
      base,
      hours: 6,
      maxMb: 50,
      configDir,
      rulesDir: path.join(dir, 'rules'),
      fixturesDir: path.join(dir, 'tests', 'rules'),
      awsEndpoint: moto.endpoint,
      bundlesDir,
      now,
    });
    expect(report.notes).toEqual([]);
    expect(report.rules).toEqual([
      {
        rule: 'host_of_interest',
        file: 'host.ts',
        status: 'changed',
        // The pinned fixture (h2) fires; the unpinned one (h1) sees no table.
        fixtures: { before: 0, after: 1 },
        // The sample's h1, h1 and h3 are in the table as it is; h2 and h4 are not.
        sample: { before: 0, after: 3 },
        topKeys: [],
      },
    ]);
  }, 300_000);
});

async function putObject(key: string, body: Buffer | string): Promise<void> {
  const s3 = new S3Client(clientConfig(moto, 'us-west-2'));
  await s3.send(
    new PutObjectCommand({ Bucket: 'acme.production.streamalert.results', Key: key, Body: body }),
  );
}

/** gzip of `line` repeated to about `size` bytes, never held inflated. */
async function gzipStream(line: string, size: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve, reject) => gzip.on('end', resolve).on('error', reject));
  const chunk = Buffer.from(line.repeat(Math.ceil(1_000_000 / line.length)));
  for (let written = 0; written < size; written += chunk.length)
    if (!gzip.write(chunk)) await new Promise((r) => gzip.once('drain', r));
  gzip.end();
  await done;
  return Buffer.concat(out);
}

/**
 * `streamalert migrate`: a StreamAlert 3 checkout (written by ./checkout.ts) becomes a
 * repository whose translated rules pass their own StreamAlert test events on the real
 * classifier and rules engine, in process (no bundles); what cannot be translated is a stub
 * that fails its events, named in the report; the new folder and the checkout are handled
 * as an attacker might prepare them.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { transform } from 'sucrase';
import { describe, expect, it } from 'vitest';
import { ruleModules, writeFiles } from '../../src/build/rules.js';
import { parseCliArgs } from '../../src/cli/args.js';
import { migrateCommand, MigrateError } from '../../src/commands/migrate.js';
import { loadProcessorsConfig } from '../../src/config/processors/load.js';
import { importRules } from '../../src/processors/rules/load.js';
import { loadFixtures } from '../../src/rule-test/fixtures.js';
import { runFixtures } from '../../src/rule-test/run.js';
import { REPO_ROOT, tempDir } from '../support/conf.js';
import { writeCheckout } from './checkout.js';

async function migrated(extra: Record<string, unknown> = {}) {
  const checkout = writeCheckout(extra);
  const folder = path.join(tempDir('migrated'), 'repo');
  const result = await migrateCommand(checkout, folder);
  return { checkout, folder, result };
}

/** The migrated repository's test run, as `test` does it (without the sandbox). */
async function runTests(folder: string) {
  const { config } = await loadProcessorsConfig(path.join(folder, 'conf'));
  const { records, problems } = await loadFixtures(path.join(folder, 'tests', 'rules'));
  expect(problems).toEqual([]);
  const api = transform(readFileSync(path.join(REPO_ROOT, 'src/rules-api/index.ts'), 'utf8'), {
    transforms: ['typescript'],
    disableESTransforms: true,
  }).code;
  const compiled = tempDir('migrated-compiled');
  await writeFiles(compiled, await ruleModules(path.join(folder, 'rules'), Buffer.from(api)));
  const rules = (await importRules(path.join(compiled, 'rules'))).map((l) => l.rule);
  return { rules, results: await runFixtures(records, config, rules) };
}

describe('streamalert migrate', () => {
  it('writes conf as it is, the events as fixtures and one flat rule file per Python file', async () => {
    const { checkout, folder, result } = await migrated();
    for (const f of ['conf/global.json', 'conf/clusters/corp.json', 'conf/schemas/websrv.json'])
      expect(readFileSync(path.join(folder, f))).toEqual(readFileSync(path.join(checkout, f)));
    expect(existsSync(path.join(folder, 'rules/websrv_rules.ts'))).toBe(true);
    expect(existsSync(path.join(folder, 'rules/audit_rules.ts'))).toBe(true);
    expect(existsSync(path.join(folder, 'rules/audit_reputation.ts'))).toBe(true);
    // Helpers and matchers are translated into the rule files, not copied.
    expect(existsSync(path.join(folder, 'rules/base.ts'))).toBe(false);
    expect(existsSync(path.join(folder, 'matchers'))).toBe(false);
    expect(existsSync(path.join(folder, 'tests/rules/community/websrv/websrv_rules.json'))).toBe(
      true,
    );
    // override_record became the record: the schema's empty values, then the overrides.
    const events = JSON.parse(
      readFileSync(path.join(folder, 'tests/rules/community/websrv/websrv_rules.json'), 'utf8'),
    ) as Record<string, unknown>[];
    expect(events[1]!.data).toEqual({
      client_ip: '10.1.2.3',
      user: 'alice',
      path: '/admin/users',
      status: 200,
    });
    expect(events[1]!.override_record).toBeUndefined();
    expect(readFileSync(path.join(folder, 'MIGRATION.md'), 'utf8')).toBe(result.report);
  });

  it('translates rules that pass their own test events; the stub fails its own', async () => {
    const { folder } = await migrated();
    const { rules, results } = await runTests(folder);
    // The @disable'd rule is written but not exported, so it does not run.
    expect(rules.map((r) => r.name).sort()).toEqual([
      'audit_failed_sudo',
      'audit_reputation',
      'audit_root_actor',
      'websrv_admin_from_outside',
      'websrv_suspicious_path',
    ]);
    const failed = results.filter((r) => !r.passed);
    expect(failed.map((r) => [r.fixture.description, r.problems])).toEqual([
      ['a known bad actor', ['expected to fire but did not: audit_reputation']],
    ]);
    expect(results.filter((r) => r.passed)).toHaveLength(11);
    const stub = rules.find((r) => r.name === 'audit_reputation')!;
    expect(stub.staged).toBe(true);
    // Options were kept: context, merging, outputs, the known datatype only.
    const byName = Object.fromEntries(rules.map((r) => [r.name, r]));
    expect(byName.websrv_suspicious_path!.context).toEqual({ slack: { mention: '@oncall' } });
    expect(byName.websrv_admin_from_outside!.merge_by_keys).toEqual(['user']);
    expect(byName.websrv_admin_from_outside!.merge_window_mins).toBe(5);
    expect(byName.audit_root_actor!.datatypes).toEqual(['userName']);
    expect(byName.audit_root_actor!.outputs).toEqual(['aws-sns:pager']);
  });

  it('names every rule not translated in the report, with the reason and its Python in the stub', async () => {
    const { folder, result } = await migrated();
    expect(result.report).toMatch(
      /rules: 6 rule\(s\) in 3 Python file\(s\): 5 translated, 1 not translated/,
    );
    expect(result.report).toContain('requests.get() has no counterpart here: audit\\_reputation');
    expect(result.report).toContain('datatypes hostName left out');
    expect(result.report).toMatch(/websrv\\_rules\.json \(override\\_record made into data/);
    const stub = readFileSync(path.join(folder, 'rules/audit_reputation.ts'), 'utf8');
    expect(stub).toContain('// NOT TRANSLATED: line 8: requests.get() has no counterpart here.');
    expect(stub).toContain(
      "//     return requests.get('https://example.com/' + rec['actor']).status_code == 403",
    );
  });

  it('keeps Python text from escaping its comment or string, and Markdown from the report', async () => {
    const evil = `from streamalert.shared.rule import rule


@rule(logs=['audit:event'])
def audit_evil(rec):
    """Ends here \u2028 export const x = 1; */ | [link](http://x)"""
    return rec['actor'] == "\\u2028'; process.exit(1); '" and yield_it(rec)
`;
    const { folder, result } = await migrated({ 'rules/community/a|b/evil.py': evil });
    const code = readFileSync(path.join(folder, 'rules/evil.ts'), 'utf8');
    expect(code).not.toContain('\u2028');
    // The file still declares exactly the rule, its description the docstring as written.
    const { rules } = await runTests(folder);
    const rule = rules.find((r) => r.name === 'audit_evil')!;
    expect(rule.description).toBe('Ends here \u2028 export const x = 1; */ | [link](http://x)');
    expect(rules).toHaveLength(6);
    expect(result.report).toContain('rules/community/a\\|b/evil.py');
    expect(result.report).not.toContain('[link]');
  });

  it('never writes into a folder that is not empty', async () => {
    const checkout = writeCheckout();
    const folder = tempDir('migrate-target');
    writeFileSync(path.join(folder, 'keep.txt'), 'mine');
    await expect(migrateCommand(checkout, folder)).rejects.toThrow(/not empty \(keep\.txt\)/);
    expect(readFileSync(path.join(folder, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('refuses a link leaving the checkout before writing anything', async () => {
    const secret = path.join(tempDir('secret'), 'secret.json');
    writeFileSync(secret, '{"token": "s3cr3t"}');
    const checkout = writeCheckout();
    symlinkSync(secret, path.join(checkout, 'conf/extra.json'));
    const folder = path.join(tempDir('migrate-link'), 'repo');
    const err = await migrateCommand(checkout, folder).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrateError);
    expect((err as Error).message).toContain(
      'conf/extra.json: a symbolic link to something outside the checkout',
    );
    expect((err as Error).message).not.toContain('s3cr3t');
    expect(existsSync(folder)).toBe(false);
  });

  it('bounds what it reads: a file over the limit is not read', async () => {
    const checkout = writeCheckout();
    mkdirSync(path.join(checkout, 'rules/big'), { recursive: true });
    writeFileSync(path.join(checkout, 'rules/big/huge.py'), Buffer.alloc(9 * 1024 * 1024, 0x20));
    const { result } = await (async () => {
      const folder = path.join(tempDir('migrate-big'), 'repo');
      return { result: await migrateCommand(checkout, folder) };
    })();
    expect(result.report).toMatch(/not read: rules\/big\/huge\.py: is 9437184 bytes/);
  });

  it('is a CLI command taking the checkout and the new folder', () => {
    expect(parseCliArgs(['migrate', 'sa', 'new'])).toEqual({
      kind: 'migrate',
      checkout: 'sa',
      folder: 'new',
    });
    expect(() => parseCliArgs(['migrate', 'sa'])).toThrow(/needs two folders/);
    expect(() => parseCliArgs(['migrate', 'a', 'b', 'c'])).toThrow(/unexpected argument "c"/);
  });
});

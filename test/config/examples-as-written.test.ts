/**
 * Each example deploys as written into an empty account (issue 21 item 5): its README lists
 * every existing resource its plan looks up (and so must be created first), no cluster pins
 * a Lambda version a first deployment cannot have, its workflows name the account its conf/
 * names, and it brings rules and fixtures of its own. (test/moto/multi-region-apply.test.ts
 * and test/demo/demo.test.ts apply them on moto.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { lookupsByRoot } from '../../src/render/lookups.js';
import { EXAMPLES, REPO_ROOT } from '../support/conf.js';

describe.each(EXAMPLES)('examples/%s', (name) => {
  const dir = path.join(REPO_ROOT, 'examples', name);

  it('lists in its README every existing resource its plan looks up', async () => {
    const config = await loadConfig(path.join(dir, 'conf'));
    const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
    const prerequisites = readme.slice(readme.indexOf('## Prerequisites'));
    expect(prerequisites.length).toBeLessThan(readme.length);
    for (const lookups of lookupsByRoot(config).values())
      for (const l of lookups) {
        const value = l.key ?? config.global.monitoring.snsTopicName;
        expect(prerequisites, l.what).toContain(`\`${value}\``);
      }
    expect(prerequisites).toContain(`\`${config.global.terraform.tfstateBucket}\``);
  });

  it('pins no Lambda version a first deployment cannot have', async () => {
    const config = await loadConfig(path.join(dir, 'conf'));
    for (const c of config.clusters)
      for (const p of [c.modules.streamAlert.ruleProcessor, c.modules.streamAlert.alertProcessor])
        expect(['$LATEST', '1'], c.id).toContain(p.currentVersion);
  });

  it('names in its workflows the account its conf/ names', async () => {
    const config = await loadConfig(path.join(dir, 'conf'));
    const workflows = path.join(dir, '.github', 'workflows');
    const accounts = new Set<string>();
    for (const f of readdirSync(workflows))
      for (const m of readFileSync(path.join(workflows, f), 'utf8').matchAll(/\b\d{12}\b/g))
        accounts.add(m[0]);
    expect([...accounts]).toEqual([config.global.account.awsAccountId]);
  });

  it('brings rules and fixtures of its own', () => {
    const rules = readdirSync(path.join(dir, 'rules')).filter((f) => /\.(ts|js)$/.test(f));
    const fixtures = readdirSync(path.join(dir, 'tests', 'rules'));
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules)
      expect(
        existsSync(path.join(dir, 'tests', 'rules', r.replace(/\.(ts|js)$/, '.json'))),
        r,
      ).toBe(true);
    expect(fixtures.length).toBe(rules.length);
  });
});

/**
 * Rules ship apart from the cluster roots: a pull request that changes only rules (and
 * their fixtures) changes the detection bundle and no zip, so plan what changed plans the
 * global root (which publishes the bundle) and no cluster root. Real build (rules compiled
 * in the sandbox), real rendering and real input fingerprints of examples/production.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCommand } from '../../src/commands/build.js';
import { loadConfig } from '../../src/config/load.js';
import { renderTree } from '../../src/render/render.js';
import { rootInputs } from '../../src/selection/inputs.js';
import { tempDir } from '../support/conf.js';
import { processorBundles, REPO_ROOT } from '../support/processor-bundles.js';

const example = path.join(REPO_ROOT, 'examples', 'production');

describe('a rule-only pull request', () => {
  it('changes the detection bundle and the global root, no zip and no cluster root unless the log types read change', async () => {
    const repo = tempDir('rules-only');
    for (const dir of ['conf', 'rules', 'tests'])
      cpSync(path.join(example, dir), path.join(repo, dir), { recursive: true });
    const buildDir = path.join(repo, 'build');
    const outDir = path.join(repo, 'terraform');
    const inputs = async () => {
      const result = await buildCommand({
        configDir: path.join(repo, 'conf'),
        rulesDir: path.join(repo, 'rules'),
        outDir: buildDir,
        bundlesDir: processorBundles(),
      });
      const config = await loadConfig(path.join(repo, 'conf'));
      const tree = renderTree(config, { outDir, buildDir });
      const zips = Object.fromEntries(
        result.zips.map((z) => [z.file, readFileSync(path.join(buildDir, z.file))]),
      );
      return { result, tree, zips, inputs: rootInputs(tree, buildDir, []) };
    };

    const before = await inputs();
    expect(before.tree.roots).toEqual(['global', 'production']);

    // The pull request: a rule and its fixture change.
    const rule = path.join(repo, 'rules', 'cloudtrail_stopped.ts');
    writeFileSync(
      rule,
      readFileSync(rule, 'utf8').replace(
        "'A CloudTrail trail was stopped or deleted'",
        "'A CloudTrail trail was stopped or deleted (reviewed)'",
      ),
    );
    const fixture = path.join(repo, 'tests', 'rules', 'cloudtrail_stopped.json');
    writeFileSync(fixture, `${readFileSync(fixture, 'utf8')}\n`);
    const after = await inputs();

    expect(after.result.detection.version).not.toBe(before.result.detection.version);
    for (const [file, bytes] of Object.entries(before.zips))
      expect(after.zips[file]!.equals(bytes), file).toBe(true);
    const changed = [...before.inputs.keys()].filter(
      (root) => before.inputs.get(root) !== after.inputs.get(root),
    );
    expect(changed).toEqual(['global']);

    // A new rule on log types rules already read: the silence alarms stay as they are
    // (source_health.json names the new rule, but no root reads the names).
    const copy = path.join(repo, 'rules', 'cloudtrail_stopped_again.ts');
    writeFileSync(
      copy,
      readFileSync(rule, 'utf8').replace(
        "name: 'cloudtrail_stopped'",
        "name: 'cloudtrail_stopped_again'",
      ),
    );
    const added = await inputs();
    expect(readFileSync(path.join(buildDir, 'source_health.json'), 'utf8')).toContain(
      'cloudtrail_stopped_again',
    );
    expect(
      [...after.inputs.keys()].filter((root) => after.inputs.get(root) !== added.inputs.get(root)),
    ).toEqual(['global']);

    // Without the only rule that reads osquery, its silence alarm goes: the cluster is planned.
    rmSync(path.join(repo, 'rules', 'osquery_authorized_keys_added.ts'));
    rmSync(path.join(repo, 'tests', 'rules', 'osquery_authorized_keys_added.json'), {
      force: true,
    });
    const removed = await inputs();
    expect(
      [...added.inputs.keys()].filter(
        (root) => added.inputs.get(root) !== removed.inputs.get(root),
      ),
    ).toEqual(['global', 'production']);

    // A cluster setting still plans its cluster (and nothing else).
    const cluster = path.join(repo, 'conf', 'clusters', 'production.json');
    const c = JSON.parse(readFileSync(cluster, 'utf8'));
    c.modules.stream_alert.rule_processor.memory = 1024;
    writeFileSync(cluster, JSON.stringify(c, null, 2));
    const third = await inputs();
    expect(
      [...removed.inputs.keys()].filter(
        (root) => removed.inputs.get(root) !== third.inputs.get(root),
      ),
    ).toEqual(['production']);
  }, 600_000);
});

/**
 * `comment` inside the engine: two matrix jobs plan their roots into report parts, the
 * comment job merges them against its own checkout, and apply on merge accepts the merged
 * comment as if one job had planned everything. Terraform is scripted; validation and
 * rendering are real.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commentCommand } from '../../src/commands/comment.js';
import { publishPlanComment, type PullRequestHost } from '../../src/door-kit/github.js';
import { mergeApplyCommand } from '../../src/commands/merge-apply.js';
import type { EngineOptions } from '../../src/door-kit/options.js';
import { writePart } from '../../src/matrix/parts.js';
import { parseCommentState } from '../../src/report/comment.js';
import { tempDir } from '../support/conf.js';
import { FakeTerraform } from '../support/fake-terraform.js';
import { engine, planWithoutBuild, script } from './engine.js';

const MERGE = 'feedfacefeedfacefeedfacefeedfacefeedface';

/** One pull request's comment, and the merge commit GitHub associates with it. */
class OnePullRequest implements PullRequestHost {
  body: string | undefined;
  async mergedPullRequestFor(sha: string) {
    return sha === MERGE ? { number: 7, labels: [] } : undefined;
  }
  async findComment(_issue: number, isOurs: (body: string) => boolean) {
    return this.body !== undefined && isOurs(this.body) ? { body: this.body } : undefined;
  }
  async upsertComment(_issue: number, _isOurs: (body: string) => boolean, body: string) {
    this.body = body;
    return { url: 'https://github.test/acme/detections/pull/7#comment' };
  }
}

/** The matrix: one job per list of roots, each writing its part into one folder. */
async function matrix(o: EngineOptions, jobs: string[][]): Promise<string> {
  const dir = tempDir('parts');
  for (const clusters of jobs) {
    const { report } = await planWithoutBuild({ ...o, clusters });
    await writePart(dir, clusters, report);
  }
  return dir;
}

describe('comment: the matrix parts merged into the one comment', () => {
  it('writes one comment with every root that apply on merge accepts', async () => {
    const tf = new FakeTerraform(script());
    const o = engine(tf);
    const dir = await matrix(o, [['global'], ['production']]);
    const run = await commentCommand(o, dir);
    expect(run.failure).toBeUndefined();
    expect(run.files.map((f) => path.basename(f))).toEqual([
      'plan-part-global.json',
      'plan-part-production.json',
    ]);
    expect(run.report.roots.map((r) => [r.root, r.status])).toEqual([
      ['global', 'no-changes'],
      ['production', 'changes'],
    ]);
    expect(Object.keys(parseCommentState(run.comment)!.roots)).toEqual(['global', 'production']);

    const host = new OnePullRequest();
    await publishPlanComment(host, 7, run.comment);
    const outcome = await mergeApplyCommand({ ...o, commit: MERGE }, host, planWithoutBuild);
    expect(outcome.failure).toBeUndefined();
    expect(tf.calls.filter((c) => c.op === 'apply').map((c) => c.root)).toEqual(['production']);
  });

  it('fails and names the root whose part is missing', async () => {
    const o = engine(new FakeTerraform(script()));
    const dir = await matrix(o, [['global']]);
    const run = await commentCommand(o, dir);
    expect(run.failure).toBe('terraform failed for production (plan)');
    expect(run.comment).toContain('No plan for production: no report part covers it');
  });

  it('refuses parts planned from another configuration than the checkout', async () => {
    const o = engine(new FakeTerraform(script()));
    const dir = await matrix(o, [['global'], ['production']]);
    const file = path.join(o.configDir, 'clusters', 'production.json');
    const cluster = JSON.parse(readFileSync(file, 'utf8'));
    cluster.modules.kinesis.streams.shards = 2;
    writeFileSync(file, JSON.stringify(cluster));
    await expect(commentCommand(o, dir)).rejects.toThrow(
      /another configuration than this job's .*plan-part-global\.json .*plan-part-production\.json/,
    );
  });

  it('shows an invalid configuration as the validation failure', async () => {
    const o = engine(new FakeTerraform(script()));
    const dir = await matrix(o, [['global'], ['production']]);
    writeFileSync(path.join(o.configDir, 'clusters', 'production.json'), '{"id": "production"');
    const run = await commentCommand(o, dir);
    expect(run.failure).toMatch(/^validate failed:\n.*conf\/clusters\/production\.json/);
    expect(run.comment).toContain('conf/clusters/production.json');
  });
});

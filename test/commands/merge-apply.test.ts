/**
 * Apply on merge, end to end inside the engine: the pull request's plan is published as
 * its comment, then the push re-plans and applies exactly what was reviewed. GitHub is an
 * in-memory pull-request host and Terraform a scripted one; validation and rendering are real.
 */
import { describe, expect, it } from 'vitest';
import { publishPlanComment, type PullRequestHost } from '../../src/door-kit/github.js';
import { mergeApplyCommand } from '../../src/commands/merge-apply.js';
import type { EngineOptions } from '../../src/door-kit/options.js';
import { ALLOW_DESTROY_LABEL } from '../../src/review/safety.js';
import { renderComment } from '../../src/report/comment.js';
import { change, FakeTerraform, type RootScript } from '../support/fake-terraform.js';
import { MemoryHost } from '../support/memory-host.js';
import { COMMIT, engine, planWithoutBuild, script } from './engine.js';

const MERGE = 'feedfacefeedfacefeedfacefeedfacefeedface';

/** The pull request's plan at its head commit, published as its comment. */
async function review(o: EngineOptions, host: PullRequestHost, pr: number): Promise<void> {
  const { report } = await planWithoutBuild(o);
  await publishPlanComment(host, pr, renderComment(report));
}

const applies = (tf: FakeTerraform) => tf.calls.filter((c) => c.op === 'apply').map((c) => c.root);

const STREAM = 'module.kinesis_streams.aws_kinesis_stream.this';
const destroyStream: RootScript = {
  show: { resource_changes: [change(STREAM, 'aws_kinesis_stream', ['delete', 'create'])] },
};

describe('apply on merge', () => {
  it('applies the reviewed roots, skips the unchanged ones, and summarises both', async () => {
    const tf = new FakeTerraform(script());
    const host = new MemoryHost({ [MERGE]: { number: 7, labels: [] } });
    const o = engine(tf);
    await review(o, host, 7);
    const outcome = await mergeApplyCommand({ ...o, commit: MERGE }, host, planWithoutBuild);
    expect(outcome.failure).toBeUndefined();
    expect(outcome.decisions).toEqual([
      { kind: 'skip', root: 'global' },
      { kind: 'apply', root: 'production' },
    ]);
    expect(applies(tf)).toEqual(['production']);
    expect(outcome.lines).toEqual([
      '## StreamAlert apply for #7 at feedfac',
      '',
      '- **global**: no changes',
      '- **production**: :white_check_mark: applied',
    ]);
    expect(outcome.summary.startsWith(`${outcome.lines.join('\n')}\n\n`)).toBe(true);
    expect(outcome.summary).toContain('StreamAlert plan');
  });

  it('refuses a root whose plan changed since the review, applies nothing there, and fails', async () => {
    const tf = new FakeTerraform(script());
    const host = new MemoryHost({ [MERGE]: { number: 7, labels: [] } });
    const o = engine(tf);
    await review(o, host, 7);
    // Someone changed the alarm in AWS (or main moved): the same commit now plans another value.
    const moved = new FakeTerraform(
      script({
        show: {
          resource_changes: [
            change(
              'module.cloudwatch_monitoring.aws_cloudwatch_metric_alarm.a',
              'aws_cloudwatch_metric_alarm',
              ['create'],
              { threshold: 2 },
            ),
          ],
        },
      }),
    );
    const outcome = await mergeApplyCommand(
      { ...o, commit: MERGE, terraform: moved },
      host,
      planWithoutBuild,
    );
    expect(outcome.decisions[1]).toMatchObject({ kind: 'refuse', root: 'production' });
    expect(applies(moved)).toEqual([]);
    expect(outcome.failure).toBe(
      `1 root(s) refused and 0 failed; see the job summary. Data-losing changes need the label ${ALLOW_DESTROY_LABEL}.`,
    );
    expect(outcome.lines[3]).toMatch(
      /^- \*\*production\*\*: :no_entry: refused — the plan differs from the one reviewed at 0123456/,
    );
  });

  it('refuses a reviewed data loss without the label and applies it with the label', async () => {
    for (const [labels, applied] of [
      [[], []],
      [[ALLOW_DESTROY_LABEL], ['production']],
    ] as const) {
      const tf = new FakeTerraform(script(destroyStream));
      const host = new MemoryHost({ [MERGE]: { number: 9, labels: [...labels] } });
      const o = engine(tf);
      await review(o, host, 9);
      const outcome = await mergeApplyCommand({ ...o, commit: MERGE }, host, planWithoutBuild);
      expect(applies(tf)).toEqual(applied);
      expect(outcome.failure === undefined).toBe(applied.length > 0);
    }
  });

  it('reports a failed apply and fails the job, after applying what it could', async () => {
    const tf = new FakeTerraform({
      global: script().production,
      production: {
        ...script().production,
        apply: { code: 1, stderr: 'Error: AccessDenied secret-ish' },
      },
    });
    const host = new MemoryHost({ [MERGE]: { number: 3, labels: [] } });
    const o = engine(tf, { mask: (t) => t.replaceAll('secret-ish', '***') });
    await review(o, host, 3);
    const outcome = await mergeApplyCommand({ ...o, commit: MERGE }, host, planWithoutBuild);
    expect(applies(tf)).toEqual(['global', 'production']);
    expect(outcome.results.map((r) => [r.root, r.ok])).toEqual([
      ['global', true],
      ['production', false],
    ]);
    expect(outcome.lines[3]).toBe(
      '- **production**: :x: apply failed\n\n```\nError: AccessDenied ***\n```',
    );
    expect(outcome.failure).toMatch(/^0 root\(s\) refused and 1 failed/);
  });

  it('applies nothing when the re-plan fails', async () => {
    const tf = new FakeTerraform(script());
    const host = new MemoryHost({ [MERGE]: { number: 7, labels: [] } });
    const o = engine(tf);
    await review(o, host, 7);
    const broken = new FakeTerraform({
      production: { init: { code: 1, stderr: 'Error: no credentials' } },
    });
    const outcome = await mergeApplyCommand(
      { ...o, commit: MERGE, terraform: broken },
      host,
      planWithoutBuild,
    );
    expect(outcome.failure).toBe(
      're-plan on merge failed, nothing applied: terraform failed for production (init)',
    );
    expect(outcome.decisions).toEqual([]);
    expect(applies(broken)).toEqual([]);
    expect(outcome.summary).toContain('no credentials');
  });

  it('applies nothing without a merged pull request or without its plan comment', async () => {
    const tf = new FakeTerraform(script());
    const o = { ...engine(tf), commit: MERGE };
    await expect(mergeApplyCommand(o, new MemoryHost({}), planWithoutBuild)).rejects.toThrow(
      `no merged pull request found for commit ${MERGE}: nothing was reviewed, so nothing is applied`,
    );
    const host = new MemoryHost({ [MERGE]: { number: 5, labels: [] } });
    await expect(mergeApplyCommand(o, host, planWithoutBuild)).rejects.toThrow(
      'pull request #5 has no streamalert plan comment: nothing was reviewed, so nothing is applied',
    );
    // A comment that is not ours (no marker) is no review either.
    host.comments.set(5, 'LGTM, apply it');
    await expect(mergeApplyCommand(o, host, planWithoutBuild)).rejects.toThrow(
      'has no streamalert plan comment',
    );
    expect(tf.calls).toEqual([]);
  });

  it('plans for the reviewed commit on the pull request', async () => {
    const tf = new FakeTerraform(script());
    const host = new MemoryHost({});
    await review(engine(tf), host, 1);
    expect(host.comments.get(1)).toContain(`Planned for commit ${COMMIT.slice(0, 7)}`);
  });
});

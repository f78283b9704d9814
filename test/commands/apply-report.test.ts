/**
 * What a pull request shows after apply-on-merge: its plan comment edited in place with each
 * root's result (applied, refused with the difference, failed with the error), the merge
 * commit and the run link, and a commit status on the merge commit; and the re-run after a
 * failed apply that applies the rest of the reviewed plan. GitHub is in memory, Terraform
 * scripted; validation and rendering are real.
 */
import { describe, expect, it } from 'vitest';
import { applyAndReport, APPLY_STATUS_CONTEXT } from '../../src/commands/apply-report.js';
import {
  publishPlanComment,
  type CommitStatus,
  type CommitStatusHost,
  type PullRequestHost,
} from '../../src/door-kit/github.js';
import type { EngineOptions } from '../../src/door-kit/options.js';
import { APPLY_END, APPLY_START, renderApplyComment } from '../../src/report/apply.js';
import { COMMENT_MAX_LENGTH, parseCommentState, renderComment } from '../../src/report/comment.js';
import { bigPlan, productionChanges, report as planReport } from '../report/fixtures.js';
import { change, FakeTerraform, type RootScript } from '../support/fake-terraform.js';
import { engine, planWithoutBuild } from './engine.js';

const MERGE = 'feedfacefeedfacefeedfacefeedfacefeedface';
const RUN = 'https://github.test/acme/detections/actions/runs/99';

class MemoryHost implements PullRequestHost, CommitStatusHost {
  readonly comments = new Map<number, string>();
  readonly statuses: { sha: string; status: CommitStatus }[] = [];
  denyStatuses = false;
  constructor(private readonly merged: Record<string, { number: number; labels: string[] }>) {}
  async mergedPullRequestFor(sha: string) {
    return this.merged[sha];
  }
  async findComment(issue: number, isOurs: (body: string) => boolean) {
    const body = this.comments.get(issue);
    return body !== undefined && isOurs(body) ? { body } : undefined;
  }
  async upsertComment(issue: number, _isOurs: (body: string) => boolean, body: string) {
    this.comments.set(issue, body);
    return { url: `https://github.test/acme/detections/pull/${issue}#comment` };
  }
  async setCommitStatus(sha: string, status: CommitStatus) {
    if (this.denyStatuses) throw new Error('Resource not accessible by integration');
    this.statuses.push({ sha, status });
  }
}

const ALARM = 'module.cloudwatch_monitoring.aws_cloudwatch_metric_alarm.a';
const TOPIC = 'module.monitoring.aws_sns_topic.alerts';
const ROLE = 'module.stream_alert.aws_iam_role.processor';

/** production plans these changes (each a creation unless said). */
const planning = (...changes: ReturnType<typeof change>[]): RootScript => ({
  show: { resource_changes: changes },
});
const create = (address: string, after: Record<string, unknown> = {}) =>
  change(address, address.split('.').at(-2)!, ['create'], after);

async function review(o: EngineOptions, host: PullRequestHost, pr: number): Promise<string> {
  const { report } = await planWithoutBuild(o);
  const body = renderComment(report);
  await publishPlanComment(host, pr, body);
  return body;
}

const stateLine = (body: string): string => body.split('\n')[1]!;

describe('the pull request after apply on merge', () => {
  it('shows the applied roots in the same comment, keeps the reviewed state and plan, and sets a success status', async () => {
    const tf = new FakeTerraform({ production: planning(create(ALARM)) });
    const host = new MemoryHost({ [MERGE]: { number: 7, labels: [] } });
    const o = engine(tf, { runUrl: RUN });
    const reviewed = await review(o, host, 7);

    const { outcome, commentUrl, warnings } = await applyAndReport(
      { ...o, commit: MERGE },
      host,
      planWithoutBuild,
    );
    expect(outcome.failure).toBeUndefined();
    expect(warnings).toEqual([]);
    expect(commentUrl).toBe('https://github.test/acme/detections/pull/7#comment');
    const body = host.comments.get(7)!;
    // The state a re-run reads is the reviewed one, byte for byte.
    expect(stateLine(body)).toBe(stateLine(reviewed));
    expect(parseCommentState(body)).toEqual(parseCommentState(reviewed));
    expect(body).toContain('## ✅ StreamAlert apply: 1 applied, 1 without changes');
    expect(body).toContain('| `production` | ✅ Applied |');
    expect(body).toContain('| `global` | ➖ No changes |');
    expect(body).toContain(`Applied at merge commit feedfac of #7 · [workflow run](${RUN})`);
    // The reviewed plan stays below, collapsed.
    expect(body).toContain('<details><summary>The reviewed plan</summary>');
    expect(body).toContain(reviewed.split('\n')[2]!);
    expect(host.statuses).toEqual([
      {
        sha: MERGE,
        status: {
          state: 'success',
          context: APPLY_STATUS_CONTEXT,
          description: '1 applied, 1 without changes',
          targetUrl: RUN,
        },
      },
    ]);
  });

  it('a failed apply: the masked error in the comment and a failure status; the re-run applies the rest of the reviewed plan', async () => {
    const reviewedPlan = planning(create(ALARM), create(ROLE), create(TOPIC));
    const failing = new FakeTerraform({
      production: {
        ...reviewedPlan,
        apply: { code: 1, stderr: 'Error: creating SNS topic: AccessDenied for hunter2' },
      },
    });
    const host = new MemoryHost({ [MERGE]: { number: 3, labels: [] } });
    const o = engine(failing, { runUrl: RUN, mask: (t) => t.replaceAll('hunter2', '***') });
    const reviewed = await review(o, host, 3);

    const first = await applyAndReport({ ...o, commit: MERGE }, host, planWithoutBuild);
    expect(first.outcome.failure).toMatch(/1 failed/);
    const failed = host.comments.get(3)!;
    expect(stateLine(failed)).toBe(stateLine(reviewed));
    expect(failed).toContain('## ❌ StreamAlert apply: 0 applied, 1 failed, 1 without changes');
    expect(failed).toContain('| `production` | ❌ Apply failed |');
    expect(failed).toContain(
      '**`production` failed:**\n\n```\nError: creating SNS topic: AccessDenied for ***\n```',
    );
    expect(failed).not.toContain('hunter2');
    expect(host.statuses.at(-1)?.status).toMatchObject({
      state: 'failure',
      description: 'failed: production',
    });

    // The alarm and the role were created before the failure; the cause is fixed. The same
    // push runs again: the plan is now a part of the reviewed one.
    const rest = new FakeTerraform({ production: planning(create(TOPIC)) });
    const second = await applyAndReport(
      { ...o, commit: MERGE, terraform: rest },
      host,
      planWithoutBuild,
    );
    expect(second.outcome.failure).toBeUndefined();
    expect(rest.calls.filter((c) => c.op === 'apply').map((c) => c.root)).toEqual(['production']);
    const recovered = host.comments.get(3)!;
    expect(stateLine(recovered)).toBe(stateLine(reviewed));
    expect(recovered).toContain(
      '| `production` | ✅ Applied (the remaining 1 change of the 3 reviewed) |',
    );
    expect(recovered).not.toContain('Apply failed');
    // One apply section and one reviewed plan, not nested in the previous edit.
    expect(recovered.split(APPLY_START)).toHaveLength(2);
    expect(recovered.split('<summary>The reviewed plan</summary>')).toHaveLength(2);
    expect(host.statuses.at(-1)?.status).toMatchObject({ state: 'success' });
  });

  it('a refused root: the difference in the comment and a failure status naming it', async () => {
    const tf = new FakeTerraform({ production: planning(create(ALARM)) });
    const host = new MemoryHost({ [MERGE]: { number: 4, labels: [] } });
    const o = engine(tf);
    await review(o, host, 4);
    const moved = new FakeTerraform({ production: planning(create(ALARM), create(TOPIC)) });
    await applyAndReport({ ...o, commit: MERGE, terraform: moved }, host, planWithoutBuild);
    const body = host.comments.get(4)!;
    expect(body).toContain('| `production` | ⛔ Refused |');
    expect(body).toContain(`not reviewed: create ${TOPIC}). Open a pull request`);
    expect(host.statuses.at(-1)?.status).toEqual({
      state: 'failure',
      context: APPLY_STATUS_CONTEXT,
      description: 'refused: production',
    });
  });

  it('reads a version 1 comment: the reviewed plan applies, a part of it is refused', async () => {
    const tf = new FakeTerraform({ production: planning(create(ALARM), create(TOPIC)) });
    const host = new MemoryHost({ [MERGE]: { number: 5, labels: [] } });
    const o = engine(tf);
    const v2 = await review(o, host, 5);
    // The same review as version 1 wrote it: no change lists.
    const v1 = v2.replace('"version":2', '"version":1').replace(/,"changes":\[[^\]]*\]/g, '');
    expect(parseCommentState(v1)?.version).toBe(1);
    host.comments.set(5, v1);
    const part = new FakeTerraform({ production: planning(create(TOPIC)) });
    const refused = await applyAndReport(
      { ...o, commit: MERGE, terraform: part },
      host,
      planWithoutBuild,
    );
    expect(refused.outcome.decisions[1]).toMatchObject({ kind: 'refuse' });
    expect(host.comments.get(5)).toContain('the review kept no change list');
    // The v1 state line stays as it was.
    expect(stateLine(host.comments.get(5)!)).toBe(stateLine(v1));
    const same = await applyAndReport({ ...o, commit: MERGE }, host, planWithoutBuild);
    expect(same.outcome.failure).toBeUndefined();
  });

  it('a failure status even when nothing was reviewed, and a missing permission only warns', async () => {
    const host = new MemoryHost({});
    const o = { ...engine(new FakeTerraform({})), commit: MERGE, runUrl: RUN };
    await expect(applyAndReport(o, host, planWithoutBuild)).rejects.toThrow(
      'no merged pull request found',
    );
    expect(host.statuses).toEqual([
      {
        sha: MERGE,
        status: {
          state: 'failure',
          context: APPLY_STATUS_CONTEXT,
          description: `no merged pull request found for commit ${MERGE}: nothing was reviewed, so nothing is applied`,
          targetUrl: RUN,
        },
      },
    ]);

    const tf = new FakeTerraform({ production: planning(create(ALARM)) });
    const denied = new MemoryHost({ [MERGE]: { number: 6, labels: [] } });
    denied.denyStatuses = true;
    const e = engine(tf);
    await review(e, denied, 6);
    const { outcome, warnings } = await applyAndReport(
      { ...e, commit: MERGE },
      denied,
      planWithoutBuild,
    );
    expect(outcome.failure).toBeUndefined();
    expect(warnings).toEqual([
      'could not set the commit status streamalert/apply (does the job have the statuses: write permission?): Resource not accessible by integration',
    ]);
  });
});

describe('renderApplyComment', () => {
  const reviewed = `<!-- streamalert-action:plan-comment -->\n<!-- streamalert-action:state {} -->\n## plan\n${'x'.repeat(30_000)}\n`;
  const measure = (t: string) => t.length;

  it('cuts a huge error to the budget, keeps the table and footer, and drops the plan for a note', () => {
    const output = Array.from(
      { length: 5_000 },
      (_, i) => `error line ${i} ${'y'.repeat(20)}`,
    ).join('\n');
    const body = renderApplyComment(
      {
        pullRequest: 9,
        commit: MERGE,
        roots: [
          { root: 'a', result: 'failed', output },
          { root: 'b', result: 'refused', reason: 'short reason' },
        ],
      },
      reviewed,
      { maxLength: 65_536, measure, elsewhere: 'the run log' },
    );
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(
      body.startsWith(
        '<!-- streamalert-action:plan-comment -->\n<!-- streamalert-action:state {} -->\n',
      ),
    ).toBe(true);
    expect(body).toContain('| `a` | ❌ Apply failed |');
    expect(body).toContain('error line 0 ');
    expect(body).toMatch(/… \d+ more lines not shown — the full text is in the run log\./);
    // The short refusal is whole: the big error cannot starve it.
    expect(body).toContain('short reason');
    expect(body).toContain('Applied at merge commit feedfac of #9');
    expect(body).toContain(APPLY_END);
    expect(body).toContain("it is in this comment's edit history");
  });

  it('keeps a plan that filled its comment, next to the results of ten clusters and an error', () => {
    const r = planReport([
      bigPlan('production', 400),
      ...Array.from({ length: 9 }, (_, i) => ({ ...productionChanges(), root: `c${i}` })),
    ]);
    const plan = renderComment(r);
    const applied = (reviewed: string) =>
      renderApplyComment(
        {
          pullRequest: 9,
          commit: MERGE,
          runUrl: RUN,
          roots: [
            {
              root: 'production',
              result: 'failed',
              output: 'Error: creating Lambda Permission: conflict',
            },
            ...Array.from({ length: 9 }, (_, i) => ({
              root: `c${i}`,
              result: 'applied' as const,
            })),
          ],
        },
        reviewed,
        { maxLength: COMMENT_MAX_LENGTH, measure, elsewhere: 'the run log' },
      );
    // A plan comment that took GitHub's whole limit had no room left for the results.
    expect(applied(renderComment(r, { maxLength: COMMENT_MAX_LENGTH }))).toContain(
      'no longer fits',
    );
    const body = applied(plan);
    expect(body.length).toBeLessThanOrEqual(COMMENT_MAX_LENGTH);
    expect(body).toContain('Error: creating Lambda Permission: conflict');
    expect(body).toContain('| `c8` | ✅ Applied |');
    expect(body).not.toContain('no longer fits');
    // The reviewed plan whole, below the results.
    const kept = body.slice(body.indexOf('<details><summary>The reviewed plan</summary>\n\n'));
    expect(kept).toBe(
      `<details><summary>The reviewed plan</summary>\n\n${plan.split('\n').slice(2).join('\n').replace(/\n*$/, '\n')}</details>\n`,
    );
  });

  it('a failed re-plan: nothing applied, the reason shown', () => {
    const body = renderApplyComment(
      {
        pullRequest: 9,
        commit: MERGE,
        roots: [],
        failure: 're-plan on merge failed, nothing applied: terraform failed for x (init)',
      },
      reviewed,
      { maxLength: 65_536, measure, elsewhere: 'the run log' },
    );
    expect(body).toContain('## ❌ StreamAlert apply: the re-plan failed, nothing was applied');
    expect(body).toContain('terraform failed for x (init)');
    expect(body).toContain('<details><summary>The reviewed plan</summary>');
  });
});

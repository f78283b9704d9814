/**
 * The drift command inside the engine: scheduled plans of every root keep one issue in
 * step. GitHub's issues are an in-memory tracker and Terraform a scripted one; validation
 * and rendering are real.
 */
import { describe, expect, it } from 'vitest';
import { driftCommand } from '../../src/commands/drift.js';
import type { IssueTracker } from '../../src/door-kit/github.js';
import { DRIFT_LABEL, DRIFT_MARKER, isDriftIssue } from '../../src/report/drift.js';
import { COMMENT_MARKER } from '../../src/report/comment.js';
import { change, FakeTerraform } from '../support/fake-terraform.js';
import { engine, planWithoutBuild } from './engine.js';

interface MemoryIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  open: boolean;
  comments: string[];
}

class MemoryTracker implements IssueTracker {
  readonly issues: MemoryIssue[] = [];
  private next = 1;
  /** The add-labels call fails (a token that may not label). */
  refuseLabels = false;

  private ref(i: MemoryIssue) {
    return { number: i.number, url: `https://github.test/acme/detections/issues/${i.number}` };
  }
  async findOpenIssue(isOurs: (body: string) => boolean) {
    const found = this.issues.find((i) => i.open && isOurs(i.body));
    return found ? { ...this.ref(found), body: found.body } : undefined;
  }
  async createIssue(title: string, body: string, labels: string[]) {
    const issue = { number: this.next++, title, body, labels: [], open: true, comments: [] };
    this.issues.push(issue);
    if (this.refuseLabels) return { ...this.ref(issue), labelError: 'Resource not accessible' };
    issue.labels.push(...(labels as never[]));
    return this.ref(issue);
  }
  async updateIssue(number: number, body: string) {
    const issue = this.issues.find((i) => i.number === number)!;
    issue.body = body;
    return this.ref(issue);
  }
  async closeIssue(number: number, comment: string) {
    const issue = this.issues.find((i) => i.number === number)!;
    issue.comments.push(comment);
    issue.open = false;
    return this.ref(issue);
  }
}

const STREAM = 'module.kinesis_streams.aws_kinesis_stream.this';
/** production's stream retention was changed in AWS: the plan puts it back. */
const streamDrift = (retention: number) =>
  new FakeTerraform({
    production: {
      show: {
        resource_changes: [
          change(STREAM, 'aws_kinesis_stream', ['update'], { retention_period: retention }),
        ],
      },
    },
  });
const clean = () => new FakeTerraform({});

describe('drift', () => {
  it('opens one issue naming the drifted root and resource, labelled, with a hidden marker', async () => {
    const tracker = new MemoryTracker();
    const o = engine(streamDrift(24));
    const outcome = await driftCommand(o, tracker, planWithoutBuild);
    expect(outcome.failure).toBeUndefined();
    expect(outcome.isDrifted).toBe(true);
    expect(outcome.drifted).toEqual(['production']);
    expect(tracker.issues).toHaveLength(1);
    const [issue] = tracker.issues;
    expect(issue!.labels).toEqual([DRIFT_LABEL]);
    expect(issue!.body.split('\n')[0]).toBe(DRIFT_MARKER);
    expect(isDriftIssue(issue!.body)).toBe(true);
    // Not a plan comment: apply-on-merge must never read this issue as a review.
    expect(issue!.body).not.toContain(COMMENT_MARKER);
    expect(issue!.body).not.toContain('streamalert-action:state');
    expect(issue!.body).toMatch(/\| `production` \| 📝 Changes \| 0 \| 1 \| 0 \|/);
    expect(issue!.body).toContain(STREAM);
    expect(issue!.body.length).toBeLessThanOrEqual(65_536);
    expect(outcome.issue).toEqual({
      number: 1,
      url: 'https://github.test/acme/detections/issues/1',
      action: 'opened',
    });
    expect(outcome.lines).toContain('- **production**: drifted (+0 ~1 -0)');
    expect(outcome.lines).toContain('- **global**: no drift');
    expect(outcome.summary).toContain(
      'Drift issue opened: https://github.test/acme/detections/issues/1',
    );
  });

  it('updates the same issue on the next drifted run instead of opening another', async () => {
    const tracker = new MemoryTracker();
    const o = engine(streamDrift(24));
    await driftCommand(o, tracker, planWithoutBuild);
    const first = tracker.issues[0]!.body;
    const outcome = await driftCommand(
      { ...o, terraform: streamDrift(48), commit: 'b'.repeat(40) },
      tracker,
      planWithoutBuild,
    );
    expect(outcome.issue).toMatchObject({ number: 1, action: 'updated' });
    expect(tracker.issues).toHaveLength(1);
    expect(tracker.issues[0]!.body).not.toBe(first);
    expect(tracker.issues[0]!.body).toContain('bbbbbbb');
  });

  it('closes the issue with a comment once every root plans clean', async () => {
    const tracker = new MemoryTracker();
    const o = engine(streamDrift(24));
    await driftCommand(o, tracker, planWithoutBuild);
    const outcome = await driftCommand({ ...o, terraform: clean() }, tracker, planWithoutBuild);
    expect(outcome.failure).toBeUndefined();
    expect(outcome.isDrifted).toBe(false);
    expect(outcome.issue).toMatchObject({ number: 1, action: 'closed' });
    expect(tracker.issues[0]!.open).toBe(false);
    expect(tracker.issues[0]!.comments).toEqual([
      expect.stringMatching(
        /^✅ \*\*No drift any more:\*\* all 2 roots planned without changes at commit 0123456/,
      ),
    ]);
    // The next drift opens a fresh issue rather than reviving the closed one.
    await driftCommand({ ...o, terraform: streamDrift(12) }, tracker, planWithoutBuild);
    expect(tracker.issues.map((i) => [i.number, i.open])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('does nothing to the tracker when clean and no issue is open', async () => {
    const tracker = new MemoryTracker();
    const outcome = await driftCommand(engine(clean()), tracker, planWithoutBuild);
    expect(outcome).toMatchObject({ isDrifted: false, drifted: [] });
    expect(outcome.issue).toBeUndefined();
    expect(outcome.failure).toBeUndefined();
    expect(tracker.issues).toEqual([]);
  });

  it('fails and keeps the issue open when a plan fails, even if the others are clean', async () => {
    const tracker = new MemoryTracker();
    const o = engine(streamDrift(24));
    await driftCommand(o, tracker, planWithoutBuild);
    const broken = new FakeTerraform({
      production: { plan: { code: 1, stderr: 'Error: throttled' } },
    });
    const outcome = await driftCommand({ ...o, terraform: broken }, tracker, planWithoutBuild);
    expect(outcome.failure).toBe(
      'drift check failed, issue #1 left open: terraform failed for production (plan)',
    );
    expect(outcome.isDrifted).toBeUndefined();
    expect(outcome.issue).toMatchObject({ number: 1, action: 'kept-open' });
    expect(tracker.issues[0]!.open).toBe(true);
    expect(tracker.issues[0]!.comments).toEqual([]);
    expect(outcome.lines).toContain('- **production**: :x: plan failed at plan');
  });

  it('fails without opening an issue when the configuration does not validate', async () => {
    const tracker = new MemoryTracker();
    const o = engine(clean());
    const outcome = await driftCommand(
      { ...o, configDir: `${o.configDir}-missing` },
      tracker,
      planWithoutBuild,
    );
    expect(outcome.failure).toMatch(/^drift check failed, no issue closed: validate failed/);
    expect(outcome.isDrifted).toBeUndefined();
    expect(tracker.issues).toEqual([]);
  });

  it('opens the issue without the label when labelling is refused, and says so', async () => {
    const tracker = new MemoryTracker();
    tracker.refuseLabels = true;
    const outcome = await driftCommand(engine(streamDrift(24)), tracker, planWithoutBuild);
    expect(tracker.issues).toHaveLength(1);
    expect(outcome.failure).toBeUndefined();
    expect(outcome.warning).toBe(
      `drift issue #1 opened without the label ${DRIFT_LABEL}: Resource not accessible`,
    );
  });

  it('masks secrets in the issue body', async () => {
    const tracker = new MemoryTracker();
    const tf = new FakeTerraform({
      production: {
        plan: { stdout: '  ~ retention_period = 48 -> 24 # token hunter2\n' },
        show: { resource_changes: [change(STREAM, 'aws_kinesis_stream', ['update'])] },
      },
    });
    await driftCommand(
      engine(tf, { mask: (t) => t.replaceAll('hunter2', '***') }),
      tracker,
      planWithoutBuild,
    );
    expect(tracker.issues[0]!.body).toContain('retention_period');
    expect(tracker.issues[0]!.body).not.toContain('hunter2');
  });
});

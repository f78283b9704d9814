/**
 * The merge queue check: the queued commit's plan against the plan reviewed on its pull
 * request. GitHub in memory, Terraform scripted; validation and rendering are real.
 */
import { describe, expect, it } from 'vitest';
import { publishPlanComment, type PullRequestHost } from '../../src/door-kit/github.js';
import { queuedPullRequest, verifyQueueCommand } from '../../src/commands/verify-queue.js';
import type { EngineOptions } from '../../src/door-kit/options.js';
import { renderComment } from '../../src/report/comment.js';
import { change, FakeTerraform } from '../support/fake-terraform.js';
import { engine, planWithoutBuild } from './engine.js';

const QUEUED = 'cafecafecafecafecafecafecafecafecafecafe';
const ALARM = 'module.cloudwatch_monitoring.aws_cloudwatch_metric_alarm.a';
const TOPIC = 'module.monitoring.aws_sns_topic.alerts';

class MemoryHost implements PullRequestHost {
  readonly comments = new Map<number, string>();
  writes = 0;
  async mergedPullRequestFor() {
    return undefined;
  }
  async findComment(issue: number, isOurs: (body: string) => boolean) {
    const body = this.comments.get(issue);
    return body !== undefined && isOurs(body) ? { body } : undefined;
  }
  async upsertComment(issue: number, _isOurs: (body: string) => boolean, body: string) {
    this.writes++;
    this.comments.set(issue, body);
    return { url: 'u' };
  }
}

const alarm = (threshold: number) =>
  change(ALARM, 'aws_cloudwatch_metric_alarm', ['create'], { threshold });
const plans = (...changes: ReturnType<typeof change>[]) =>
  new FakeTerraform({ production: { show: { resource_changes: changes } } });

async function reviewed(o: EngineOptions, pr: number): Promise<MemoryHost> {
  const host = new MemoryHost();
  const { report } = await planWithoutBuild(o);
  await publishPlanComment(host, pr, renderComment(report));
  host.writes = 0;
  return host;
}

describe('merge queue check', () => {
  it('reads the pull request from the queue branch', () => {
    expect(queuedPullRequest('refs/heads/gh-readonly-queue/main/pr-7-9f8e7d6c')).toBe(7);
    expect(queuedPullRequest('gh-readonly-queue/release/v2/pr-1234-abc')).toBe(1234);
    expect(queuedPullRequest('refs/heads/main')).toBeUndefined();
  });

  it('passes the queued commit when every root plans what was reviewed, and writes nothing', async () => {
    const o = engine(plans(alarm(1)));
    const host = await reviewed(o, 7);
    const outcome = await verifyQueueCommand({ ...o, commit: QUEUED }, host, 7, planWithoutBuild);
    expect(outcome.failure).toBeUndefined();
    expect(outcome.roots).toEqual([
      { root: 'global', result: 'no-changes' },
      { root: 'production', result: 'reviewed' },
    ]);
    expect(host.writes).toBe(0);
  });

  it('fails naming the root whose plan changed, and how', async () => {
    const o = engine(plans(alarm(1)));
    const host = await reviewed(o, 7);
    // main moved under the pull request: the queued commit also creates a topic.
    const withTopic = {
      ...o,
      commit: QUEUED,
      terraform: plans(alarm(1), change(TOPIC, 'aws_sns_topic', ['create'])),
    };
    const outcome = await verifyQueueCommand(withTopic, host, 7, planWithoutBuild);
    expect(outcome.roots[1]).toMatchObject({ root: 'production', result: 'differs' });
    expect(outcome.failure).toContain(
      'the queued commit plans what #7 did not review, in production: ',
    );
    expect(outcome.failure).toContain(`not reviewed: create ${TOPIC}`);
    expect(outcome.summary).toContain(
      `- **production**: :no_entry: the plan differs from the one reviewed at 0123456`,
    );
    expect(host.writes).toBe(0);

    // Same resource and action, another value: still not what was reviewed.
    const other = await verifyQueueCommand(
      { ...o, commit: QUEUED, terraform: plans(alarm(5)) },
      host,
      7,
      planWithoutBuild,
    );
    expect(other.failure).toContain('with other planned values');
  });

  it('fails without a reviewed plan or a pull request to check against', async () => {
    const o = { ...engine(plans(alarm(1))), commit: QUEUED };
    await expect(verifyQueueCommand(o, new MemoryHost(), 7, planWithoutBuild)).rejects.toThrow(
      'pull request #7 has no streamalert plan comment',
    );
    await expect(
      verifyQueueCommand(o, new MemoryHost(), undefined, planWithoutBuild),
    ).rejects.toThrow('the queue branch does not name a pull request');
  });
});

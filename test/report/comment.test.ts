import { describe, expect, it } from 'vitest';
import {
  ALLOW_DESTROY_LABEL,
  COMMENT_MARKER,
  parseCommentState,
  renderComment,
} from '../../src/report/comment.js';
import { maskSecrets } from '../../src/report/mask.js';
import { renderJobSummary } from '../../src/report/summary.js';
import type { PlanReport, RootPlan } from '../../src/plan/types.js';
import {
  bigPlan,
  change,
  COMMIT,
  fingerprint,
  kinesisDestroy,
  noChanges,
  planError,
  productionChanges,
  report,
  RUN_URL,
  sensitiveOutputs,
} from './fixtures.js';
import { expectGolden } from './golden.js';

/** The table rows, as `| name | ...`, in order. */
function tableRows(body: string): string[] {
  return body.split('\n').filter((l) => /^\| `[^`]+` \|/.test(l));
}

function expectWholeTable(body: string, r: PlanReport): void {
  expect(body).toContain('| Cluster | Result | Add | Change | Destroy |');
  expect(tableRows(body).map((l) => /^\| `([^`]+)`/.exec(l)?.[1])).toEqual(
    r.roots.map((x) => x.root),
  );
}

describe('renderComment', () => {
  it('no changes: a green heading, every cluster in the table, rule tests, commit and run link', () => {
    const r = report([noChanges('global'), noChanges('production'), noChanges('staging')], {
      ruleTests: { passed: 14, failed: 0, failures: [] },
    });
    const body = renderComment(r);
    expectGolden('no-changes', body);
    expect(body.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(body).toContain('## ✅ StreamAlert plan: no changes');
    expectWholeTable(body, r);
    expect(body).toContain('2 clusters validated');
    expect(body).toContain('14 passed, 0 failed');
    expect(body).not.toContain('destroyed or replaced');
    expect(body).toContain(`Planned for commit ${COMMIT.slice(0, 7)}`);
    expect(body).toContain(`[workflow run](${RUN_URL})`);
  });

  it('changes: counts in the table, addresses grouped by action, the plan in a diff block', () => {
    const r = report([noChanges('global'), productionChanges()]);
    const body = renderComment(r);
    expectGolden('changes', body);
    expect(body).toContain('## 📝 StreamAlert plan: changes in 1 of 2 clusters');
    expect(body).toContain('| `production` | 📝 Changes | 1 | 1 | 0 |');
    expect(body).toMatch(
      /\*\*Create\*\* \(1\)\n- `module\.cloudwatch_monitoring\.aws_cloudwatch_metric_alarm\.kinesis_iterator_age`/,
    );
    expect(body).toMatch(
      /\*\*Update\*\* \(1\)\n- `module\.stream_alert\.aws_lambda_function\.rule_processor`/,
    );
    // Symbols at column 0, so GitHub colours them; `~` shows as a change (`!`).
    expect(body).toContain(
      '\n+    resource "aws_cloudwatch_metric_alarm" "kinesis_iterator_age" {',
    );
    expect(body).toContain('\n!    resource "aws_lambda_function" "rule_processor" {');
    expect(body).toContain(
      '\n         id                             = "production_streamalert_rule_processor"',
    );
    expect(body).toContain('```diff\n');
    expect(body).not.toContain('not shown');
  });

  it('a root failing at plan: the step and the message in an error section, dashes in the table', () => {
    const r = report([noChanges('global'), planError('production'), productionChanges()], {
      ruleTests: {
        passed: 12,
        failed: 2,
        failures: [
          'rules/cloudtrail_root_login.ts: fixture root_login_console.json: expected 1 alert, got 0',
          'conf/logs.json: record 3 of fixtures/osquery.json matched no schema',
        ],
      },
    });
    r.roots[2] = { ...productionChanges(), root: 'staging' };
    const body = renderComment(r);
    expectGolden('error-plan', body);
    expect(body).toContain('## ❌ StreamAlert plan: 1 of 3 clusters failed');
    expect(body).toContain('| `production` | ❌ Failed at `plan` | – | – | – |');
    expect(body).toContain('### ❌ Errors');
    expect(body).toContain(
      '**`production` failed at `plan`:**\n\n```text\nError: Invalid value for variable\n',
    );
    expect(body).toContain('A Kinesis stream needs at least one shard.');
    expect(body).toContain('❌ **Rule tests:** 12 passed, 2 failed (below).');
    expect(body).toContain('expected 1 alert, got 0');
  });

  it('the same error in many clusters is shown once, naming them', () => {
    const roots = ['alpha', 'bravo', 'charlie'].map((name) => ({
      ...planError(name),
      fingerprint: fingerprint(name),
    }));
    const body = renderComment(report(roots));
    expect(body.split('Error: Invalid value for variable').length - 1).toBe(1);
    expect(body).toContain('**`alpha`, `bravo`, `charlie` failed at `plan`:**');
  });

  it('a pipeline failure at validate: every config problem, no table of planned clusters', () => {
    const r = report([], {
      clusterCount: 0,
      failure: {
        step: 'validate',
        messages: [
          'conf/clusters/production.json: /modules/kinesis/streams/shards: must be >= 1',
          'conf/clusters/production.json: /modules/kinesis_events: needs the kinesis module (modules.kinesis)',
          "conf/clusters/staging.json: /id: must equal the file name 'staging', found 'stage'",
          'conf/global.json: /account/region: must be one of us-east-1, us-east-2, us-west-1, us-west-2, eu-west-1',
        ],
      },
    });
    const body = renderComment(r);
    expectGolden('error-validate', body);
    expect(body).toContain('## ❌ StreamAlert plan: stopped at `validate`');
    expect(body).toContain('❌ **Validation:** failed with 4 problems (below).');
    expect(body).toContain('No cluster was planned: the run stopped at `validate`.');
    expect(body).toContain('**The run stopped at `validate`** (4 problems):');
    for (const m of r.failure!.messages) expect(body).toContain(m);
    expect(parseCommentState(body)?.roots).toEqual({});
  });

  it('60 clusters: one table row each, in order, and the whole comment within the limit', () => {
    const roots: RootPlan[] = [noChanges('global')];
    for (let i = 1; i <= 60; i++) {
      const id = `cluster_${String(i).padStart(2, '0')}`;
      if (i % 15 === 0)
        roots.push({ ...productionChanges(), root: id, fingerprint: fingerprint(id) });
      else if (i === 42) roots.push(kinesisDestroy(id));
      else roots.push(noChanges(id));
    }
    const r = report(roots);
    const body = renderComment(r);
    expectGolden('many-clusters', body);
    expect(body.length).toBeLessThanOrEqual(65_536);
    expectWholeTable(body, r);
    expect(body).toContain('## 📝 StreamAlert plan: changes in 5 of 61 clusters');
    // Only the clusters that change get a section; the table covers the rest.
    expect(body.split('<details>').length - 1).toBe(5);
    expect(body).not.toContain('<code>cluster_01</code>');
  });

  it('a plan too long for one comment: under the limit, says it was shortened, table and footer intact', () => {
    const r = report([
      noChanges('global'),
      bigPlan('production', 400),
      productionChanges(),
      noChanges('staging'),
    ]);
    r.roots[2] = { ...productionChanges(), root: 'quarantine' };
    const full = r.roots[1]!.planText.length;
    expect(full).toBeGreaterThan(200_000);
    const body = renderComment(r);
    expectGolden('too-long', body);
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body.length).toBeGreaterThan(60_000); // the budget is used, not thrown away
    expectWholeTable(body, r);
    expect(body).toMatch(
      /… [\d,]+ more lines of the plan not shown — the full plan is in the \[job summary\]\(https:\/\/github\.com\/acme\/detections\/actions\/runs\/1234567890\) and the run log\./,
    );
    // All 400 addresses are still listed, and the small cluster's plan is whole.
    expect(body).toContain('aws_lambda_permission.bucket_notification[399]`');
    expect(body).toContain('!    resource "aws_lambda_function" "rule_processor" {');
    expect(body).toContain(`Planned for commit ${COMMIT.slice(0, 7)}`);
    expect(parseCommentState(body)?.roots.production?.fingerprint).toBe(r.roots[1]!.fingerprint);

    // The job summary has the room: the whole plan, nothing cut.
    const summary = renderJobSummary(r);
    expect(summary).not.toContain('not shown');
    expect(summary).toContain('+        statement_id        = "AllowExecutionFromS3Bucket399"');
  });

  it('sensitive outputs: Terraform\'s "(sensitive value)" is shown, a known secret is masked', () => {
    const leaked = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const root = sensitiveOutputs('production');
    // A provider that forgot to mark an attribute sensitive (Digger #2677) prints the value.
    root.planText = root.planText.replace(
      '      + status                         = "Active"\n',
      `      + status                         = "Active"\n      + debug_secret_echo              = "${leaked}"\n`,
    );
    expect(root.planText).toContain(leaked);
    const masked = { ...root, planText: maskSecrets(root.planText, [leaked], []) };
    const r = report([noChanges('global'), masked]);
    const body = renderComment(r);
    expectGolden('sensitive-output', body);
    expect(body).not.toContain(leaked);
    expect(renderJobSummary(r)).not.toContain(leaked);
    expect(body).toContain('+    kinesis_production_secret_key    = (sensitive value)');
    expect(body).toContain('+        secret                         = (sensitive value)');
    expect(body).toContain('debug_secret_echo              = "***"');
  });

  it('destroying a Kinesis stream: a destroy warning and a data-loss warning with the label', () => {
    const r = report([noChanges('global'), productionChanges(), kinesisDestroy('staging')]);
    const body = renderComment(r);
    expectGolden('destroy-kinesis', body);
    expect(body).toContain('> ⚠️ **2 resources will be destroyed or replaced** in `staging`.');
    expect(body).toContain(
      `> 🛑 **Data loss: 1 data-bearing resource will be destroyed or replaced.** Apply will refuse its cluster unless the pull request has the label \`${ALLOW_DESTROY_LABEL}\`.`,
    );
    expect(body).toContain(
      '> - `staging`: `module.kinesis_streams.aws_kinesis_stream.this` (replaced)',
    );
    expect(body).toContain('| `staging` | 🛑 Changes, data loss | 1 | 0 | 2 |');
    expect(body).toMatch(
      /\*\*Replace\*\* \(1\)\n- `module\.kinesis_streams\.aws_kinesis_stream\.this` — 🛑 holds data/,
    );
    // Destroying the IAM user is a destroy, but loses no data: no mark on it.
    expect(body).toMatch(
      /\*\*Destroy\*\* \(1\)\n- `module\.kinesis_streams\.aws_iam_user\.this\[0\]`\n/,
    );
    expect(body).toContain('\n!    resource "aws_kinesis_stream" "this" {');
    // The replacement's `-/+` moves to column 0 as a change.
    expect(body).not.toMatch(/^-\/\+/m);
  });

  it('creating a data-bearing resource is not a data-loss warning', () => {
    const root: RootPlan = {
      ...noChanges('production'),
      status: 'changes',
      add: 1,
      changes: [change('module.kinesis_streams.aws_kinesis_stream.this', 'create', true)],
      planText: '  + resource "aws_kinesis_stream" "this" {}\n',
    };
    const body = renderComment(report([root]));
    expect(body).not.toContain('Data loss');
    expect(body).not.toContain('holds data');
    expect(body).not.toContain(ALLOW_DESTROY_LABEL);
  });

  it('a forget-only root (the state bucket handed over) is a change, named and counted', () => {
    const root: RootPlan = {
      ...noChanges('global'),
      status: 'changes',
      changes: [change('module.terraform_state.aws_s3_bucket.this', 'forget', true)],
      planText:
        ' # module.terraform_state.aws_s3_bucket.this will no longer be managed by Terraform, but will not be destroyed\n',
    };
    const body = renderComment(report([root]));
    expect(body).toContain('0 to add, 0 to change, 0 to destroy, 1 to forget');
    expect(body).not.toContain('changes to outputs only');
    expect(body).toContain('**Forget (left in AWS, no longer managed here)** (1)');
    expect(body).toContain('- `module.terraform_state.aws_s3_bucket.this`\n');
    // Forgetting a bucket loses nothing.
    expect(body).not.toContain('holds data');
    expect(body).not.toContain(ALLOW_DESTROY_LABEL);
  });

  it('is deterministic and takes a title', () => {
    const r = report([noChanges('global'), productionChanges(), kinesisDestroy()]);
    expect(renderComment(r)).toBe(renderComment(structuredClone(r)));
    expect(renderComment(r, { title: 'Detections plan' })).toContain(
      '## 📝 Detections plan: changes in 2 of 3 clusters',
    );
  });

  it('without a run URL the footer has the commit only', () => {
    const body = renderComment(report([noChanges('global')], { runUrl: undefined }));
    expect(body).toContain(
      `<sub>Planned for commit ${COMMIT.slice(0, 7)} · streamalert-action</sub>`,
    );
    expect(body).not.toContain('workflow run');
  });
});

describe('renderJobSummary', () => {
  it('leaves room for what else the step writes when given maxBytes', () => {
    const r = report([noChanges('global'), bigPlan('production', 400)]);
    const summary = renderJobSummary(r, { maxBytes: 100_000 });
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(100_000);
    expect(summary).toContain('the full plan is in the run log.');
  });
});

describe('the threat-intel feeds in the comment', () => {
  it('names each feed with the version the rule processors use, or says it is unpinned', () => {
    const body = renderComment(
      report([noChanges('global'), noChanges('production')], {
        threatIntelFeeds: [
          {
            feed: 'cisa_kev',
            status: 'current',
            fetchedAt: '2026-12-07T18:00:00.000Z',
            sourceVersion: '2026.12.05',
            objectVersion: 'Mx9.kq3_v2',
          },
          { feed: 'feodo', status: 'current', fetchedAt: '2026-12-07T18:04:00.000Z' },
          { feed: 'otx', status: 'absent' },
        ],
      }),
    );
    expect(body).toContain(
      [
        '🛰️ **Threat-intel feeds** the rule processors match against — the latest table of each, checked every `cache_refresh_minutes` (docs/threat-intel.md):',
        '- `cisa_kev`: fetched `2026-12-07T18:00:00.000Z`, feed version `2026.12.05`, S3 version `Mx9.kq3_v2`',
        '- `feodo`: fetched `2026-12-07T18:04:00.000Z`',
        '- `otx`: not written yet (matched once the collector writes it)',
      ].join('\n'),
    );
    const unread = renderComment(
      report([noChanges('global')], { threatIntelFeeds: [{ feed: 'urlhaus', status: 'unread' }] }),
    );
    expect(unread).toContain(
      '- `urlhaus`: latest, unpinned (the bucket was not read at plan time)\n',
    );
    // No threat intel: no section.
    expect(renderComment(report([noChanges('global')]))).not.toContain('Threat-intel');
  });

  it("never lets a feed's version text open Markdown of its own", () => {
    const hostile = '`](https://e.example)<img src=x>\n# Approved ``` | x';
    const body = renderComment(
      report([noChanges('global')], {
        threatIntelFeeds: [
          {
            feed: 'cisa_kev',
            status: 'current',
            fetchedAt: hostile,
            sourceVersion: 'x'.repeat(500),
          },
        ],
      }),
    );
    const line = body.split('\n').find((l) => l.startsWith('- `cisa_kev`'))!;
    // One line, the hostile text inside code spans longer than any backtick run in it.
    expect(line).toContain('fetched ```` `](https://e.example)<img src=x> # Approved ``` | x ````');
    expect(body).not.toContain('\n# Approved');
    expect(line).toContain(`feed version \`${'x'.repeat(64)}…\``);
    expect(line).not.toContain('x'.repeat(65));
  });
});

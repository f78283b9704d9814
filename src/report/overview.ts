/**
 * The always-visible part of the comment: heading, cluster table, destroy warnings, the
 * validation and rule-test lines, and the footer. Everything here is small per cluster,
 * because the size budget keeps it whole (see render.ts).
 */
import { ALLOW_DESTROY_LABEL, PLAN_ALL_LABEL, isDestructive, losesData } from '../review/safety.js';
import type { PlanReport, RootPlan, UnchangedRoot } from '../plan/types.js';
import { cellCode, inlineCode, plural } from './markdown.js';

/**
 * How many data-bearing resources the warning names. They are usually a handful (a stream,
 * a bucket, a delivery stream per cluster), but removing 200 clusters must not push the
 * table out of the comment; each cluster's own section still lists all of them.
 */
const MAX_NAMED_DATA_LOSSES = 20;

/** Resources a root destroys or replaces: Terraform's count (which includes replacements). */
function destroyedCount(root: RootPlan): number {
  return Math.max(root.destroy, root.changes.filter(isDestructive).length);
}

export function heading(report: PlanReport, title: string): string {
  const clusters = report.roots.length + (report.unchanged?.length ?? 0);
  const failed = report.roots.filter((r) => r.status === 'error').length;
  const changed = report.roots.filter((r) => r.status === 'changes').length;
  let result: string;
  if (report.failure) result = `❌ ${title}: stopped at ${inlineCode(report.failure.step)}`;
  else if (failed > 0) result = `❌ ${title}: ${failed} of ${plural(clusters, 'cluster')} failed`;
  else if ((report.ruleTests?.failed ?? 0) > 0) result = `❌ ${title}: rule tests failed`;
  else if (changed > 0)
    result = `📝 ${title}: changes in ${changed} of ${plural(clusters, 'cluster')}`;
  else result = `✅ ${title}: no changes`;
  return `## ${result}\n`;
}

function resultCell(root: RootPlan): string {
  if (root.status === 'error') {
    return root.error ? `❌ Failed at ${cellCode(root.error.step)}` : '❌ Failed';
  }
  if (root.status === 'no-changes') return '✅ No changes';
  if (root.changes.some(losesData)) return '🛑 Changes, data loss';
  if (destroyedCount(root) > 0) return '⚠️ Changes, destroys';
  return '📝 Changes';
}

export function tableHeader(): string {
  return '| Cluster | Result | Add | Change | Destroy |\n| --- | --- | ---: | ---: | ---: |\n';
}

export function tableRow(root: RootPlan): string {
  // An errored root has no trustworthy counts: a dash, not a reassuring 0.
  const n = (value: number): string => (root.status === 'error' ? '–' : String(value));
  return `| ${cellCode(root.root)} | ${resultCell(root)} | ${n(root.add)} | ${n(root.change)} | ${n(root.destroy)} |\n`;
}

/** A root left out of the plan (src/selection): no counts, for nothing was planned. */
export function unchangedRow(root: UnchangedRoot): string {
  return `| ${cellCode(root.root)} | ⏭️ Unchanged since ${commitRef(root.since)} | – | – | – |\n`;
}

/** The line under the table that says why some clusters were not planned, and how to plan them. */
export function unchangedNote(report: PlanReport): string {
  const count = report.unchanged?.length ?? 0;
  if (count === 0) return '';
  return (
    `⏭️ **Not planned:** ${plural(count, 'cluster')} whose rendered files, modules and processor zips are those of ` +
    `${count === 1 ? 'its' : 'their'} last apply. The label ${inlineCode(PLAN_ALL_LABEL)} plans every cluster.\n`
  );
}

/** The row that stands in for rows cut when even the table cannot fit (hundreds of clusters). */
export function moreRowsRow(count: number): string {
  return `| … | ${plural(count, 'more cluster')} — see the job summary | | | |\n`;
}

export function noRootsLine(report: PlanReport): string {
  return report.failure
    ? `No cluster was planned: the run stopped at ${inlineCode(report.failure.step)}.\n`
    : 'No cluster was planned.\n';
}

/**
 * The destroy warnings. Destroys hide easily in a long plan (stategraph #1331), so they
 * are named above the fold; data-bearing ones get a stronger line that says what apply
 * will do about them.
 */
export function warnings(report: PlanReport): string {
  const destroying = report.roots.filter((r) => r.status === 'changes' && destroyedCount(r) > 0);
  if (destroying.length === 0) return '';
  const total = destroying.reduce((sum, r) => sum + destroyedCount(r), 0);
  const where = destroying.slice(0, MAX_NAMED_DATA_LOSSES).map((r) => inlineCode(r.root));
  if (destroying.length > MAX_NAMED_DATA_LOSSES) {
    where.push(`${destroying.length - MAX_NAMED_DATA_LOSSES} more`);
  }
  let text = `> ⚠️ **${plural(total, 'resource')} will be destroyed or replaced** in ${where.join(', ')}.\n`;

  const losses = report.roots.flatMap((r) =>
    r.status === 'changes'
      ? r.changes.filter(losesData).map((c) => ({ root: r.root, change: c }))
      : [],
  );
  if (losses.length > 0) {
    text +=
      '\n' +
      `> 🛑 **Data loss: ${plural(losses.length, 'data-bearing resource')} will be destroyed or replaced.** ` +
      `Apply will refuse ${losses.length === 1 ? 'its cluster' : 'these clusters'} unless the pull request ` +
      `has the label ${inlineCode(ALLOW_DESTROY_LABEL)}.\n`;
    for (const { root, change } of losses.slice(0, MAX_NAMED_DATA_LOSSES)) {
      const verb = change.action === 'replace' ? 'replaced' : 'destroyed';
      text += `> - ${inlineCode(root)}: ${inlineCode(change.address)} (${verb})\n`;
    }
    if (losses.length > MAX_NAMED_DATA_LOSSES) {
      text += `> - … and ${losses.length - MAX_NAMED_DATA_LOSSES} more (listed in each cluster's section)\n`;
    }
  }
  return text;
}

/** The validation and rule-test lines. */
export function statusLines(report: PlanReport): string {
  const lines: string[] = [];
  if (report.failure?.step === 'validate') {
    lines.push(
      `❌ **Validation:** failed with ${plural(report.failure.messages.length, 'problem')} (below).`,
    );
  } else {
    lines.push(
      `✅ **Validation:** configuration valid, ${plural(report.clusterCount, 'cluster')} validated.`,
    );
  }
  const tests = report.ruleTests;
  if (tests) {
    const mark = tests.failed > 0 ? '❌' : '🧪';
    const below = tests.failed > 0 ? ' (below)' : '';
    lines.push(`${mark} **Rule tests:** ${tests.passed} passed, ${tests.failed} failed${below}.`);
  }
  return lines.map((l) => `${l}\n`).join('\n');
}

const SHA = /^[0-9a-f]{7,64}$/i;

/** A URL safe inside `[text](url)`: characters that would end the link are percent-encoded. */
export function linkTarget(url: string): string {
  return url.replace(
    /[\s()<>]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** A bare hex sha is auto-linked to the commit by GitHub; anything else is shown as code. */
function commitRef(commit: string): string {
  return SHA.test(commit) ? commit.slice(0, 7) : inlineCode(commit);
}

export function footer(report: PlanReport): string {
  const commit = commitRef(report.commit);
  const run = report.runUrl ? ` · [workflow run](${linkTarget(report.runUrl)})` : '';
  return `---\n<sub>Planned for commit ${commit}${run} · streamalert-action</sub>\n`;
}

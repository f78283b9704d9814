/**
 * The comment's findings and cost sections, and their part of the `summary` output. Both
 * sit in the always-visible part of the comment, so both are bounded: at most
 * MAX_FINDING_ROWS findings and waivers are listed (the rest are counted, and all are in
 * plan-report.json), and the cost table is cut with the cluster table.
 */
import { PRICES_DATE, PRICES_SOURCE } from '../cost/prices.js';
import { severityRank } from '../findings/severity.js';
import type { PlanReport, RootPlan } from '../plan/types.js';
import { cellCode, plural } from './markdown.js';

export const MAX_FINDING_ROWS = 20;

const SEVERITY_MARK = { high: '🔴 high', medium: '🟠 medium', low: '🟡 low' } as const;

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** `$12.30`, and for a delta `+$1.00` / `−$1.00`. */
function usd(n: number, signed = false): string {
  const abs = `$${Math.abs(n).toFixed(2)}`;
  if (!signed) return n < 0 ? `−${abs}` : abs;
  return n > 0 ? `+${abs}` : n < 0 ? `−${abs}` : abs;
}

export function findingsSection(report: PlanReport): string {
  const roots = report.roots.filter((r) => r.findings);
  if (roots.length === 0) return '';
  // Most severe first across clusters; within a severity, clusters in table order.
  const fresh = roots
    .flatMap((r) => r.findings!.new.map((f) => ({ root: r.root, f })))
    .map((x, i) => ({ ...x, i }))
    .sort((a, b) => severityRank(b.f.severity) - severityRank(a.f.severity) || a.i - b.i);
  const waived = roots.flatMap((r) => r.findings!.waived.map((f) => ({ root: r.root, f })));
  const existing = roots.reduce((n, r) => n + r.findings!.existing, 0);
  const bySeverity = (['high', 'medium', 'low'] as const)
    .map((s) => [s, fresh.filter((x) => x.f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const head =
    fresh.length > 0
      ? `🔒 **Findings:** ${plural(fresh.length, 'new finding')} in resources this change creates or updates (${bySeverity.join(', ')})`
      : '✅ **Findings:** none in resources this change creates or updates';
  const lines = [`${head}; ${existing} on unchanged resources; ${waived.length} waived.\n`];
  if (fresh.length > 0) {
    let table =
      '| Severity | Id | Cluster | Resource | Finding | Fix |\n| --- | --- | --- | --- | --- | --- |\n';
    for (const { root, f } of fresh.slice(0, MAX_FINDING_ROWS))
      table += `| ${SEVERITY_MARK[f.severity]} | ${f.id} | ${cellCode(root)} | ${cellCode(f.address)} | ${cell(f.message)} | ${cell(f.fix)} |\n`;
    if (fresh.length > MAX_FINDING_ROWS)
      table += `| … | ${plural(fresh.length - MAX_FINDING_ROWS, 'more finding')} in plan-report.json and the job summary | | | | |\n`;
    lines.push(table);
  }
  if (waived.length > 0) {
    let list = `<details><summary>${plural(waived.length, 'waived finding')} (global.json <code>findings.waivers</code>)</summary>\n\n`;
    for (const { root, f } of waived.slice(0, MAX_FINDING_ROWS))
      list += `- ${f.id} ${cellCode(root)} ${cellCode(f.address)}: ${cell(f.message)} — waived: ${cell(f.reason)}\n`;
    if (waived.length > MAX_FINDING_ROWS)
      list += `- … ${plural(waived.length - MAX_FINDING_ROWS, 'more')} in plan-report.json\n`;
    lines.push(`${list}\n</details>\n`);
  }
  return lines.join('\n');
}

/** The cost table, its first `rows` roots shown (as the cluster table). */
export function costSection(report: PlanReport, rows: number): string {
  const roots = report.roots.filter((r) => r.cost);
  if (roots.length === 0) return '';
  const shown = roots.slice(0, Math.max(0, rows));
  let table = '| Cluster | Region | Now | After | Delta |\n| --- | --- | ---: | ---: | ---: |\n';
  for (const r of shown) {
    const c = r.cost!;
    const mark = c.estimate ? '~' : '';
    table += `| ${cellCode(r.root)} | ${c.region}${mark} | ${usd(c.now)} | ${usd(c.after)} | ${usd(c.after - c.now, true)} |\n`;
  }
  if (shown.length < roots.length)
    table += `| … | ${plural(roots.length - shown.length, 'more cluster')} — see the job summary | | | |\n`;
  const now = roots.reduce((s, r) => s + r.cost!.now, 0);
  const after = roots.reduce((s, r) => s + r.cost!.after, 0);
  table += `| **Total** | | ${usd(now)} | ${usd(after)} | ${usd(after - now, true)} |\n`;
  const note =
    `<sub>Offline estimate, USD per month, from the list prices of ${PRICES_DATE} (${PRICES_SOURCE}; ~ = us-east-1 × a regional factor, an estimate) ` +
    `and each cluster's \`traffic\` assumption. "Now" is what exists before this plan.</sub>\n`;
  return `💰 **Monthly cost**\n\n${table}\n${note}`;
}

/**
 * The findings and cost of one root in a terminal line's words, e.g.
 * ` · findings: none new, 1 waived · $0.00 → $41.20 a month`; empty when it has neither.
 */
export function analysisText(root: RootPlan): string {
  let text = '';
  if (root.findings) {
    const { new: fresh, waived } = root.findings;
    const bySeverity = (['high', 'medium', 'low'] as const)
      .map((s) => [s, fresh.filter((f) => f.severity === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`);
    text += ` · findings: ${fresh.length === 0 ? 'none new' : `${fresh.length} new (${bySeverity.join(', ')})`}`;
    if (waived.length > 0) text += `, ${waived.length} waived`;
  }
  if (root.cost) {
    const { now, after, estimate } = root.cost;
    text += ` · ${estimate ? '~' : ''}${usd(now)} → ${usd(after)} a month`;
  }
  return text;
}

/** The findings and cost of one root for the `summary` output. */
export function analysisSummary(root: RootPlan): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (root.findings) {
    out.findings = {
      new: root.findings.new.length,
      high: root.findings.new.filter((f) => f.severity === 'high').length,
      medium: root.findings.new.filter((f) => f.severity === 'medium').length,
      low: root.findings.new.filter((f) => f.severity === 'low').length,
      existing: root.findings.existing,
      waived: root.findings.waived.length,
    };
  }
  if (root.cost) {
    const { now, after, region, estimate } = root.cost;
    out.cost = {
      currency: 'USD',
      now,
      after,
      delta: Math.round((after - now) * 100) / 100,
      region,
      estimate,
    };
  }
  return out;
}

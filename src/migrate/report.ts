/**
 * The migrate report (MIGRATION.md in the new repository, and what the command prints):
 * what was copied, each rule's result, the rules that were not translated grouped by
 * reason, and what to run next. Names and reasons come from the checkout, so every piece of
 * text is escaped for Markdown (a file name may hold `|`, a newline or a link).
 */
import type { MigrationPlan } from './migrate.js';

/** Text safe in a Markdown table cell or list item: one line, no markup. */
export function mdText(s: string): string {
  return s
    .replace(/[\r\n\u2028\u2029\u0085]+/g, ' ')
    .replace(/[\\`*_[\]<>|#!~&]/g, (c) => `\\${c}`);
}

export function migrationReport(plan: MigrationPlan, checkout: string): string {
  const rules = plan.rules;
  const stubs = rules.filter((r) => r.reason !== undefined);
  const disabled = rules.filter((r) => r.disabled);
  const lines: string[] = [
    '# StreamAlert migration',
    '',
    `From the StreamAlert checkout ${mdText(checkout)}, by \`streamalert migrate\`.`,
    '',
    `- conf/: ${plan.confFiles} file(s), copied as they are (this project reads StreamAlert's conf natively; \`streamalert validate\` names any key it treats differently)`,
    `- test events: ${plan.eventFiles} file(s), under tests/rules/ with their folders kept`,
    `- rules: ${rules.length} rule(s) in ${new Set(rules.map((r) => r.from)).size} Python file(s): ${rules.length - stubs.length} translated, ${stubs.length} not translated (stubs)${disabled.length ? `, ${disabled.length} @disable'd (written, not exported)` : ''}`,
    '',
    ...(plan.placeholders.length
      ? [
          `StreamAlert's setup placeholders (\`..._GOES_HERE\`) are still in ${plan.placeholders.map(mdText).join(', ')}: fill them (your account id, prefix, ...) first.`,
          '',
        ]
      : []),
    'Next: `streamalert validate && streamalert test`. A stub is staged (its alerts never reach an',
    'output) and throws "not translated", so the test events that expect it to fire fail until',
    'it is ported by hand: its Python is in a comment above it.',
  ];
  if (stubs.length > 0) {
    const byReason = new Map<string, string[]>();
    for (const r of stubs) byReason.set(r.reason!, [...(byReason.get(r.reason!) ?? []), r.name]);
    lines.push('', '## Not translated', '');
    for (const [reason, names] of [...byReason].sort((a, b) => b[1].length - a[1].length))
      lines.push(`- ${mdText(reason)}: ${names.map(mdText).join(', ')}`);
  }
  if (plan.unreadable.length > 0) {
    lines.push(
      '',
      '## Python files not read',
      '',
      'Their rules are not in the new repository:',
      '',
    );
    for (const u of plan.unreadable) lines.push(`- ${mdText(u.from)}: ${mdText(u.error)}`);
  }
  lines.push('', '## Rules', '', '| rule | from | written to | result |', '|---|---|---|---|');
  for (const r of rules) {
    const result =
      r.reason !== undefined
        ? `not translated: ${r.reason}`
        : r.disabled
          ? 'translated; @disable kept (not exported)'
          : 'translated';
    const notes = r.notes.length ? `; ${r.notes.join('; ')}` : '';
    lines.push(
      `| ${mdText(r.name)} | ${mdText(r.from)} | ${mdText(r.to)} | ${mdText(result + notes)} |`,
    );
  }
  const notes: string[] = [];
  if (plan.duplicates.length)
    notes.push(
      `rule names defined more than once (StreamAlert refused these too; rename one): ${plan.duplicates.map(mdText).join(', ')}`,
    );
  if (plan.eventsAdjusted.length)
    notes.push(
      `test events rewritten as StreamAlert's test runner read them: ${plan.eventsAdjusted.map(mdText).join(', ')}`,
    );
  for (const s of plan.skipped) notes.push(`not read: ${mdText(s)}`);
  if (notes.length) lines.push('', '## Notes', '', ...notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}

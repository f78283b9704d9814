/** The rule test report: the counts (plan's report reads them) and the text the CLI prints. */
import path from 'node:path';
import type { CaseResult } from './run.js';

export interface RuleTestSummary {
  passed: number;
  failed: number;
  unclassified: number;
  results: CaseResult[];
  /** Rules no fixture expects to fire: untested. */
  untestedRules: string[];
}

export function summarize(results: CaseResult[], ruleNames: readonly string[]): RuleTestSummary {
  // A rule only a correlation counts (generate: false) sends no alert of its own: a fixture
  // whose record it matched tests it.
  const tested = new Set(results.flatMap((r) => [...r.fixture.triggerRules, ...(r.counted ?? [])]));
  return {
    passed: results.filter((r) => r.passed).length,
    failed: results.filter((r) => !r.passed).length,
    unclassified: results.filter((r) => r.problems.some((p) => p.startsWith('did not classify')))
      .length,
    results,
    untestedRules: ruleNames.filter((n) => !tested.has(n)).sort(),
  };
}

function label(r: CaseResult): string {
  return `${path.basename(r.fixture.file)}#${r.fixture.index} (${r.fixture.service}: ${r.fixture.source}): ${r.fixture.description}`;
}

export function formatText(s: RuleTestSummary): string {
  const lines: string[] = [];
  for (const r of s.results) {
    lines.push(
      `[${r.passed ? 'Pass' : 'Fail'}] ${label(r)}${r.fired.length ? ` -> ${[...new Set(r.fired)].join(', ')}` : ''}`,
    );
    for (const p of r.problems) lines.push(`       ${p}`);
  }
  lines.push('');
  lines.push(
    `(${s.passed}/${s.results.length}) rule tests passed${s.failed ? `, ${s.failed} failed` : ''}${s.unclassified ? `, ${s.unclassified} record(s) did not classify` : ''}`,
  );
  if (s.untestedRules.length)
    lines.push(`rules without a fixture that fires them: ${s.untestedRules.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

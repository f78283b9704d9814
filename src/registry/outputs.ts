/**
 * The action's step outputs, defined once: action.yml and the sub-actions list them (each
 * sub-action only those its commands set), the docs table is generated from action.yml.
 */

export interface OutputDef {
  readonly name: string;
  readonly description: string;
}

export const OUTPUTS = [
  {
    name: 'has-changes',
    description: "'true' when any planned root has changes.",
  },
  {
    name: 'summary',
    description:
      'JSON per root: {"<root>": {"status": "...", "add": n, "change": n, "destroy": n, "findings": {...}, "cost": {...}}}; a root not planned because its inputs are those last applied is {"status": "unchanged", "since": "<commit>"}.',
  },
  {
    name: 'comment-url',
    description:
      'URL of the pull-request comment (plan on pull requests; on apply, the same comment edited with the results).',
  },
  {
    name: 'roots',
    description: 'command roots: JSON array of every root to plan, e.g. ["global", "production"].',
  },
  {
    name: 'matrix',
    description:
      'command roots: JSON array of comma-joined root lists, one per matrix job, for strategy.matrix.clusters.',
  },
  {
    name: 'drifted',
    description:
      "drift: 'true' when any root's plan has changes, 'false' when none has; unset when the plan failed before finding drift.",
  },
  {
    name: 'issue-url',
    description: 'drift: URL of the drift issue opened, updated, closed or left open by this run.',
  },
  {
    name: 'promoted',
    description:
      'command promote: JSON array of the rules the pull request promotes (empty when none stayed quiet).',
  },
  {
    name: 'pull-request-url',
    description:
      'command promote, when a rule is promoted: URL of the promotion pull request; command sigma-sync, when rules changed: URL of the sync pull request (opened or updated).',
  },
  {
    name: 'rule-tests',
    description:
      'command test: JSON counts of the rule fixtures, {"passed": n, "failed": n, "unclassified": n, "untested": ["<rule>", ...]}.',
  },
  {
    name: 'backtest',
    description:
      'command backtest: JSON array, one entry per added or changed rule: {"rule": "...", "status": "new|changed", "fixtures": {"before": n, "after": n}, "sample": {...}}.',
  },
] as const satisfies readonly OutputDef[];

export type OutputName = (typeof OUTPUTS)[number]['name'];

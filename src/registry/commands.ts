/**
 * The command registry: every command of either door declared once — its name, what it
 * does, which inputs it reads, which step outputs it sets, and which doors offer it. The
 * CLI's parser and usage text, the action's settings reader and action.yml's `command`
 * description, the sub-actions (jobs.ts) and the docs tables all come from here; how each
 * command runs and what it prints is src/registry/run.ts. Pure data.
 */
import { inputDef, type InputName } from './inputs.js';
import type { OutputName } from './outputs.js';

export type Door = 'action' | 'cli';

export interface CommandDef {
  readonly name: string;
  /** One line: action.yml's `command` description and the docs tables. */
  readonly summary: string;
  /** The CLI usage text's description (wrapped by usage.ts); the summary when absent. */
  readonly usage?: string;
  /** What follows the command in the CLI usage (`[folder]`). */
  readonly args?: string;
  readonly doors: readonly Door[];
  /** The inputs the command reads, beyond those every command reads (COMMON_INPUTS). */
  readonly inputs: readonly InputName[];
  /** Those of `inputs` only the action reads (what a pull request gives: its base, a token). */
  readonly actionOnly?: readonly InputName[];
  /** The action's step outputs it sets. */
  readonly outputs: readonly OutputName[];
}

/** Read by every command of a door: where paths start, what is masked, which command. */
export const COMMON_INPUTS: Readonly<Record<Door, readonly InputName[]>> = {
  action: ['command', 'working-directory', 'mask-patterns'],
  cli: ['mask-patterns'],
};

const BOTH: readonly Door[] = ['action', 'cli'];
const TERRAFORM: readonly InputName[] = [
  'out-dir',
  'build-dir',
  'parallelism',
  'terraform-binary',
  'backend-config',
  'aws-endpoint',
];
const PLAN_OUTPUTS: readonly OutputName[] = ['has-changes', 'summary', 'comment-url'];

export const COMMANDS = [
  {
    name: 'init',
    args: '[folder]',
    summary: 'scaffold a new detection repository',
    usage:
      'scaffold a new detection repository in folder (default: .): conf/, a rule and its fixtures, workflows, .gitignore; refuses a folder that is not empty',
    doors: ['cli'],
    inputs: ['force'],
    outputs: [],
  },
  {
    name: 'migrate',
    args: '<checkout> <folder>',
    summary: 'write a new repository from a StreamAlert checkout, its Python rules translated',
    usage:
      'write a new repository in folder (new or empty) from a StreamAlert checkout: conf/ as it is, its test events as fixtures, its Python rules translated to TypeScript (stubs where they cannot be); prints the report it writes to MIGRATION.md',
    doors: ['cli'],
    inputs: [],
    outputs: [],
  },
  {
    name: 'validate',
    summary: 'check the configuration (schemas and cross-file rules) and the Sigma rules',
    doors: BOTH,
    inputs: ['config-dir', 'rules-dir'],
    outputs: [],
  },
  {
    name: 'render',
    summary: 'validate, then write one Terraform root per cluster plus global',
    doors: BOTH,
    inputs: ['config-dir', 'out-dir', 'build-dir', 'aws-endpoint', 'bootstrap'],
    outputs: [],
  },
  {
    name: 'build',
    summary: 'build the Lambda zips of the rule and alert processors, and manifest.json',
    doors: BOTH,
    inputs: ['config-dir', 'rules-dir', 'build-dir', 'out-dir'],
    outputs: [],
  },
  {
    name: 'test',
    summary: 'run the rule fixtures of tests/rules against the rules',
    usage:
      'run the rule fixtures (tests/rules/*.json) against the rules; the action also writes the job summary and the rule-tests output',
    doors: BOTH,
    inputs: ['config-dir', 'rules-dir', 'fixtures-dir', 'classify-only'],
    outputs: ['rule-tests'],
  },
  {
    name: 'plan',
    summary: 'validate, render, build, test, then init/plan every root',
    usage:
      'validate, render, build, test, then init/plan every root; writes <out-dir>/plan-comment.md (the pull-request comment) and plan-report.json; without the state bucket, the first deployment (global creates it)',
    doors: BOTH,
    inputs: [
      'config-dir',
      'rules-dir',
      'fixtures-dir',
      'clusters',
      ...TERRAFORM,
      'plan-all',
      'fail-on',
      'backtest',
      'backtest-hours',
      'backtest-max-mb',
      'parts-dir',
      'github-token',
    ],
    // The backtest needs the pull request's base commit: the CLI's is the `backtest` command.
    actionOnly: ['backtest', 'backtest-hours', 'backtest-max-mb'],
    outputs: PLAN_OUTPUTS,
  },
  {
    name: 'apply',
    summary: 'apply the saved plans, on a push to the default branch what was reviewed',
    usage:
      'apply the saved plans; refuses a plan that is stale, a first deployment and the destroy of a removed cluster',
    doors: BOTH,
    inputs: ['config-dir', 'rules-dir', 'fixtures-dir', 'clusters', ...TERRAFORM, 'github-token'],
    outputs: PLAN_OUTPUTS,
  },
  {
    name: 'drift',
    summary:
      'plan every root and keep one drift issue open while any has changes, for a schedule workflow',
    usage:
      'plan every root as merged and print the drift report; with --repo and GITHUB_TOKEN, keep the one drift issue as the action does',
    doors: BOTH,
    inputs: ['config-dir', 'rules-dir', ...TERRAFORM, 'github-token', 'repo'],
    outputs: ['has-changes', 'summary', 'drifted', 'issue-url'],
  },
  {
    name: 'roots',
    summary: 'list the roots for a matrix plan',
    usage: 'list the roots to plan and their split over --matrix-jobs matrix jobs, as JSON',
    doors: BOTH,
    inputs: ['config-dir', 'clusters', 'matrix-jobs'],
    outputs: ['roots', 'matrix'],
  },
  {
    name: 'comment',
    summary: "merge the matrix plan jobs' report parts into the one comment",
    usage:
      "merge the report parts in --parts-dir (a matrix plan's jobs) into the one plan comment, printed as markdown",
    doors: BOTH,
    inputs: [
      'config-dir',
      'clusters',
      'parts-dir',
      'out-dir',
      'build-dir',
      'aws-endpoint',
      'fail-on',
      'github-token',
    ],
    outputs: PLAN_OUTPUTS,
  },
  {
    name: 'promote',
    summary:
      'on a schedule: one pull request removing `staged: true` from the staged rules that stayed quiet',
    usage:
      'count the alerts of the staged rules; with --repo and GITHUB_TOKEN, open the pull request promoting the quiet ones, as the action does; without, only print the counts',
    doors: BOTH,
    inputs: [
      'config-dir',
      'rules-dir',
      'fixtures-dir',
      'aws-endpoint',
      'quiet-threshold',
      'promote-after-hours',
      'github-token',
      'repo',
    ],
    outputs: ['promoted', 'pull-request-url'],
  },
  {
    name: 'sigma-sync',
    summary:
      'bring a pinned release of a Sigma rule repository into rules/sigma/ as one pull request, keeping local edits',
    usage:
      'bring the Sigma rules of --sigma-ref (of --sigma-repository) into rules/sigma/, merging local edits three ways; with --repo and GITHUB_TOKEN, open or update the pull request, as the action does; without, write the files into the checkout',
    doors: BOTH,
    inputs: [
      'config-dir',
      'rules-dir',
      'sigma-repository',
      'sigma-ref',
      'sigma-folders',
      'github-token',
      'repo',
    ],
    outputs: ['pull-request-url'],
  },
  {
    name: 'backtest',
    summary:
      'count the alerts each added or changed rule raises before and after, over the fixtures and a Firehose sample',
    usage:
      'count the alerts of the rules changed since --base, before and after, over the fixtures and a sample of the Firehose data buckets',
    doors: BOTH,
    inputs: [
      'config-dir',
      'rules-dir',
      'fixtures-dir',
      'aws-endpoint',
      'backtest-hours',
      'backtest-max-mb',
      'base',
    ],
    outputs: ['backtest'],
  },
  {
    name: 'demo',
    summary: 'deploy an example into a local AWS stand-in and show its alerts',
    usage:
      '(npm run demo) deploy an example into a fresh local AWS stand-in (moto; needs python3 and pip install "moto[server]") as the action does on a first merge, send its sample records through it and show the alerts; never real AWS, and stops everything it started',
    doors: ['cli'],
    inputs: ['example', 'aws-endpoint'],
    outputs: [],
  },
] as const satisfies readonly CommandDef[];

export type CommandName = (typeof COMMANDS)[number]['name'];

/** The commands a door offers, in registry order. */
export function commandsOf(door: Door): readonly CommandDef[] {
  return COMMANDS.filter((c: CommandDef) => c.doors.includes(door));
}

export function commandDef(name: CommandName): CommandDef {
  return COMMANDS.find((c) => c.name === name)!;
}

/** Every input a command reads through `door` (common ones first), each once. */
export function inputsOf(name: CommandName, door: Door): readonly InputName[] {
  const def = commandDef(name);
  const only: readonly InputName[] = door === 'cli' ? (def.actionOnly ?? []) : [];
  return [...new Set([...COMMON_INPUTS[door], ...def.inputs])].filter(
    (n) => inputDef(n)[door] !== undefined && !only.includes(n),
  );
}

/**
 * The layer table: every top-level folder of src/, what it holds, and which folders it may
 * import. This is the one source: test/architecture/layers.test.ts checks every import of
 * src/ against it (and that the folders form no cycle), and `npm run docs` writes it into
 * docs/architecture.md. To add a folder or an import between folders, change it here first.
 *
 * Folders are listed from the bottom up: a folder imports only folders listed before it.
 */

export interface Layer {
  /** The folder under src/. */
  readonly folder: string;
  /** What it holds, in one line (Markdown). */
  readonly holds: string;
  /** The folders it may import (its own files aside). */
  readonly mayImport: readonly string[];
  /**
   * When set, the only npm packages it may import (`@scope/*` for a whole scope); Node's
   * built-ins (`node:*`) are always allowed. When absent, any package in package.json.
   */
  readonly packages?: readonly string[];
}

/** The npm scope only the doors' side may import: the Actions toolkit. */
export const ACTIONS_SCOPE = '@actions/*';

/** The folders that may import @actions/* (the action door, its kit, the GitHub client). */
export const ACTIONS_FOLDERS: readonly string[] = ['action', 'door-kit', 'github'];

export const LAYERS: readonly Layer[] = [
  {
    folder: 'shared',
    holds:
      'helpers that know no feature: the log mask, the package root, repository files, the S3 client, the annotation port, a bounded parallel map',
    mayImport: [],
    packages: ['@aws-sdk/*'],
  },
  {
    folder: 'rules-api',
    holds: 'what a rule file imports (`rule`, matchers, types); bundled into the Lambdas',
    mayImport: [],
    packages: [],
  },
  {
    folder: 'processors',
    holds:
      'the Lambda code: rule processor (classify, run rules), alert processor (outputs), alert merger, pull collectors (SaaS logs to Kinesis), the detection bundle (its format, loading and reloading it from S3), their own config and logger',
    mayImport: ['rules-api', 'shared'],
    packages: ['@aws-sdk/*', 'aws4', 'jsonpath-plus'],
  },
  {
    folder: 'sigma',
    holds:
      'Sigma rules compiled at build time: the YAML with positions, modifiers, conditions, the logsource table, the `re` backtracking check',
    mayImport: ['processors', 'rules-api'],
    packages: ['yaml'],
  },
  {
    folder: 'plan-resources',
    holds:
      "Terraform's plan JSON read as planned resources, before and after (what findings and cost judge)",
    mayImport: [],
    packages: [],
  },
  {
    folder: 'findings',
    holds: 'security findings over the planned resources: the rules, their ids, severities',
    mayImport: ['plan-resources'],
    packages: [],
  },
  {
    folder: 'config',
    holds: 'conf/ read and checked: JSON schemas, cross-file checks, problems, the typed `Config`',
    mayImport: ['findings', 'processors', 'shared'],
  },
  {
    folder: 'cost',
    holds: 'the monthly cost estimate of a root, before and after its plan',
    mayImport: ['config', 'plan-resources'],
  },
  {
    folder: 'render',
    holds:
      'the Terraform roots rendered from `Config` (model, templates, HCL escaping, tree writing)',
    mayImport: ['config', 'processors', 'shared'],
  },
  {
    folder: 'rule-test',
    holds: 'rule fixtures: reading them and running them through the rule processor',
    mayImport: ['processors', 'rules-api', 'shared'],
  },
  {
    folder: 'sandbox',
    holds: "the rule sandbox: the pull request's rules run in a child process without credentials",
    mayImport: ['processors', 'rule-test', 'rules-api', 'shared'],
  },
  {
    folder: 'build',
    holds: 'the Lambda zips and manifest: the rule set compiled and checked, deterministic zips',
    mayImport: ['config', 'processors', 'render', 'rules-api', 'sandbox', 'shared', 'sigma'],
  },
  {
    folder: 'backtest',
    holds: "a changed rule's alerts before and after, over the fixtures and a sample of records",
    // processors: the sample reads the live lookup tables with the rule processor's own loaders.
    mayImport: ['build', 'config', 'processors', 'rule-test', 'sandbox', 'shared'],
  },
  {
    folder: 'plan',
    holds: 'the plan report: what planning every root produced (types only)',
    mayImport: ['backtest', 'config', 'cost', 'findings'],
  },
  {
    folder: 'review',
    holds:
      'apply only what was reviewed: the reviewed state in the comment, the apply decision, plan safety',
    mayImport: ['plan'],
  },
  {
    folder: 'report',
    holds:
      'the markdown reviewers read: the pull-request comment, job summary, apply and drift reports, masking',
    mayImport: ['backtest', 'cost', 'findings', 'plan', 'review'],
  },
  {
    folder: 'matrix',
    holds: "a matrix plan's report parts: written per job, checked and merged into one report",
    mayImport: ['plan'],
  },
  {
    folder: 'state',
    holds: 'the Terraform state bucket: where each root keeps its state, what is there',
    mayImport: ['config', 'render', 'shared'],
  },
  {
    folder: 'selection',
    holds:
      "plan what changed: each root's inputs fingerprint, the roots whose inputs are those last applied, keeping the applied records true",
    mayImport: ['plan', 'render', 'shared', 'state'],
  },
  {
    folder: 'terraform',
    holds: 'the Terraform runner: init, plan, show, apply; plan JSON to changes and fingerprint',
    mayImport: ['config', 'plan', 'render', 'review', 'shared'],
  },
  {
    folder: 'github',
    holds: 'the GitHub REST client (Octokit)',
    mayImport: [],
  },
  {
    folder: 'init',
    holds: "`init`'s scaffold and its safe file writing",
    mayImport: ['shared'],
  },
  {
    folder: 'migrate',
    holds:
      '`migrate`: a StreamAlert checkout read safely, its Python rules parsed (a Python subset) and translated to TypeScript rules, the report',
    mayImport: ['init', 'shared'],
  },
  {
    folder: 'local-aws',
    holds: 'the local AWS stand-in (moto): starting it, its clients, the resources a conf expects',
    mayImport: ['config', 'render', 'shared'],
  },
  {
    folder: 'door-kit',
    holds:
      'what both doors share: engine options, input rules, failure messages, masking, GitHub hosts, annotations, plan outcome lines',
    mayImport: [
      'backtest',
      'build',
      'config',
      'findings',
      'github',
      'init',
      'plan',
      'render',
      'report',
      'review',
      'shared',
      'state',
      'terraform',
    ],
  },
  {
    folder: 'steps',
    holds:
      "pipeline steps commands compose: build and rule tests, a root's analysis, the first deployment",
    mayImport: [
      'build',
      'config',
      'cost',
      'door-kit',
      'findings',
      'plan',
      'plan-resources',
      'render',
      'review',
      'rule-test',
      'sandbox',
      'state',
      'terraform',
    ],
  },
  {
    folder: 'promote',
    holds: 'staged rules: their alert counts, the edit that promotes them, its check',
    mayImport: ['build', 'processors', 'shared', 'steps'],
  },
  {
    folder: 'sigma-sync',
    holds:
      "`sigma-sync`: an upstream rule repository's tarball read with bounds, the three-way merge of each rule, the lock and the pull request's body",
    mayImport: ['report'],
  },
  {
    folder: 'demo',
    holds:
      'the demo: an example deployed on a local AWS as the action deploys it, then fed records',
    mayImport: [
      'build',
      'config',
      'door-kit',
      'local-aws',
      'plan',
      'processors',
      'rule-test',
      'shared',
      'state',
    ],
  },
  {
    folder: 'commands',
    holds:
      'one file per command (validate, render, build, test, plan, apply, drift, …), composing the layers below',
    mayImport: [
      'backtest',
      'build',
      'config',
      'demo',
      'door-kit',
      'findings',
      'init',
      'matrix',
      'migrate',
      'plan',
      'promote',
      'render',
      'report',
      'review',
      'rule-test',
      'sandbox',
      'selection',
      'shared',
      'sigma',
      'sigma-sync',
      'state',
      'steps',
      'terraform',
    ],
  },
  {
    folder: 'registry',
    holds:
      'the command registry: every command, input and output defined once, with the runner both doors call',
    mayImport: ['commands', 'config', 'door-kit', 'plan', 'report'],
  },
  {
    folder: 'action',
    holds: 'the action door: inputs and event to options, runs a command, outputs',
    mayImport: ['commands', 'door-kit', 'findings', 'plan', 'registry'],
  },
  {
    folder: 'cli',
    holds: 'the CLI door: flags to options, runs a command, exit code',
    mayImport: ['commands', 'door-kit', 'registry'],
  },
  {
    folder: 'docs',
    holds:
      "the generators of the docs' reference tables and action files (`npm run docs`), this table included",
    mayImport: ['cli', 'config', 'findings', 'processors', 'registry'],
  },
];

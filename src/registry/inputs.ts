/**
 * Every setting a user can give, defined once: its action input name, CLI flag, description,
 * default and kind. The action's settings reader (src/action/settings.ts) and the CLI's
 * argument parser (src/cli/args.ts) take their names and defaults from here, and action.yml,
 * the sub-actions' action.yml files, the CLI usage text and the docs tables are generated
 * from it (`npm run docs`). Pure data: no parsing, no I/O.
 */

/**
 * How a value is written. `lines`: one entry per line in the action, a repeatable flag in the
 * CLI. `flag`: a CLI switch without a value (CLI only).
 */
export type InputKind = 'string' | 'path' | 'list' | 'lines' | 'boolean' | 'number' | 'flag';

export interface InputDef {
  /** The action input's name (`config-dir`): also the CLI flag unless `cli.flag` says otherwise. */
  readonly name: string;
  readonly kind: InputKind;
  /** The default as action.yml writes it ('' when there is none: the reader decides). */
  readonly default: string;
  /** action.yml's description (one paragraph). */
  readonly description: string;
  /** Absent: the action has no such input (a CLI-only flag). */
  readonly action?: true;
  /** Absent: the CLI has no such flag (an action-only input). */
  readonly cli?: {
    /** The flag when it differs from the input name (`mask-pattern`, repeatable). */
    readonly flag?: string;
    /** What the usage text shows after the flag (`DIR`, `URL`). */
    readonly arg?: string;
    /** The usage text's lines for this flag. */
    readonly help: string;
    /** The CLI's default when it differs from the action's (shown in the usage). */
    readonly default?: string;
  };
}

const both = { action: true } as const;

/** In the order action.yml lists them; CLI-only flags last. */
export const INPUTS = [
  {
    name: 'command',
    kind: 'string',
    default: 'auto',
    ...both,
    // The description lists the commands: generated from the command registry (commands.ts).
    description: '',
  },
  {
    name: 'config-dir',
    kind: 'path',
    default: 'conf',
    ...both,
    description:
      'Configuration folder (global.json, clusters/, logs.json, sources.json, outputs.json).',
    cli: { arg: 'DIR', help: 'configuration folder (default: conf)' },
  },
  {
    name: 'rules-dir',
    kind: 'path',
    default: 'rules',
    ...both,
    description:
      'Folder of detection rules: *.ts or *.js (the rules API) and *.yml Sigma rules, its sub-folders included.',
    cli: { arg: 'DIR', help: 'the detection rules (default: rules)' },
  },
  {
    name: 'fixtures-dir',
    kind: 'path',
    default: 'tests/rules',
    ...both,
    description:
      'Rule test fixtures (tests/rules/*.json), run before planning and shown in the comment. Skipped when absent.',
    cli: { arg: 'DIR', help: 'the rule fixtures (default: tests/rules)' },
  },
  {
    name: 'working-directory',
    kind: 'path',
    default: '.',
    ...both,
    description: 'Folder the other paths are relative to.',
  },
  {
    name: 'out-dir',
    kind: 'path',
    default: 'terraform',
    ...both,
    description: 'Where the rendered Terraform tree goes.',
    cli: {
      arg: 'DIR',
      help: 'where the Terraform tree goes (default: terraform); build: where the zips go (default: build)',
    },
  },
  {
    name: 'build-dir',
    kind: 'path',
    default: 'build',
    ...both,
    description: 'Where the processor zips are built.',
    cli: { arg: 'DIR', help: 'where the processor zips are built (default: build)' },
  },
  {
    name: 'clusters',
    kind: 'list',
    default: '',
    ...both,
    description:
      'Comma- or space-separated roots to plan/apply (cluster ids and/or global). Empty means all.',
    cli: { arg: 'a,b', help: 'only these roots (cluster ids and/or global; commas or spaces)' },
  },
  {
    name: 'parallelism',
    kind: 'number',
    default: '',
    ...both,
    description: 'Roots planned at the same time. Empty means the number of CPUs.',
    cli: { arg: 'N', help: 'roots planned at once (default: number of CPUs)' },
  },
  {
    name: 'fail-on',
    kind: 'string',
    default: 'none',
    ...both,
    description:
      'Fail the check when this change brings a new, unwaived security finding of this severity or above (none, high or medium). Findings are listed in the comment either way.',
    cli: {
      arg: 'LEVEL',
      help: 'exit 1 when this change brings a new unwaived security finding of LEVEL or above: none (default), high or medium',
    },
  },
  {
    name: 'classify-only',
    kind: 'boolean',
    default: 'false',
    ...both,
    description:
      "test: check each test event's classification only, without the rules' alerts (StreamAlert's `manage.py test classifier`); true or false.",
    cli: {
      help: "check each test event's classification only, not the rules' alerts (StreamAlert's manage.py test classifier)",
    },
  },
  {
    name: 'plan-all',
    kind: 'boolean',
    default: 'false',
    ...both,
    description:
      'Plan every root (true or false). By default a pull request plans only the roots whose rendered files, modules and processor zips differ from those last applied; the others are listed as unchanged. The pull-request label streamalert:plan-all does the same for one pull request (in every job); the scheduled drift run always plans every root.',
    cli: {
      help: 'plan every root, not only those whose inputs differ from what was last applied (the state bucket keeps a record per root)',
    },
  },
  {
    name: 'backtest',
    kind: 'boolean',
    default: 'true',
    ...both,
    description:
      'On pull requests, show in the plan comment how many alerts each added or changed rule raises before and after the change, over the fixtures and a sample of the Firehose data buckets (true or false). Needs the base commit in the checkout (actions/checkout with fetch-depth 0) for the "before" counts.',
  },
  {
    name: 'backtest-hours',
    kind: 'number',
    default: '6',
    ...both,
    description: 'How many hours of recent Firehose records the backtest samples (at most 168).',
    cli: { arg: 'H', help: 'hours of recent Firehose records sampled (default: 6, at most 168)' },
  },
  {
    name: 'backtest-max-mb',
    kind: 'number',
    default: '50',
    ...both,
    description:
      'At most this many MB of Firehose lines (decompressed) are read for the backtest (at most 1024).',
    cli: { arg: 'MB', help: 'at most this many MB of Firehose lines read (default: 50)' },
  },
  {
    name: 'github-token',
    kind: 'string',
    default: '${{ github.token }}',
    ...both,
    description:
      'Token for the pull-request comment, for finding the merged pull request, for the drift issue and for the promotion pull request.',
  },
  {
    name: 'terraform-binary',
    kind: 'string',
    default: 'terraform',
    ...both,
    description: 'terraform or tofu (or a path to either), already on the runner.',
    cli: { arg: 'BIN', help: 'terraform or tofu (default: terraform)' },
  },
  {
    name: 'backend-config',
    kind: 'lines',
    default: '',
    ...both,
    description: 'key=value lines passed as -backend-config to every terraform init.',
    cli: { arg: 'K=V', help: 'passed to every terraform init (repeatable)' },
  },
  {
    name: 'mask-patterns',
    kind: 'lines',
    default: '',
    ...both,
    description:
      'Regular expressions, one per line; matches are replaced by *** in the comment, the job summary, the report files, the annotations and the log (a named group secret masks only that group).',
    cli: {
      flag: 'mask-pattern',
      arg: 'REGEX',
      help: 'mask what REGEX matches (or its group named secret) as *** in every message, plan-comment.md and plan-report.json (repeatable); credentials in AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, GITHUB_TOKEN, GH_TOKEN and TF_TOKEN_* are always masked',
    },
  },
  {
    name: 'aws-endpoint',
    kind: 'string',
    default: '',
    ...both,
    description:
      'Send every AWS call (provider and S3 backend) to this URL, S3 path-style (LocalStack, moto).',
    cli: {
      arg: 'URL',
      help: 'send every AWS call to URL (LocalStack, moto), S3 path-style; demo: a stand-in already running on this machine (npm run local-aws)',
    },
  },
  {
    name: 'parts-dir',
    kind: 'path',
    default: '',
    ...both,
    description:
      "Matrix plan: with command plan (or auto on a pull request), write this job's report part into this folder instead of the pull-request comment; with command comment (required), merge every part found in it (the downloaded artifacts) into the one comment.",
    cli: {
      arg: 'DIR',
      help: "a matrix plan's report parts: plan writes its part there, comment (required) merges them all",
    },
  },
  {
    name: 'matrix-jobs',
    kind: 'number',
    default: '',
    ...both,
    description:
      'With command roots, split the roots over at most this many matrix jobs (1-256). Empty means one job per root.',
    cli: { arg: 'N', help: 'split the roots over at most N matrix jobs (1-256)' },
  },
  {
    name: 'quiet-threshold',
    kind: 'number',
    default: '0',
    ...both,
    description:
      'With command promote, the most alerts a staged rule may raise on any one day (UTC) and still be promoted.',
    cli: { arg: 'N', help: 'most alerts a staged rule may raise on any one day (default: 0)' },
  },
  {
    name: 'promote-after-hours',
    kind: 'number',
    default: '48',
    ...both,
    description:
      'With command promote, how many hours a rule stays staged (since its staged-since marker, its first staged alert or the first promote run that saw it) before it can be promoted.',
    cli: { arg: 'H', help: 'hours a rule stays staged before it can be promoted (default: 48)' },
  },
  {
    name: 'sigma-repository',
    kind: 'string',
    default: 'SigmaHQ/sigma',
    ...both,
    description:
      'With command sigma-sync, the repository (owner/name) the Sigma rules come from; any repository the token can read.',
    cli: {
      arg: 'OWNER/NAME',
      help: 'the repository Sigma rules come from (default: SigmaHQ/sigma)',
    },
  },
  {
    name: 'sigma-ref',
    kind: 'string',
    default: '',
    ...both,
    description:
      'With command sigma-sync (required), the release tag, branch or commit to bring: pin a release, and change it to update.',
    cli: { arg: 'REF', help: 'the release tag or commit to bring (required)' },
  },
  {
    name: 'sigma-folders',
    kind: 'list',
    default: 'rules/cloud',
    ...both,
    description:
      "With command sigma-sync, the upstream folders whose .yml rules are brought into the rules folder's sigma/ (comma-separated).",
    cli: { arg: 'A,B', help: 'upstream folders to bring (default: rules/cloud)' },
  },
  // CLI only: what a runner takes from the event or the workflow.
  {
    name: 'repo',
    kind: 'string',
    default: '',
    description: 'The GitHub repository (owner/name) a local run writes to, with GITHUB_TOKEN.',
    cli: {
      arg: 'OWNER/NAME',
      help: 'with GITHUB_TOKEN (or GH_TOKEN) set: keep the drift issue, open the promotion pull request in this repository',
    },
  },
  {
    name: 'base',
    kind: 'string',
    default: 'HEAD',
    description: 'The commit the backtest counts "before" with.',
    cli: {
      arg: 'REF',
      help: 'the commit whose rules count "before" (default: HEAD, so your uncommitted rule edits are "after")',
    },
  },
  {
    name: 'bootstrap',
    kind: 'flag',
    default: 'false',
    description: 'Render the global root with a local backend, to create the state bucket.',
    cli: { help: 'global root with a local backend, to create the state bucket' },
  },
  {
    name: 'example',
    kind: 'string',
    default: 'production',
    description: 'The example under examples/ the demo deploys.',
    // The demo's own default: only a given --example reaches it.
    cli: {
      arg: 'NAME',
      help: 'the example under examples/ to deploy (default: production)',
      default: '',
    },
  },
  {
    name: 'force',
    kind: 'flag',
    default: 'false',
    description: 'init: add the missing files to a folder that is not empty.',
    cli: {
      help: 'add the missing files to a folder that is not empty; a file already there is never overwritten (those that differ are listed)',
    },
  },
] as const satisfies readonly InputDef[];

export type InputName = (typeof INPUTS)[number]['name'];

const BY_NAME: ReadonlyMap<string, InputDef> = new Map(INPUTS.map((i) => [i.name, i]));

export function inputDef(name: InputName): InputDef {
  return BY_NAME.get(name)!;
}

/** The default of an input, as both doors apply it ('' when the reader decides). */
export function inputDefault(name: InputName): string {
  return inputDef(name).default;
}

/** The action's inputs, in action.yml's order. */
export const ACTION_INPUTS: readonly InputDef[] = INPUTS.filter((i: InputDef) => i.action);

/** The CLI's flags (with `--help` added by the parser). */
export const CLI_INPUTS: readonly InputDef[] = INPUTS.filter((i: InputDef) => i.cli);

/** The CLI flag of an input (`mask-patterns` → `mask-pattern`). */
export function flagOf(i: InputDef): string {
  return i.cli?.flag ?? i.name;
}

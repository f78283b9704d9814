/**
 * The kinds of job a workflow runs, each with the few inputs it reads: the sub-actions
 * (`uses: org/streamalert-action/<job>@v1`, each `<job>/action.yml`) are generated from
 * these, so a job's `with:` offers only what that job can use. The root action.yml keeps
 * every input for the workflows written against it. Pure data; the tests hold each job to
 * MAX_JOB_INPUTS inputs, every one of them read by one of its commands.
 */
import type { CommandName } from './commands.js';
import type { InputName } from './inputs.js';

/** The most inputs a job's action offers. */
export const MAX_JOB_INPUTS = 12;

export interface JobDef {
  /** The sub-action's folder (`deploy` → deploy/action.yml). */
  readonly name: string;
  /** action.yml's `name` and first sentence of its description. */
  readonly title: string;
  readonly description: string;
  /** The commands the job runs; the first is the `command` input's default. */
  readonly commands: readonly (CommandName | 'auto')[];
  /** The inputs its action.yml lists, in this order (`command` always first). */
  readonly inputs: readonly InputName[];
}

export const JOBS: readonly JobDef[] = [
  {
    name: 'deploy',
    title: 'StreamAlert deploy',
    description:
      'The pull-request and merge job: plans every root with one live pull-request comment, and applies what was reviewed on the push to the default branch (command auto).',
    commands: ['auto', 'plan', 'apply'],
    inputs: [
      'command',
      'working-directory',
      'config-dir',
      'rules-dir',
      'clusters',
      'fail-on',
      'backtest',
      'github-token',
      'terraform-binary',
      'backend-config',
      'mask-patterns',
      'aws-endpoint',
    ],
  },
  {
    name: 'drift',
    title: 'StreamAlert drift',
    description:
      'The scheduled drift job: plans every root as merged and keeps one drift issue open while any root has changes.',
    commands: ['drift'],
    inputs: [
      'command',
      'working-directory',
      'config-dir',
      'rules-dir',
      'parallelism',
      'github-token',
      'terraform-binary',
      'backend-config',
      'mask-patterns',
      'aws-endpoint',
    ],
  },
  {
    name: 'promote',
    title: 'StreamAlert promote',
    description:
      'The scheduled promotion job: one pull request removing `staged: true` from the staged rules that stayed quiet.',
    commands: ['promote'],
    inputs: [
      'command',
      'working-directory',
      'config-dir',
      'rules-dir',
      'fixtures-dir',
      'quiet-threshold',
      'promote-after-hours',
      'github-token',
      'mask-patterns',
      'aws-endpoint',
    ],
  },
  {
    name: 'sigma-sync',
    title: 'StreamAlert Sigma sync',
    description:
      'The scheduled Sigma job: one pull request bringing a pinned release of a Sigma rule repository into rules/sigma/, local edits kept.',
    commands: ['sigma-sync'],
    inputs: [
      'command',
      'working-directory',
      'config-dir',
      'rules-dir',
      'sigma-repository',
      'sigma-ref',
      'sigma-folders',
      'github-token',
      'mask-patterns',
    ],
  },
  {
    name: 'matrix',
    title: 'StreamAlert matrix plan',
    description:
      'The three jobs of a matrix plan: roots (list the roots for strategy.matrix), plan (one job per group of roots, writing its report part into parts-dir) and comment (merge the parts into the one pull-request comment).',
    commands: ['roots', 'plan', 'comment'],
    inputs: [
      'command',
      'working-directory',
      'config-dir',
      'rules-dir',
      'clusters',
      'matrix-jobs',
      'parts-dir',
      'fail-on',
      'github-token',
      'terraform-binary',
      'backend-config',
      'mask-patterns',
    ],
  },
];

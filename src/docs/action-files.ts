/**
 * action.yml and the sub-actions' `<job>/action.yml`, written whole from the registry
 * (src/registry): `npm run docs` writes them, and test/registry/action-files.test.ts fails
 * when one differs from what the registry says. Descriptions are folded (`>-`) and defaults
 * single-quoted, the part of YAML that action-yml.ts reads back for the docs tables.
 */
import { commandDef, commandsOf, type CommandName } from '../registry/commands.js';
import { ACTION_INPUTS, inputDef, type InputDef, type InputName } from '../registry/inputs.js';
import { JOBS, type JobDef } from '../registry/jobs.js';
import { OUTPUTS, type OutputDef, type OutputName } from '../registry/outputs.js';

export interface GeneratedFile {
  /** Relative to the repository root. */
  readonly path: string;
  render(): string;
}

const WIDTH = 100;

/** `text` folded into lines of at most WIDTH characters (a longer word stays whole). */
function fold(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > WIDTH) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

const quoted = (s: string): string => `'${s.replace(/'/g, "''")}'`;

function entry(
  name: string,
  description: string,
  def: string | undefined,
  indent = '  ',
): string[] {
  if (/\s{2}|^\s|\s$|\n/.test(description))
    throw new Error(`${name}: a description is one paragraph with single spaces`);
  return [
    `${indent}${name}:`,
    `${indent}  description: >-`,
    ...fold(description, `${indent}    `),
    ...(def !== undefined ? [`${indent}  default: ${quoted(def)}`] : []),
  ];
}

/** What `auto` does, as the `command` input says it. */
const AUTO =
  'auto (plan on pull_request, apply on a push to the default branch, check the queued commit against the reviewed plan on merge_group, drift on schedule)';

const commandList = (names: readonly CommandName[]): string =>
  names.map((n) => `${n} (${commandDef(n).summary})`).join('; ');

/** The root action's `command` description: auto, then every command the action offers. */
export function rootCommandDescription(): string {
  return `${AUTO}, or one of: ${commandList(commandsOf('action').map((c) => c.name as CommandName))}.`;
}

/** A job's `command` description: its commands only. */
export function jobCommandDescription(job: JobDef): string {
  const named = job.commands.filter((c): c is CommandName => c !== 'auto');
  if (job.commands.length === 1) return `This job's command: ${commandList(named)}. Leave it.`;
  return `${job.commands[0] === 'auto' ? `${AUTO}, or one of` : 'One of'}: ${commandList(named)}.${
    job.commands[0] === 'auto' ? '' : ` Default ${job.commands[0]}.`
  }`;
}

interface ActionSpec {
  name: string;
  description: string;
  inputs: readonly { def: InputDef; description: string; default: string }[];
  outputs: readonly OutputDef[];
  main: string;
  generatedFrom: string;
}

function actionYml(spec: ActionSpec): string {
  return [
    `# Generated from ${spec.generatedFrom} by \`npm run docs\`: edit the registry, not this file.`,
    `name: ${spec.name}`,
    'description: >-',
    ...fold(spec.description, '  '),
    'author: streamalert-action',
    'branding:',
    '  icon: shield',
    '  color: orange',
    '',
    'inputs:',
    ...spec.inputs.flatMap((i) => entry(i.def.name, i.description, i.default)),
    '',
    'outputs:',
    ...spec.outputs.flatMap((o) => entry(o.name, o.description, undefined)),
    '',
    'runs:',
    '  using: node24',
    `  main: ${spec.main}`,
    '',
  ].join('\n');
}

export function rootActionYml(): string {
  return actionYml({
    name: 'StreamAlert',
    description:
      'StreamAlert-style detection on AWS: validate the cluster JSON, render one Terraform root per cluster, plan them all with one live pull-request comment, and apply what was reviewed on merge.',
    inputs: ACTION_INPUTS.map((def) => ({
      def,
      description: def.name === 'command' ? rootCommandDescription() : def.description,
      default: def.default,
    })),
    outputs: OUTPUTS,
    main: 'dist/index.js',
    generatedFrom: 'src/registry',
  });
}

/** The outputs a job's commands set, in OUTPUTS order (`auto` sets what plan and apply do). */
export function jobOutputs(job: JobDef): readonly OutputDef[] {
  const names = new Set<string>(
    job.commands.flatMap((c) =>
      c === 'auto'
        ? [...commandDef('plan').outputs, ...commandDef('apply').outputs]
        : [...commandDef(c).outputs],
    ),
  );
  return OUTPUTS.filter((o) => names.has(o.name as OutputName));
}

export function jobActionYml(job: JobDef): string {
  return actionYml({
    name: job.title,
    description: `${job.description} The same action as the repository's root action.yml, with only the inputs this job reads.`,
    inputs: job.inputs.map((n: InputName) => {
      const def = inputDef(n);
      return n === 'command'
        ? { def, description: jobCommandDescription(job), default: job.commands[0]! }
        : { def, description: def.description, default: def.default };
    }),
    outputs: jobOutputs(job),
    // GitHub resolves `main` from the action's folder; actions/cache's restore/action.yml
    // runs '../dist/restore/index.js' the same way.
    main: '../dist/index.js',
    generatedFrom: `src/registry (jobs.ts: ${job.name})`,
  });
}

/** Every generated action file. */
export const ACTION_FILES: readonly GeneratedFile[] = [
  { path: 'action.yml', render: rootActionYml },
  ...JOBS.map((job) => ({ path: `${job.name}/action.yml`, render: () => jobActionYml(job) })),
];

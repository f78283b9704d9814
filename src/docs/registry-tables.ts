/**
 * The docs tables of the command registry (src/registry): which command each door offers,
 * what it reads and sets, and the sub-actions' inputs per job. Registered in tables.ts.
 */
import { COMMANDS, inputsOf, type CommandDef, type CommandName } from '../registry/commands.js';
import { inputDef, type InputName } from '../registry/inputs.js';
import { JOBS } from '../registry/jobs.js';
import { cell } from './schema-table.js';

const code = (s: string): string => `\`${s}\``;

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

const flag = (n: InputName): string => code(`--${inputDef(n).cli?.flag ?? n}`);

/** command | CLI | action | reads (CLI flags; action inputs) | sets (action outputs). */
export function commandsTable(): string {
  return table(
    ['command', 'CLI', 'action', 'CLI flags', 'action inputs', 'action outputs'],
    COMMANDS.map((c: CommandDef) => {
      const name = c.name as CommandName;
      const cli = c.doors.includes('cli');
      const action = c.doors.includes('action');
      const own = (door: 'cli' | 'action') =>
        inputsOf(name, door).filter(
          (n) => n !== 'command' && n !== 'working-directory' && n !== 'mask-patterns',
        );
      return [
        code(c.name),
        cli ? 'yes' : '',
        action ? 'yes' : '',
        cli ? own('cli').map(flag).join(' ') : '',
        action ? own('action').map(code).join(' ') : '',
        c.outputs.map(code).join(' '),
      ];
    }),
  );
}

/** job | uses | commands | inputs (count). */
export function jobsTable(): string {
  return table(
    ['job', '`uses:`', 'commands', 'inputs'],
    JOBS.map((j) => [
      j.title,
      code(`org/streamalert-action/${j.name}@v1`),
      j.commands.map(code).join(' '),
      `${j.inputs.length}: ${j.inputs.map(code).join(' ')}`,
    ]),
  );
}

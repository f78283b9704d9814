/**
 * What `streamalert --help` prints, generated from the registry (src/registry): the CLI's
 * commands with what they do, and its flags with the commands that read them. docs/cli.md
 * shows the same text (`npm run docs`).
 */
import { commandsOf, inputsOf, type CommandDef, type CommandName } from '../registry/commands.js';
import { CLI_INPUTS, flagOf, type InputDef } from '../registry/inputs.js';

const WIDTH = 100;
const COLUMN = 27;

/** `head` in the first column, `text` wrapped in the second. */
function row(head: string, text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && COLUMN + line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  const first = head.length >= COLUMN - 1 ? `${head}\n${' '.repeat(COLUMN)}` : head.padEnd(COLUMN);
  return lines.map((l, i) => (i === 0 ? first : ' '.repeat(COLUMN)) + l);
}

/** A flag's help, after the commands that read it when they are few (`plan/apply: ...`). */
function flagHelp(input: InputDef, commands: readonly CommandDef[]): string {
  const readers = commands.filter((c) =>
    (inputsOf(c.name as CommandName, 'cli') as readonly string[]).includes(input.name),
  );
  const prefix = readers.length > 0 && readers.length <= 4;
  return `${prefix ? `${readers.map((c) => c.name).join('/')}: ` : ''}${input.cli!.help}`;
}

export function cliUsage(): string {
  const commands = commandsOf('cli');
  const flags = CLI_INPUTS.map((i) => ({
    head: `  --${flagOf(i)}${i.cli?.arg ? ` ${i.cli.arg}` : ''}`,
    help: flagHelp(i, commands),
  }));
  return [
    'usage: streamalert <command> [options]',
    '',
    'commands:',
    ...commands.flatMap((c) =>
      row(`  ${c.name}${c.args ? ` ${c.args}` : ''}`, c.usage ?? c.summary),
    ),
    '',
    'options:',
    ...flags.flatMap((f) => row(f.head, f.help)),
    ...row('  -h, --help', 'show this help'),
    '',
  ].join('\n');
}

export const USAGE = cliUsage();

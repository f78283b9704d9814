/**
 * Turns `terraform show -no-color` text into lines for a ```diff block. Terraform indents
 * its change symbols (`  + resource`, `      ~ name = ...`), and GitHub only colours a diff
 * line by its first character, so — like dflook's actions — the symbol moves to column 0:
 * `+` green, `-` red, and `~` / `-/+` / `+/-` (in-place update, replacement) become `!`,
 * which GitHub shows as a change. Every other line gets a leading space so the columns
 * stay aligned. The text itself is not otherwise touched: the reviewer sees what
 * Terraform printed.
 */

const SYMBOL = /^(\s*)(-\/\+|\+\/-|[+~-])(?=\s|$)/;

const COLUMN_ZERO: Record<string, string> = {
  '+': '+',
  '-': '-',
  '~': '!',
  '-/+': '!',
  '+/-': '!',
};

export function planDiffLines(planText: string): string[] {
  const lines = planText.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  return lines.map((line) => {
    const match = SYMBOL.exec(line);
    if (!match) return ` ${line}`;
    const [whole, indent = '', symbol = ''] = match;
    return `${COLUMN_ZERO[symbol]}${indent}${' '.repeat(symbol.length)}${line.slice(whole.length)}`;
  });
}

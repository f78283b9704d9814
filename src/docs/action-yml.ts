/**
 * The inputs and outputs of action.yml, for the reference tables in docs/action.md. The
 * repository has no YAML library and action.yml uses a small part of YAML (a map of maps of
 * scalars: plain, quoted, or folded with `>-`), so this reader takes exactly that part and
 * throws, naming the line, on anything else: a new construct fails `npm run docs` and the
 * docs test instead of turning into a wrong table.
 */

export interface ActionEntry {
  readonly name: string;
  readonly description: string;
  /** Inputs only; undefined when action.yml gives none. */
  readonly default?: string;
}

export interface ActionMetadata {
  readonly inputs: readonly ActionEntry[];
  readonly outputs: readonly ActionEntry[];
}

const indentOf = (line: string): number => /^ */.exec(line)![0].length;

/** One scalar value as written after `key: ` (or the folded lines after `>-`). */
function scalar(raw: string, lineNo: number): string {
  const v = raw.trim();
  if (v.startsWith("'")) {
    if (!v.endsWith("'") || v.length < 2)
      throw new Error(`action.yml line ${lineNo}: unterminated single-quoted value`);
    return v.slice(1, -1).replace(/''/g, "'");
  }
  if (v.startsWith('"')) {
    try {
      return JSON.parse(v) as string;
    } catch {
      throw new Error(`action.yml line ${lineNo}: a double-quoted value this reader cannot read`);
    }
  }
  if (/^[|>]/.test(v) || /^[[{&*!]/.test(v))
    throw new Error(`action.yml line ${lineNo}: unsupported YAML value "${v}"`);
  return v.replace(/\s+#.*$/, '');
}

/** Reads the `inputs:` and `outputs:` sections of action.yml's text. */
export function readActionMetadata(text: string): ActionMetadata {
  const lines = text.split('\n');
  const sections: Record<'inputs' | 'outputs', ActionEntry[]> = { inputs: [], outputs: [] };
  let section: 'inputs' | 'outputs' | undefined;
  let entry: { name: string; fields: Record<string, string> } | undefined;
  const flush = (): void => {
    if (entry && section) {
      const { description, default: def, ...rest } = entry.fields;
      const unknown = Object.keys(rest);
      if (unknown.length > 0)
        throw new Error(
          `action.yml: ${section}.${entry.name} has fields this reader does not know: ${unknown.join(', ')}`,
        );
      if (description === undefined)
        throw new Error(`action.yml: ${section}.${entry.name} has no description`);
      sections[section].push({ name: entry.name, description, default: def });
    }
    entry = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const indent = indentOf(line);
    if (indent === 0) {
      flush();
      const top = /^([A-Za-z_-]+):/.exec(line)?.[1];
      section = top === 'inputs' || top === 'outputs' ? top : undefined;
      continue;
    }
    if (!section) continue;
    if (indent === 2) {
      flush();
      const m = /^ {2}([A-Za-z0-9_-]+):\s*$/.exec(line);
      if (!m) throw new Error(`action.yml line ${lineNo}: expected "  <name>:" under ${section}`);
      entry = { name: m[1]!, fields: {} };
      continue;
    }
    const m = /^ {4}([A-Za-z0-9_-]+):(.*)$/.exec(line);
    if (!m || !entry) throw new Error(`action.yml line ${lineNo}: expected "    <field>: <value>"`);
    const [, key, rest] = m as unknown as [string, string, string];
    if (rest.trim() === '>-' || rest.trim() === '>') {
      // Folded: the more-indented lines that follow, joined by spaces.
      const parts: string[] = [];
      while (i + 1 < lines.length && (lines[i + 1]!.trim() === '' || indentOf(lines[i + 1]!) > 4)) {
        parts.push(lines[++i]!.trim());
      }
      entry.fields[key] = parts.filter((p) => p !== '').join(' ');
    } else entry.fields[key] = scalar(rest, lineNo);
  }
  flush();
  return sections;
}

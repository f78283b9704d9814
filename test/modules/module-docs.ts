/**
 * The module convention, as data: each module's variables and outputs read from
 * variables.tf / outputs.tf, the README tables they imply (the terraform-docs layout between
 * the BEGIN_TF_DOCS / END_TF_DOCS markers), and the problems a module has against the
 * convention, one line each with the file and line.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { scanItems, oneLine, stringLiteral, type Attribute, type Block } from './hcl-scan.js';

export interface Variable {
  name: string;
  description?: string;
  type?: string;
  /** The default as written, on one line; undefined when the variable is required. */
  default?: string;
  line: number;
  /** Attribute and block names in source order (validation blocks included). */
  order: string[];
}

export interface Output {
  name: string;
  description?: string;
  sensitive: boolean;
  line: number;
}

export const BEGIN = '<!-- BEGIN_TF_DOCS -->';
export const END = '<!-- END_TF_DOCS -->';

/** Field order inside a variable block (terraform-aws-modules order, STYLE.md habit 11). */
export const VARIABLE_ORDER = [
  'description',
  'type',
  'default',
  'sensitive',
  'nullable',
  'validation',
];

function blocks(
  file: string,
  type: string,
): { block: Block; items: ReturnType<typeof scanItems>; text: string }[] {
  const text = readFileSync(file, 'utf8');
  return scanItems(text, file)
    .filter((i): i is Block => i.kind === 'block' && i.type === type)
    .map((block) => ({
      block,
      items: scanItems(text, file, block.bodyStart, block.bodyEnd),
      text,
    }));
}

function attribute(items: ReturnType<typeof scanItems>, name: string): Attribute | undefined {
  return items.find((i): i is Attribute => i.kind === 'attribute' && i.name === name);
}

function description(items: ReturnType<typeof scanItems>): string | undefined {
  const attr = attribute(items, 'description');
  return attr && (stringLiteral(attr.expr) ?? attr.expr);
}

export function readVariables(file: string): Variable[] {
  return blocks(file, 'variable').map(({ block, items }) => ({
    name: block.labels[0] as string,
    description: description(items),
    type: attribute(items, 'type') && oneLine((attribute(items, 'type') as Attribute).expr),
    default:
      attribute(items, 'default') && oneLine((attribute(items, 'default') as Attribute).expr),
    line: block.line,
    order: items.map((i) => (i.kind === 'attribute' ? i.name : i.type)),
  }));
}

export function readOutputs(file: string): Output[] {
  return blocks(file, 'output').map(({ block, items }) => ({
    name: block.labels[0] as string,
    description: description(items),
    sensitive: attribute(items, 'sensitive')?.expr === 'true',
    line: block.line,
  }));
}

/** A table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

function code(text: string): string {
  return `\`${cell(text)}\``;
}

/** The README block between the markers, markers included, for these variables and outputs. */
export function docsBlock(variables: Variable[], outputs: Output[]): string {
  return [
    BEGIN,
    '## Inputs',
    '',
    '| Name | Description | Type | Default | Required |',
    '|------|-------------|------|---------|:--------:|',
    ...variables.map(
      (v) =>
        `| ${code(v.name)} | ${cell(v.description ?? '')} | ${code(v.type ?? 'any')} | ${
          v.default === undefined ? 'n/a' : code(v.default)
        } | ${v.default === undefined ? 'yes' : 'no'} |`,
    ),
    '',
    '## Outputs',
    '',
    '| Name | Description | Sensitive |',
    '|------|-------------|:---------:|',
    ...outputs.map(
      (o) => `| ${code(o.name)} | ${cell(o.description ?? '')} | ${o.sensitive ? 'yes' : 'no'} |`,
    ),
    END,
  ].join('\n');
}

/** The README's block between the markers, markers included, or undefined. */
export function readmeBlock(readme: string): string | undefined {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  return begin === -1 || end < begin ? undefined : readme.slice(begin, end + END.length);
}

/** Names in the first column of the table that follows `heading` inside `block`. */
function tableNames(block: string, heading: string): string[] {
  const at = block.indexOf(`${heading}\n`);
  if (at === -1) return [];
  const names: string[] = [];
  for (const line of block.slice(at).split('\n').slice(1)) {
    if (line.startsWith('## ')) break;
    const m = /^\| `([^`]+)` \|/.exec(line);
    if (m) names.push(m[1] as string);
  }
  return names;
}

export interface ModuleFiles {
  name: string;
  dir: string;
}

export function listModules(modulesDir: string): ModuleFiles[] {
  return readdirSync(modulesDir)
    .sort()
    .filter((n) => existsSync(path.join(modulesDir, n, 'main.tf')))
    .map((name) => ({ name, dir: path.join(modulesDir, name) }));
}

/** Arguments a module block takes besides the module's variables. */
const META_ARGUMENTS = new Set([
  'source',
  'version',
  'providers',
  'count',
  'for_each',
  'depends_on',
]);

/** The attributes of the first `module` block in the README's `## Usage` section's hcl example. */
function usageArguments(readme: string): string[] | undefined {
  const usage = /^## Usage\n([\s\S]*?)(?=^## |^<!-- BEGIN_TF_DOCS|(?![\s\S]))/m.exec(readme);
  const example = usage && /```hcl\n([\s\S]*?)```/.exec(usage[1] as string);
  if (!example) return undefined;
  const hcl = example[1] as string;
  const module = scanItems(hcl, 'README.md').find(
    (i): i is Block => i.kind === 'block' && i.type === 'module',
  );
  if (!module) return undefined;
  return scanItems(hcl, 'README.md', module.bodyStart, module.bodyEnd).map((i) =>
    i.kind === 'attribute' ? i.name : i.type,
  );
}

/**
 * Everything that keeps `module` from the convention, one line each naming the file and,
 * where there is one, the line: field order and descriptions in variables.tf, descriptions in
 * outputs.tf, the README's Usage example and its inputs/outputs tables.
 */
export function moduleProblems(
  module: ModuleFiles,
  readme = readFileSync(path.join(module.dir, 'README.md'), 'utf8'),
): string[] {
  const rel = (f: string) => `modules/${module.name}/${f}`;
  const problems: string[] = [];
  const variables = readVariables(path.join(module.dir, 'variables.tf'));
  const outputs = readOutputs(path.join(module.dir, 'outputs.tf'));

  for (const v of variables) {
    const where = `${rel('variables.tf')}:${v.line}: variable "${v.name}"`;
    if (!v.description) problems.push(`${where}: has no description`);
    if (!v.type) problems.push(`${where}: has no type`);
    const ranks = v.order.map((n) => VARIABLE_ORDER.indexOf(n));
    const unknown = v.order.filter((_, i) => ranks[i] === -1);
    if (unknown.length) problems.push(`${where}: unexpected ${unknown.join(', ')}`);
    else if (ranks.some((r, i) => i > 0 && r < (ranks[i - 1] as number)))
      problems.push(
        `${where}: fields are ${v.order.join(', ')}; the order is ${VARIABLE_ORDER.join(' → ')}`,
      );
  }
  for (const o of outputs)
    if (!o.description)
      problems.push(`${rel('outputs.tf')}:${o.line}: output "${o.name}": has no description`);

  const args = usageArguments(readme);
  if (!args) {
    problems.push(`${rel('README.md')}: needs a "## Usage" section with an \`\`\`hcl module block`);
  } else {
    const known = new Set(variables.map((v) => v.name));
    for (const v of variables)
      if (v.default === undefined && !args.includes(v.name))
        problems.push(
          `${rel('README.md')}: ## Usage: the example does not set the required variable "${v.name}"`,
        );
    for (const a of args)
      if (!known.has(a) && !META_ARGUMENTS.has(a))
        problems.push(
          `${rel('README.md')}: ## Usage: the example sets "${a}", which is not a variable of the module`,
        );
  }

  const block = readmeBlock(readme);
  if (!block) {
    problems.push(`${rel('README.md')}: has no ${BEGIN} … ${END} inputs/outputs tables`);
    return problems;
  }
  const expected = docsBlock(variables, outputs);
  if (block !== expected) {
    const inTable = tableNames(block, '## Inputs');
    const outTable = tableNames(block, '## Outputs');
    for (const v of variables)
      if (!inTable.includes(v.name))
        problems.push(`${rel('README.md')}: ## Inputs: variable "${v.name}" is missing`);
    for (const n of inTable)
      if (!variables.some((v) => v.name === n))
        problems.push(`${rel('README.md')}: ## Inputs: "${n}" is not a variable in variables.tf`);
    for (const o of outputs)
      if (!outTable.includes(o.name))
        problems.push(`${rel('README.md')}: ## Outputs: output "${o.name}" is missing`);
    for (const n of outTable)
      if (!outputs.some((o) => o.name === n))
        problems.push(`${rel('README.md')}: ## Outputs: "${n}" is not an output in outputs.tf`);
    const expectedLines = expected.split('\n');
    const actualLines = block.split('\n');
    const diff = expectedLines.findIndex((l, i) => l !== actualLines[i]);
    problems.push(
      `${rel('README.md')}: the inputs/outputs tables differ from variables.tf/outputs.tf` +
        (diff === -1
          ? ''
          : ` (first difference: expected "${expectedLines[diff]}", found "${actualLines[diff] ?? ''}")`) +
        '; UPDATE_MODULE_READMES=1 npx vitest run test/modules/module-docs.test.ts rewrites them',
    );
  }
  return problems;
}

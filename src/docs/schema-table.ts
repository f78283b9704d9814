/**
 * A configuration file's keys as Markdown table rows, read from its ajv schema: the dotted
 * key, its type, whether it is required or its default, what values it takes, and the
 * schema's `description`. Defaults that the loader computes (they depend on other keys)
 * are written in the schema as `x-default`, text for people; ajv ignores both annotations.
 */

type Schema = Record<string, unknown>;

export interface KeyRow {
  readonly key: string;
  readonly type: string;
  /** `required`, the default, or '' */
  readonly default: string;
  readonly allowed: string;
  readonly description: string;
}

const obj = (v: unknown): Schema | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Schema) : undefined;

function resolve(node: Schema, root: Schema): Schema {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  const m = /^#\/\$defs\/(.+)$/.exec(ref);
  const target = m && obj(obj(root.$defs)?.[m[1]!]);
  if (!target) throw new Error(`schema reference ${ref} not found`);
  return target;
}

const code = (v: unknown): string => `\`${JSON.stringify(v)}\``;

function typeName(node: Schema, root: Schema): string {
  const t = node.type;
  if (Array.isArray(t)) return t.join(' or ');
  if (t === 'array') {
    const items = obj(node.items) && resolve(obj(node.items)!, root);
    return items ? `list of ${typeName(items, root)}s` : 'list';
  }
  if (t === 'object' && obj(node.additionalProperties) && !obj(node.properties)) return 'map';
  if (typeof t === 'string') return t;
  if (node.enum) return typeof (node.enum as unknown[])[0] === 'number' ? 'integer' : 'string';
  return '';
}

function allowed(node: Schema, root: Schema): string {
  const parts: string[] = [];
  const en = node.enum as unknown[] | undefined;
  // A long list (the AWS regions) says more in its message than in forty values.
  if (en && !(en.length > 12 && typeof node['x-message'] === 'string'))
    parts.push(en.map(code).join(', '));
  const min = node.minimum as number | undefined;
  const max = node.maximum as number | undefined;
  if (min !== undefined && max !== undefined) parts.push(`${min}–${max}`);
  else if (min !== undefined) parts.push(`>= ${min}`);
  else if (max !== undefined) parts.push(`<= ${max}`);
  if (node.minItems !== undefined) parts.push(`at least ${String(node.minItems)}`);
  if (node.maxLength !== undefined && !node['x-message'])
    parts.push(`at most ${String(node.maxLength)} characters`);
  const names = obj(node.propertyNames);
  if (names?.enum) parts.push(`keys: ${(names.enum as unknown[]).map(code).join(', ')}`);
  if (typeof node['x-message'] === 'string') parts.push(node['x-message']);
  const elseBranch = obj(node.else);
  if (elseBranch && typeof elseBranch['x-message'] === 'string')
    parts.push(elseBranch['x-message']);
  const items = obj(node.items) && resolve(obj(node.items)!, root);
  if (node.type === 'array' && items) {
    const inner = allowed(items, root);
    if (inner) parts.push(`each: ${inner}`);
  }
  return parts.join('; ');
}

/**
 * Every key of `schema`, depth first in schema order. An object with `properties` gives a
 * row of its own only when it has a description; its keys follow as `parent.key`.
 */
export function schemaKeyRows(schema: Schema, root: Schema = schema, prefix = ''): KeyRow[] {
  const props = obj(schema.properties) ?? {};
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(props).flatMap(([name, raw]): KeyRow[] => {
    let node = resolve(obj(raw)!, root);
    const key = prefix === '' ? name : `${prefix}.${name}`;
    let type = typeName(node, root);
    // A value that is one object or a list of them (if/then/else): its keys are the object's.
    const single = obj(node.else) && obj(node.then) ? resolve(obj(node.else)!, root) : undefined;
    if (single && obj(single.properties)) {
      type = 'object or list of objects';
      node = { ...single, description: node.description };
    }
    const row: KeyRow = {
      key,
      type,
      default: required.has(name)
        ? 'required'
        : typeof node['x-default'] === 'string'
          ? node['x-default']
          : node.default !== undefined
            ? code(node.default)
            : '',
      allowed: obj(node.properties) ? '' : allowed(node, root),
      description: typeof node.description === 'string' ? node.description : '',
    };
    // A list of objects: a row for the list, then its items' keys as `key[].name`.
    const items = node.type === 'array' && obj(node.items) && resolve(obj(node.items)!, root);
    if (items && obj(items.properties))
      return [{ ...row, type: 'list of objects' }, ...schemaKeyRows(items, root, `${key}[]`)];
    if (!obj(node.properties)) return [row];
    const children = schemaKeyRows(node, root, key);
    return row.description || row.default === 'required' ? [row, ...children] : children;
  });
}

/** A Markdown table cell: one line, pipes escaped. */
export function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

export function keyTable(rows: readonly KeyRow[]): string {
  return [
    '| key | type | default | allowed | notes |',
    '|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| \`${r.key}\` | ${cell(r.type)} | ${cell(r.default)} | ${cell(r.allowed)} | ${cell(r.description)} |`,
    ),
  ].join('\n');
}

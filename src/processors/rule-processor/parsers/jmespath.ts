/**
 * StreamAlert 3's `json_path` is a JMESPath expression (jmespath.search), not JSONPath. This
 * is the part of JMESPath such paths use: identifiers (plain or "quoted"), `.`, `[N]`, the
 * list projection `[*]`, the object projection `*` and the flatten projection `[]`
 * (`profiles[].controls[]`), with JMESPath's rules: a projection applies to the rest of the
 * expression and drops its null results; `[]` flattens everything to its left one level.
 * Anything else (filters, functions, pipes, slices) is refused when the path is compiled.
 */

type Step =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'index'; readonly at: number }
  | { readonly kind: 'list' | 'values' | 'flatten' };

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;
const QUOTED = /^"((?:[^"\\]|\\.)*)"/;
const INDEX = /^\[(-?\d+)\]/;

export class JmesPathError extends Error {}

function parse(expression: string): Step[] {
  const steps: Step[] = [];
  let rest = expression.trim();
  let needDot = false;
  const fail = (why: string): never => {
    const at = expression.length - rest.length;
    throw new JmesPathError(
      `${why} at character ${at + 1} of ${JSON.stringify(expression)} (the JMESPath this project reads: names, ".", [N], [*], [] and *)`,
    );
  };
  if (rest === '') fail('empty expression');
  while (rest !== '') {
    if (rest.startsWith('[*]')) {
      steps.push({ kind: 'list' });
      rest = rest.slice(3);
      needDot = true;
      continue;
    }
    if (rest.startsWith('[]')) {
      steps.push({ kind: 'flatten' });
      rest = rest.slice(2);
      needDot = true;
      continue;
    }
    const index = INDEX.exec(rest);
    if (index) {
      steps.push({ kind: 'index', at: Number(index[1]) });
      rest = rest.slice(index[0].length);
      needDot = true;
      continue;
    }
    if (rest.startsWith('[')) fail('unsupported bracket expression (a filter or slice)');
    if (needDot) {
      if (!rest.startsWith('.')) fail('expected "." or "["');
      rest = rest.slice(1);
      if (rest === '') fail('expected a name after "."');
    }
    needDot = true;
    if (rest.startsWith('*')) {
      steps.push({ kind: 'values' });
      rest = rest.slice(1);
      continue;
    }
    const quoted = QUOTED.exec(rest);
    const ident = quoted ? undefined : IDENT.exec(rest);
    if (quoted) {
      steps.push({ kind: 'field', name: JSON.parse(`"${quoted[1]}"`) as string });
      rest = rest.slice(quoted[0].length);
    } else if (ident) {
      steps.push({ kind: 'field', name: ident[0] });
      rest = rest.slice(ident[0].length);
    } else fail('unsupported syntax');
  }
  return steps;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Steps without a flatten: a projection takes the rest of the steps over each item. */
function evalFrom(steps: readonly Step[], from: number, value: unknown): unknown {
  let v = value;
  for (let i = from; i < steps.length; i++) {
    const step = steps[i]!;
    if (step.kind === 'field') {
      v = isObject(v) && Object.prototype.hasOwnProperty.call(v, step.name) ? v[step.name] : null;
    } else if (step.kind === 'index') {
      v = Array.isArray(v) ? (v.at(step.at) ?? null) : null;
    } else {
      const items =
        step.kind === 'list'
          ? Array.isArray(v)
            ? v
            : null
          : isObject(v)
            ? Object.values(v)
            : null;
      if (items === null) return null;
      const out: unknown[] = [];
      for (const item of items) {
        const r = evalFrom(steps, i + 1, item);
        if (r !== null) out.push(r);
      }
      return out;
    }
    if (v === undefined) v = null;
  }
  return v;
}

/** `[]` binds loosest: what is left of the last one is evaluated, flattened, then projected. */
function evaluate(steps: readonly Step[], value: unknown): unknown {
  let k = -1;
  for (let i = steps.length - 1; i >= 0; i--)
    if (steps[i]!.kind === 'flatten') {
      k = i;
      break;
    }
  if (k < 0) return evalFrom(steps, 0, value);
  const left = evaluate(steps.slice(0, k), value);
  if (!Array.isArray(left)) return null;
  const flat: unknown[] = [];
  for (const item of left) {
    if (Array.isArray(item)) for (const x of item) flat.push(x);
    else flat.push(item);
  }
  const rest = steps.slice(k + 1);
  const out: unknown[] = [];
  for (const item of flat) {
    const r = evalFrom(rest, 0, item);
    if (r !== null) out.push(r);
  }
  return out;
}

/** Python's truth of a JSON value. */
const truthy = (v: unknown): boolean =>
  Array.isArray(v)
    ? v.length > 0
    : isObject(v)
      ? Object.keys(v).length > 0
      : v !== null && v !== undefined && v !== false && v !== 0 && v !== '';

/**
 * The records a JMESPath `json_path` selects, as StreamAlert 3 took them: a false result
 * (null, an empty list...) is none, a result that is not a list is one record.
 * Throws JmesPathError for an expression outside the subset.
 */
export function compileJmesPath(expression: string): (payload: unknown) => unknown[] {
  const steps = parse(expression);
  return (payload) => {
    const result = evaluate(steps, payload);
    if (!truthy(result)) return [];
    return Array.isArray(result) ? result : [result];
  };
}

/** Why a json_path is not JMESPath this project reads, or undefined. */
export function jmesPathProblem(expression: string): string | undefined {
  try {
    parse(expression);
    return undefined;
  } catch (err) {
    if (err instanceof JmesPathError) return err.message;
    throw err;
  }
}

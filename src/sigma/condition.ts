/**
 * Sigma's condition: `and`, `or`, `not`, parentheses, `1 of`/`all of` a search-identifier
 * pattern (`*` wildcards) or `them`, with the specification's precedence (or < and < not <
 * x of < parentheses). Parsed into the same expression form the detection compiles to.
 */
import type { Expr } from '../processors/sigma/compiled.js';

export class ConditionError extends Error {
  /** The character of the condition text the problem is at. */
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Bounds against hostile files: the parser and the matcher recurse once per level. */
const MAX_CONDITION = 10_000;
const MAX_DEPTH = 64;

interface Token {
  text: string;
  at: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:([()])|([A-Za-z0-9_*.-]+)|(\S))/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text)) !== null) {
    const at = m.index + m[0].length - (m[1] ?? m[2] ?? m[3] ?? '').length;
    if (m[3] !== undefined) {
      if (m[3] === '|')
        throw new ConditionError(
          'aggregations (`| count() ...`) are Sigma 1.0; write a correlation rule instead',
          at,
        );
      throw new ConditionError(`unexpected ${JSON.stringify(m[3])}`, at);
    }
    if (m[1] === undefined && m[2] === undefined) break;
    tokens.push({ text: m[1] ?? m[2]!, at });
  }
  return tokens;
}

const patternRe = (p: string) =>
  new RegExp(`^${p.replace(/[.+?^${}()|[\]\\-]/g, '\\$&').replace(/\*/g, '.*')}$`);

/**
 * The condition as an expression over `identifiers` (the detection's search identifiers,
 * each already compiled): identifiers are replaced by their expressions.
 */
export function parseCondition(text: string, identifiers: ReadonlyMap<string, Expr>): Expr {
  if (text.length > MAX_CONDITION)
    throw new ConditionError(`a condition longer than ${MAX_CONDITION} characters`, 0);
  const tokens = tokenize(text);
  let depth = 0;
  let i = 0;
  const peek = () => tokens[i];
  const word = (t: Token | undefined, w: string) => t !== undefined && t.text.toLowerCase() === w;
  const end = () => (tokens.length ? tokens.at(-1)!.at + tokens.at(-1)!.text.length : 0);

  const or = (): Expr => {
    const parts = [and()];
    while (word(peek(), 'or')) {
      i++;
      parts.push(and());
    }
    return parts.length === 1 ? parts[0]! : { or: parts };
  };
  const and = (): Expr => {
    const parts = [not()];
    while (word(peek(), 'and')) {
      i++;
      parts.push(not());
    }
    return parts.length === 1 ? parts[0]! : { and: parts };
  };
  const not = (): Expr => {
    if (word(peek(), 'not')) {
      if (++depth > MAX_DEPTH)
        throw new ConditionError(`more than ${MAX_DEPTH} nested operators`, peek()!.at);
      i++;
      const e = { not: not() };
      depth--;
      return e;
    }
    return atom();
  };
  const atom = (): Expr => {
    const t = peek();
    if (t === undefined) throw new ConditionError('the condition ends too early', end());
    if (t.text === '(') {
      if (++depth > MAX_DEPTH)
        throw new ConditionError(`parentheses nested deeper than ${MAX_DEPTH}`, t.at);
      i++;
      const e = or();
      depth--;
      if (peek()?.text !== ')') throw new ConditionError('missing `)`', peek()?.at ?? end());
      i++;
      return e;
    }
    const quantity = t.text.toLowerCase();
    if (
      word(tokens[i + 1], 'of') &&
      (quantity === 'all' || quantity === 'any' || /^\d+$/.test(quantity))
    ) {
      const target = tokens[i + 2];
      if (target === undefined || target.text === '(' || target.text === ')')
        throw new ConditionError(
          '`of` needs a search-identifier pattern or `them`',
          target?.at ?? end(),
        );
      i += 3;
      const them = target.text.toLowerCase() === 'them';
      const re = them ? undefined : patternRe(target.text);
      const chosen = [...identifiers.entries()].filter(([name]) =>
        them ? !name.startsWith('_') : re!.test(name),
      );
      if (chosen.length === 0)
        throw new ConditionError(
          `no search identifier matches ${JSON.stringify(target.text)}`,
          target.at,
        );
      const exprs = chosen.map(([, e]) => e);
      if (quantity === 'all') return exprs.length === 1 ? exprs[0]! : { and: exprs };
      const n = quantity === 'any' ? 1 : Number(quantity);
      if (n < 1) throw new ConditionError('`0 of` selects nothing; use `not 1 of`', t.at);
      if (n === 1) return exprs.length === 1 ? exprs[0]! : { or: exprs };
      if (n > exprs.length) return { bool: false };
      // n of m: some n of them all hold (small m: the combinations are listed).
      if (exprs.length > 12)
        throw new ConditionError(`${n} of more than 12 search identifiers is not supported`, t.at);
      const combos: Expr[] = [];
      const pick = (from: number, taken: Expr[]) => {
        if (taken.length === n) return void combos.push({ and: [...taken] });
        for (let k = from; k < exprs.length; k++) pick(k + 1, [...taken, exprs[k]!]);
      };
      pick(0, []);
      return { or: combos };
    }
    if (/^(and|or|not|of|them)$/i.test(t.text) || t.text === ')')
      throw new ConditionError(`unexpected \`${t.text}\``, t.at);
    if (t.text.includes('*'))
      throw new ConditionError(
        `a pattern (${t.text}) needs \`1 of\` or \`all of\` before it`,
        t.at,
      );
    const e = identifiers.get(t.text);
    if (e === undefined)
      throw new ConditionError(
        `${JSON.stringify(t.text)} is not a search identifier of the detection (it has: ${[...identifiers.keys()].join(', ')})`,
        t.at,
      );
    i++;
    return e;
  };

  const e = or();
  if (i < tokens.length)
    throw new ConditionError(`unexpected \`${tokens[i]!.text}\``, tokens[i]!.at);
  return e;
}

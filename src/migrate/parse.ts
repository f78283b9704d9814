/**
 * A parser for the Python subset rules are written in: module-level imports, assignments,
 * functions (with decorators) and classes; in bodies if/elif/else, for, while, try/except,
 * return, assignments, pass/break/continue; expressions with Python's precedence, calls
 * with keyword arguments, subscripts and slices, comprehensions, lambdas and conditional
 * expressions. Statements outside the subset (with, global, yield, ...) still parse as
 * `unsupported` so the translator can name them; malformed text is a PySyntaxError.
 */
import { PySyntaxError, tokenize, type Token } from './tokenize.js';

export type Expr =
  | { t: 'name'; id: string; line: number }
  | { t: 'num'; text: string }
  | { t: 'str'; value: string; prefix?: string }
  | { t: 'const'; value: 'True' | 'False' | 'None' }
  | { t: 'list' | 'tuple' | 'set'; items: Expr[] }
  | { t: 'dict'; entries: [Expr, Expr][] }
  | { t: 'attr'; obj: Expr; name: string; line: number }
  | { t: 'index'; obj: Expr; index: Expr }
  | { t: 'slice'; obj: Expr; lower?: Expr; upper?: Expr; step?: Expr }
  | { t: 'call'; fn: Expr; args: Expr[]; kwargs: [string, Expr][]; star: boolean; line: number }
  | { t: 'bool'; op: 'and' | 'or'; left: Expr; right: Expr }
  | { t: 'not'; operand: Expr }
  | { t: 'unary'; op: string; operand: Expr }
  | { t: 'bin'; op: string; left: Expr; right: Expr }
  | { t: 'compare'; left: Expr; ops: string[]; rights: Expr[] }
  | { t: 'ifexp'; test: Expr; body: Expr; orelse: Expr }
  | { t: 'lambda'; params: string[]; body: Expr }
  | {
      t: 'comp';
      kind: 'list' | 'set' | 'gen' | 'dict';
      elt: Expr;
      value?: Expr;
      target: Expr;
      iter: Expr;
      conds: Expr[];
    };

export interface Param {
  name: string;
  default?: Expr;
  /** `*args` or `**kwargs` */
  star?: '*' | '**';
}

export type Stmt =
  | { t: 'expr'; expr: Expr; line: number }
  | { t: 'assign'; targets: Expr[]; value: Expr; line: number }
  | { t: 'augassign'; target: Expr; op: string; value: Expr; line: number }
  | { t: 'return'; value?: Expr; line: number }
  | { t: 'if'; test: Expr; body: Stmt[]; orelse: Stmt[]; line: number }
  | { t: 'for'; target: Expr; iter: Expr; body: Stmt[]; orelse: Stmt[]; line: number }
  | { t: 'while'; test: Expr; body: Stmt[]; orelse: Stmt[]; line: number }
  | { t: 'try'; body: Stmt[]; handlers: Handler[]; orelse: Stmt[]; finally: Stmt[]; line: number }
  | { t: 'pass' | 'break' | 'continue'; line: number }
  | {
      t: 'def';
      name: string;
      params: Param[];
      decorators: Expr[];
      body: Stmt[];
      line: number;
      endLine: number;
    }
  | { t: 'class'; name: string; bases: Expr[]; body: Stmt[]; line: number }
  | { t: 'import'; names: { module: string; as?: string }[]; line: number }
  | { t: 'from'; module: string; names: { name: string; as?: string }[]; line: number }
  | { t: 'unsupported'; what: string; line: number };

export interface Handler {
  types: string[];
  name?: string;
  body: Stmt[];
}

const COMPARE_OPS = new Set(['<', '>', '==', '!=', '<=', '>=', 'in', 'is']);
const AUG_OPS = new Set([
  '+=',
  '-=',
  '*=',
  '/=',
  '//=',
  '%=',
  '**=',
  '|=',
  '&=',
  '^=',
  '<<=',
  '>>=',
]);
/** Statement keywords outside the subset: parsed to the end of their block, then named. */
const UNSUPPORTED = new Set([
  'with',
  'global',
  'nonlocal',
  'yield',
  'raise',
  'assert',
  'del',
  'async',
  'await',
  'print',
  'exec',
]);

/** Nesting deeper than this is refused: the parser recurses once per level. */
const MAX_DEPTH = 100;

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }
  private next(): Token {
    return this.tokens[Math.min(this.pos++, this.tokens.length - 1)]!;
  }
  private is(value: string, offset = 0): boolean {
    const t = this.peek(offset);
    return (t.kind === 'op' || t.kind === 'name') && t.value === value;
  }
  private accept(value: string): boolean {
    if (this.is(value)) {
      this.pos++;
      return true;
    }
    return false;
  }
  private expect(value: string): Token {
    const t = this.peek();
    if (!this.is(value)) throw this.error(`expected "${value}", found ${describe(t)}`);
    return this.next();
  }
  private error(message: string): PySyntaxError {
    return new PySyntaxError(message, this.peek().line);
  }
  private deeper<T>(f: () => T): T {
    if (++this.depth > MAX_DEPTH) throw this.error('nested too deeply');
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  module(): Stmt[] {
    const body: Stmt[] = [];
    while (this.peek().kind !== 'end') {
      if (this.peek().kind === 'newline') {
        this.pos++;
        continue;
      }
      body.push(...this.statement());
    }
    return body;
  }

  private block(): Stmt[] {
    this.expect(':');
    if (this.peek().kind !== 'newline') return this.simpleLine();
    this.next();
    if (this.peek().kind !== 'indent') throw this.error('expected an indented block');
    this.next();
    const body: Stmt[] = [];
    while (this.peek().kind !== 'dedent' && this.peek().kind !== 'end')
      body.push(...this.statement());
    this.next();
    return body;
  }

  private statement(): Stmt[] {
    return this.deeper(() => {
      const t = this.peek();
      if (t.kind === 'name') {
        switch (t.value) {
          case 'if':
            return [this.ifStmt()];
          case 'for':
            return [this.forStmt()];
          case 'while': {
            this.next();
            const test = this.expr();
            const body = this.block();
            const orelse = this.accept('else') ? this.block() : [];
            return [{ t: 'while', test, body, orelse, line: t.line }];
          }
          case 'try':
            return [this.tryStmt()];
          case 'def':
            return [this.def([])];
          case 'class':
            return [this.classStmt()];
        }
      }
      if (this.is('@')) {
        const decorators: Expr[] = [];
        while (this.accept('@')) {
          decorators.push(this.expr());
          if (this.peek().kind !== 'newline')
            throw this.error('expected a new line after a decorator');
          this.next();
        }
        if (this.is('class')) {
          this.classStmt();
          return [{ t: 'unsupported', what: 'a decorated class', line: t.line }];
        }
        if (!this.is('def')) throw this.error('expected def after a decorator');
        return [this.def(decorators)];
      }
      if (t.kind === 'name' && ['with', 'async'].includes(t.value)) {
        // Skip the whole compound statement.
        while (!this.is(':') && this.peek().kind !== 'end') this.next();
        this.block();
        return [{ t: 'unsupported', what: `"${t.value}" statement`, line: t.line }];
      }
      return this.simpleLine();
    });
  }

  private simpleLine(): Stmt[] {
    const out: Stmt[] = [this.simple()];
    while (this.accept(';')) if (this.peek().kind !== 'newline') out.push(this.simple());
    if (this.peek().kind !== 'newline' && this.peek().kind !== 'end')
      throw this.error(`unexpected ${describe(this.peek())}`);
    this.next();
    return out;
  }

  private simple(): Stmt {
    const t = this.peek();
    const line = t.line;
    if (t.kind === 'name') {
      switch (t.value) {
        case 'pass':
        case 'break':
        case 'continue':
          this.next();
          return { t: t.value, line };
        case 'return': {
          this.next();
          if (this.peek().kind === 'newline' || this.is(';')) return { t: 'return', line };
          return { t: 'return', value: this.exprList(), line };
        }
        case 'import': {
          this.next();
          const names: { module: string; as?: string }[] = [];
          do {
            const module = this.dotted();
            names.push(this.accept('as') ? { module, as: this.name() } : { module });
          } while (this.accept(','));
          return { t: 'import', names, line };
        }
        case 'from': {
          this.next();
          let module = '';
          while (this.is('.') || this.is('...')) module += this.next().value;
          if (!this.is('import')) module += this.dotted();
          this.expect('import');
          const paren = this.accept('(');
          const names: { name: string; as?: string }[] = [];
          if (this.accept('*')) names.push({ name: '*' });
          else
            do {
              if (paren && this.is(')')) break;
              const name = this.name();
              names.push(this.accept('as') ? { name, as: this.name() } : { name });
            } while (this.accept(','));
          if (paren) this.expect(')');
          return { t: 'from', module, names, line };
        }
      }
      if (UNSUPPORTED.has(t.value) && !this.is('(', 1) && !this.is('=', 1) && !this.is('.', 1)) {
        while (this.peek().kind !== 'newline' && this.peek().kind !== 'end' && !this.is(';'))
          this.next();
        return { t: 'unsupported', what: `"${t.value}" statement`, line };
      }
    }
    const first = this.exprList();
    if (this.is('=')) {
      const targets = [first];
      let value: Expr = first;
      while (this.accept('=')) {
        value = this.exprList();
        targets.push(value);
      }
      targets.pop();
      return { t: 'assign', targets, value, line };
    }
    if (this.peek().kind === 'op' && AUG_OPS.has(this.peek().value)) {
      const op = this.next().value;
      return { t: 'augassign', target: first, op, value: this.exprList(), line };
    }
    if (this.is(':')) {
      // An annotated assignment: `x: int = 1`.
      this.next();
      this.expr();
      if (this.accept('=')) return { t: 'assign', targets: [first], value: this.exprList(), line };
      return { t: 'pass', line };
    }
    return { t: 'expr', expr: first, line };
  }

  private ifStmt(): Stmt {
    const line = this.next().line; // if / elif
    const test = this.expr();
    const body = this.block();
    let orelse: Stmt[] = [];
    if (this.is('elif')) orelse = [this.ifStmt()];
    else if (this.accept('else')) orelse = this.block();
    return { t: 'if', test, body, orelse, line };
  }

  private forStmt(): Stmt {
    const line = this.next().line;
    const target = this.targetList();
    this.expect('in');
    const iter = this.exprList();
    const body = this.block();
    const orelse = this.accept('else') ? this.block() : [];
    return { t: 'for', target, iter, body, orelse, line };
  }

  private tryStmt(): Stmt {
    const line = this.next().line;
    const body = this.block();
    const handlers: Handler[] = [];
    while (this.accept('except')) {
      const types: string[] = [];
      let name: string | undefined;
      if (!this.is(':')) {
        const e = this.expr();
        const list = e.t === 'tuple' ? e.items : [e];
        for (const item of list) types.push(dottedName(item) ?? '?');
        if (this.accept('as')) name = this.name();
      }
      handlers.push({
        types: types.length ? types : ['BaseException'],
        ...(name ? { name } : {}),
        body: this.block(),
      });
    }
    const orelse = this.accept('else') ? this.block() : [];
    const fin = this.accept('finally') ? this.block() : [];
    return { t: 'try', body, handlers, orelse, finally: fin, line };
  }

  private def(decorators: Expr[]): Stmt {
    const line = this.expect('def').line;
    const name = this.name();
    this.expect('(');
    const params: Param[] = [];
    while (!this.is(')')) {
      if (this.accept('/')) {
        if (!this.accept(',')) break;
        continue;
      }
      let star: '*' | '**' | undefined;
      if (this.accept('**')) star = '**';
      else if (this.accept('*')) star = '*';
      if (star === '*' && (this.is(',') || this.is(')'))) {
        // A bare `*`: keyword-only parameters follow.
        this.accept(',');
        continue;
      }
      const p: Param = { name: this.name(), ...(star ? { star } : {}) };
      if (this.accept(':')) this.expr();
      if (this.accept('=')) p.default = this.expr();
      params.push(p);
      if (!this.accept(',')) break;
    }
    this.expect(')');
    if (this.accept('->')) this.expr();
    const body = this.block();
    const endLine = this.tokens[this.pos - 1]?.line ?? line;
    return { t: 'def', name, params, decorators, body, line, endLine };
  }

  private classStmt(): Stmt {
    const line = this.expect('class').line;
    const name = this.name();
    const bases: Expr[] = [];
    if (this.accept('(')) {
      while (!this.is(')')) {
        bases.push(this.expr());
        if (!this.accept(',')) break;
      }
      this.expect(')');
    }
    return { t: 'class', name, bases, body: this.block(), line };
  }

  private name(): string {
    const t = this.peek();
    if (t.kind !== 'name') throw this.error(`expected a name, found ${describe(t)}`);
    return this.next().value;
  }

  private dotted(): string {
    let s = this.name();
    while (this.accept('.')) s += `.${this.name()}`;
    return s;
  }

  /** `a, b` as a tuple (a for target or an assignment's sides). */
  private exprList(): Expr {
    const first = this.starOr(() => this.expr());
    if (!this.is(',')) return first;
    const items = [first];
    while (this.accept(',')) {
      if (this.endsList()) break;
      items.push(this.starOr(() => this.expr()));
    }
    return { t: 'tuple', items };
  }

  /** A for target: names and tuples of them, never a comparison (`in` ends it). */
  private targetList(): Expr {
    const first = this.binary(0);
    if (!this.is(',')) return first;
    const items = [first];
    while (this.accept(',')) {
      if (this.is('in')) break;
      items.push(this.binary(0));
    }
    return { t: 'tuple', items };
  }

  private starOr(f: () => Expr): Expr {
    if (this.is('*')) throw this.error('starred expressions are not supported');
    return f();
  }

  private endsList(): boolean {
    const t = this.peek();
    return (
      t.kind === 'newline' ||
      t.kind === 'end' ||
      this.is('=') ||
      this.is(')') ||
      this.is(']') ||
      this.is('}') ||
      this.is(':') ||
      this.is(';')
    );
  }

  expr(): Expr {
    return this.deeper(() => {
      if (this.is('lambda')) {
        this.next();
        const params: string[] = [];
        while (!this.is(':')) {
          params.push(this.name());
          if (!this.accept(',')) break;
        }
        this.expect(':');
        return { t: 'lambda', params, body: this.expr() };
      }
      const body = this.orExpr();
      if (this.is('if') && !this.is('else', 0)) {
        const save = this.pos;
        this.next();
        const test = this.orExpr();
        if (!this.accept('else')) {
          // A comprehension's `if`: not a conditional expression.
          this.pos = save;
          return body;
        }
        return { t: 'ifexp', test, body, orelse: this.expr() };
      }
      return body;
    });
  }

  private orExpr(): Expr {
    let left = this.andExpr();
    while (this.accept('or')) left = { t: 'bool', op: 'or', left, right: this.andExpr() };
    return left;
  }
  private andExpr(): Expr {
    let left = this.notExpr();
    while (this.accept('and')) left = { t: 'bool', op: 'and', left, right: this.notExpr() };
    return left;
  }
  private notExpr(): Expr {
    if (this.accept('not')) return { t: 'not', operand: this.deeper(() => this.notExpr()) };
    return this.comparison();
  }
  private comparison(): Expr {
    const left = this.binary(0);
    const ops: string[] = [];
    const rights: Expr[] = [];
    for (;;) {
      let op: string | undefined;
      if (this.is('not') && this.is('in', 1)) {
        this.pos += 2;
        op = 'not in';
      } else if (this.is('is')) {
        this.next();
        op = this.accept('not') ? 'is not' : 'is';
      } else if (
        COMPARE_OPS.has(this.peek().value) &&
        (this.peek().kind === 'op' || this.is('in'))
      ) {
        op = this.next().value;
      }
      if (!op) break;
      ops.push(op);
      rights.push(this.binary(0));
    }
    return ops.length ? { t: 'compare', left, ops, rights } : left;
  }

  private static readonly LEVELS = [
    ['|'],
    ['^'],
    ['&'],
    ['<<', '>>'],
    ['+', '-'],
    ['*', '/', '//', '%', '@'],
  ];

  private binary(level: number): Expr {
    if (level === Parser.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    while (this.peek().kind === 'op' && Parser.LEVELS[level]!.includes(this.peek().value)) {
      const op = this.next().value;
      left = { t: 'bin', op, left, right: this.binary(level + 1) };
    }
    return left;
  }

  private unary(): Expr {
    if (this.peek().kind === 'op' && ['-', '+', '~'].includes(this.peek().value)) {
      const op = this.next().value;
      return { t: 'unary', op, operand: this.deeper(() => this.unary()) };
    }
    const base = this.primary();
    if (this.accept('**'))
      return { t: 'bin', op: '**', left: base, right: this.deeper(() => this.unary()) };
    return base;
  }

  private primary(): Expr {
    let e = this.atom();
    for (;;) {
      const t = this.peek();
      if (this.accept('.')) e = { t: 'attr', obj: e, name: this.name(), line: t.line };
      else if (this.accept('(')) e = this.call(e, t.line);
      else if (this.accept('[')) {
        e = this.subscript(e);
        this.expect(']');
      } else return e;
    }
  }

  private call(fn: Expr, line: number): Expr {
    const args: Expr[] = [];
    const kwargs: [string, Expr][] = [];
    let star = false;
    while (!this.is(')')) {
      if (this.is('*') || this.is('**')) {
        this.next();
        star = true;
        args.push(this.expr());
      } else if (this.peek().kind === 'name' && this.is('=', 1)) {
        const k = this.name();
        this.next();
        kwargs.push([k, this.expr()]);
      } else {
        const a = this.expr();
        if (this.is('for')) args.push(this.comprehension('gen', a));
        else args.push(a);
      }
      if (!this.accept(',')) break;
    }
    this.expect(')');
    return { t: 'call', fn, args, kwargs, star, line };
  }

  private subscript(obj: Expr): Expr {
    const part = (): Expr | undefined => (this.is(':') || this.is(']') ? undefined : this.expr());
    const lower = part();
    if (!this.is(':')) {
      if (this.is(',')) {
        const items = [lower!];
        while (this.accept(',')) if (!this.is(']')) items.push(this.expr());
        return { t: 'index', obj, index: { t: 'tuple', items } };
      }
      return { t: 'index', obj, index: lower! };
    }
    this.next();
    const upper = part();
    const step = this.accept(':') ? part() : undefined;
    return {
      t: 'slice',
      obj,
      ...(lower ? { lower } : {}),
      ...(upper ? { upper } : {}),
      ...(step ? { step } : {}),
    };
  }

  private comprehension(kind: 'list' | 'set' | 'gen' | 'dict', elt: Expr, value?: Expr): Expr {
    this.expect('for');
    const target = this.targetList();
    this.expect('in');
    const iter = this.orExpr();
    const conds: Expr[] = [];
    while (this.accept('if')) conds.push(this.orExpr());
    if (this.is('for'))
      throw this.error('comprehensions with more than one "for" are not supported');
    return { t: 'comp', kind, elt, ...(value ? { value } : {}), target, iter, conds };
  }

  private atom(): Expr {
    const t = this.next();
    switch (t.kind) {
      case 'number':
        return { t: 'num', text: t.value };
      case 'string': {
        let value = t.value;
        let prefix = t.prefix;
        // Adjacent literals are one string.
        while (this.peek().kind === 'string') {
          const n = this.next();
          value += n.value;
          prefix = prefix ?? n.prefix;
        }
        return { t: 'str', value, ...(prefix ? { prefix } : {}) };
      }
      case 'name':
        if (t.value === 'True' || t.value === 'False' || t.value === 'None')
          return { t: 'const', value: t.value };
        if (
          [
            'if',
            'else',
            'for',
            'in',
            'and',
            'or',
            'not',
            'def',
            'class',
            'return',
            'import',
            'from',
            'is',
          ].includes(t.value)
        )
          throw new PySyntaxError(`unexpected "${t.value}"`, t.line);
        return { t: 'name', id: t.value, line: t.line };
      case 'op':
        if (t.value === '(') {
          if (this.accept(')')) return { t: 'tuple', items: [] };
          const first = this.expr();
          if (this.is('for')) {
            const c = this.comprehension('gen', first);
            this.expect(')');
            return c;
          }
          if (this.accept(')')) return first;
          const items = [first];
          while (this.accept(',')) {
            if (this.is(')')) break;
            items.push(this.expr());
          }
          this.expect(')');
          return { t: 'tuple', items };
        }
        if (t.value === '[') {
          if (this.accept(']')) return { t: 'list', items: [] };
          const first = this.expr();
          if (this.is('for')) {
            const c = this.comprehension('list', first);
            this.expect(']');
            return c;
          }
          const items = [first];
          while (this.accept(',')) {
            if (this.is(']')) break;
            items.push(this.expr());
          }
          this.expect(']');
          return { t: 'list', items };
        }
        if (t.value === '{') {
          if (this.accept('}')) return { t: 'dict', entries: [] };
          const first = this.expr();
          if (this.accept(':')) {
            const value = this.expr();
            if (this.is('for')) {
              const c = this.comprehension('dict', first, value);
              this.expect('}');
              return c;
            }
            const entries: [Expr, Expr][] = [[first, value]];
            while (this.accept(',')) {
              if (this.is('}')) break;
              const k = this.expr();
              this.expect(':');
              entries.push([k, this.expr()]);
            }
            this.expect('}');
            return { t: 'dict', entries };
          }
          if (this.is('for')) {
            const c = this.comprehension('set', first);
            this.expect('}');
            return c;
          }
          const items = [first];
          while (this.accept(',')) {
            if (this.is('}')) break;
            items.push(this.expr());
          }
          this.expect('}');
          return { t: 'set', items };
        }
    }
    throw new PySyntaxError(`unexpected ${describe(t)}`, t.line);
  }
}

function describe(t: Token): string {
  if (t.kind === 'end') return 'the end of the file';
  if (t.kind === 'newline') return 'the end of the line';
  if (t.kind === 'indent' || t.kind === 'dedent') return 'a change of indentation';
  if (t.kind === 'string') return 'a string';
  return `"${t.value}"`;
}

/** `a.b.c` of a name or attribute chain, or undefined. */
export function dottedName(e: Expr): string | undefined {
  if (e.t === 'name') return e.id;
  if (e.t === 'attr') {
    const base = dottedName(e.obj);
    return base === undefined ? undefined : `${base}.${e.name}`;
  }
  return undefined;
}

export function parseModule(source: string): Stmt[] {
  return new Parser(tokenize(source)).module();
}

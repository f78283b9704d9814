/**
 * One StreamAlert rule file (Python) → one TypeScript rule file of this project.
 *
 * The `@rule(...)` options become `rule({...})` options; bodies in the common subset become
 * TypeScript with Python's semantics kept by the rules API's `py` helpers (truthiness of an
 * empty list, `in`, `==` on maps, `rec['key']` raising KeyError so the rule counts as false
 * as in StreamAlert). Names a rule imports from the checkout (rules/helpers/base.py, the
 * matchers modules, helpers of the user's own) are translated into the file; StreamAlert's
 * own helpers map to the rules API. A rule that uses anything outside the subset becomes a
 * stub: staged (its alerts never reach an output), throwing "not translated", with its Python
 * in a comment and the reason in the result for the migrate report.
 */
import { dottedName, parseModule, type Expr, type Param, type Stmt } from './parse.js';
import { PySyntaxError } from './tokenize.js';

/** The rules-API helpers that answer true or false (a call of one is a condition). */
const BOOLEAN_HELPERS: ReadonlySet<string> = new Set([
  'inSet',
  'inNetwork',
  'validIp',
  'lastHour',
  'fnmatch',
  'matchesAny',
  'startsWithAny',
  'endsWithAny',
  'containsAny',
  'dataHasValue',
  'dataHasValueWithSubstring',
  'dataHasValueFromList',
  'dataHasValueFromSubstringList',
]);

/**
 * The normalized types the checkout's conf defines, or undefined when unknown. StreamAlert 3
 * ran a rule whatever its `datatypes` named (they only say which values normalization
 * fetches); this project refuses a type the conf does not define, so one that is not
 * defined is left out of the options (fetching it finds nothing, as in StreamAlert).
 */
export interface TranslateOptions {
  knownDatatypes?: ReadonlySet<string>;
}

/** Reads a module of the checkout by its dotted name (`matchers.default`), or undefined. */
export type ModuleLoader = (dotted: string) => { path: string; source: string } | undefined;

export interface RuleOutcome {
  name: string;
  /** Why it is a stub; undefined when it was translated. */
  reason?: string;
  /** `@disable`d in StreamAlert: written, not exported (so it does not run). */
  disabled: boolean;
  /** What was left out of a translated rule (publishers). */
  notes: string[];
}

export interface FileTranslation {
  /** The TypeScript file, or undefined when the Python file declares no rule. */
  code?: string;
  rules: RuleOutcome[];
  /** The file could not be read as Python at all (every rule in it is unknown). */
  error?: string;
}

class Untranslatable extends Error {}
const fail = (reason: string): never => {
  throw new Untranslatable(reason);
};

/** What a rule file may import from the rules API, so a Python name never shadows one. */
const API_NAMES = new Set([
  'rule',
  'py',
  'matcher',
  'inSet',
  'inNetwork',
  'validIp',
  'lastHour',
  'fetchValuesByDatatype',
  'fnmatch',
  'matchesAny',
  'startsWithAny',
  'endsWithAny',
  'containsAny',
  'dataHasValue',
  'dataHasValueWithSubstring',
  'dataHasValueFromList',
  'dataHasValueFromSubstringList',
  'safeJsonLoads',
  'getKeys',
  'getFirstKey',
  'lookup',
]);
const JS_RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await arguments eval undefined NaN Infinity Object Array Set Math JSON String Number Boolean Error'.split(
    ' ',
  ),
);

/** StreamAlert's helpers (rules/helpers/base.py, shared/utils.py) → the rules API function. */
const KNOWN_HELPERS: Record<string, string> = {
  in_set: 'inSet',
  in_network: 'inNetwork',
  valid_ip: 'validIp',
  last_hour: 'lastHour',
  fetch_values_by_datatype: 'fetchValuesByDatatype',
  matches_any: 'matchesAny',
  starts_with_any: 'startsWithAny',
  ends_with_any: 'endsWithAny',
  contains_any: 'containsAny',
  data_has_value: 'dataHasValue',
  data_has_value_with_substring: 'dataHasValueWithSubstring',
  data_has_value_from_list: 'dataHasValueFromList',
  data_has_value_from_substring_list: 'dataHasValueFromSubstringList',
  safe_json_loads: 'safeJsonLoads',
  get_keys: 'getKeys',
  get_first_key: 'getFirstKey',
};
/** The modules StreamAlert's helpers live in (any generation). */
const HELPER_MODULES =
  /^(rules\.helpers\.base|helpers\.base|streamalert\.shared\.utils|stream_alert\.shared\.utils|stream_alert\.rule_processor\.helpers|stream_alert\.shared\.rule_helpers)$/;
const RULE_MODULES =
  /^(streamalert\.shared\.rule|stream_alert\.shared\.rule|stream_alert\.rule_processor\.rules_engine)$/;

/** A Python value's name in the translated file. */
type Binding =
  | { kind: 'js'; code: string }
  | { kind: 'api'; name: string }
  | { kind: 'module'; module: string }
  | { kind: 'class'; module: string; name: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'decorator'; which: 'rule' | 'disable' | 'other' };

export function jsString(s: string): string {
  return JSON.stringify(s)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Text as `//` comment lines: a line terminator inside could end the comment. */
export function commentLines(text: string, indent = ''): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/[\n\u2028\u2029\u0085]/)
    .map((l) => `${indent}//${l ? ` ${l}` : ''}`)
    .join('\n');
}

function dedent(doc: string): string {
  const lines = doc.replace(/\t/g, '    ').split('\n');
  const widths = lines
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.length - l.trimStart().length);
  const cut = widths.length ? Math.min(...widths) : 0;
  return [lines[0]!.trim(), ...lines.slice(1).map((l) => l.slice(cut).trimEnd())].join('\n').trim();
}

/** `(a && b)` → `a && b` where the parentheses wrap the whole (strings skipped). */
export function unwrap(code: string): string {
  if (!code.startsWith('(') || !code.endsWith(')')) return code;
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (c === '"') {
      for (i++; i < code.length && code[i] !== '"'; i++) if (code[i] === '\\') i++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0 && i < code.length - 1) return code;
  }
  return code.slice(1, -1);
}

interface Code {
  c: string;
  /** Known to be a JS boolean. */
  bool?: boolean;
}

/** Names visible in a function being translated: Python name → JS name. */
class Scope {
  readonly names = new Map<string, string>();
  constructor(readonly parent?: Scope) {}
  lookup(name: string): string | undefined {
    return this.names.get(name) ?? this.parent?.lookup(name);
  }
}

/** The translation of one file; `ctx` tracks the declarations and API names it needs. */
class FileContext {
  readonly api = new Set<string>(['rule']);
  readonly bindings = new Map<string, Binding>();
  /** Declarations inlined from other modules, in dependency order. */
  readonly inlined: string[] = [];
  private readonly inlining = new Map<string, string>();
  readonly taken = new Set<string>();

  constructor(
    readonly load: ModuleLoader,
    readonly module: string,
  ) {}

  /** A JS identifier for a Python name, unique in the file. */
  ident(name: string): string {
    let id = API_NAMES.has(name) || JS_RESERVED.has(name) ? `${name}_` : name;
    while (this.taken.has(id)) id = `${id}_`;
    this.taken.add(id);
    return id;
  }

  use(api: string): string {
    this.api.add(api === 'py' ? 'py' : api);
    return api;
  }

  /** A module-level name of another module of the checkout, translated into this file. */
  inline(module: string, name: string): Binding {
    const key = `${module}:${name}`;
    const done = this.inlining.get(key);
    if (done !== undefined) return { kind: 'js', code: done };
    const loaded = this.load(module);
    if (!loaded)
      return {
        kind: 'failed',
        reason: `imports ${name} from ${module}, which is not in the checkout`,
      };
    let body: Stmt[];
    try {
      body = parseModule(loaded.source);
    } catch (err) {
      return { kind: 'failed', reason: `${loaded.path}: ${(err as Error).message}` };
    }
    const id = this.ident(name);
    this.inlining.set(key, id);
    const sub = new ModuleTranslator(this, module, body, false);
    try {
      const decl = sub.declaration(name, id);
      this.inlined.push(`// ${name}: from ${loaded.path}\n${decl}`);
      return { kind: 'js', code: id };
    } catch (err) {
      if (!(err instanceof Untranslatable)) throw err;
      this.inlining.delete(key);
      return { kind: 'failed', reason: `${name} (from ${loaded.path}): ${err.message}` };
    }
  }
}

/** The names of one module (the rule file, or one it imports from). */
class ModuleTranslator {
  readonly bindings = new Map<string, Binding>();
  private readonly defs = new Map<string, Stmt>();

  constructor(
    readonly file: FileContext,
    readonly module: string,
    readonly body: Stmt[],
    /** The rule file itself: its constants and helpers are declared in order. */
    readonly own: boolean,
  ) {
    for (const s of body) {
      if (s.t === 'import' || s.t === 'from') this.bindImport(s);
      else if (s.t === 'def' || s.t === 'class') this.defs.set(s.name, s);
      else if (s.t === 'assign' && s.targets.length === 1 && s.targets[0]!.t === 'name')
        this.defs.set(s.targets[0]!.id, s);
    }
  }

  private bindImport(s: Extract<Stmt, { t: 'import' | 'from' }>): void {
    if (s.t === 'import') {
      for (const n of s.names)
        this.bindings.set(n.as ?? n.module.split('.')[0]!, {
          kind: 'module',
          module: n.as ? n.module : n.module.split('.')[0]!,
        });
      return;
    }
    const module = s.module.startsWith('.') ? resolveRelative(this.module, s.module) : s.module;
    for (const n of s.names) {
      const local = n.as ?? n.name;
      if (n.name === '*') continue;
      if (RULE_MODULES.test(module))
        this.bindings.set(local, {
          kind: 'decorator',
          which: n.name === 'rule' ? 'rule' : n.name === 'disable' ? 'disable' : 'other',
        });
      else if (HELPER_MODULES.test(module) && KNOWN_HELPERS[n.name])
        this.bindings.set(local, { kind: 'api', name: KNOWN_HELPERS[n.name]! });
      else if (module === 'fnmatch' && n.name === 'fnmatch')
        this.bindings.set(local, { kind: 'api', name: 'fnmatch' });
      else if (/(^|\.)lookup_tables(\.core)?$/.test(module) && n.name === 'LookupTables')
        this.bindings.set(local, { kind: 'module', module: 'LookupTables' });
      else if (/(^|\.)normalize$/.test(module) && n.name === 'Normalizer')
        this.bindings.set(local, { kind: 'module', module: 'Normalizer' });
      else if (/(^|\.)threat_intel$/.test(module) && n.name === 'ThreatIntel')
        this.bindings.set(local, { kind: 'module', module: 'ThreatIntel' });
      else if (/^publishers(\.|$)/.test(module))
        this.bindings.set(local, { kind: 'failed', reason: `uses the publisher ${n.name}` });
      else this.bindings.set(local, { kind: 'class', module, name: n.name });
    }
  }

  /** What a module-level Python name means here. */
  resolve(name: string): Binding {
    const b = this.bindings.get(name);
    if (b?.kind === 'class' && this.file.load(`${b.module}.${b.name}`)) {
      // `from rules.matchers import matchers`: a module, not a name in one.
      return { kind: 'module', module: `${b.module}.${b.name}` };
    }
    if (b?.kind === 'class') {
      // An import from another module: a function or constant of the checkout, inlined;
      // a class (the matchers) stays a reference resolved by attribute.
      const loaded = this.file.load(b.module);
      if (!loaded)
        return {
          kind: 'failed',
          reason: `imports ${name} from ${b.module}, which is not part of the checkout (no counterpart here)`,
        };
      let isClass = false;
      try {
        isClass = parseModule(loaded.source).some((s) => s.t === 'class' && s.name === b.name);
      } catch {
        /* reported by inline */
      }
      if (isClass) return b;
      const inlined = this.file.inline(b.module, b.name);
      this.bindings.set(name, inlined);
      return inlined;
    }
    if (b) return b;
    if (this.defs.has(name)) {
      if (this.own)
        return (
          this.bindings.get(name) ?? {
            kind: 'failed',
            reason: `${name} is used before it is defined`,
          }
        );
      const inlined = this.file.inline(this.module, name);
      this.bindings.set(name, inlined);
      return inlined;
    }
    return { kind: 'failed', reason: `unknown name ${name}` };
  }

  /** A module-level name of this module as one declaration named `id`. */
  declaration(name: string, id: string): string {
    const s = this.defs.get(name);
    if (!s) fail(`${name} is not defined in ${this.module}`);
    if (s!.t === 'def') return new FunctionTranslator(this, s!, 'helper').declaration(id);
    if (s!.t === 'assign')
      return `const ${id} = ${new FunctionTranslator(this, undefined, 'const').value(s!.value).c};`;
    return fail(`${name} is a class`);
  }
}

function resolveRelative(from: string, rel: string): string {
  const dots = /^\.+/.exec(rel)![0].length;
  const base = from.split('.').slice(0, -dots);
  const rest = rel.slice(dots);
  return [...base, ...(rest ? [rest] : [])].join('.');
}

type FunctionKind = 'rule' | 'helper' | 'matcher' | 'const';

/** Translates one function (or a module-level constant's expression). */
class FunctionTranslator {
  scope: Scope;
  private tmp = 0;
  /** A class whose methods this function belongs to (matchers): `cls.X` resolves there. */
  classBody?: { module: ModuleTranslator; name: string; body: Stmt[] };

  constructor(
    readonly mod: ModuleTranslator,
    readonly def: Extract<Stmt, { t: 'def' }> | undefined,
    readonly kind: FunctionKind,
  ) {
    this.scope = new Scope();
  }

  private get file(): FileContext {
    return this.mod.file;
  }
  private py(fn: string): string {
    this.file.use('py');
    return `py.${fn}`;
  }

  /** Python parameters → JS parameters, declared in the scope. */
  params(params: readonly Param[], skipFirst = false): string[] {
    const out: string[] = [];
    params.forEach((p, i) => {
      if (skipFirst && i === 0) return;
      if (p.star === '**') fail(`**${p.name} parameters`);
      const id = this.local(p.name);
      if (p.star === '*') out.push(`...${id}`);
      else out.push(p.default ? `${id} = ${this.value(p.default).c}` : id);
    });
    return out;
  }

  private local(name: string): string {
    const id =
      /^[A-Za-z_$][\w$]*$/.test(name) && !API_NAMES.has(name) && !JS_RESERVED.has(name)
        ? name
        : `${name.replace(/[^\w$]/g, '_')}_`;
    this.scope.names.set(name, id);
    return id;
  }

  /** Every name assigned in a function body (Python's function scope), to declare once. */
  hoist(body: readonly Stmt[]): string[] {
    const names = new Set<string>();
    const target = (e: Expr): void => {
      if (e.t === 'name') names.add(e.id);
      else if (e.t === 'tuple' || e.t === 'list') e.items.forEach(target);
    };
    const walk = (stmts: readonly Stmt[]): void => {
      for (const s of stmts) {
        if (s.t === 'assign') s.targets.forEach(target);
        else if (s.t === 'augassign') target(s.target);
        else if (s.t === 'for') {
          target(s.target);
          walk(s.body);
          walk(s.orelse);
        } else if (s.t === 'if' || s.t === 'while') {
          walk(s.body);
          walk(s.orelse);
        } else if (s.t === 'try') {
          walk(s.body);
          for (const h of s.handlers) {
            if (h.name) names.add(h.name);
            walk(h.body);
          }
          walk(s.orelse);
          walk(s.finally);
        }
      }
    };
    walk(body);
    const ids: string[] = [];
    for (const n of names) if (!this.scope.names.has(n)) ids.push(this.local(n));
    return ids;
  }

  declaration(id: string): string {
    const def = this.def!;
    // `@matcher` (StreamAlert 1.x/2.x) only registers the function: it translates as it is.
    if (def.decorators.some((d) => dottedName(d) !== 'matcher')) fail(`${def.name} is decorated`);
    const params = this.params(def.params);
    return `function ${id}(${params.join(', ')}) {\n${this.functionBody(def.body, '  ')}}`;
  }

  functionBody(body: readonly Stmt[], indent: string): string {
    const stmts = body[0]?.t === 'expr' && body[0].expr.t === 'str' ? body.slice(1) : body;
    const locals = this.hoist(stmts);
    let out = locals.length ? `${indent}let ${locals.join(', ')};\n` : '';
    out += this.block(stmts, indent);
    return out;
  }

  block(stmts: readonly Stmt[], indent: string): string {
    return stmts.map((s) => this.stmt(s, indent)).join('');
  }

  private stmt(s: Stmt, ind: string): string {
    const inner = `${ind}  `;
    switch (s.t) {
      case 'expr':
        if (s.expr.t === 'str') return ''; // a docstring or a bare string
        return `${ind}${this.value(s.expr).c};\n`;
      case 'pass':
        return '';
      case 'break':
      case 'continue':
        return `${ind}${s.t};\n`;
      case 'return': {
        if (!s.value)
          return `${ind}return ${this.kind === 'rule' || this.kind === 'matcher' ? 'false' : 'null'};\n`;
        const v =
          this.kind === 'rule' || this.kind === 'matcher'
            ? this.cond(s.value)
            : this.value(s.value);
        return `${ind}return ${unwrap(v.c)};\n`;
      }
      case 'assign': {
        const v = this.value(s.value).c;
        const targets = s.targets.map((t) => this.target(t));
        return `${ind}${targets.map((t) => `${t} = `).join('')}${unwrap(v)};\n`;
      }
      case 'augassign': {
        if (s.target.t !== 'name')
          fail(`line ${s.line}: augmented assignment to anything but a name`);
        const op = s.op === '//=' ? undefined : s.op;
        if (!op || ['|=', '&=', '^=', '<<=', '>>=', '**='].includes(op))
          fail(`line ${s.line}: the ${s.op} operator`);
        return `${ind}${this.target(s.target)} ${op} ${this.value(s.value).c};\n`;
      }
      case 'if': {
        let out = `${ind}if (${unwrap(this.cond(s.test).c)}) {\n${this.block(s.body, inner)}${ind}}`;
        if (s.orelse.length === 1 && s.orelse[0]!.t === 'if')
          out += ` else ${this.stmt(s.orelse[0]!, ind).trimStart()}`;
        else if (s.orelse.length) out += ` else {\n${this.block(s.orelse, inner)}${ind}}\n`;
        else out += '\n';
        return out;
      }
      case 'for':
        if (s.orelse.length) fail(`line ${s.line}: for ... else`);
        return `${ind}for (${this.target(s.target)} of ${this.py('iter')}(${this.value(s.iter).c})) {\n${this.block(s.body, inner)}${ind}}\n`;
      case 'while':
        if (s.orelse.length) fail(`line ${s.line}: while ... else`);
        return `${ind}while (${unwrap(this.cond(s.test).c)}) {\n${this.block(s.body, inner)}${ind}}\n`;
      case 'try': {
        if (s.orelse.length) fail(`line ${s.line}: try ... else`);
        const err = `$err${this.tmp++ || ''}`; // `$` is never in a Python name
        let out = `${ind}try {\n${this.block(s.body, inner)}${ind}}`;
        if (s.handlers.length) {
          out += ` catch (${err}) {\n`;
          s.handlers.forEach((h, i) => {
            const catchAll = h.types.includes('BaseException') || h.types.includes('Exception');
            const bind = h.name ? `${inner}  ${this.scope.lookup(h.name)} = ${err};\n` : '';
            const test = catchAll
              ? 'true'
              : `${this.py('raised')}(${err}, ${h.types.map(jsString).join(', ')})`;
            out += `${inner}${i ? 'else ' : ''}if (${test}) {\n${bind}${this.block(h.body, `${inner}  `)}${inner}}`;
            out += '\n';
          });
          out += `${inner}else throw ${err};\n${ind}}`;
        }
        if (s.finally.length) out += ` finally {\n${this.block(s.finally, inner)}${ind}}`;
        return `${out}\n`;
      }
      case 'def':
        return fail(`line ${s.line}: a function defined inside a function (${s.name})`);
      case 'class':
        return fail(`line ${s.line}: a class defined inside a function`);
      case 'import':
      case 'from':
        return fail(`line ${s.line}: an import inside a function`);
      case 'unsupported':
        return fail(`line ${s.line}: ${s.what}`);
    }
  }

  /** An assignment or for target. */
  private target(e: Expr): string {
    if (e.t === 'name') {
      const id = this.scope.lookup(e.id);
      if (!id) fail(`line ${e.line}: assignment to ${e.id}, which is not a local variable`);
      return id!;
    }
    if (e.t === 'tuple' || e.t === 'list')
      return `[${e.items.map((i) => this.target(i)).join(', ')}]`;
    return fail('assignment to an item or attribute (records are read-only here)');
  }

  /** An expression used as a condition: a JS boolean with Python's truthiness. */
  cond(e: Expr): Code {
    if (e.t === 'bool') {
      const op = e.op === 'and' ? '&&' : '||';
      return { c: `(${this.cond(e.left).c} ${op} ${this.cond(e.right).c})`, bool: true };
    }
    if (e.t === 'not') return { c: `!${this.cond(e.operand).c}`, bool: true };
    const v = this.value(e);
    return v.bool ? v : { c: `${this.py('truthy')}(${v.c})`, bool: true };
  }

  value(e: Expr): Code {
    switch (e.t) {
      case 'name':
        return this.name(e.id, e.line);
      case 'num': {
        if (/[jJ]$/.test(e.text)) fail('complex numbers');
        const n = Number(e.text.replace(/_/g, '').replace(/^0[oO]/, '0o'));
        if (!Number.isFinite(n)) fail(`the number ${e.text}`);
        return { c: String(n) };
      }
      case 'str':
        if (e.prefix?.includes('f')) fail('f-strings');
        if (e.prefix?.includes('b')) fail('bytes literals');
        return { c: jsString(e.value) };
      case 'const':
        return e.value === 'None'
          ? { c: 'null' }
          : { c: e.value === 'True' ? 'true' : 'false', bool: true };
      case 'list':
      case 'tuple':
        return { c: `[${e.items.map((i) => this.value(i).c).join(', ')}]` };
      case 'set':
        return { c: `new Set([${e.items.map((i) => this.value(i).c).join(', ')}])` };
      case 'dict': {
        const entries = e.entries.map(([k, v]) => {
          if (k.t !== 'str' || k.prefix) fail('a dict literal with keys that are not strings');
          return `${jsString((k as { value: string }).value)}: ${this.value(v).c}`;
        });
        return { c: entries.length ? `{ ${entries.join(', ')} }` : '{}' };
      }
      case 'index': {
        const keys: Expr[] = [e.index];
        let obj = e.obj;
        while (obj.t === 'index') {
          keys.unshift(obj.index);
          obj = obj.obj;
        }
        return {
          c: `${this.py('at')}(${[this.value(obj).c, ...keys.map((k) => this.value(k).c)].join(', ')})`,
        };
      }
      case 'slice':
        if (e.step) fail('slices with a step');
        return {
          c: `${this.py('slice')}(${this.value(e.obj).c}, ${e.lower ? this.value(e.lower).c : 'null'}, ${e.upper ? this.value(e.upper).c : 'null'})`,
        };
      case 'attr':
        return this.attribute(e);
      case 'call':
        return this.call(e);
      case 'bool': {
        const l = this.value(e.left);
        const r = this.value(e.right);
        if (l.bool && r.bool)
          return { c: `(${l.c} ${e.op === 'and' ? '&&' : '||'} ${r.c})`, bool: true };
        return { c: `${this.py(e.op)}(${l.c}, () => ${r.c})` };
      }
      case 'not':
        return this.cond(e);
      case 'unary':
        if (e.op === '~') fail('the ~ operator');
        return { c: `${e.op}${this.value(e.operand).c}` };
      case 'bin': {
        const l = this.value(e.left).c;
        const r = this.value(e.right).c;
        if (e.op === '+') return { c: `${this.py('add')}(${l}, ${r})` };
        if (e.op === '//') return { c: `Math.floor(${l} / ${r})` };
        if (['-', '*', '/', '%', '**'].includes(e.op)) return { c: `(${l} ${e.op} ${r})` };
        return fail(`the ${e.op} operator`);
      }
      case 'compare':
        return this.compare(e);
      case 'ifexp':
        return {
          c: `(${this.cond(e.test).c} ? ${this.value(e.body).c} : ${this.value(e.orelse).c})`,
        };
      case 'lambda':
        return this.withScope(() => {
          const params = e.params.map((p) => this.local(p));
          return { c: `((${params.join(', ')}) => ${this.value(e.body).c})` };
        });
      case 'comp':
        return this.comprehension(e);
    }
  }

  private withScope<T>(f: () => T): T {
    const saved = this.scope;
    this.scope = new Scope(saved);
    try {
      return f();
    } finally {
      this.scope = saved;
    }
  }

  private comprehension(
    e: Extract<Expr, { t: 'comp' }>,
    as: 'some' | 'every' | undefined = undefined,
  ): Code {
    return this.withScope(() => {
      const iter = `${this.py('iter')}(${this.value(e.iter).c})`;
      const names = new Set<string>();
      const collect = (t: Expr): void => {
        if (t.t === 'name') names.add(t.id);
        else if (t.t === 'tuple' || t.t === 'list') t.items.forEach(collect);
        else fail('a comprehension target that is not a name');
      };
      collect(e.target);
      for (const n of names) this.local(n);
      const param = `(${this.target(e.target)})`;
      let chain = iter;
      for (const c of e.conds) chain += `.filter(${param} => ${this.cond(c).c})`;
      if (as) return { c: `${chain}.${as}(${param} => ${this.cond(e.elt).c})`, bool: true };
      if (e.kind === 'dict')
        return {
          c: `Object.fromEntries(${chain}.map(${param} => [${this.value(e.elt).c}, ${this.value(e.value!).c}]))`,
        };
      const mapped = `${chain}.map(${param} => ${this.value(e.elt).c})`;
      return { c: e.kind === 'set' ? `new Set(${mapped})` : mapped };
    });
  }

  private compare(e: Extract<Expr, { t: 'compare' }>): Code {
    const parts: string[] = [];
    let left = e.left;
    e.ops.forEach((op, i) => {
      const right = e.rights[i]!;
      parts.push(this.comparePair(left, op, right));
      left = right;
    });
    return { c: parts.length === 1 ? parts[0]! : `(${parts.join(' && ')})`, bool: true };
  }

  private comparePair(l: Expr, op: string, r: Expr): string {
    const lit = (x: Expr): boolean =>
      x.t === 'str' || x.t === 'num' || (x.t === 'const' && x.value !== 'None');
    const none = (x: Expr): boolean => x.t === 'const' && x.value === 'None';
    const L = (): string => this.value(l).c;
    const R = (): string => this.value(r).c;
    switch (op) {
      case '==':
      case '!=': {
        const neg = op === '!=';
        if (none(l) || none(r)) return `(${none(r) ? L() : R()} ${neg ? '!=' : '=='} null)`;
        if (lit(l) || lit(r)) return `(${L()} ${neg ? '!==' : '==='} ${R()})`;
        return `${neg ? '!' : ''}${this.py('eq')}(${L()}, ${R()})`;
      }
      case 'is':
      case 'is not': {
        const neg = op === 'is not';
        if (none(r)) return `(${L()} ${neg ? '!=' : '=='} null)`;
        return `(${L()} ${neg ? '!==' : '==='} ${R()})`;
      }
      case 'in':
        return `${this.py('contains')}(${R()}, ${L()})`;
      case 'not in':
        return `!${this.py('contains')}(${R()}, ${L()})`;
      default:
        return `(${L()} ${op} ${R()})`;
    }
  }

  private name(id: string, line: number): Code {
    const local = this.scope.lookup(id);
    if (local) return { c: local };
    if (
      this.classBody &&
      this.classBody.body.some(
        (s) => s.t === 'assign' && s.targets[0]?.t === 'name' && s.targets[0].id === id,
      )
    )
      fail(`line ${line}: ${id}`);
    const b = this.mod.resolve(id);
    switch (b.kind) {
      case 'js':
        return { c: b.code };
      case 'api':
        return { c: this.file.use(b.name) };
      case 'failed':
        return fail(b.reason);
      default:
        return fail(`line ${line}: ${id} used as a value`);
    }
  }

  /** `x.y` not called: a class attribute of a matcher class (`cls._RUNLEVELS`). */
  private attribute(e: Extract<Expr, { t: 'attr' }>): Code {
    if (
      e.obj.t === 'name' &&
      this.classBody &&
      (e.obj.id === 'cls' || e.obj.id === this.classBody.name)
    ) {
      return {
        c: this.classAttribute(
          this.classBody.module,
          this.classBody.name,
          this.classBody.body,
          e.name,
        ),
      };
    }
    const head = dottedName(e)?.split('.')[0];
    const b = head && !this.scope.lookup(head) ? this.mod.bindings.get(head) : undefined;
    // What the attribute is read from may be the better reason (`requests.get(...).status`).
    if (!b && !dottedName(e)) this.value(e.obj);
    // StreamAlert 3's key of a record's matched indicators (docs/threat-intel.md), the same here.
    if (
      b?.kind === 'module' &&
      b.module === 'ThreatIntel' &&
      e.obj.t === 'name' &&
      e.name === 'IOC_KEY'
    )
      return { c: jsString('streamalert:ioc') };
    if (b?.kind === 'class' || b?.kind === 'module')
      return fail(
        `line ${e.line}: ${dottedName(e)} (${b.kind === 'class' ? b.module : b.module}) has no counterpart here`,
      );
    return fail(`line ${e.line}: the attribute ${dottedName(e) ?? `.${e.name}`}`);
  }

  /** A class attribute as a file-level constant. */
  private classAttribute(mod: ModuleTranslator, cls: string, body: Stmt[], attr: string): string {
    const key = `${mod.module}.${cls}.${attr}`;
    const known = classConsts.get(this.file)?.get(key);
    if (known) return known;
    const s = body.find(
      (x) => x.t === 'assign' && x.targets[0]?.t === 'name' && x.targets[0].id === attr,
    );
    if (!s || s.t !== 'assign') return fail(`${cls}.${attr} is not a class constant`);
    const id = this.file.ident(`${cls}_${attr}`);
    const code = new FunctionTranslator(mod, undefined, 'const').value(s.value).c;
    this.file.inlined.push(`const ${id} = ${code};`);
    const m = classConsts.get(this.file) ?? new Map<string, string>();
    m.set(key, id);
    classConsts.set(this.file, m);
    return id;
  }

  /** `Cls.method` of a matchers class → a file-level function. */
  matcherRef(e: Expr): string {
    if (e.t === 'str') return this.namedMatcher(e.value);
    const dotted = dottedName(e);
    if (!dotted) return fail('a matcher that is not a name');
    const parts = dotted.split('.');
    const first = this.mod.resolve(parts[0]!);
    if (parts.length === 1) {
      if (first.kind === 'js') {
        this.file.use('matcher');
        return `matcher(${jsString(parts[0]!)}, ${first.code})`;
      }
      return fail(first.kind === 'failed' ? first.reason : `the matcher ${dotted}`);
    }
    // `from rules.matchers import matchers` then `matchers.guard_duty`: a function of a module.
    const asModule =
      first.kind === 'class'
        ? `${first.module}.${first.name}`
        : first.kind === 'module'
          ? first.module
          : undefined;
    if (asModule && parts.length === 2 && this.file.load(asModule)) {
      const b = this.file.inline(asModule, parts[1]!);
      if (b.kind === 'js') {
        this.file.use('matcher');
        return `matcher(${jsString(dotted)}, ${b.code})`;
      }
    }
    let module: string;
    let cls: string;
    if (first.kind === 'class' && parts.length === 2) {
      module = first.module;
      cls = first.name;
    } else if (first.kind === 'module' && parts.length === 3) {
      module = first.module;
      cls = parts[1]!;
    } else if (first.kind === 'class' && parts.length === 3) {
      module = `${first.module}.${first.name}`;
      cls = parts[1]!;
    } else return fail(`the matcher ${dotted}`);
    const method = parts[parts.length - 1]!;
    const key = `${module}.${cls}.${method}`;
    const known = matcherFns.get(this.file)?.get(key);
    if (known) return known;
    const loaded = this.file.load(module);
    if (!loaded) return fail(`the matcher ${dotted}: ${module} is not in the checkout`);
    const body = parseModule(loaded.source);
    const mod = new ModuleTranslator(this.file, module, body, false);
    const klass = body.find((s) => s.t === 'class' && s.name === cls);
    if (!klass || klass.t !== 'class')
      return fail(`the matcher ${dotted}: no class ${cls} in ${loaded.path}`);
    const def = klass.body.find((s) => s.t === 'def' && s.name === method);
    if (!def || def.t !== 'def')
      return fail(`the matcher ${dotted}: no method ${method} in ${loaded.path}`);
    const decorators = def.decorators.map((d) => dottedName(d));
    const isClassMethod = decorators.includes('classmethod');
    if (!isClassMethod && !decorators.includes('staticmethod'))
      fail(`the matcher ${dotted} is neither a classmethod nor a staticmethod`);
    const t = new FunctionTranslator(mod, def, 'matcher');
    t.classBody = { module: mod, name: cls, body: klass.body };
    const params = t.params(def.params, isClassMethod);
    const id = this.file.ident(`${cls}_${method}`);
    this.file.use('matcher');
    const fn = `const ${id} = matcher(${jsString(`${cls}.${method}`)}, (${params.join(', ')}) => {\n${t.functionBody(def.body, '  ')}});`;
    this.file.inlined.push(`// ${cls}.${method}: from ${loaded.path}\n${fn}`);
    const m = matcherFns.get(this.file) ?? new Map<string, string>();
    m.set(key, id);
    matcherFns.set(this.file, m);
    return id;
  }

  /**
   * StreamAlert 1.x/2.x's `matchers=['prod']`: the `@matcher` function of that name in the
   * matchers modules, translated into the file.
   */
  private namedMatcher(name: string): string {
    for (const module of ['matchers.matchers', 'matchers.default', 'matchers']) {
      const loaded = this.file.load(module);
      if (!loaded) continue;
      let body: Stmt[];
      try {
        body = parseModule(loaded.source);
      } catch (err) {
        return fail(`${loaded.path}: ${(err as Error).message}`);
      }
      if (!body.some((s) => s.t === 'def' && s.name === name)) continue;
      const b = this.file.inline(module, name);
      if (b.kind !== 'js') return fail(b.kind === 'failed' ? b.reason : `the matcher ${name}`);
      this.file.use('matcher');
      return `matcher(${jsString(name)}, ${b.code})`;
    }
    return fail(`the matcher "${name}" is in none of the matchers modules`);
  }

  private call(e: Extract<Expr, { t: 'call' }>): Code {
    if (e.star) fail(`line ${e.line}: *args in a call`);
    const args = (): string[] => {
      if (e.kwargs.length)
        fail(`line ${e.line}: keyword arguments to ${dottedName(e.fn) ?? 'a call'}`);
      return e.args.map((a) => this.value(a).c);
    };
    const fn = e.fn;
    if (fn.t === 'name' && !this.scope.lookup(fn.id) && !this.mod.bindings.has(fn.id)) {
      const builtin = this.builtin(fn.id, e);
      if (builtin) return builtin;
    }
    if (fn.t === 'attr') {
      const dotted = dottedName(fn);
      const head = dotted?.split('.')[0];
      const headBinding =
        head && !this.scope.lookup(head) ? this.mod.bindings.get(head) : undefined;
      if (
        dotted &&
        headBinding &&
        (headBinding.kind === 'module' || headBinding.kind === 'class')
      ) {
        const mod =
          headBinding.kind === 'module'
            ? headBinding.module
            : `${headBinding.module}.${headBinding.name}`;
        const qualified = `${mod}${dotted.slice(head!.length)}`;
        const known: Record<string, string> = {
          'json.loads': 'py.jsonLoads',
          'fnmatch.fnmatch': 'fnmatch',
          'ipaddress.IPv4Address': 'py.ipv4Address',
          'ipaddress.ip_address': 'py.ipv4Address',
          'Normalizer.get_values_for_normalized_type': 'fetchValuesByDatatype',
          // StreamAlert 3's lookup tables (conf/lookup_tables.json, read here too).
          'LookupTables.get': 'lookup',
        };
        const target = known[qualified] ?? known[dotted];
        if (target) {
          if (target.startsWith('py.')) this.file.use('py');
          else this.file.use(target);
          const list = args();
          // Python's default is None: a key not found is null, as `is None` expects.
          if (target === 'lookup' && list.length === 2) list.push('null');
          return { c: `${target}(${list.join(', ')})` };
        }
        if (headBinding.kind === 'class' || headBinding.kind === 'module') {
          // A matcher class method called from a rule body.
          if (
            this.file.load(headBinding.kind === 'module' ? headBinding.module : headBinding.module)
          ) {
            const ref = this.matcherRef(fn);
            return { c: `${ref}(${args().join(', ')})`, bool: true };
          }
        }
        return fail(`line ${e.line}: ${qualified}() has no counterpart here`);
      }
      if (
        this.classBody &&
        fn.obj.t === 'name' &&
        (fn.obj.id === 'cls' || fn.obj.id === this.classBody.name)
      )
        return fail(`line ${e.line}: a call to another method of ${this.classBody.name}`);
      return this.method(fn.obj, fn.name, e, args);
    }
    const callee = this.value(fn);
    // A helper of the file: keyword arguments become positions.
    const fnName = fn.t === 'name' ? fn.id : undefined;
    if (e.kwargs.length && fnName) {
      const def = this.mod.body.find((s) => s.t === 'def' && s.name === fnName);
      if (def && def.t === 'def') {
        const positional = e.args.map((a) => this.value(a).c);
        const byName = new Map(e.kwargs);
        const out = def.params.map((p, i) => {
          if (i < positional.length) return positional[i]!;
          const v = byName.get(p.name);
          return v ? this.value(v).c : 'undefined';
        });
        while (out.length && out[out.length - 1] === 'undefined') out.pop();
        return { c: `${callee.c}(${out.join(', ')})` };
      }
    }
    return { c: `${callee.c}(${args().join(', ')})`, bool: BOOLEAN_HELPERS.has(callee.c) };
  }

  private builtin(name: string, e: Extract<Expr, { t: 'call' }>): Code | undefined {
    const a = e.args;
    const one = (): string => {
      if (a.length !== 1 || e.kwargs.length)
        fail(`line ${e.line}: ${name}() with ${a.length} arguments`);
      return this.value(a[0]!).c;
    };
    switch (name) {
      case 'len':
        return { c: `${this.py('len')}(${one()})` };
      case 'any':
      case 'all':
        if (a.length === 1 && a[0]!.t === 'comp' && a[0].kind !== 'dict')
          return this.comprehension(a[0], name === 'any' ? 'some' : 'every');
        return { c: `${this.py(name)}(${one()})`, bool: true };
      case 'set':
        return { c: a.length ? `new Set(${this.py('iter')}(${one()}))` : 'new Set()' };
      case 'list':
      case 'tuple':
      case 'sorted': {
        const list = a.length ? `[...${this.py('iter')}(${one()})]` : '[]';
        return { c: name === 'sorted' ? `${list}.sort()` : list };
      }
      case 'dict':
        if (a.length || e.kwargs.length) fail(`line ${e.line}: dict() with arguments`);
        return { c: '{}' };
      case 'str':
      case 'int':
      case 'float':
        return { c: `${this.py(name)}(${one()})` };
      case 'bool':
        return this.cond(a[0] ?? { t: 'const', value: 'False' });
      case 'isinstance': {
        if (a.length !== 2) fail(`line ${e.line}: isinstance() with ${a.length} arguments`);
        const types = a[1]!.t === 'tuple' ? a[1]!.items : [a[1]!];
        const names = types.map((t) => {
          const n = dottedName(t);
          if (
            !n ||
            ![
              'str',
              'unicode',
              'basestring',
              'int',
              'long',
              'float',
              'bool',
              'dict',
              'list',
              'set',
              'tuple',
            ].includes(n)
          )
            fail(`line ${e.line}: isinstance() of ${n ?? 'an expression'}`);
          // Python 2's text and integer types are Python 3's str and int.
          const py3: Record<string, string> = {
            tuple: 'list',
            unicode: 'str',
            basestring: 'str',
            long: 'int',
          };
          return jsString(py3[n!] ?? n!);
        });
        return {
          c: `${this.py('isinstance')}(${this.value(a[0]!).c}, ${names.join(', ')})`,
          bool: true,
        };
      }
      case 'abs':
        return { c: `Math.abs(${one()})` };
      case 'min':
      case 'max':
        return {
          c: `Math.${name}(...${this.py('iter')}(${a.length === 1 ? one() : `[${a.map((x) => this.value(x).c).join(', ')}]`}))`,
        };
      case 'sum':
        return { c: `${this.py('iter')}(${one()}).reduce((a, b) => a + b, 0)` };
      case 'print':
        return { c: 'undefined' };
    }
    return undefined;
  }

  private method(
    objExpr: Expr,
    name: string,
    e: Extract<Expr, { t: 'call' }>,
    args: () => string[],
  ): Code {
    const obj = this.value(objExpr).c;
    const a = args();
    const simple: Record<string, [string, boolean?]> = {
      get: ['get'],
      startswith: ['startswith', true],
      endswith: ['endswith', true],
      lower: ['lower'],
      upper: ['upper'],
      strip: ['strip'],
      lstrip: ['lstrip'],
      rstrip: ['rstrip'],
      split: ['split'],
      replace: ['replace'],
      keys: ['keys'],
      values: ['values'],
      items: ['items'],
      // Python 2's
      iterkeys: ['keys'],
      itervalues: ['values'],
      iteritems: ['items'],
    };
    const s = simple[name];
    if (s) return { c: `${this.py(s[0])}(${[obj, ...a].join(', ')})`, bool: s[1] ?? false };
    switch (name) {
      case 'append':
        return { c: `${obj}.push(${a.join(', ')})` };
      case 'add':
        return { c: `${obj}.add(${a.join(', ')})` };
      case 'extend':
        return { c: `${obj}.push(...${this.py('iter')}(${a.join(', ')}))` };
      case 'join':
        return { c: `${this.py('iter')}(${a.join(', ')}).join(${obj})` };
      case 'count':
        return { c: `${this.py('count')}(${[obj, ...a].join(', ')})` };
    }
    return fail(`line ${e.line}: the method .${name}()`);
  }
}

const classConsts = new WeakMap<FileContext, Map<string, string>>();
const matcherFns = new WeakMap<FileContext, Map<string, string>>();

/** A literal decorator option (lists, dicts, strings, numbers) as JSON. */
function literal(e: Expr, what: string): unknown {
  switch (e.t) {
    case 'str':
      if (e.prefix) fail(`${what}: f-strings and bytes`);
      return e.value;
    case 'num':
      return Number(e.text.replace(/_/g, ''));
    case 'const':
      return e.value === 'None' ? null : e.value === 'True';
    case 'list':
    case 'tuple':
    case 'set':
      return e.items.map((i) => literal(i, what));
    case 'dict':
      return Object.fromEntries(
        e.entries.map(([k, v]) => {
          if (k.t !== 'str') fail(`${what}: keys that are not strings`);
          return [(k as { value: string }).value, literal(v, what)];
        }),
      );
    default:
      return fail(`${what} is not a literal`);
  }
}

interface RuleDecl {
  def: Extract<Stmt, { t: 'def' }>;
  /** Every decorator of the function (`@rule(...)`, `@disable`), for its Python in a stub. */
  decorators: Expr[];
  options: [string, Expr][];
  disabled: boolean;
}

/** Indented JSON in TypeScript: strings through jsString. */
function tsJson(v: unknown, indent: string): string {
  if (typeof v === 'string') return jsString(v);
  if (Array.isArray(v)) return `[${v.map((x) => tsJson(x, indent)).join(', ')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v);
    if (!entries.length) return '{}';
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, x]) => `${inner}${jsString(k)}: ${tsJson(x, inner)},`).join('\n')}\n${indent}}`;
  }
  return JSON.stringify(v);
}

const OPTION_KEYS = [
  'logs',
  'outputs',
  'req_subkeys',
  'datatypes',
  'merge_by_keys',
  'merge_window_mins',
  'context',
];

function ruleCode(
  translator: ModuleTranslator,
  decl: RuleDecl,
  sourceLines: string[],
  outcome: RuleOutcome,
  opts: TranslateOptions,
): string {
  const { def } = decl;
  const id = translator.file.ident(def.name);
  const lines: string[] = [];
  const doc =
    def.body[0]?.t === 'expr' && def.body[0].expr.t === 'str'
      ? dedent(def.body[0].expr.value)
      : undefined;
  const options = new Map(decl.options);
  const fields: string[] = [`  name: ${jsString(def.name)},`];
  if (doc) fields.push(`  description: ${jsString(doc)},`);
  const literalFields: string[] = [];
  let reason: string | undefined;
  for (const [k, v] of options) {
    if (OPTION_KEYS.includes(k)) {
      try {
        let value = literal(v, k);
        if (k === 'merge_window_mins' && value === 0) continue;
        if (k === 'datatypes' && Array.isArray(value) && opts.knownDatatypes) {
          const known = opts.knownDatatypes;
          const unknown = value.filter((d) => !known.has(String(d)));
          if (unknown.length)
            outcome.notes.push(
              `datatypes ${unknown.join(', ')} left out: conf/ defines no normalization for them (StreamAlert found no values for them either)`,
            );
          value = value.filter((d) => known.has(String(d)));
        }
        if ((k === 'logs' || k === 'datatypes') && Array.isArray(value) && value.length === 0)
          continue;
        if (k === 'outputs' && value === null) value = [];
        literalFields.push(`  ${k}: ${tsJson(value, '  ')},`);
      } catch (err) {
        if (!(err instanceof Untranslatable)) throw err;
        reason ??= `option ${k}: ${err.message}`;
      }
    } else if (k === 'publishers')
      outcome.notes.push("publishers left out: alerts use each output's default format");
    else if (k !== 'matchers') reason ??= `the option ${k}`;
  }
  if (!options.has('outputs')) literalFields.push('  outputs: [],');
  fields.push(...literalFields);
  let body = '';
  let matchers = '';
  if (!reason) {
    try {
      const t = new FunctionTranslator(translator, def, 'rule');
      if (options.has('matchers')) {
        const m = options.get('matchers')!;
        if (m.t !== 'list' && m.t !== 'tuple') fail('matchers that are not a list');
        const refs = (m as { items: Expr[] }).items.map((x) => t.matcherRef(x));
        matchers = `  matchers: [${refs.join(', ')}],`;
      }
      const recordParam = def.params[0];
      const params: string[] = [];
      if (recordParam && !recordParam.star) {
        params.push(...t.params(def.params.slice(0, 2)));
        if (def.params.length > 2) fail('a rule function with more than two parameters');
      }
      const inner = t.functionBody(def.body, '    ');
      body = `  rule: (${params.join(', ')}) => {\n${inner}  },`;
    } catch (err) {
      if (!(err instanceof Untranslatable)) throw err;
      reason = err.message;
    }
  }
  if (matchers) fields.push(matchers);
  const first = Math.min(def.line, ...decl.decorators.map((d) => lineOf(d) ?? def.line));
  // The body ends at its last indented line: endLine is where the next statement begins.
  const snippet = sourceLines.slice(first - 1, def.endLine);
  while (snippet.length > def.line - first + 1 && !/^\s+\S/.test(snippet[snippet.length - 1]!))
    snippet.pop();
  const python = snippet.join('\n');
  if (reason) {
    outcome.reason = reason;
    lines.push(`// NOT TRANSLATED: ${reason.replace(/[\n\u2028\u2029\u0085]/g, ' ')}.`);
    lines.push(
      '// Staged so that it never alerts an output; port the Python below by hand, then remove',
    );
    lines.push('// `staged: true` and the throw. Its test events fail until then.');
    lines.push(commentLines(python));
    fields.push('  staged: true,');
    fields.push(
      `  rule: () => {\n    throw new Error(${jsString(`not translated from Python: ${reason}`)});\n  },`,
    );
  } else fields.push(body);
  if (decl.disabled)
    lines.push(
      '// @disable in StreamAlert: not exported, so it does not run. Export it to turn it on.',
    );
  lines.push(`${decl.disabled ? '' : 'export '}const ${id} = rule({\n${fields.join('\n')}\n});`);
  return lines.join('\n');
}

/** The first line of a decorator expression (`@rule(` or `@disable`). */
function lineOf(e: Expr): number | undefined {
  if (e.t === 'call') return lineOf(e.fn) ?? e.line;
  if (e.t === 'name' || e.t === 'attr') return e.line;
  return undefined;
}

/** Translates the Python rule file `path` (module name `module`) of a StreamAlert checkout. */
export function translateRuleFile(
  path: string,
  module: string,
  source: string,
  load: ModuleLoader,
  options: TranslateOptions = {},
): FileTranslation {
  let body: Stmt[];
  try {
    body = parseModule(source);
  } catch (err) {
    if (err instanceof PySyntaxError)
      return { rules: [], error: `not Python this migration reads: ${err.message}` };
    throw err;
  }
  const file = new FileContext(load, module);
  const translator = new ModuleTranslator(file, module, body, true);
  const decls: RuleDecl[] = [];
  const out: string[] = [];
  const outcomes: RuleOutcome[] = [];
  const sourceLines = source.replace(/\r\n?/g, '\n').split('\n');
  const moduleDoc =
    body[0]?.t === 'expr' && body[0].expr.t === 'str' ? dedent(body[0].expr.value) : undefined;
  for (const s of body) {
    if (s.t === 'def') {
      const ruleDeco = s.decorators.find((d) => {
        const base = d.t === 'call' ? d.fn : d;
        const b = base.t === 'name' ? translator.bindings.get(base.id) : undefined;
        return b?.kind === 'decorator' && b.which === 'rule';
      });
      if (ruleDeco) {
        const disabled = s.decorators.some((d) => {
          const b = d.t === 'name' ? translator.bindings.get(d.id) : undefined;
          return b?.kind === 'decorator' && b.which === 'disable';
        });
        const options = ruleDeco.t === 'call' ? ruleDeco.kwargs : [];
        decls.push({ def: s, options, disabled, decorators: s.decorators });
        continue;
      }
      // A helper function of the file.
      const id = file.ident(s.name);
      try {
        const t = new FunctionTranslator(translator, { ...s, decorators: [] }, 'helper');
        out.push(t.declaration(id));
        translator.bindings.set(s.name, { kind: 'js', code: id });
      } catch (err) {
        if (!(err instanceof Untranslatable)) throw err;
        translator.bindings.set(s.name, { kind: 'failed', reason: `${s.name}(): ${err.message}` });
      }
    } else if (s.t === 'assign') {
      // StreamAlert 1.x: `rule = StreamRules.rule`, `disable = StreamRules.disable()`.
      const alias = dottedName(s.value.t === 'call' ? s.value.fn : s.value);
      if (
        s.targets.length === 1 &&
        s.targets[0]!.t === 'name' &&
        /^StreamRules\.(rule|disable)$/.test(alias ?? '')
      ) {
        translator.bindings.set(s.targets[0].id, {
          kind: 'decorator',
          which: alias!.endsWith('rule') ? 'rule' : 'disable',
        });
        continue;
      }
      if (s.targets.length === 1 && s.targets[0]!.t === 'name') {
        const name = s.targets[0].id;
        const id = file.ident(name);
        try {
          out.push(
            `const ${id} = ${new FunctionTranslator(translator, undefined, 'const').value(s.value).c};`,
          );
          translator.bindings.set(name, { kind: 'js', code: id });
        } catch (err) {
          if (!(err instanceof Untranslatable)) throw err;
          translator.bindings.set(name, { kind: 'failed', reason: `${name}: ${err.message}` });
        }
      }
    } else if (s.t === 'class')
      translator.bindings.set(s.name, { kind: 'failed', reason: `the class ${s.name}` });
  }
  if (decls.length === 0) return { rules: [] };
  const rules: string[] = [];
  for (const d of decls) {
    const outcome: RuleOutcome = { name: d.def.name, disabled: d.disabled, notes: [] };
    rules.push(ruleCode(translator, d, sourceLines, outcome, options));
    outcomes.push(outcome);
  }
  const header = [
    `// Translated from ${path} by \`streamalert migrate\`.`,
    ...(moduleDoc ? [commentLines(moduleDoc)] : []),
    `import { ${[...file.api].sort().join(', ')} } from 'streamalert-action/rules';`,
  ];
  const code = [header.join('\n'), ...file.inlined, ...out, ...rules].join('\n\n');
  return { code: `${code}\n`, rules: outcomes };
}

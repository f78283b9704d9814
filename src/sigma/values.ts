/**
 * A detection field's modifiers applied to its values (the specification's modifier
 * appendix): each YAML value becomes a group of tests (more than one when a modifier
 * expands it: windash, base64offset, expand), and the field gets its flags (all, neq, a
 * time part). Problems are thrown as ValueError with the message a user reads.
 */
import type { GlobPart, Test, TimePart } from '../processors/sigma/compiled.js';
import { cidrMatcher } from '../processors/sigma/match.js';
import { checkRegex } from './regex.js';

export class ValueError extends Error {}

export const MODIFIERS = [
  'contains',
  'startswith',
  'endswith',
  'all',
  'cased',
  'neq',
  'exists',
  're',
  'i',
  'm',
  's',
  'cidr',
  'base64',
  'base64offset',
  'utf16le',
  'utf16be',
  'utf16',
  'wide',
  'windash',
  'expand',
  'fieldref',
  'gt',
  'gte',
  'lt',
  'lte',
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'year',
] as const;

const TIME_PARTS: readonly string[] = ['minute', 'hour', 'day', 'week', 'month', 'year'];
const COMPARE = ['gt', 'gte', 'lt', 'lte'] as const;
/** windash: the characters a Windows flag may start with, and how many flags one value may hold. */
const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015'];
const WINDASH_MAX_FLAGS = 4;
/** Values one field may expand to (windash, expand, base64offset together). */
const MAX_VALUES = 1000;

export interface FieldTests {
  groups: Test[][];
  all: boolean;
  neq: boolean;
  part?: TimePart;
}

type Scalar = string | number | boolean | null;

/** Sigma's escapes: `\*` `\?` `\\` are literal; a lone backslash is itself. */
export function parseWildcards(text: string): GlobPart[] {
  const parts: GlobPart[] = [];
  let lit = '';
  const flush = () => {
    if (lit) parts.push(lit);
    lit = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && (text[i + 1] === '*' || text[i + 1] === '?' || text[i + 1] === '\\')) {
      lit += text[++i];
    } else if (c === '*' || c === '?') {
      flush();
      // `**` is one `*`.
      if (!(c === '*' && parts.at(-1) === 0)) parts.push(c === '*' ? 0 : 1);
    } else lit += c;
  }
  flush();
  return parts;
}

const plainText = (parts: GlobPart[]): string | undefined =>
  parts.every((p) => typeof p === 'string') ? (parts as string[]).join('') : undefined;

/** `%name%` placeholders replaced by each of their values (a value may expand to several). */
function expandPlaceholders(
  text: string,
  placeholders: Readonly<Record<string, readonly string[]>>,
): string[] {
  let results = [''];
  const re = /\\%|%([A-Za-z0-9_.-]+)%|[^%\\]+|\\|%/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0] === '\\%') results = results.map((r) => `${r}%`);
    else if (m[1] !== undefined) {
      const values = Object.hasOwn(placeholders, m[1]) ? placeholders[m[1]] : undefined;
      if (values === undefined || values.length === 0)
        throw new ValueError(
          `placeholder %${m[1]}% has no values: give them in conf/sigma.json under "placeholders"`,
        );
      results = results.flatMap((r) => values.map((v) => r + v));
      if (results.length > MAX_VALUES)
        throw new ValueError(`placeholders expand to more than ${MAX_VALUES} values`);
    } else results = results.map((r) => r + m![0]);
  }
  return results;
}

/** windash: each flag-leading dash or slash as every dash form. */
function windash(parts: GlobPart[]): GlobPart[][] {
  // Work on literal parts only: positions inside literals, wildcards kept.
  const sites: { part: number; at: number }[] = [];
  parts.forEach((p, pi) => {
    if (typeof p !== 'string') return;
    for (let i = 0; i < p.length; i++) {
      // Before the dash: the previous character (a wildcard counts as a word character).
      const prev = i > 0 ? p[i - 1]! : pi > 0 ? 'x' : '';
      const next = p[i + 1] ?? '';
      if (DASHES.includes(p[i]!) && !/\w/.test(prev) && /\w/.test(next))
        sites.push({ part: pi, at: i });
    }
  });
  if (sites.length > WINDASH_MAX_FLAGS)
    throw new ValueError(`windash on a value with more than ${WINDASH_MAX_FLAGS} flags`);
  let variants: GlobPart[][] = [parts];
  for (const site of sites)
    variants = variants.flatMap((v) =>
      DASHES.map((d) =>
        v.map((p, pi) =>
          pi === site.part && typeof p === 'string'
            ? p.slice(0, site.at) + d + p.slice(site.at + 1)
            : p,
        ),
      ),
    );
  return variants;
}

function utf16(text: string, mode: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  if (mode === 'utf16le' || mode === 'wide') return le;
  const be = Buffer.from(le);
  be.swap16();
  if (mode === 'utf16be') return be;
  return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
}

/** pySigma's base64offset: the value at each of three byte offsets, the unstable ends cut. */
function base64Offsets(bytes: Buffer): string[] {
  const start = [0, 2, 3];
  const endCut = [0, 3, 2];
  const out: string[] = [];
  for (let i = 0; i < 3; i++) {
    const b64 = Buffer.concat([Buffer.alloc(i, 0x20), bytes]).toString('base64');
    const cut = endCut[(bytes.length + i) % 3]!;
    out.push(b64.slice(start[i], cut ? b64.length - cut : undefined));
  }
  return out;
}

const scalarText = (v: Scalar): string => (v === null ? '' : String(v));

/**
 * The tests of a field (or of keywords, `field` undefined) with its modifiers, for its
 * values as written (one scalar, or a list of them).
 */
export function fieldTests(
  modifiers: readonly string[],
  values: readonly Scalar[],
  placeholders: Readonly<Record<string, readonly string[]>>,
  keyword: boolean,
): FieldTests {
  for (const m of modifiers)
    if (!(MODIFIERS as readonly string[]).includes(m))
      throw new ValueError(
        `unsupported modifier "${m}" (supported: ${MODIFIERS.filter((x) => !['i', 'm', 's'].includes(x)).join(', ')}; re takes i, m, s)`,
      );
  const has = (m: string) => modifiers.includes(m);
  const reAt = modifiers.indexOf('re');
  for (const flag of ['i', 'm', 's'])
    if (has(flag) && (reAt < 0 || modifiers.indexOf(flag) < reAt))
      throw new ValueError(`modifier "${flag}" is a flag of "re" and comes after it (re|${flag})`);
  const all = has('all');
  const neq = has('neq');
  const cased = has('cased');
  const parts = modifiers.filter((m) => TIME_PARTS.includes(m)) as TimePart[];
  if (parts.length > 1) throw new ValueError('one time modifier per field');
  const part = parts[0];
  if (keyword && (part || has('exists') || has('fieldref')))
    throw new ValueError('keywords take no field modifiers (exists, fieldref, time parts)');
  if (all && values.length < 2)
    throw new ValueError(
      '"all" needs a list of at least two values (the specification forbids it on one)',
    );
  if (values.length > 1 && values.includes(null))
    throw new ValueError('null cannot be part of a list of values: give it its own selection');
  const kinds = ['re', 'cidr', 'exists', 'fieldref', ...COMPARE].filter(has);
  if (kinds.length > 1) throw new ValueError(`modifiers ${kinds.join(' and ')} do not combine`);
  const kind = kinds[0];
  const stringMods = [
    'contains',
    'startswith',
    'endswith',
    'base64',
    'base64offset',
    'windash',
    'expand',
    'utf16le',
    'utf16be',
    'utf16',
    'wide',
  ].filter(has);
  if (kind && kind !== 'fieldref' && stringMods.length > 0)
    throw new ValueError(`modifier ${kind} does not combine with ${stringMods.join(', ')}`);

  const group = (v: Scalar): Test[] => {
    if (kind === 'exists') {
      if (typeof v !== 'boolean') throw new ValueError('exists takes true or false');
      return [{ t: 'exists', v }];
    }
    if (v === null) {
      if (modifiers.some((m) => m !== 'cased'))
        throw new ValueError('null takes no modifiers: it matches a missing or null field');
      return [{ t: 'null' }];
    }
    if (kind && (COMPARE as readonly string[]).includes(kind)) {
      const n =
        typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      if (!Number.isFinite(n))
        throw new ValueError(`${kind} takes a number, got ${JSON.stringify(v)}`);
      return [{ t: 'num', op: kind as (typeof COMPARE)[number], n }];
    }
    if (part) {
      if (typeof v !== 'number')
        throw new ValueError(`${part} takes a number, got ${JSON.stringify(v)}`);
      return [{ t: 'num', op: 'eq', n: v }];
    }
    const text = scalarText(v);
    if (kind === 're') {
      const flags = ['i', 'm', 's'].filter(has).join('');
      const checked = checkRegex(text, flags);
      if ('problem' in checked)
        throw new ValueError(`re ${JSON.stringify(text)}: ${checked.problem}`);
      return [{ t: 're', src: checked.source, fl: flags }];
    }
    if (kind === 'cidr') {
      if (!cidrMatcher(text))
        throw new ValueError(`cidr ${JSON.stringify(text)} is not an IPv4 or IPv6 network`);
      return [{ t: 'cidr', net: text }];
    }
    if (kind === 'fieldref') {
      const modes = ['contains', 'startswith', 'endswith'].filter(has);
      const others = stringMods.filter((m) => !modes.includes(m));
      if (modes.length > 1 || others.length > 0)
        throw new ValueError(
          `fieldref combines only with one of contains, startswith, endswith (and cased, neq)`,
        );
      if (typeof v !== 'string' || v === '') throw new ValueError('fieldref takes a field name');
      return [
        {
          t: 'ref',
          f: v,
          mode: (modes[0] ?? 'eq') as 'eq',
          ...(cased ? { c: true as const } : {}),
        },
      ];
    }
    // A string compare, transformed by the modifiers in their order.
    const texts = has('expand') ? expandPlaceholders(text, placeholders) : [text];
    let variants: GlobPart[][] = texts.map(parseWildcards);
    let bytes: Buffer[] | undefined;
    for (const m of modifiers) {
      if (m === 'windash') variants = variants.flatMap(windash);
      else if (m === 'utf16le' || m === 'utf16be' || m === 'utf16' || m === 'wide') {
        bytes = variants.map((p) => {
          const plain = plainText(p);
          if (plain === undefined) throw new ValueError(`${m} of a value with wildcards`);
          return utf16(plain, m);
        });
      } else if (m === 'base64' || m === 'base64offset') {
        const input =
          bytes ??
          variants.map((p) => {
            const plain = plainText(p);
            if (plain === undefined) throw new ValueError(`${m} of a value with wildcards`);
            return Buffer.from(plain, 'utf8');
          });
        bytes = undefined;
        variants = input.flatMap((b) =>
          (m === 'base64' ? [b.toString('base64')] : base64Offsets(b)).map((s) => [s]),
        );
      } else if (m === 'contains' || m === 'startswith' || m === 'endswith')
        variants = variants.map((p) => [
          ...(m !== 'startswith' && p[0] !== 0 ? [0 as const] : []),
          ...p,
          ...(m !== 'endswith' && p.at(-1) !== 0 ? [0 as const] : []),
        ]);
      if (variants.length > MAX_VALUES)
        throw new ValueError(`the modifiers expand a value to more than ${MAX_VALUES} values`);
    }
    if (bytes) throw new ValueError('utf16 modifiers must be followed by base64 or base64offset');
    if (keyword && !has('contains') && !has('startswith') && !has('endswith'))
      // A keyword is searched in the values of the record: anywhere in one.
      variants = variants.map((p) => [
        ...(p[0] !== 0 ? [0 as const] : []),
        ...p,
        ...(p.at(-1) !== 0 ? [0 as const] : []),
      ]);
    return variants.map((p) => ({ t: 'glob', p, ...(cased ? { c: true as const } : {}) }));
  };
  const groups = values.map(group);
  return { groups, all, neq, ...(part ? { part } : {}) };
}

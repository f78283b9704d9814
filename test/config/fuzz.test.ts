/**
 * Seeded configuration fuzzing (issue 8): a few hundred mutants of the examples' and the
 * seed's conf files (deleted keys, wrong types, huge and deep values, prototype names,
 * control characters, BOM/UTF-16 bytes, truncated JSON), plus fixed FIFO and symlink cases.
 * For every mutant `render` either succeeds or throws a ConfigError whose problems each
 * have a file and a pointer or line/column and fit on one line; nothing is written on
 * failure; accepted mutants render `terraform fmt`-clean. Deterministic: the same seed
 * gives the same mutants, so a failure names the mutant that reproduces it.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCommand } from '../../src/commands/render.js';
import { ConfigError, formatProblem, type ConfigProblem } from '../../src/config/problems.js';
import {
  EXAMPLES,
  REPO_ROOT,
  seedCluster,
  seedGlobal,
  tempDir,
  writeConf,
} from '../support/conf.js';
import { terraform } from '../support/terraform.js';

/** STREAMALERT_FUZZ_SEED explores other mutants; CI runs the fixed one. */
const SEED = Number(process.env.STREAMALERT_FUZZ_SEED ?? 0x5eed_0008);
const MUTANTS = 600;
/** Accepted mutants whose rendered tree goes through `terraform fmt -check`. */
const FMT_SAMPLE = 40;

/** mulberry32: a tiny deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = unknown;
type Container = Record<string, Json> | Json[];

/** A base configuration: file name (relative to conf/) -> text. */
type Base = { name: string; files: Map<string, string> };

function readTree(dir: string, rel = ''): [string, string][] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = path.join(rel, e.name);
    return e.isDirectory()
      ? readTree(dir, r)
      : e.name.endsWith('.json')
        ? [[r, readFileSync(path.join(dir, r), 'utf8')] as [string, string]]
        : [];
  });
}

function bases(): Base[] {
  const list = EXAMPLES.map((name) => ({
    name,
    files: new Map(readTree(path.join(REPO_ROOT, 'examples', name, 'conf'))),
  }));
  const seedConf = writeConf(seedGlobal(), { production: seedCluster() });
  list.push({ name: 'seed', files: new Map(readTree(seedConf)) });
  return list;
}

const PROTO_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
];
const CONTROL = [
  '\n',
  '\r',
  '\t',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u202e',
  '\ufeff',
];

/** Every (container, key) pair in a document, found iteratively. */
function slots(doc: Json): [Container, string | number][] {
  const out: [Container, string | number][] = [];
  const todo: Json[] = [doc];
  while (todo.length > 0) {
    const v = todo.pop();
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        out.push([v, i]);
        todo.push(x);
      });
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        out.push([v as Record<string, Json>, k]);
        todo.push(x);
      }
    }
  }
  return out;
}

function containers(doc: Json): Container[] {
  const out: Container[] = [doc as Container];
  for (const [c, k] of slots(doc)) {
    const v = (c as Record<string | number, Json>)[k];
    if (v !== null && typeof v === 'object') out.push(v as Container);
  }
  return out;
}

/** Sets an own property, even "__proto__". */
function put(c: Container, key: string | number, value: Json): void {
  Object.defineProperty(c, key, { value, enumerable: true, writable: true, configurable: true });
}

interface Mutant {
  id: number;
  description: string;
  base: string;
  files: Map<string, string | Buffer>;
}

function makeMutant(id: number, random: () => number, all: Base[]): Mutant {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const base = pick(all);
  const files = new Map<string, string | Buffer>(base.files);
  const file = pick([...base.files.keys()].sort());
  const text = base.files.get(file)!;
  // Raw JSON that JSON.stringify cannot write (numbers JSON.parse would change, deep nesting).
  const raw: string[] = [];
  const rawValue = (json: string): string => {
    raw.push(json);
    return `@@RAW${raw.length - 1}@@`;
  };
  const doc = JSON.parse(text) as Json;
  const all_ = slots(doc);
  let description: string;
  const kind = Math.floor(random() * 13);
  const slot = all_.length > 0 ? pick(all_) : undefined;
  const where = slot ? `${file} at ${JSON.stringify(slot[1])}` : file;
  const hugeString = (): string => 'x'.repeat(100_000 + Math.floor(random() * 100_000));
  const wrongValues: (() => Json)[] = [
    () => null,
    () => true,
    () => 0,
    () => -1,
    () => 3.5,
    () => '',
    () => 'x',
    () => [],
    () => ({}),
    () => [1, 'two', null],
    () => ({ a: { b: [] } }),
    hugeString,
    () => rawValue('1e400'),
    () => rawValue('-1e400'),
    () => rawValue('9007199254740993'),
    () => rawValue('1e-400'),
    () => rawValue(`${'['.repeat(10_000)}${']'.repeat(10_000)}`),
    () => rawValue(`${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}`),
    () => pick(PROTO_NAMES),
    () => `value${pick(CONTROL)}injected`,
    () => '${file("/etc/passwd")}',
    () => '%{ for x in y }',
  ];
  let out: string | Buffer | undefined;
  switch (kind) {
    case 0: // delete a key
      if (slot && !Array.isArray(slot[0]))
        delete (slot[0] as Record<string, Json>)[slot[1] as string];
      else if (slot) (slot[0] as Json[]).splice(slot[1] as number, 1);
      description = `delete ${where}`;
      break;
    case 1:
    case 2:
    case 3: {
      // replace a value with a wrong or extreme one
      const make = pick(wrongValues);
      const v = make();
      if (slot) put(slot[0], slot[1], v);
      description = `set ${where} to ${JSON.stringify(v).slice(0, 60)}`;
      break;
    }
    case 4: {
      // a prototype name as a key
      const c = pick(containers(doc));
      const name = pick(PROTO_NAMES);
      const value = pick([
        () => pick(PROTO_NAMES),
        () => ({}),
        () => [],
        () => [pick(PROTO_NAMES)],
        () => null,
        () => ({ enabled: true }),
      ])();
      if (Array.isArray(c)) c.push(name);
      else put(c, name, value);
      description = `${file}: add prototype key ${name} = ${JSON.stringify(value)}`;
      break;
    }
    case 5: {
      // a prototype name where a string is (output names, log names, descriptors...)
      const strings = all_.filter(
        ([c, k]) => typeof (c as Record<string | number, Json>)[k] === 'string',
      );
      const s = strings.length > 0 ? pick(strings) : slot;
      const name = pick(PROTO_NAMES);
      if (s) put(s[0], s[1], name);
      description = `${file}: set ${JSON.stringify(s?.[1])} to ${name}`;
      break;
    }
    case 6: {
      // control characters in a string or a key
      const strings = all_.filter(
        ([c, k]) => typeof (c as Record<string | number, Json>)[k] === 'string',
      );
      const ch = pick(CONTROL);
      if (random() < 0.5 && strings.length > 0) {
        const [c, k] = pick(strings);
        put(c, k, `${String((c as Record<string | number, Json>)[k])}${ch}x`);
        description = `${file}: control character ${JSON.stringify(ch)} in the value of ${JSON.stringify(k)}`;
      } else {
        const objects = containers(doc).filter((c) => !Array.isArray(c));
        const c = pick(objects.length > 0 ? objects : [doc as Container]);
        if (!Array.isArray(c)) put(c, `key${ch}x`, 1);
        description = `${file}: control character ${JSON.stringify(ch)} in a key`;
      }
      break;
    }
    case 7: // truncated JSON
      out = text.slice(0, Math.floor(random() * text.length));
      description = `${file}: truncated to ${out.length} characters`;
      break;
    case 8: {
      // one character replaced, removed or inserted
      const at = Math.floor(random() * text.length);
      const ch = pick([
        '"',
        "'",
        ',',
        ':',
        '{',
        '}',
        '[',
        ']',
        '\\',
        '\n',
        '\u0000',
        '/',
        'x',
        '0',
        '-',
        '\u00e9',
      ]);
      const op = pick(['replace', 'insert', 'remove'] as const);
      out =
        op === 'replace'
          ? text.slice(0, at) + ch + text.slice(at + 1)
          : op === 'insert'
            ? text.slice(0, at) + ch + text.slice(at)
            : text.slice(0, at) + text.slice(at + 1);
      description = `${file}: ${op} ${JSON.stringify(ch)} at ${at}`;
      break;
    }
    case 9: {
      // encodings
      const enc = pick([
        'bom',
        'utf16le',
        'utf16le-bom',
        'utf16be-bom',
        'latin1',
        'bom-twice',
      ] as const);
      out =
        enc === 'bom'
          ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
          : enc === 'bom-twice'
            ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from(text)])
            : enc === 'utf16le'
              ? Buffer.from(text, 'utf16le')
              : enc === 'utf16le-bom'
                ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
                : enc === 'utf16be-bom'
                  ? Buffer.concat([
                      Buffer.from([0xfe, 0xff]),
                      Buffer.from(text, 'utf16le').swap16(),
                    ])
                  : Buffer.from(text.replace(/"([a-z])/, '"\u00e9$1'), 'latin1');
      description = `${file}: encoded as ${enc}`;
      break;
    }
    case 10: {
      // a key of the right name with a deeply nested or huge value
      if (slot)
        put(
          slot[0],
          slot[1],
          pick([
            () => rawValue(`${'['.repeat(10_000)}${']'.repeat(10_000)}`),
            hugeString,
            () => Array.from({ length: 5000 }, (_, i) => `item${i}`),
          ])(),
        );
      description = `${where}: huge or deep value`;
      break;
    }
    case 11: {
      // a number nudged out of range or made non-integral
      const numbers = all_.filter(
        ([c, k]) => typeof (c as Record<string | number, Json>)[k] === 'number',
      );
      const s = numbers.length > 0 ? pick(numbers) : slot;
      const v = pick([0, -1, 1.5, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e20]);
      if (s)
        put(
          s[0],
          s[1],
          pick([
            v,
            rawValue('9007199254740993'),
            rawValue('1e400'),
            rawValue('1.0000000000000001'),
          ]),
        );
      description = `${file}: number at ${JSON.stringify(s?.[1])} changed`;
      break;
    }
    default: {
      // a whole file missing or emptied
      if (random() < 0.5) {
        files.delete(file);
        description = `${file} removed`;
      } else {
        out = pick(['', '   ', 'null', '[]', '"text"', '0', '{}']);
        description = `${file} replaced by ${JSON.stringify(out)}`;
      }
    }
  }
  if (out === undefined && files.has(file)) {
    let json = JSON.stringify(doc, null, 2);
    raw.forEach((r, i) => {
      json = json.replace(`"@@RAW${i}@@"`, () => r);
    });
    out = json;
  }
  if (out !== undefined) files.set(file, out);
  return { id, description, base: base.name, files };
}

function writeMutant(m: Mutant, dir: string): string {
  const conf = path.join(dir, 'conf');
  mkdirSync(path.join(conf, 'clusters'), { recursive: true });
  for (const [name, body] of m.files) {
    mkdirSync(path.dirname(path.join(conf, name)), { recursive: true });
    writeFileSync(path.join(conf, name), body);
  }
  return conf;
}

// eslint-disable-next-line no-control-regex -- what must never reach a problem line
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Problems that break the contract, for the mutant's report; [] when all is well. */
function badProblems(problems: ConfigProblem[], conf: string): string[] {
  const bad: string[] = [];
  if (problems.length === 0) bad.push('a ConfigError without problems');
  for (const p of problems) {
    const line = formatProblem(p);
    const why: string[] = [];
    if (typeof p.file !== 'string' || !p.file.startsWith(conf)) why.push('no file inside conf/');
    if (p.pointer !== '' && !p.pointer.startsWith('/')) why.push('a pointer not starting with "/"');
    if (RAW_CONTROL.test(line)) why.push('a raw control character');
    if (/internal|Maximum call stack|undefined|\[object Object\]/.test(line))
      why.push('an internal error');
    if (line.length > 4000) why.push(`a ${line.length}-character line`);
    if (why.length > 0) bad.push(`${why.join(', ')}: ${JSON.stringify(line.slice(0, 300))}`);
  }
  return bad;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

type Outcome = { accepted: true; out: string } | { accepted: false; problems: ConfigProblem[] };

async function run(conf: string, out: string): Promise<Outcome> {
  try {
    await withTimeout(
      renderCommand(conf, { outDir: out, buildDir: path.join(path.dirname(out), 'build') }),
      15_000,
      'render',
    );
    return { accepted: true, out };
  } catch (err) {
    if (err instanceof ConfigError) return { accepted: false, problems: err.problems };
    throw err;
  }
}

describe('config fuzzing', () => {
  it(
    `${MUTANTS} seeded mutants: ConfigError or a fmt-clean render, never a crash, hang or partial write`,
    { timeout: 180_000 },
    async () => {
      // A hang fails the test by its timeout; a wall-time bound here failed on a loaded machine.
      const random = prng(SEED);
      const all = bases();
      const root = tempDir('fuzz');
      const failures: string[] = [];
      const accepted: string[] = [];
      let rejected = 0;
      for (let id = 0; id < MUTANTS; id++) {
        const mutant = makeMutant(id, random, all);
        const dir = path.join(root, String(id));
        const conf = writeMutant(mutant, dir);
        const out = path.join(dir, 'terraform');
        const name = `mutant ${id} (${mutant.base}: ${mutant.description})`;
        let outcome: Outcome;
        try {
          outcome = await run(conf, out);
        } catch (err) {
          failures.push(
            `${name}: crashed: ${String((err as Error).stack ?? err)
              .split('\n')
              .slice(0, 3)
              .join(' | ')}`,
          );
          continue;
        }
        if (outcome.accepted) {
          accepted.push(out);
          if (process.env.STREAMALERT_FUZZ_SEED) console.log(`accepted: ${name.slice(0, 200)}`);
        } else {
          rejected++;
          for (const b of badProblems(outcome.problems, conf)) failures.push(`${name}: ${b}`);
          if (existsSync(out) && readdirSync(out).length > 0)
            failures.push(`${name}: rejected but wrote ${out}`);
          // Keep the disk small: only accepted trees are needed later.
          rmSync(dir, { recursive: true, force: true });
        }
      }
      if (process.env.STREAMALERT_FUZZ_SEED)
        console.log(`seed ${SEED}: ${accepted.length} accepted, ${rejected} rejected`);
      expect(failures).toEqual([]);
      // The mix must exercise both sides.
      expect(rejected).toBeGreaterThan(MUTANTS / 2);
      expect(accepted.length).toBeGreaterThan(10);

      // Accepted mutants render fmt-clean: one `terraform fmt` over a sample of their trees.
      const sample = path.join(root, 'fmt-sample');
      const step = Math.max(1, Math.floor(accepted.length / FMT_SAMPLE));
      accepted
        .filter((_, i) => i % step === 0)
        .slice(0, FMT_SAMPLE)
        .forEach((out, i) => {
          for (const entry of readdirSync(out)) {
            if (entry !== 'modules')
              cpSync(path.join(out, entry), path.join(sample, String(i), entry), {
                recursive: true,
              });
          }
        });
      const fmt = await terraform(['fmt', '-check', '-recursive', '-list=true'], sample);
      expect(fmt.stdout.trim(), `not fmt-clean:\n${fmt.stdout}${fmt.stderr}`).toBe('');
      expect(fmt.code).toBe(0);
      rmSync(root, { recursive: true, force: true });
    },
  );

  it(
    'fixed cases: a FIFO, a device and symlinks out of conf/ among valid files',
    { timeout: 30_000 },
    async () => {
      for (const example of EXAMPLES) {
        const dir = tempDir('fuzz-fixed');
        const conf = path.join(dir, 'conf');
        cpSync(path.join(REPO_ROOT, 'examples', example, 'conf'), conf, { recursive: true });
        execFileSync('mkfifo', [path.join(conf, 'clusters', 'pipe.json')]);
        symlinkSync('/dev/urandom', path.join(conf, 'clusters', 'random.json'));
        rmSync(path.join(conf, 'types.json'), { force: true });
        symlinkSync('/etc/passwd', path.join(conf, 'types.json'));
        writeFileSync(path.join(dir, 'outside.json'), '{"secret": "do-not-show-me"}');
        rmSync(path.join(conf, 'outputs.json'));
        symlinkSync('../outside.json', path.join(conf, 'outputs.json'));
        const out = path.join(dir, 'terraform');
        const outcome = await run(conf, out);
        expect(outcome.accepted).toBe(false);
        const problems = (outcome as { problems: ConfigProblem[] }).problems;
        expect(badProblems(problems, conf)).toEqual([]);
        const lines = problems.map((p) =>
          formatProblem({ ...p, file: path.relative(conf, p.file) }),
        );
        expect(lines).toEqual([
          'clusters/pipe.json: /: is a FIFO (named pipe), not a regular file; configuration files must be regular files',
          'clusters/random.json: /: is a symbolic link to a file outside the configuration folder; refused (copy the file into the folder instead)',
          'outputs.json: /: is a symbolic link to a file outside the configuration folder; refused (copy the file into the folder instead)',
          'types.json: /: is a symbolic link to a file outside the configuration folder; refused (copy the file into the folder instead)',
        ]);
        expect(lines.join('\n')).not.toMatch(/do-not-show-me|root:|passwd|urandom/);
        expect(existsSync(out)).toBe(false);
      }
    },
  );
});

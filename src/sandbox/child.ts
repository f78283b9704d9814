/**
 * The rule sandbox child (dist/processors/sandbox/child.mjs): imports the pull request's
 * compiled rules and, for `test`, runs the fixtures through them. Started by host.ts with
 * no credentials in its environment, a heap limit, Node's permission model (reads only
 * of its own folder, no writes, no child processes) and, where the machine offers one, an
 * operating-system boundary (boundary.ts); the parent stops it when it takes too long. It
 * reads its request on standard input and answers in protocol lines on standard output.
 */
import { writeSync } from 'node:fs';
import path from 'node:path';
import type { Rule } from '../rules-api/index.js';
import { runFixtures } from '../rule-test/run.js';
import { liveTables } from './live-tables.js';
import { toLogs, toSources, toTypes } from '../processors/config/convert.js';
import { toThreatIntel } from '../processors/config/threat-intel.js';
import type { ProcessorsConfig } from '../processors/config/types.js';
import {
  checkRuleShapes,
  declaredDynamicOutputs,
  importCorrelations,
  importRules,
  type LoadedCorrelation,
} from '../processors/rules/load.js';
import {
  MARK_PREFIX,
  MESSAGE_PREFIX,
  type RuleInfo,
  type SandboxMessage,
  type SandboxRequest,
} from './protocol.js';

const STDOUT = 1;

/** A whole protocol line on standard output, synchronously (the child may be killed any time after). */
function writeLine(text: string): void {
  const data = Buffer.from(`\n${text}\n`);
  let at = 0;
  while (at < data.length) {
    try {
      at += writeSync(STDOUT, data, at);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
    }
  }
}

function mark(line: string): void {
  writeLine(`${MARK_PREFIX}${line}`);
}

function send(message: SandboxMessage): Promise<void> {
  writeLine(`${MESSAGE_PREFIX}${JSON.stringify(message)}`);
  return Promise.resolve();
}

const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;

function info(r: Rule, file: string): RuleInfo {
  return {
    name: typeof r.name === 'string' ? r.name : String(r.name),
    file,
    description: typeof r.description === 'string' ? r.description : undefined,
    logs: strings(r.logs),
    outputs: strings(r.outputs) ?? [],
    datatypes: strings(r.datatypes),
    dynamicOutputs: declaredDynamicOutputs(r),
    ...(r.staged === true ? { staged: true } : {}),
    ...(strings((r as { merge_by_keys?: unknown }).merge_by_keys)
      ? { mergeByKeys: strings((r as { merge_by_keys?: unknown }).merge_by_keys) }
      : {}),
  };
}

/** A copy of the rule whose rule and matchers mark, before running, which rule is at work. */
function marked(r: Rule, index: number, fixture: () => number): Rule {
  const at = () => mark(`R ${fixture()} ${index}`);
  const matchers = r.matchers?.map((m) => {
    const wrapped = (record: Parameters<typeof m>[0]) => (at(), m(record));
    Object.defineProperty(wrapped, 'name', { value: m.name });
    return wrapped;
  });
  // The context too: a rule that fills in its alert context gets its copy under test as in the Lambda.
  return {
    ...r,
    rule: (record, context) => (at(), r.rule(record, context)),
    ...(matchers ? { matchers } : {}),
  };
}

async function main(request: SandboxRequest): Promise<void> {
  let loaded;
  let correlations: LoadedCorrelation[];
  try {
    loaded = await importRules(path.join(request.dir, 'rules'), (file) => mark(`L ${file}`));
    correlations = await importCorrelations(path.join(request.dir, 'rules'));
  } catch (err) {
    await send({ type: 'load-error', message: (err as Error)?.message ?? String(err) });
    return;
  }
  const named = loaded.map((l) => ({
    ...l,
    file: request.fileNames[l.file] ?? l.file,
  }));
  await send({
    type: 'loaded',
    rules: [
      ...named.map((l) => info(l.rule, l.file)),
      ...correlations.map(({ correlation: c, file }) => ({
        name: c.name,
        file: request.fileNames[file] ?? file,
        description: c.title,
        outputs: c.outputs,
        ...(c.staged === true ? { staged: true } : {}),
      })),
    ],
    problems: checkRuleShapes(named),
  });

  if (request.conf && request.fixtures) {
    const parse = (text: string) => JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
    const config: ProcessorsConfig = {
      logs: toLogs(parse(request.conf.logs)),
      sources: toSources(parse(request.conf.sources)),
      ...(request.conf.generation ? { generation: request.conf.generation } : {}),
      types: toTypes(request.conf.types === null ? {} : parse(request.conf.types)),
      outputs: new Map(),
      ...(request.conf.threatIntel
        ? { threatIntel: toThreatIntel(parse(request.conf.threatIntel)) }
        : {}),
    };
    const start = request.start ?? 0;
    const skip = new Set(request.skip ?? []);
    let current = start;
    const rules = named.flatMap((l, i) =>
      skip.has(l.rule.name) ? [] : [marked(l.rule, i, () => current)],
    );
    await runFixtures(
      request.fixtures.slice(start),
      config,
      rules,
      {
        beforeCase: (i) => {
          current = start + i;
        },
        afterCase: (result, i) => send({ type: 'result', index: start + i, result }),
      },
      request.tables ? liveTables(request.tables) : undefined,
      correlations.map((c) => c.correlation),
    );
  }
  await send({ type: 'done' });
}

/** The request: one JSON document on standard input. */
async function readRequest(): Promise<SandboxRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as SandboxRequest;
}

// The rules' console output (and anything written to process.stdout) goes to standard error,
// so standard output carries only the protocol. Set before any rule is imported.
Object.defineProperty(process, 'stdout', { get: () => process.stderr, configurable: true });

readRequest()
  .then(main)
  .then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`rule sandbox: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exit(1);
    },
  );

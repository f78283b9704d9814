/**
 * Counting alerts: the head's and the base's rule sets (folders of rule files) run over the
 * same records through the rule sandbox, exactly as `test` runs the fixtures (classifier,
 * rules engine, no credentials), so a backtest count and a fixture result never disagree
 * about what a rule does.
 */
import { realpathSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { sandboxInput, withCompiledRules } from '../build/rule-set.js';
import type { SigmaContext } from '../build/rules.js';
import { sandboxLimits, sandboxRun, type SandboxLimits } from '../sandbox/host.js';
import type { SandboxRequest } from '../sandbox/protocol.js';
import type { FixtureRecord } from '../rule-test/fixtures.js';
import type { CaseResult } from '../rule-test/run.js';
import type { LiveTable } from '../sandbox/live-tables.js';

export interface RuleSetCounts {
  /** Rule name → its file's name inside the rules folder. */
  files: Map<string, string>;
  /** Rule name → alerts over the fixtures. */
  fixtures: Map<string, number>;
  /** Rule name → alerts over the sampled records. */
  sample: Map<string, number>;
  /** Rule name → merge key value (mergeKeyOf's JSON text) → alerts, over all records. */
  keys: Map<string, Map<string, number>>;
  /** Sample records no log classified them as. */
  unclassifiedSample: number;
  /**
   * Records the sandbox stopped on (a rule too slow or out of memory): not counted, and the
   * rule at work is not run on the rest of that child's records.
   */
  stopped: number;
}

/**
 * Records per sandbox child. Every record and its result cross the IPC channel as JSON, and
 * one child holding 250,000 of them (50 MB of Firehose objects) ran out of its heap and
 * was restarted record after record, losing a fifth of the counts: chunks keep every child small.
 */
export const RECORDS_PER_CHILD = 20_000;
/** Bytes of record data per child: long lines (up to 1 MiB each) must not add up either. */
export const BYTES_PER_CHILD = 8_000_000;
/**
 * The shortest time limit a sandbox step gets once the budget is nearly spent: loading the
 * rules must still be possible for the first chunk, which always runs (it names the files).
 */
const MIN_STEP_MS = 10_000;

/** Which part of the records a chunk is: the fixtures first, then the sample. */
type Part = 'fixtures' | 'sample';

export interface CountInput {
  /** The head's compiled rules folder; `before`, the base's, when there is one to compare. */
  after: string;
  before?: string;
  bundlesDir: string;
  conf: NonNullable<SandboxRequest['conf']>;
  /** What Sigma rules compile with (logs.json names, conf/sigma.json). */
  sigma: SigmaContext;
  fixtures: readonly FixtureRecord[];
  /** Read as the chunks are run: reading and rules share the budget. */
  sample: AsyncIterable<FixtureRecord>;
  /** The lookup and feed tables as they are, for the sample's records (the fixtures pin theirs). */
  tables?: LiveTable[];
  /** Epoch milliseconds: no chunk (but the first) starts unless the longest so far would end before it. */
  deadline: number;
  limits?: Partial<SandboxLimits>;
}

export interface BothCounts {
  after: RuleSetCounts;
  /** Absent without base rules, or when they could not be run (`beforeError` says why). */
  before?: RuleSetCounts;
  beforeError?: string;
  /** Records both sides ran (the time budget may stop before all). */
  ran: Record<Part, number>;
  /** The time budget stopped the run before every record was taken. */
  outOfTime: boolean;
}

const bump = <K>(m: Map<K, number>, k: K, by = 1): void => {
  m.set(k, (m.get(k) ?? 0) + by);
};

const why = (err: unknown): string => String((err as Error)?.message ?? err).split('\n')[0]!;

function emptyCounts(): RuleSetCounts {
  return {
    files: new Map(),
    fixtures: new Map(),
    sample: new Map(),
    keys: new Map(),
    unclassifiedSample: 0,
    stopped: 0,
  };
}

/** The records in chunks a child can hold: fixtures, then the sample as it is read. */
async function* chunks(
  fixtures: readonly FixtureRecord[],
  sample: AsyncIterable<FixtureRecord>,
): AsyncIterable<{ part: Part; records: FixtureRecord[] }> {
  for (let i = 0; i < fixtures.length; i += RECORDS_PER_CHILD)
    yield { part: 'fixtures', records: fixtures.slice(i, i + RECORDS_PER_CHILD) };
  let records: FixtureRecord[] = [];
  let bytes = 0;
  for await (const r of sample) {
    records.push(r);
    bytes += typeof r.data === 'string' ? r.data.length : 0;
    if (records.length >= RECORDS_PER_CHILD || bytes >= BYTES_PER_CHILD) {
      yield { part: 'sample', records };
      records = [];
      bytes = 0;
    }
  }
  if (records.length > 0) yield { part: 'sample', records };
}

interface Side {
  /** The user's rules folder (files are named relative to it) and the compiled copy. */
  rulesDir: string;
  dir: string;
  fileNames: Record<string, string>;
  counts: RuleSetCounts;
  /** The live tables, copied into `dir`: the sandbox child may read its own folder only. */
  tables?: LiveTable[];
}

/** Copies the tables' files into the side's compiled folder (by its real path, as the child reads it). */
async function placeTables(
  tables: readonly LiveTable[] | undefined,
  dir: string,
): Promise<LiveTable[] | undefined> {
  if (!tables || tables.length === 0) return undefined;
  const into = path.join(realpathSync(dir), 'lookup-tables');
  await mkdir(into, { recursive: true });
  return Promise.all(
    tables.map(async (t, i) => {
      const file = path.join(into, `table-${i}`);
      await copyFile(t.file, file);
      return { ...t, file };
    }),
  );
}

/**
 * Runs the head's rules, and the base's when given, over the fixtures and then the sample,
 * chunk by chunk: both sides run every chunk before the next is read, so their counts are
 * over the same records when the time budget stops the run. Only one chunk is held at a
 * time. Throws (SandboxLoadError, a compile error) when the head's rules cannot be loaded;
 * base rules that cannot be are `beforeError`, and the head's are counted alone.
 */
export async function countBothSides(input: CountInput): Promise<BothCounts> {
  return withCompiledRules(
    input.after,
    input.bundlesDir,
    input.sigma,
    async (dir, _files, fileNames) => {
      const after: Side = { rulesDir: input.after, dir, fileNames, counts: emptyCounts() };
      if (input.before === undefined) return runSides(input, after);
      let started = false;
      try {
        return await withCompiledRules(
          input.before,
          input.bundlesDir,
          input.sigma,
          (bdir, _f, bnames) => {
            started = true;
            return runSides(input, after, {
              rulesDir: input.before!,
              dir: bdir,
              fileNames: bnames,
              counts: emptyCounts(),
            });
          },
        );
      } catch (err) {
        if (started) throw err;
        return { ...(await runSides(input, after)), beforeError: why(err) };
      }
    },
  );
}

async function runSides(input: CountInput, after: Side, base?: Side): Promise<BothCounts> {
  after.tables = await placeTables(input.tables, after.dir);
  if (base) base.tables = await placeTables(input.tables, base.dir);
  let before = base;
  let beforeError: string | undefined;
  const ran: Record<Part, number> = { fixtures: 0, sample: 0 };
  let outOfTime = false;
  const run = async (side: Side, records: FixtureRecord[], part: Part) => {
    // No step of the sandbox (loading, one record) outlives the budget by much.
    const remaining = input.deadline - Date.now();
    const timeoutMs = Math.max(
      MIN_STEP_MS,
      Math.min(sandboxLimits(input.limits).timeoutMs, remaining),
    );
    const { rules, results } = await sandboxRun(
      {
        ...sandboxInput(input.bundlesDir, side.dir, side.fileNames, { ...input.limits, timeoutMs }),
        // A rule's console output over thousands of real records is noise in the plan log.
        onOutput: () => undefined,
      },
      {
        conf: input.conf,
        records,
        ...(part === 'sample' && side.tables ? { tables: side.tables } : {}),
      },
    );
    // Named as changedRules names them: relative to the rules folder, with `/`.
    for (const r of rules)
      side.counts.files.set(r.name, path.relative(side.rulesDir, r.file).split(path.sep).join('/'));
    add(side.counts, results, part);
  };
  let first = true;
  // A chunk starts only when the longest one so far would still end within the budget.
  let longest = 0;
  for await (const { part, records } of chunks(input.fixtures, input.sample)) {
    if (!first && Date.now() + longest > input.deadline) {
      outOfTime = true;
      break;
    }
    first = false;
    const started = Date.now();
    await run(after, records, part);
    if (before) {
      try {
        await run(before, records, part);
      } catch (err) {
        beforeError = why(err);
        before = undefined;
      }
    }
    ran[part] += records.length;
    longest = Math.max(longest, Date.now() - started);
  }
  // At least one child, even without records: it names the rules' files.
  if (first) {
    await run(after, [], 'fixtures');
    if (before)
      await run(before, [], 'fixtures').catch((err: unknown) => {
        beforeError = why(err);
        before = undefined;
      });
  }
  return {
    after: after.counts,
    ...(before ? { before: before.counts } : {}),
    ...(beforeError !== undefined ? { beforeError } : {}),
    ran,
    outOfTime,
  };
}

function add(counts: RuleSetCounts, results: readonly CaseResult[], part: Part): void {
  const into = part === 'fixtures' ? counts.fixtures : counts.sample;
  for (const r of results) {
    for (const name of r.fired) bump(into, name);
    for (const { rule, key } of r.mergeKeys ?? []) {
      const byKey = counts.keys.get(rule) ?? new Map<string, number>();
      bump(byKey, key);
      counts.keys.set(rule, byKey);
    }
    if (part === 'sample' && r.problems.some((p) => p.startsWith('did not classify')))
      counts.unclassifiedSample += 1;
    if (r.stopped) counts.stopped += 1;
  }
}

/**
 * What the action (or CLI) and the rule sandbox child say to each other. Rules come from
 * the pull request, so they are imported and run only in a child process with no
 * credentials (see host.ts); everything crossing over is plain JSON.
 *
 * This folder sits under src/processors/ because the child is bundled with the
 * processors (scripts/package-processors.mjs → dist/processors/sandbox/child.mjs).
 */
import type { Generation } from '../processors/config/types.js';
import type { LiveTable } from './live-tables.js';
import type { CaseResult } from '../rule-test/run.js';
import type { FixtureRecord } from '../rule-test/fixtures.js';

/** What `build` and `test` need to know of a rule, without its code. */
export interface RuleInfo {
  name: string;
  /** The user's file (e.g. rules/cloudtrail.ts), for messages. */
  file: string;
  description?: string;
  logs?: string[];
  outputs: string[];
  datatypes?: string[];
  /** What the rule's dynamic_outputs declare they may return (dynamicOutput), checked like `outputs`. */
  dynamicOutputs?: string[];
  /** `staged: true`: alerts go to the staging destination only (promote reads them). */
  staged?: boolean;
  /** The rule's merge_by_keys (dotted record paths), when it has them: promote groups noisy rules by them. */
  mergeByKeys?: string[];
}

export interface SandboxRequest {
  /** Folder of the compiled rules (<dir>/rules/*.mjs, <dir>/node_modules/streamalert-action). */
  dir: string;
  /** Compiled module file name (x.mjs) → the user's file, for messages. */
  fileNames: Record<string, string>;
  /** For `test`: the processors' conf texts (as the build puts them in the zip) and the fixtures. */
  conf?: {
    logs: string;
    sources: string;
    types: string | null;
    generation?: Generation;
    /** conf/threat_intel.json when it matches records (fixtures then pin indicators). */
    threatIntel?: string | null;
  };
  fixtures?: FixtureRecord[];
  /**
   * The backtest's sample: the lookup and feed tables as they are (read by the host, the
   * child has no credentials), for the records that pin none.
   */
  tables?: LiveTable[];
  /** Index in `fixtures` to start at (after a child was stopped). */
  start?: number;
  /** Rules not to run: they were stopped on an earlier fixture. */
  skip?: string[];
}

export type SandboxMessage =
  | { type: 'loaded'; rules: RuleInfo[]; problems: string[] }
  | { type: 'load-error'; message: string }
  | { type: 'result'; index: number; result: CaseResult }
  | { type: 'done' };

/**
 * The child writes protocol lines on its standard output, each starting on a fresh line
 * (a rule that printed half a line cannot swallow one): MESSAGE_PREFIX + JSON of a
 * SandboxMessage, or MARK_PREFIX + a progress mark. Marks are written synchronously so the
 * parent knows where a child that stops answering (an endless loop) or dies (out of
 * memory) was: `L <file index>` while importing a rule file, `R <fixture index> <rule
 * index>` before a rule or matcher runs. The rules' own console output goes to standard
 * error. Rule code can write anything on either: the parent reads all of it as untrusted.
 */
export const MESSAGE_PREFIX = '\u001eSANDBOX-MESSAGE ';
export const MARK_PREFIX = '\u001eSANDBOX-MARK ';

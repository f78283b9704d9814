/**
 * The state bucket as the engine sees it: whether it exists, which roots have a state
 * object, a state's text, and removing one; beside each state, the record of the inputs
 * last applied to it (plan what changed: src/selection). An interface, so the decisions
 * built on it are tested against an in-memory bucket; s3-store.ts is the real one.
 */
import type { StateLocation } from './location.js';

/**
 * What was last applied to a root: the fingerprint of its inputs (src/selection/inputs.ts)
 * and the commit they came from. Written after a successful apply (or a plan with no
 * changes on merge), removed before every apply: a failed or interrupted apply leaves no
 * record, so the next pull request plans that root again.
 */
export interface AppliedRecord {
  inputs: string;
  commit: string;
}

export interface StateStore {
  bucketExists(): Promise<boolean>;
  /** Roots with a state object under the prefix. */
  stateRoots(): Promise<string[]>;
  /** A root's state (Terraform's JSON), undefined when it has none. */
  readState(root: string): Promise<string | undefined>;
  /** Removes a root's state object (after its destroy). */
  removeState(root: string): Promise<void>;
  /** The root's applied record; undefined when there is none or it is not one of ours. */
  readApplied(root: string): Promise<AppliedRecord | undefined>;
  writeApplied(root: string, record: AppliedRecord): Promise<void>;
  /** Removes the root's applied record (none is fine). */
  removeApplied(root: string): Promise<void>;
}

/** Opens the store of a location (the location is known only once the configuration is loaded). */
export type StateStoreFactory = (location: StateLocation) => StateStore;

const SHA256 = /^[0-9a-f]{64}$/;
const COMMIT = /^[0-9A-Za-z._-]{1,100}$/;

/** The record in `text`, or undefined when it is not a well-formed one (then the root is planned). */
export function parseAppliedRecord(text: string): AppliedRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (v.version !== 1 || typeof v.inputs !== 'string' || typeof v.commit !== 'string')
    return undefined;
  if (!SHA256.test(v.inputs) || !COMMIT.test(v.commit)) return undefined;
  return { inputs: v.inputs, commit: v.commit };
}

/** The record as stored. */
export const appliedRecordText = (record: AppliedRecord): string =>
  `${JSON.stringify({ version: 1, inputs: record.inputs, commit: record.commit })}\n`;

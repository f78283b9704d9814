/**
 * The state bucket as the engine sees it: whether it exists, which roots have a state
 * object, a state's text, and removing one. An interface, so the decisions built on it are
 * tested against an in-memory bucket; s3-store.ts is the real one.
 */
import type { StateLocation } from './location.js';

export interface StateStore {
  bucketExists(): Promise<boolean>;
  /** Roots with a state object under the prefix. */
  stateRoots(): Promise<string[]>;
  /** A root's state (Terraform's JSON), undefined when it has none. */
  readState(root: string): Promise<string | undefined>;
  /** Removes a root's state object (after its destroy). */
  removeState(root: string): Promise<void>;
}

/** Opens the store of a location (the location is known only once the configuration is loaded). */
export type StateStoreFactory = (location: StateLocation) => StateStore;

/** An in-memory state bucket for the lifecycle decisions' unit tests (src/state/store.ts). */
import type { StateLocation } from '../../src/state/location.js';
import type { AppliedRecord, StateStore, StateStoreFactory } from '../../src/state/store.js';

export class MemoryStateBucket {
  exists = true;
  /** Root -> its state JSON. */
  readonly states = new Map<string, string>();
  /** The locations the engine opened the bucket at. */
  readonly opened: StateLocation[] = [];
  readonly removed: string[] = [];
  /** Root -> what was last applied to it (plan what changed). */
  readonly applied = new Map<string, AppliedRecord>();

  /** A state whose resources carry ARNs in `region` (as a cluster's Lambda functions do). */
  static stateIn(region: string): string {
    return JSON.stringify({
      version: 4,
      resources: [
        {
          module: 'module.stream_alert',
          mode: 'managed',
          type: 'aws_lambda_function',
          name: 'rule_processor',
          provider: 'provider["registry.terraform.io/hashicorp/aws"]',
          instances: [{ attributes: { arn: `arn:aws:lambda:${region}:123456789012:function:f` } }],
        },
        {
          mode: 'managed',
          type: 'aws_iam_role',
          name: 'r',
          instances: [{ attributes: { arn: 'arn:aws:iam::123456789012:role/r' } }],
        },
      ],
    });
  }

  readonly factory: StateStoreFactory = (location) => {
    this.opened.push(location);
    const store: StateStore = {
      bucketExists: async () => this.exists,
      stateRoots: async () => [...this.states.keys()].sort(),
      readState: async (root) => this.states.get(root),
      removeState: async (root) => {
        this.states.delete(root);
        this.removed.push(root);
      },
      readApplied: async (root) => this.applied.get(root),
      writeApplied: async (root, record) => {
        this.applied.set(root, { ...record });
      },
      removeApplied: async (root) => {
        this.applied.delete(root);
      },
    };
    return store;
  };
}

/**
 * What the state bucket says about this deployment before anything is planned:
 * - the bucket does not exist yet and global.json lets the global root create it: the
 *   first deployment (plan the global root with local state, the clusters against empty
 *   local state; the merge applies global and moves its state into the bucket);
 * - it does not exist and global.json says it is not ours to create: an error naming the key;
 * - it exists: every root with a state object but no cluster file any more is a removed
 *   cluster, planned as a destroy in the region its state records.
 */
import path from 'node:path';
import type { Config } from '../config/types.js';
import type { RemovedRoot } from '../render/model.js';
import type { StateLocation } from './location.js';
import type { StateStore } from './store.js';

export interface StateDiscovery {
  /** Set on the first deployment: the state bucket global.json's global root will create. */
  firstDeployment?: { bucket: string };
  removed: RemovedRoot[];
  /** Every region the global root's state holds resources in (its monitoring may outlive the last cluster of a region). */
  globalRegions: string[];
  /** The roots with a state object (none on the first deployment): the others are deployed for the first time. */
  rootsWithState: string[];
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** How many of a state's resources live in each region, from their ARNs (provider 5 records no region attribute). */
function regionCounts(stateJson: string): Map<string, number> {
  const counts = new Map<string, number>();
  let state: { resources?: { instances?: { attributes?: { arn?: unknown } }[] }[] };
  try {
    state = JSON.parse(stateJson);
  } catch {
    return counts;
  }
  for (const resource of state.resources ?? []) {
    for (const instance of resource.instances ?? []) {
      const arn = instance.attributes?.arn;
      if (typeof arn !== 'string') continue;
      const region = arn.split(':')[3];
      if (region && REGION.test(region)) counts.set(region, (counts.get(region) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * The region a cluster's state lives in: the one most of its regional ARNs name (its Lambda
 * functions, log groups, topics). Undefined when no resource has a regional ARN.
 */
export function regionOfState(stateJson: string): string | undefined {
  const counts = regionCounts(stateJson);
  let best: string | undefined;
  for (const [region, n] of counts) if (!best || n > counts.get(best)!) best = region;
  return best;
}

/** Every region a state has resources in, sorted. */
export function regionsOfState(stateJson: string): string[] {
  return [...regionCounts(stateJson).keys()].sort();
}

/** Whether a state holds any resource (a destroyed root's state is empty). */
function hasResources(stateJson: string): boolean {
  try {
    return ((JSON.parse(stateJson) as { resources?: unknown[] }).resources ?? []).length > 0;
  } catch {
    return true; // unreadable: never treated as empty
  }
}

export async function discoverState(
  config: Config,
  location: StateLocation,
  store: StateStore,
): Promise<StateDiscovery> {
  const globalFile = path.join(config.configDir, 'global.json');
  if (!(await store.bucketExists())) {
    if (config.global.terraform.createStateBucket)
      return {
        firstDeployment: { bucket: location.bucket },
        removed: [],
        globalRegions: [],
        rootsWithState: [],
      };
    throw new Error(
      `${globalFile}: /terraform/create_state_bucket: is false, but the state bucket "${location.bucket}" does not exist: ` +
        'create it (or name another with the backend-config input), or set create_state_bucket to true so the first deployment creates it',
    );
  }
  const known = new Set(['global', ...config.clusters.map((c) => c.id)]);
  const removed: RemovedRoot[] = [];
  const rootsWithState = await store.stateRoots();
  for (const root of rootsWithState) {
    if (known.has(root)) continue;
    const state = (await store.readState(root)) ?? '{}';
    const region = regionOfState(state);
    if (!region && hasResources(state)) {
      // In the wrong region the destroy would find nothing, forget the state and leave the resources running.
      throw new Error(
        `the state of removed cluster "${root}" (s3://${location.bucket}/${location.prefix}/${root}/terraform.tfstate) ` +
          'names no region in its resources, so its destroy cannot be planned: restore conf/clusters/' +
          `${root}.json, or destroy it by hand`,
      );
    }
    removed.push({ id: root, region: region ?? config.global.account.region });
  }
  const globalState = await store.readState('global');
  return {
    removed,
    globalRegions: globalState ? regionsOfState(globalState) : [],
    rootsWithState,
  };
}

/**
 * Where the roots' Terraform state lives, as `terraform init` will see it: global.json's
 * bucket and key prefix, with the user's `backend-config` lines applied on top (the action's
 * `backend-config` input often names another bucket or region than global.json). The engine
 * checks this bucket before planning, so it must be the one Terraform will use.
 */
import { CLUSTER_ID_PATTERN } from '../config/aws-limits.js';
import type { Config } from '../config/types.js';

export interface StateLocation {
  bucket: string;
  /** Each root's state is `<prefix>/<root>/terraform.tfstate`. */
  prefix: string;
  /** The bucket's region (the backend's `region`). */
  region: string;
  /** `use_path_style=true` among the backend-config lines. */
  pathStyle: boolean;
}

/** The value of `name=value` among backend-config lines (the last one wins, as in Terraform). */
function backendValue(lines: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (const line of lines) {
    const eq = line.indexOf('=');
    if (eq > 0 && line.slice(0, eq).trim() === name) value = line.slice(eq + 1).trim();
  }
  return value?.replace(/^"(.*)"$/, '$1');
}

export function stateLocation(config: Config, backendConfig: readonly string[]): StateLocation {
  return {
    bucket: backendValue(backendConfig, 'bucket') ?? config.global.terraform.tfstateBucket,
    prefix: config.global.terraform.tfstateKeyPrefix,
    region: backendValue(backendConfig, 'region') ?? config.global.account.region,
    pathStyle: backendValue(backendConfig, 'use_path_style') === 'true',
  };
}

/** The state object of a root. */
export const stateObjectKey = (location: StateLocation, root: string): string =>
  `${location.prefix}/${root}/terraform.tfstate`;

/** Beside the state object: what was last applied to the root (store.ts AppliedRecord). */
export const appliedObjectKey = (location: StateLocation, root: string): string =>
  `${location.prefix}/${root}/${APPLIED_FILE}`;

export const APPLIED_FILE = 'streamalert-applied.json';

/** The root whose state object this key is, if it is one (`<prefix>/<root>/terraform.tfstate`). */
export function rootOfStateKey(location: StateLocation, key: string): string | undefined {
  const head = `${location.prefix}/`;
  if (!key.startsWith(head) || !key.endsWith('/terraform.tfstate')) return undefined;
  const root = key.slice(head.length, -'/terraform.tfstate'.length);
  // Only what a cluster id can be: anything else was not written by these roots.
  return new RegExp(CLUSTER_ID_PATTERN).test(root) ? root : undefined;
}

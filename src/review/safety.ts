/**
 * The plan-safety policy: which planned changes lose data, and the pull-request label that
 * allows them. The comment warns with it (src/report) and apply-on-merge refuses with it
 * (src/commands), so both read the one definition here.
 */
import type { ChangeAction, ResourceChange } from '../plan/types.js';

/** The pull-request label that lets apply destroy or replace data-bearing resources. */
export const ALLOW_DESTROY_LABEL = 'streamalert:allow-destroy';

/**
 * The pull-request label that plans every root, also those whose inputs are the ones last
 * applied (src/selection): for a reviewer who wants to see drift in the pull request.
 */
export const PLAN_ALL_LABEL = 'streamalert:plan-all';

/** A saved plan that is not the one to apply: made for another commit or configuration (CLI `apply` refuses it). */
export class StalePlanError extends Error {}

/** Destroying or replacing these loses data that Terraform cannot bring back. */
export const DATA_BEARING_TYPES: ReadonlySet<string> = new Set([
  'aws_kinesis_stream',
  'aws_s3_bucket',
  'aws_kinesis_firehose_delivery_stream',
]);

const destroys = (action: ChangeAction): boolean => action === 'delete' || action === 'replace';

/** Whether a change of this type and action loses data (what ResourceChange.dataBearing records). */
export const isDataBearing = (type: string, action: ChangeAction): boolean =>
  destroys(action) && DATA_BEARING_TYPES.has(type);

export const isDestructive = (c: ResourceChange): boolean => destroys(c.action);

export const losesData = (c: ResourceChange): boolean => c.dataBearing && isDestructive(c);

/** The changes that lose data, as `<action> <address>`, for messages. */
export function dataLosses(changes: readonly ResourceChange[]): string[] {
  return changes.filter(losesData).map((c) => `${c.action} ${c.address}`);
}

/** Whether the pull request's labels allow losing data. */
export const allowsDataLoss = (labels: readonly string[]): boolean =>
  labels.includes(ALLOW_DESTROY_LABEL);

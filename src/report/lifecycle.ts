/**
 * The deploy-lifecycle notes above the fold: a first deployment (the state bucket does not
 * exist yet, and what the merge will do about it) and clusters removed from conf whose
 * infrastructure the plan destroys. Both change what merging does far more than a row of
 * the table says, so they are spelled out. Removed clusters are bounded like the warnings.
 */
import { ALLOW_DESTROY_LABEL } from '../review/safety.js';
import type { PlanReport } from '../plan/types.js';
import { inlineCode } from './markdown.js';

const MAX_NAMED_REMOVED = 20;

export function lifecycleNotes(report: PlanReport): string {
  let text = '';
  if (report.firstDeployment) {
    const bucket = inlineCode(report.firstDeployment.bucket);
    text +=
      `> 🚀 **First deployment: the state bucket ${bucket} does not exist yet.** ` +
      `This is the bootstrap plan: ${inlineCode('global')} (which creates the bucket) is planned with local state, ` +
      'and every cluster against an empty state. On merge, the apply job applies ' +
      `${inlineCode('global')}, moves its state into ${bucket}, then plans and applies the clusters.\n`;
  }
  const removed = report.roots.filter((r) => r.removed);
  if (removed.length > 0) {
    const names = removed.slice(0, MAX_NAMED_REMOVED).map((r) => inlineCode(r.root));
    if (removed.length > MAX_NAMED_REMOVED)
      names.push(`${removed.length - MAX_NAMED_REMOVED} more`);
    text +=
      (text ? '\n' : '') +
      `> 🗑️ **Cluster file removed, state still there: ${names.join(', ')}.** ` +
      'The plan destroys everything its state holds. Apply destroys it only when the pull request has the label ' +
      `${inlineCode(ALLOW_DESTROY_LABEL)}, then removes its state object.\n`;
  }
  return text;
}

/**
 * What only a plan that has looked at the state bucket can tell (commands/plan.ts): a
 * cluster deployed for the first time (the first deployment, or a cluster file new since
 * the last apply) gets its rule and alert processors created now, and the module publishes
 * their code as version 1 on creation. So the production alias can point at `$LATEST` or
 * version 1, and nothing else: `current_version: 3` names a version that cannot exist yet,
 * and the apply would fail after the merge, half done.
 */
import type { Config } from './types.js';
import type { ConfigProblem } from './problems.js';

const PROCESSORS = [
  ['ruleProcessor', 'rule_processor'],
  ['alertProcessor', 'alert_processor'],
] as const;

export function unpublishedVersions(
  config: Config,
  newClusters: ReadonlySet<string>,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const cluster of config.clusters) {
    if (!newClusters.has(cluster.id)) continue;
    for (const [key, name] of PROCESSORS) {
      const version = cluster.modules.streamAlert[key].currentVersion;
      if (version === '$LATEST' || version === '1') continue;
      problems.push({
        file: cluster.file,
        pointer: `/modules/stream_alert/${name}/current_version`,
        message:
          `is ${version}, but cluster ${cluster.id} is deployed for the first time: its apply creates the ${name} ` +
          `function and publishes version 1 only, so version ${version} cannot exist yet. ` +
          'Use "$LATEST" (or 1) now, and pin a published version in a later change',
      });
    }
  }
  return problems;
}

/**
 * The shape of a cluster module's descriptor: everything the rendering knows about one
 * module of modules/, in one file (model: flow-logs.ts). The list is all.ts; from it come
 * the cluster root's module blocks (each module's template part,
 * templates/modules/<module>.tf.hbs, in the list's order) and the modules copied into the
 * rendered tree (model.ts `modulesUsed`).
 */
import type { ClusterConfig, Config } from '../../config/types.js';
import { partitionOf } from '../../config/aws-limits.js';

/** What a module's context is made from. */
export interface ModuleInput {
  readonly config: Config;
  readonly cluster: ClusterConfig;
}

export interface ClusterModuleDescriptor {
  /** Its folder under modules/ and its template part, templates/modules/<module>.tf.hbs. */
  readonly module: string;
  /**
   * The key under the cluster file's `modules` that switches it on; null for a module a file
   * of conf/ switches on instead (threat_intel_feeds: conf/threat_intel.json).
   */
  readonly configKey: string | null;
  /** Whether the cluster calls it (then modules/<module> is copied into the rendered tree). */
  readonly enabled: (cluster: ClusterConfig, config: Config) => boolean;
  /**
   * The fields its template part reads, merged into the cluster root's context (other parts
   * may read them too: a false value is how a part knows a module is off).
   */
  readonly context: (input: ModuleInput) => Readonly<Record<string, unknown>>;
}

const identifier = /^[a-z_][a-z0-9_]*$/;

export function assertIdentifier(name: string): string {
  // Everything that reaches a Terraform identifier position comes from validated ids;
  // this guards the invariant rather than trusting it.
  if (!identifier.test(name)) throw new Error(`internal: "${name}" is not a Terraform identifier`);
  return name;
}

export function monitoringTopicArn(config: Config, region: string): string {
  const { awsAccountId } = config.global.account;
  return `arn:${partitionOf(region)}:sns:${region}:${awsAccountId}:${config.global.monitoring.snsTopicName}`;
}

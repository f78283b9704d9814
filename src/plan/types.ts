import type { RootCost } from '../cost/types.js';
import type { RootFindings } from '../findings/types.js';
import type { ConfigProblem } from '../config/problems.js';
import type { BacktestReport } from '../backtest/types.js';

/**
 * The result of planning every root, as one typed report. The Terraform runner fills it;
 * the pull-request comment, the job summary, the action outputs and the apply safety
 * checks all read it.
 */

/**
 * `forget`: a `removed` block with `destroy = false` (e.g. the state bucket handed over):
 * the resource leaves the state and stays in AWS. Nothing is destroyed, but it is a change
 * the merge must apply and the reviewer must see.
 */
export type ChangeAction = 'create' | 'update' | 'delete' | 'replace' | 'forget';

export interface ResourceChange {
  /** Terraform address, e.g. `module.kinesis_streams.aws_kinesis_stream.this`. */
  address: string;
  /** Resource type, e.g. `aws_kinesis_stream`. */
  type: string;
  action: ChangeAction;
  /** Destroying or replacing it loses data (Kinesis stream, S3 bucket, Firehose delivery stream). */
  dataBearing: boolean;
}

/** The Terraform step a root failed in. */
export type TerraformStep = 'init' | 'validate' | 'plan' | 'show' | 'apply';

export type RootStatus = 'no-changes' | 'changes' | 'error';

export interface RootPlan {
  /** `global` or the cluster id. */
  root: string;
  status: RootStatus;
  add: number;
  change: number;
  destroy: number;
  /** Resources that change, sorted by address; no-op and read-only entries are left out. */
  changes: ResourceChange[];
  /** Human-readable plan (the output of `terraform plan -no-color`, progress lines removed), already masked. */
  planText: string;
  /** Set when status is `error`: which step failed and Terraform's message, already masked. */
  error?: {
    step: TerraformStep;
    message: string;
    /**
     * Configuration values the error is about (render/lookups.ts: an existing resource the
     * configuration names was not found while planning); the message starts with them.
     */
    problems?: ConfigProblem[];
  };
  /**
   * SHA-256 over the normalised resource changes (address, action, planned values with
   * sensitive and unknown values blanked). Equal fingerprints mean the same change.
   */
  fingerprint: string;
  /** Security findings of the planned resources (src/findings); absent when the root failed. */
  findings?: RootFindings;
  /** Monthly cost before and after the plan (src/cost); absent when the root failed. */
  cost?: RootCost;
  /** The cluster's file is gone but its state remains: the plan destroys what the state holds. */
  removed?: true;
  /**
   * The fingerprint of the root's inputs (src/selection/inputs.ts), when the run computed
   * it: the merge records it as applied, so later pull requests can leave the root out.
   */
  inputs?: string;
}

/** A root a run did not plan: its inputs are the ones applied at `since` (src/selection). */
export interface UnchangedRoot {
  root: string;
  /** The commit its inputs were last applied at. */
  since: string;
}

/**
 * A step before Terraform that stopped the run: validation (including an unknown root
 * asked for), rendering or the processor build. Failing rule tests do not stop it (they
 * are `ruleTests`), and Terraform's own failures are per root (`RootPlan.error`).
 */
export interface PipelineFailure {
  step: 'validate' | 'state' | 'render' | 'build';
  /** One line per problem, already masked. */
  messages: string[];
}

export interface RuleTestSummary {
  passed: number;
  failed: number;
  /** One line per malformed fixture file and per failing fixture (a record that did not classify is one), already masked. */
  failures: string[];
}

export interface PlanReport {
  /** Head commit the plan was made for. */
  commit: string;
  /** Link to the workflow run, when known. */
  runUrl?: string;
  /** SHA-256 of the rendered Terraform tree (every file), so a changed config is detected. */
  configHash: string;
  /** Number of clusters validated (shown in the validation line). */
  clusterCount: number;
  ruleTests?: RuleTestSummary;
  /** The rules a pull request adds or changes, counted before/after (src/commands/backtest.ts); notes already masked. */
  backtest?: BacktestReport;
  /** Set when the run stopped before (or outside of) per-root planning. */
  failure?: PipelineFailure;
  /**
   * Set on the first deployment: the state bucket does not exist yet, so the global root
   * was planned with local state (it creates the bucket) and the clusters against empty
   * local state; the merge applies global, moves its state into the bucket, then the clusters.
   */
  firstDeployment?: { bucket: string };
  /** One entry per root planned, `global` first, then clusters by name. */
  roots: RootPlan[];
  /**
   * The roots left out because their inputs are those last applied (plan what changed), in
   * the same order. Absent when every root was planned.
   */
  unchanged?: UnchangedRoot[];
  /**
   * Source health per cluster (docs/source-health.md): the rules left blind by a silent
   * source and the log types whose volume dropped; only clusters with either. Absent when
   * nothing was read (no deployment yet, no credentials).
   */
  blindRules?: BlindRules[];
  /**
   * The threat-intel feeds the rule processors match against (docs/threat-intel.md), each
   * with the version they use: the table the collector wrote most recently, as read at plan
   * time. Absent when conf/threat_intel.json matches nothing.
   */
  threatIntelFeeds?: FeedVersion[];
}

/**
 * One feed's version as seen at plan time. The rule processors always load a feed's current
 * table (checked every cache_refresh_minutes), so this is the version they use now, not one
 * held back: `current` names it (when written, the S3 object version, the feed's own version
 * such as CISA's catalogVersion); `absent`: not written yet; `unread`: the bucket could not
 * be read at plan time (no credentials, no deployment yet) — latest, unpinned.
 */
export interface FeedVersion {
  feed: string;
  status: 'current' | 'absent' | 'unread';
  /** When the collector fetched it (ISO), for `current`. */
  fetchedAt?: string;
  /** The S3 version id of the current table (the bucket is versioned). */
  objectVersion?: string;
  /** The feed's own version, when it states one. */
  sourceVersion?: string;
}

/** How far a log type's last hour fell below its baseline: its drop alarm in ALARM. */
export type DropLevel = 'warning' | 'critical';

/**
 * One cluster's source health: rules whose every log type has its silence alarm in ALARM,
 * and the log types (not silent) whose volume-drop alarm is in ALARM.
 */
export interface BlindRules {
  cluster: string;
  /** The log types whose silence alarm is in ALARM, sorted, each with its alarm name. */
  silent: { logType: string; alarm: string }[];
  /** The rules reading only silent log types, sorted by name, with the log types they read. */
  rules: { name: string; logTypes: string[] }[];
  /**
   * Log types still sending but far below their baseline, critical first then by name, each
   * with the highest level in ALARM, its alarm and the rules that read it (sorted). Absent
   * in reports written before volume drops were read.
   */
  dropped?: { logType: string; level: DropLevel; alarm: string; rules: string[] }[];
}

/** What planning returns to a command: the report, and the configuration problems to annotate. */
export interface PlanOutcome {
  report: PlanReport;
  /** Configuration problems, for annotations: validation's, or existing resources the configuration names that a plan did not find. */
  problems: ConfigProblem[];
}

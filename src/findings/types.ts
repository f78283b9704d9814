/** Security findings over the planned resources of one root. */

export type Severity = 'high' | 'medium' | 'low';

export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low'];

/** Finding ids: stable; each described in ids.ts, whose table is in docs/action.md (Findings). */
export type FindingId =
  | 'SA-IAM-001'
  | 'SA-IAM-002'
  | 'SA-ENC-001'
  | 'SA-ENC-002'
  | 'SA-ENC-003'
  | 'SA-ENC-004'
  | 'SA-ENC-005'
  | 'SA-S3-001'
  | 'SA-S3-002'
  | 'SA-LOG-001'
  | 'SA-LAMBDA-001'
  | 'SA-NET-001'
  | 'SA-TRAIL-001';

export interface Finding {
  id: FindingId;
  severity: Severity;
  /** Terraform address of the resource, e.g. `module.stream_alert.aws_iam_role_policy.rule_processor`. */
  address: string;
  /** What is wrong, naming the statement where there is one. */
  message: string;
  /** One-line fix. */
  fix: string;
}

export interface WaivedFinding extends Finding {
  /** The reason given in global.json. */
  reason: string;
}

/**
 * A root's findings, split by the rule the comment follows: a finding is NEW when its
 * resource is created, updated or replaced by this plan (the change introduces or keeps
 * touching it, so the reviewer can act on it now); findings on resources the plan leaves
 * as they are only get counted. Waived findings are listed apart, whatever the action.
 */
export interface RootFindings {
  /** New, unwaived findings, by severity then address. */
  new: Finding[];
  /** Unwaived findings on resources this plan does not change. */
  existing: number;
  waived: WaivedFinding[];
}

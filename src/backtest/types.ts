/**
 * The backtest's result, as the plan report carries it: for every rule the pull request
 * adds or changes, how many alerts the base and the head version raise over the fixture
 * corpus and over a bounded sample of the cluster's recent Firehose records.
 */

/** What a backtest is asked for: the base commit and the sample's bounds. */
export interface BacktestSettings {
  /** The pull request's base commit. */
  base: string;
  /** How far back the sample reaches (default 6). */
  hours: number;
  /** At most this many MB of decompressed sample are read (default 50). */
  maxMb: number;
  /** At most this many sampled records (default DEFAULT_MAX_RECORDS). */
  maxRecords?: number;
  /** Time budget of the whole backtest (reading and running the rules), in seconds (default 60). */
  timeBudgetSeconds?: number;
}

/** Alerts over one record set; `before` is absent for a new rule or an unreadable base. */
export interface AlertCounts {
  before?: number;
  after: number;
}

export interface RuleBacktest {
  rule: string;
  /** The user's file (rules/x.ts). */
  file: string;
  /** `new`: no file of this rule's name at the base commit, or the rule is not in it. */
  status: 'new' | 'changed';
  fixtures: AlertCounts;
  /** Absent when no sample was read. */
  sample?: AlertCounts;
  /** The head version's most frequent merge_by_keys values (fixtures and sample), most first. */
  topKeys: { value: string; count: number }[];
}

export interface SampleStats {
  /** Records the rules ran over (lines of the objects). */
  records: number;
  /** Bytes read, decompressed (what backtest-max-mb counts). */
  bytes: number;
  objects: number;
  /** The window looked at, in hours. */
  hours: number;
}

export interface BacktestReport {
  /** The pull request's base commit. */
  base: string;
  /** False when the base commit is not in the checkout (shallow clone): after-only counts. */
  baseAvailable: boolean;
  fixtureRecords: number;
  sample?: SampleStats;
  rules: RuleBacktest[];
  /** Why a part was skipped or cut (unreadable bucket, time budget...), one line each. */
  notes: string[];
  /**
   * Why the backtest could not count at all (a rule file the sandbox cannot load, git
   * failing...): the comment says it stopped, never that no rule changed.
   */
  stopped?: string;
}

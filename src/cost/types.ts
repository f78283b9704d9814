/** The monthly cost estimate of one root. */

export interface CostLine {
  /** What is billed, e.g. "Kinesis shard-hours". */
  item: string;
  /** USD per month before this plan (resources that exist already). */
  now: number;
  /** USD per month after this plan. */
  after: number;
}

export interface RootCost {
  region: string;
  /** The region's prices are us-east-1's times a regional factor, not list prices. */
  estimate: boolean;
  /** USD per month before the plan (every resource the plan does not create). */
  now: number;
  /** USD per month after the plan (every resource it does not delete). */
  after: number;
  /** One line per billed item with a non-zero figure, in a fixed order. */
  lines: CostLine[];
}

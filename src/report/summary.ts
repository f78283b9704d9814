/**
 * The job summary: the same rendering as the comment with room for the full plans. Its
 * limit is 1 MiB of bytes per step, so it is measured in UTF-8 bytes, not characters.
 */
import type { PlanReport } from '../plan/types.js';
import { utf8Bytes } from './budget.js';
import { renderReport } from './render.js';

/** `$GITHUB_STEP_SUMMARY` upload limit per step, in bytes. */
export const SUMMARY_MAX_BYTES = 1_048_576;

export interface JobSummaryOptions {
  title?: string;
  /** Bytes this rendering may use; lower it by what else the step writes to the summary. */
  maxBytes?: number;
}

export function renderJobSummary(report: PlanReport, options: JobSummaryOptions = {}): string {
  return renderReport(report, {
    maxLength: options.maxBytes ?? SUMMARY_MAX_BYTES,
    title: (options.title ?? 'StreamAlert plan').replace(/\s+/g, ' '),
    measure: utf8Bytes,
    elsewhere: 'the run log',
  });
}

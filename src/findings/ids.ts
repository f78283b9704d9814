/** Every finding id, for the waiver schema (global.json) and the README table. */
import type { FindingId } from './types.js';

export const FINDING_IDS: readonly FindingId[] = [
  'SA-IAM-001',
  'SA-IAM-002',
  'SA-ENC-001',
  'SA-ENC-002',
  'SA-ENC-003',
  'SA-ENC-004',
  'SA-ENC-005',
  'SA-S3-001',
  'SA-S3-002',
  'SA-LOG-001',
  'SA-LAMBDA-001',
  'SA-NET-001',
  'SA-TRAIL-001',
];

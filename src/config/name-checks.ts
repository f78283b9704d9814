/**
 * Bucket naming rules a JSON Schema pattern cannot word ("..", IP form, reserved prefixes
 * and suffixes), on a global or cluster document the schema has accepted: one problem per
 * name, at its pointer, saying which rule it breaks.
 */
import { s3BucketNameProblem } from './aws-limits.js';
import { escapePointerToken, type ConfigProblem } from './problems.js';
import type { DocumentKind } from './validate-schema.js';

/* Runs only on documents the schema accepted, so the shapes below hold. */
/* eslint-disable @typescript-eslint/no-explicit-any */

export function bucketNameProblems(kind: DocumentKind, doc: any, file: string): ConfigProblem[] {
  const names: [string, string][] = [];
  if (kind !== 'global' && kind !== 'cluster') return [];
  if (kind === 'global') {
    if (doc.terraform?.tfstate_bucket !== undefined)
      names.push(['/terraform/tfstate_bucket', doc.terraform.tfstate_bucket]);
    if (doc.terraform?.bucket_name !== undefined)
      names.push(['/terraform/bucket_name', doc.terraform.bucket_name]);
  } else {
    const s3 = doc.modules.s3_events;
    if (Array.isArray(s3))
      s3.forEach((s: any, i: number) =>
        names.push([`/modules/s3_events/${i}/s3_bucket_id`, s.s3_bucket_id]),
      );
    else if (s3?.s3_bucket_id !== undefined)
      names.push(['/modules/s3_events/s3_bucket_id', s3.s3_bucket_id]);
    // StreamAlert 3's form: the bucket names are the keys.
    else if (s3 !== undefined)
      for (const bucket of Object.keys(s3))
        names.push([`/modules/s3_events/${escapePointerToken(bucket)}`, bucket]);
    // A StreamAlert 3 cluster has no modules.stream_alert (classifier_config instead).
    const outputs: string[] = doc.modules.stream_alert?.alert_processor.outputs?.['aws-s3'] ?? [];
    outputs.forEach((b, i) =>
      names.push([`/modules/stream_alert/alert_processor/outputs/aws-s3/${i}`, b]),
    );
  }
  return names.flatMap(([pointer, name]) => {
    const problem = s3BucketNameProblem(name);
    return problem
      ? [{ file, pointer, message: `S3 bucket name ${JSON.stringify(name)} ${problem}` }]
      : [];
  });
}

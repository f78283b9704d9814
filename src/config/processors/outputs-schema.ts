/**
 * JSON schema of conf/outputs.json, in StreamAlert 1.5's own form and ours: one property per
 * alert output, its schema fragment taken from the output's descriptor
 * (src/processors/alert-processor/outputs/all.ts).
 *
 * - AWS services map each descriptor to its resource (bucket, topic, function, delivery
 *   stream, queue, log group); aws-cloudwatch-log also takes StreamAlert's list, aws-ses
 *   names its identity and its credential.
 * - Services with a credential take either a map of descriptor → where the credential lives
 *   (`ssm_parameter` or `secretsmanager_secret`), or StreamAlert's list of descriptors, whose
 *   credential is then the SSM parameter `/streamalert/outputs/<service>/<descriptor>`.
 */
import { OUTPUTS } from '../../processors/alert-processor/outputs/all.js';

export const outputsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(OUTPUTS.map((o) => [o.service, o.schema])),
};

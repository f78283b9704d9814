/**
 * `--aws-endpoint` sends every AWS call to one endpoint (moto, LocalStack). The provider
 * needs one `endpoints` entry per service, and a service left out goes to real AWS with
 * whatever credentials the shell holds (the DynamoDB merge table once did). So the list is
 * derived here from the resource and data source types the modules use: each type names
 * its service, and test/render/render.test.ts fails when a module gains a type no entry
 * matches.
 */
import { hclLiteral } from './hcl.js';
import { CLUSTER_MODULES } from './modules/all.js';

/**
 * Type prefix → provider endpoint key (null for types that make no AWS call) for what is not
 * a cluster module's: the roots' own data sources and lookups, the global root's modules
 * (monitoring, terraform_state), stream_alert. Each cluster module's descriptor
 * (src/render/modules) adds its own.
 */
const ROOT_TYPES: readonly (readonly [prefix: string, service: string | null])[] = [
  ['aws_caller_identity', 'sts'],
  ['aws_partition', null],
  ['aws_region', null],
  ['aws_iam_policy_document', null],
  ['aws_cloudwatch_event_', 'events'],
  ['aws_cloudwatch_log_', 'cloudwatchlogs'],
  ['aws_cloudwatch_metric_alarm', 'cloudwatch'],
  ['aws_dynamodb_', 'dynamodb'],
  ['aws_iam_', 'iam'],
  ['aws_kms_', 'kms'],
  ['aws_lambda_', 'lambda'],
  ['aws_s3_', 's3'],
  ['aws_secretsmanager_', 'secretsmanager'],
  ['aws_sns_', 'sns'],
  ['aws_sqs_', 'sqs'],
  ['aws_ssm_', 'ssm'],
];

/** Type prefix → provider endpoint key: the roots' and every cluster module's, each prefix once. */
export const SERVICE_OF_TYPE: readonly (readonly [prefix: string, service: string | null])[] = [
  ...new Map(
    [...ROOT_TYPES, ...CLUSTER_MODULES.flatMap((d) => d.endpoints)].map((e) => [e[0], e]),
  ).values(),
].sort(([a], [b]) => a.localeCompare(b));

/** The service of a resource type (the longest prefix that matches); undefined when none does. */
export function serviceOfType(type: string): string | null | undefined {
  let best: (typeof SERVICE_OF_TYPE)[number] | undefined;
  for (const e of SERVICE_OF_TYPE)
    if (type.startsWith(e[0]) && (!best || e[0].length > best[0].length)) best = e;
  return best?.[1];
}

/** Every endpoint key the provider block gets; sts always, for the credentials check. */
export const PROVIDER_ENDPOINTS: readonly string[] = [
  ...new Set(['sts', ...SERVICE_OF_TYPE.flatMap(([, s]) => (s ? [s] : []))]),
].sort();

/** The body of the provider's `endpoints` block, aligned as `terraform fmt` aligns it. */
export function providerEndpointLines(url: string, indent = '    '): string {
  const width = Math.max(...PROVIDER_ENDPOINTS.map((s) => s.length));
  return PROVIDER_ENDPOINTS.map((s) => `${indent}${s.padEnd(width)} = ${hclLiteral(url)}`).join(
    '\n',
  );
}

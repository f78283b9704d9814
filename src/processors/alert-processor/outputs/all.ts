/**
 * Every alert output's descriptor (see descriptor.ts), the one list the rest derives from:
 * the conf/outputs.json schema and conversion, the dispatch, the IAM grants and the
 * catalogue of docs/outputs.md. A new output is its file plus one line here (the bundles
 * need static imports). The order is that of the schema's properties and of the catalogue.
 */
import { cloudwatchLogOutput } from './cloudwatch-log.js';
import { lambdaOutput, s3Output, snsOutput } from './aws.js';
import { carbonblackOutput } from './carbonblack.js';
import { demistoOutput } from './demisto.js';
import { firehoseOutput } from './firehose.js';
import { githubOutput } from './github.js';
import { jiraOutput } from './jira.js';
import { lambdaV2Output } from './lambda-v2.js';
import { komandOutput } from './komand.js';
import { pagerdutyIncidentOutput } from './pagerduty-incident.js';
import { pagerdutyOutput, pagerdutyV2Output } from './pagerduty.js';
import { phantomOutput } from './phantom.js';
import { sesOutput } from './ses.js';
import { sqsOutput } from './sqs.js';
import { teamsOutput } from './teams.js';
import { slackOutput, webhookOutput } from './webhook.js';

export const OUTPUTS = [
  s3Output,
  snsOutput,
  lambdaOutput,
  lambdaV2Output,
  firehoseOutput,
  sqsOutput,
  cloudwatchLogOutput,
  sesOutput,
  slackOutput,
  webhookOutput,
  pagerdutyOutput,
  phantomOutput,
  pagerdutyV2Output,
  pagerdutyIncidentOutput,
  githubOutput,
  jiraOutput,
  teamsOutput,
  carbonblackOutput,
  demistoOutput,
  komandOutput,
] as const;

export type AnyOutput = (typeof OUTPUTS)[number];
export type OutputService = AnyOutput['service'];

/** Every service name, in the list's order. */
export const OUTPUT_SERVICES: readonly OutputService[] = OUTPUTS.map((o) => o.service);

const BY_SERVICE: ReadonlyMap<string, AnyOutput> = new Map(OUTPUTS.map((o) => [o.service, o]));

/** The descriptor of a service name, or undefined for a name no output has. */
export function outputDescriptor(service: string): AnyOutput | undefined {
  return BY_SERVICE.get(service);
}

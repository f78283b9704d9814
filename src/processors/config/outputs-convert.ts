/** conf/outputs.json (already validated) → the typed outputs the alert processor and the IAM rendering use. */
import type { CredentialService, OutputTarget, OutputsConfig, SecretRef } from './types.js';

/* The input passed the JSON schema in outputs-schema.ts. */
/* eslint-disable @typescript-eslint/no-explicit-any */

/** Where StreamAlert's list form keeps the credential of `<service>:<descriptor>`. */
export function conventionalParameter(
  service: CredentialService | 'aws-ses',
  descriptor: string,
): string {
  return `/streamalert/outputs/${service}/${descriptor}`;
}

function secretRef(v: any): SecretRef {
  return v.ssm_parameter !== undefined
    ? { ssmParameter: v.ssm_parameter }
    : { secretsManagerSecret: v.secretsmanager_secret };
}

export function toOutputs(raw: any): OutputsConfig {
  const out = new Map<string, OutputTarget>();
  for (const [service, value] of Object.entries((raw ?? {}) as Record<string, any>)) {
    // StreamAlert's list form: descriptors only (credential services; the schema refuses it elsewhere).
    const entries: [string, any][] = Array.isArray(value)
      ? value.map((d: string) => [d, undefined])
      : Object.entries(value as Record<string, any>);
    for (const [descriptor, v] of entries) {
      const key = `${service}:${descriptor}`;
      switch (service) {
        case 'aws-s3':
          out.set(key, { service, descriptor, bucket: v });
          break;
        case 'aws-sns':
          out.set(key, { service, descriptor, topic: v });
          break;
        case 'aws-lambda':
          out.set(key, { service, descriptor, functionName: v });
          break;
        case 'aws-firehose':
          out.set(key, { service, descriptor, deliveryStream: v });
          break;
        case 'aws-sqs':
          out.set(key, { service, descriptor, queue: v });
          break;
        case 'aws-cloudwatch-log':
          // List form (v undefined): the alert processor's own log, as StreamAlert did.
          out.set(
            key,
            v === undefined ? { service, descriptor } : { service, descriptor, logGroup: v },
          );
          break;
        case 'aws-ses':
          out.set(key, {
            service,
            descriptor,
            identity: v.identity,
            secret:
              v.ssm_parameter === undefined && v.secretsmanager_secret === undefined
                ? { ssmParameter: conventionalParameter(service, descriptor) }
                : secretRef(v),
          });
          break;
        case 'slack':
        case 'webhook':
        case 'pagerduty':
        case 'phantom':
        case 'pagerduty-v2':
        case 'pagerduty-incident':
        case 'github':
        case 'jira':
        case 'teams':
        case 'carbonblack':
        case 'demisto':
        case 'komand':
          out.set(key, {
            service,
            descriptor,
            secret:
              v === undefined
                ? { ssmParameter: conventionalParameter(service, descriptor) }
                : secretRef(v),
          });
          break;
      }
    }
  }
  return out;
}

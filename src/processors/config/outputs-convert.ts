/** conf/outputs.json (already validated) → the typed outputs the alert processor and the IAM rendering use. */
import type { OutputTarget, OutputsConfig, SecretRef } from './types.js';

/* The input passed the JSON schema in outputs-schema.ts. */
/* eslint-disable @typescript-eslint/no-explicit-any */

function secretRef(v: any): SecretRef {
  return v.ssm_parameter !== undefined ? { ssmParameter: v.ssm_parameter } : { secretsManagerSecret: v.secretsmanager_secret };
}

export function toOutputs(raw: any): OutputsConfig {
  const out = new Map<string, OutputTarget>();
  for (const [service, descriptors] of Object.entries((raw ?? {}) as Record<string, Record<string, any>>)) {
    for (const [descriptor, v] of Object.entries(descriptors)) {
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
        case 'slack':
        case 'webhook':
          out.set(key, { service, descriptor, secret: secretRef(v) });
          break;
      }
    }
  }
  return out;
}

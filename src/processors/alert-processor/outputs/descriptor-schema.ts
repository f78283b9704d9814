/**
 * The parts the output descriptors build their conf/outputs.json schema fragments and
 * targets from: a descriptor name, a secret reference, an AWS map, a credential service.
 *
 * Every problem is reported where it is (src/config/processors/validate.ts words them): a
 * type mismatch is written with `not` + `x-message` rather than `type`, so the one line it
 * gives says what the value must be instead of ajv's bare type name.
 */
import type { SecretRef } from '../../config/types.js';
import {
  SECRET_NAME_MAX,
  SSM_PARAMETER_NAME_MAX,
  SSM_PARAMETER_NAME_MESSAGE,
  SSM_PARAMETER_NAME_PATTERN,
} from '../../../shared/aws-names.js';

/** A JSON schema (ajv's input), as plain data. */
export type OutputSchema = Readonly<Record<string, unknown>>;

/** A descriptor also ends an SSM parameter name, so it must be a valid name segment. */
export const descriptorName = {
  type: 'string',
  pattern: '^(?!\\.+$)[A-Za-z0-9_.-]{1,200}$',
  'x-message':
    'must be 1-200 letters, digits, _ . or - (not only dots): it is part of an SSM parameter name',
};

export const secretRefSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  'x-message': 'must name exactly one of ssm_parameter or secretsmanager_secret',
  properties: {
    ssm_parameter: {
      type: 'string',
      maxLength: SSM_PARAMETER_NAME_MAX,
      pattern: SSM_PARAMETER_NAME_PATTERN,
      'x-message': SSM_PARAMETER_NAME_MESSAGE,
    },
    secretsmanager_secret: {
      type: 'string',
      maxLength: SECRET_NAME_MAX,
      pattern: '^[A-Za-z0-9/_+=.@-]+$',
      'x-message': 'must be a Secrets Manager secret name (letters, digits and /_+=.@-)',
    },
  },
};

export const NOT_OBJECT = ['array', 'string', 'number', 'integer', 'boolean', 'null'];
export const NOT_OBJECT_OR_ARRAY = ['string', 'number', 'integer', 'boolean', 'null'];

/** An AWS service: descriptor → resource. StreamAlert wrote these as maps too; a list would name no resource. */
export function awsMap(resource: string, value: object): OutputSchema {
  return {
    not: { type: NOT_OBJECT },
    'x-message': `must be an object mapping each descriptor to its ${resource} ({"<descriptor>": "<${resource}>"}); a list of descriptors names no ${resource}`,
    propertyNames: descriptorName,
    additionalProperties: value,
  };
}

/**
 * A credential service: descriptor → secret reference, or StreamAlert's list of descriptors,
 * whose credential is then the SSM parameter `/streamalert/outputs/<service>/<descriptor>`.
 */
export function credentialServiceSchema(service: string): OutputSchema {
  return {
    allOf: [
      {
        not: { type: NOT_OBJECT_OR_ARRAY },
        'x-message': `must be a list of descriptors (credential in SSM at /streamalert/outputs/${service}/<descriptor>) or an object mapping each descriptor to {"ssm_parameter": ...} or {"secretsmanager_secret": ...}`,
      },
      { uniqueItems: true },
    ],
    // Object keywords apply to the map form only, array keywords to the list form only.
    propertyNames: descriptorName,
    additionalProperties: secretRefSchema,
    items: descriptorName,
  };
}

/** Where StreamAlert's list form keeps the credential of `<service>:<descriptor>`. */
export function conventionalParameter(service: string, descriptor: string): string {
  return `/streamalert/outputs/${service}/${descriptor}`;
}

/* The input passed the JSON schema. */
/* eslint-disable @typescript-eslint/no-explicit-any */

/** `{ssm_parameter}` or `{secretsmanager_secret}`; neither (or the list form) is the conventional parameter. */
export function secretRefOf(service: string, descriptor: string, v: any): SecretRef {
  if (v?.ssm_parameter !== undefined) return { ssmParameter: v.ssm_parameter };
  if (v?.secretsmanager_secret !== undefined)
    return { secretsManagerSecret: v.secretsmanager_secret };
  return { ssmParameter: conventionalParameter(service, descriptor) };
}

export function credentialTarget<S extends string>(service: S, descriptor: string, v: unknown) {
  return { service, descriptor, secret: secretRefOf(service, descriptor, v) };
}

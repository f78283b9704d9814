/**
 * aws-lambda-v2 (StreamAlert 3): the alert invoked on a Lambda function the credential names
 * (`lambda_function_arn`, optionally `function_qualifier`), rather than outputs.json. Since
 * the function is known only at run time, the alert processor's role gets no grant for it:
 * the function's resource policy (or your own IAM) must allow the invocation.
 * With `assume_role_arn` the alert processor first assumes that role and invokes with its
 * credentials (assume-role.ts), as StreamAlert 3 did; the role's trust policy must allow
 * the alert processor's role. The role is in the credential, known only at run time: when
 * outputs.json names it too (`{"<descriptor>": {"assume_role_arn": ...}}`, this project's
 * form), the alert processor's role is granted sts:AssumeRole on it, and it is the role
 * used when the credential names none.
 */
import { IAM_ROLE_ARN_MESSAGE, IAM_ROLE_ARN_PATTERN } from '../../../shared/aws-names.js';
import { assumedLambdaClients } from './assume-role.js';
import { sendToLambda } from './aws.js';
import type { CredentialTargetOf, OutputDescriptor } from './descriptor.js';
import { credentialServiceSchema, credentialTarget, secretRefSchema } from './descriptor-schema.js';
import { PermanentError, secretObject } from './http.js';

export interface LambdaV2Credential {
  /** `name`, `name:qualifier` or ARN, with function_qualifier appended when given. */
  function: string;
  /** The role to invoke as (StreamAlert 3's `assume_role_arn`). */
  assumeRoleArn?: string;
}

/** JSON `{"lambda_function_arn": ..., "function_qualifier"?: ...}`. Messages name fields, never values. */
export function parseLambdaV2Secret(value: string): LambdaV2Credential {
  const obj = secretObject(value);
  if (!obj) throw new PermanentError('secret is not a JSON object with lambda_function_arn');
  const fn = obj.lambda_function_arn;
  if (typeof fn !== 'string' || fn.trim() === '')
    throw new PermanentError('secret JSON "lambda_function_arn" is missing or not a string');
  const role = obj.assume_role_arn;
  // StreamAlert 3 left an unused field empty ("" or null): no role then.
  if (role !== undefined && role !== null && role !== '') {
    if (typeof role !== 'string' || !new RegExp(IAM_ROLE_ARN_PATTERN).test(role.trim()))
      throw new PermanentError(
        'secret JSON "assume_role_arn" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)',
      );
  }
  const qualifier = obj.function_qualifier;
  if (qualifier !== undefined && qualifier !== null && typeof qualifier !== 'string')
    throw new PermanentError('secret JSON "function_qualifier" is not a string');
  return {
    function: qualifier ? `${fn.trim()}:${qualifier}` : fn.trim(),
    ...(typeof role === 'string' && role !== '' ? { assumeRoleArn: role.trim() } : {}),
  };
}

/** The default clients for roles: STS and Lambda from the SDK the Lambda runtime carries. */
const defaultAssumed = assumedLambdaClients(
  () => import('@aws-sdk/client-sts').then((m) => new m.STSClient({})),
  (credentials) =>
    import('@aws-sdk/client-lambda').then((m) => new m.LambdaClient({ credentials })),
);

/** A target of outputs.json, with the role it names (granted at plan time). */
export interface LambdaV2Target extends CredentialTargetOf<'aws-lambda-v2'> {
  readonly assumeRoleArn?: string;
}

/**
 * StreamAlert's list of descriptors, or descriptor to `{"ssm_parameter"|"secretsmanager_secret"?,
 * "assume_role_arn"?}`: the secret reference of every credential output, plus the role.
 */
const schema = {
  ...credentialServiceSchema('aws-lambda-v2'),
  additionalProperties: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    not: { required: ['ssm_parameter', 'secretsmanager_secret'] },
    'x-message':
      'must name at most one of ssm_parameter or secretsmanager_secret (none: /streamalert/outputs/aws-lambda-v2/<descriptor>), and may name assume_role_arn',
    properties: {
      ...(secretRefSchema.properties as Record<string, unknown>),
      assume_role_arn: {
        type: 'string',
        pattern: IAM_ROLE_ARN_PATTERN,
        'x-message': IAM_ROLE_ARN_MESSAGE,
      },
    },
  },
};

/** The `aws-lambda-v2` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
export const lambdaV2Output: OutputDescriptor<LambdaV2Target> = {
  service: 'aws-lambda-v2',
  // An AWS call with the alert processor's role (aws-ses too reads a secret): its grant is
  // sts:AssumeRole on the role outputs.json names.
  kind: 'aws',
  schema,
  toTarget: (descriptor, value) => {
    const role = (value as { assume_role_arn?: string } | undefined)?.assume_role_arn;
    return {
      ...credentialTarget('aws-lambda-v2', descriptor, value),
      ...(role ? { assumeRoleArn: role } : {}),
    };
  },
  doc: {
    credential:
      '`{"lambda_function_arn": "<name or ARN>", "function_qualifier": "<alias or version>", "assume_role_arn": "<role ARN>"}` (StreamAlert 3\'s fields; the last two optional); the alert processor\'s role gets no grant for the function: allow it in the function\'s resource policy, or the role\'s. With `assume_role_arn` it invokes as that role (as StreamAlert 3), granted sts:AssumeRole on it when outputs.json names the role too: `{"<descriptor>": {"assume_role_arn": "<role ARN>"}}`',
    sends: 'the alert, invoked asynchronously (as aws-lambda), as the role when there is one',
  },
  grants: (t) => (t.assumeRoleArn ? { assumeRoles: [t.assumeRoleArn] } : {}),
  deliver: async (target, { clients, alert, credential }) => {
    const c = await credential(target.secret, parseLambdaV2Secret);
    // The credential's role, as StreamAlert 3; else the one outputs.json names.
    const role = c.assumeRoleArn ?? target.assumeRoleArn;
    const lambda = role ? await (clients.assumedLambda ?? defaultAssumed)(role) : clients.lambda();
    await sendToLambda(lambda, c.function, alert);
  },
};

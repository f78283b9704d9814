/**
 * aws-lambda-v2 (StreamAlert 3): the alert invoked on a Lambda function the credential names
 * (`lambda_function_arn`, optionally `function_qualifier`), rather than outputs.json. Since
 * the function is known only at run time, the alert processor's role gets no grant for it:
 * the function's resource policy (or your own IAM) must allow the invocation.
 * With `assume_role_arn` the alert processor first assumes that role and invokes with its
 * credentials (assume-role.ts), as StreamAlert 3 did; the role's trust policy must allow
 * the alert processor's role, which is granted sts:AssumeRole on it when outputs.json names
 * the role too (src/config/processors/load.ts reads it there).
 */
import { IAM_ROLE_ARN_PATTERN } from '../../../shared/aws-names.js';
import { assumedLambdaClients } from './assume-role.js';
import { sendToLambda } from './aws.js';
import { credentialOutput } from './descriptor.js';
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

/** The `aws-lambda-v2` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
export const lambdaV2Output = credentialOutput({
  service: 'aws-lambda-v2',
  doc: {
    credential:
      '`{"lambda_function_arn": "<name or ARN>", "function_qualifier": "<alias or version>", "assume_role_arn": "<role ARN>"}` (StreamAlert 3\'s fields; the last two optional); the alert processor\'s role gets no grant for the function: allow it in the function\'s resource policy, or in the role\'s policy with `assume_role_arn` (granted sts:AssumeRole on it when outputs.json names it too: `{"<descriptor>": {"assume_role_arn": "<role ARN>"}}`)',
    sends:
      'the alert, invoked asynchronously (as aws-lambda), as the role when `assume_role_arn` is given',
  },
  parse: parseLambdaV2Secret,
  send: async (credential, { clients, alert }) =>
    sendToLambda(
      credential.assumeRoleArn
        ? await (clients.assumedLambda ?? defaultAssumed)(credential.assumeRoleArn)
        : clients.lambda(),
      credential.function,
      alert,
    ),
});

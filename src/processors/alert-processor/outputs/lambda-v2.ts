/**
 * aws-lambda-v2 (StreamAlert 3): the alert invoked on a Lambda function the credential names
 * (`lambda_function_arn`, optionally `function_qualifier`), rather than outputs.json. Since
 * the function is known only at run time, the alert processor's role gets no grant for it:
 * the function's resource policy (or your own IAM) must allow the invocation.
 * StreamAlert's `assume_role_arn` (invoking through another account's role) is not done here:
 * a credential naming one fails its deliveries with a message saying so.
 */
import { sendToLambda } from './aws.js';
import { credentialOutput } from './descriptor.js';
import { PermanentError, secretObject } from './http.js';

export interface LambdaV2Credential {
  /** `name`, `name:qualifier` or ARN, with function_qualifier appended when given. */
  function: string;
}

/** JSON `{"lambda_function_arn": ..., "function_qualifier"?: ...}`. Messages name fields, never values. */
export function parseLambdaV2Secret(value: string): LambdaV2Credential {
  const obj = secretObject(value);
  if (!obj) throw new PermanentError('secret is not a JSON object with lambda_function_arn');
  const fn = obj.lambda_function_arn;
  if (typeof fn !== 'string' || fn.trim() === '')
    throw new PermanentError('secret JSON "lambda_function_arn" is missing or not a string');
  if (typeof obj.assume_role_arn === 'string' && obj.assume_role_arn !== '')
    throw new PermanentError(
      'secret JSON names "assume_role_arn": invoking through another role is not supported; allow the alert processor in the function\'s resource policy and drop it',
    );
  const qualifier = obj.function_qualifier;
  if (qualifier !== undefined && qualifier !== null && typeof qualifier !== 'string')
    throw new PermanentError('secret JSON "function_qualifier" is not a string');
  return { function: qualifier ? `${fn.trim()}:${qualifier}` : fn.trim() };
}

/** The `aws-lambda-v2` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
export const lambdaV2Output = credentialOutput({
  service: 'aws-lambda-v2',
  doc: {
    credential:
      '`{"lambda_function_arn": "<name or ARN>", "function_qualifier": "<alias or version>"}` (StreamAlert 3\'s fields; `assume_role_arn` is refused); the alert processor\'s role gets no grant for the function: allow it in the function\'s resource policy',
    sends: 'the alert, invoked asynchronously (as aws-lambda)',
  },
  parse: parseLambdaV2Secret,
  send: (credential, { clients, alert }) =>
    sendToLambda(clients.lambda(), credential.function, alert),
});

import { rule } from 'streamalert-action/rules';

/**
 * A CloudTrail event as EventBridge (CloudWatch Events) delivers it to the cluster's Kinesis
 * stream: the `cloudtrail` module's event rule forwards the account's events there.
 */
interface ConsoleSignIn {
  detail: {
    eventName: string;
    userIdentity: { type?: string; userName?: string };
    responseElements?: { ConsoleLogin?: string } | null;
    additionalEventData?: { MFAUsed?: string } | null;
  };
}

/**
 * Someone signed in to the AWS console with a password alone. Only IAM users and the root
 * user are judged: a federated sign-in (an assumed role, AWS IAM Identity Center) always
 * reports MFAUsed "No" because the identity provider, not AWS, asked for the second factor.
 */
export default rule<ConsoleSignIn>({
  name: 'console_login_without_mfa',
  description: 'An IAM user or the root user signed in to the AWS console without MFA',
  logs: ['cloudwatch:events'],
  outputs: ['aws-cloudwatch-log:alerts'],
  req_subkeys: { detail: ['eventName', 'userIdentity'] },
  rule: ({ detail }) =>
    detail.eventName === 'ConsoleLogin' &&
    (detail.userIdentity.type === 'IAMUser' || detail.userIdentity.type === 'Root') &&
    detail.responseElements?.ConsoleLogin === 'Success' &&
    detail.additionalEventData?.MFAUsed === 'No',
});

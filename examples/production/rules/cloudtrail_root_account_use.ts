import { rule } from 'streamalert-action/rules';

interface CloudWatchEvent {
  detail: { userIdentity: { type?: string; invokedBy?: string }; eventType: string; eventName?: string };
}

/** The root user signs in or calls an API: it should be locked away, so any use is an incident. */
export default rule<CloudWatchEvent>({
  name: 'cloudtrail_root_account_use',
  description: 'The AWS root account was used (console sign-in or API call)',
  logs: ['cloudwatch:events'],
  outputs: ['aws-s3:alerts-archive', 'slack:security'],
  req_subkeys: { detail: ['userIdentity', 'eventType'] },
  rule: (rec) =>
    rec.detail.userIdentity.type === 'Root' &&
    // AWS services acting as root on your behalf are not a person using the account.
    rec.detail.userIdentity.invokedBy === undefined &&
    rec.detail.eventType !== 'AwsServiceEvent',
});

import { rule } from 'streamalert-action/rules';

interface TrailRecord {
  eventName: string;
  userIdentity: { type?: string };
  responseElements?: { ConsoleLogin?: string } | null;
  additionalEventData?: { MFAUsed?: string };
}

/** An IAM user signed in to the console with a password alone (from the archived trail files). */
export default rule<TrailRecord>({
  name: 'console_login_without_mfa',
  description: 'An IAM user signed in to the AWS console without MFA',
  logs: ['cloudtrail:events'],
  outputs: ['aws-sns:secops'],
  rule: (rec) =>
    rec.eventName === 'ConsoleLogin' &&
    rec.userIdentity.type === 'IAMUser' &&
    rec.responseElements?.ConsoleLogin === 'Success' &&
    rec.additionalEventData?.MFAUsed !== 'Yes',
});

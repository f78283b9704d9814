import { rule } from 'streamalert-action/rules';

interface IamEvent {
  detail: {
    eventSource?: string;
    eventName?: string;
    requestParameters?: { policyArn?: string } | null;
  };
}

const ATTACH = new Set(['AttachUserPolicy', 'AttachRolePolicy', 'AttachGroupPolicy']);

/** Someone handed out AdministratorAccess: the quickest way to own an account after a foothold. */
export default rule<IamEvent>({
  name: 'iam_admin_policy_attached',
  description: 'The AdministratorAccess managed policy was attached to a user, role or group',
  logs: ['cloudwatch:events'],
  outputs: ['aws-sns:secops'],
  req_subkeys: { detail: ['eventSource', 'eventName'] },
  rule: (rec) =>
    rec.detail.eventSource === 'iam.amazonaws.com' &&
    ATTACH.has(String(rec.detail.eventName)) &&
    String(rec.detail.requestParameters?.policyArn ?? '').endsWith(':policy/AdministratorAccess'),
});

import { rule } from 'streamalert-action/rules';

interface KmsEvent {
  detail: { eventSource?: string; eventName?: string; errorCode?: string };
}

const DESTRUCTIVE = new Set(['ScheduleKeyDeletion', 'DisableKey']);

/**
 * A KMS key of the PCI account is being destroyed or switched off: whatever it encrypts
 * (card data, backups) becomes unreadable. A refused call (errorCode) changed nothing.
 */
export default rule<KmsEvent>({
  name: 'kms_key_deletion_scheduled',
  description: 'A KMS key was scheduled for deletion or disabled',
  logs: ['cloudwatch:events'],
  outputs: ['aws-sns:secops', 'webhook:pagerduty'],
  req_subkeys: { detail: ['eventSource', 'eventName'] },
  rule: (rec) =>
    rec.detail.eventSource === 'kms.amazonaws.com' &&
    DESTRUCTIVE.has(String(rec.detail.eventName)) &&
    rec.detail.errorCode === undefined,
});

// A plain JavaScript rule: the same helper, without types.
import { rule } from 'streamalert-action/rules';

const FAILURE = /^(Failed password|Invalid user|authentication failure)/;

/** sshd reports a failed login: brute forcing shows up here first. */
export const syslogSshFailures = rule({
  name: 'syslog_ssh_failures',
  description: 'sshd logged a failed or invalid login',
  logs: ['syslog:log'],
  outputs: ['aws-s3:alerts-archive'],
  rule: (rec) => rec.application === 'sshd' && FAILURE.test(String(rec.message)),
});

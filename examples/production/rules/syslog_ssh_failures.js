// A plain JavaScript rule: the same helper, without types.
import { rule } from 'streamalert-action/rules';

const FAILURE = /^(Failed password|Invalid user|authentication failure)/;

/**
 * sshd reports a failed login: brute forcing shows up here first. One failure is noise;
 * five on one host within ten minutes is someone guessing, so the matches of a host are
 * merged and sent as one alert (with the count and the users and addresses tried) only
 * when a window reaches five.
 */
export const syslogSshFailures = rule({
  name: 'syslog_ssh_failures',
  description: 'sshd logged a failed or invalid login',
  logs: ['syslog:log'],
  outputs: ['aws-s3:alerts-archive'],
  merge_by_keys: ['host'],
  merge_window_mins: 10,
  threshold: 5,
  rule: (rec) => rec.application === 'sshd' && FAILURE.test(String(rec.message)),
});

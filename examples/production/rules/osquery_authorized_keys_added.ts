import { rule } from 'streamalert-action/rules';

interface OsqueryResult {
  name: string;
  action: string;
  columns: Record<string, string>;
}

/** A new SSH authorized key appeared on a host: persistence unless someone expected it. */
export default rule<OsqueryResult>({
  name: 'osquery_authorized_keys_added',
  description: 'osquery saw a key added to an authorized_keys file',
  logs: ['osquery:differential'],
  outputs: ['aws-s3:alerts-archive', 'aws-lambda:forwarder'],
  rule: (rec) => rec.name.endsWith('authorized_keys') && rec.action === 'added',
});

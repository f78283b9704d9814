import { inNetwork, matcher, rule } from 'streamalert-action/rules';

interface FlowLog {
  source: string;
  destport: number;
  protocol: number;
  action: string;
}

const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

/** Reusable: traffic that the security group let in. */
const accepted = matcher<FlowLog>('accepted', (rec) => rec.action === 'ACCEPT');

/**
 * SSH reached an instance from outside the private ranges: a security group is open to the world.
 * Staged: until the scheduled promote run finds it quiet, its alerts only go to staging/ in the
 * Firehose data bucket (bastions would page people on day one); promote's pull request removes the line.
 */
export default rule<FlowLog>({
  name: 'vpc_flow_ssh_from_internet',
  description: 'Accepted SSH (TCP 22) from an address outside the private ranges',
  logs: ['cloudwatch:flow_logs'],
  outputs: ['aws-s3:alerts-archive'],
  staged: true,
  matchers: [accepted],
  rule: (rec) => rec.protocol === 6 && rec.destport === 22 && !inNetwork(rec.source, PRIVATE),
});

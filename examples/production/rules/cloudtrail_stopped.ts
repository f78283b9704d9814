import { rule, type LogRecord } from 'streamalert-action/rules';

const STOPPING = new Set(['StopLogging', 'DeleteTrail']);

/** CloudTrail events arrive as CloudWatch Events (the record under `detail`) or straight from the trail's S3 files. */
function trailEvent(rec: LogRecord): { eventSource?: unknown; eventName?: unknown } {
  return (rec.detail as { eventSource?: unknown; eventName?: unknown } | undefined) ?? rec;
}

/** Someone turned CloudTrail off: attackers do this first, so nobody sees what comes next. */
export default rule({
  name: 'cloudtrail_stopped',
  description: 'A CloudTrail trail was stopped or deleted',
  logs: ['cloudwatch:events', 'cloudtrail:events'],
  outputs: ['aws-s3:alerts-archive', 'slack:security', 'aws-sns:soc'],
  rule: (rec) => {
    const event = trailEvent(rec);
    return event.eventSource === 'cloudtrail.amazonaws.com' && STOPPING.has(String(event.eventName));
  },
});

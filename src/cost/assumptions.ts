/**
 * What the estimate assumes beyond the cluster's traffic block, in one place so docs/action.md
 * ("Monthly cost") can quote it. None of these are prices; they turn traffic into billable units.
 */

/** Hours and seconds in the month AWS bills by (730 hours). */
export const HOURS_PER_MONTH = 730;
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

/** A Kinesis PUT payload unit is 25 KB; each record counts at least one. */
export const KINESIS_PUT_UNIT_BYTES = 25 * 1024;
/** Firehose bills each record rounded up to the next 5 KB. */
export const FIREHOSE_RECORD_ROUNDING_BYTES = 5 * 1024;

/** Records per rule-processor invocation when no event source mapping sets a batch size. */
export const DEFAULT_BATCH_SIZE = 100;
/** Average duration of one invocation fed by an event source mapping (a batch), in seconds. */
export const BATCH_INVOCATION_SECONDS = 0.2;
/** Share of events that become alerts: functions no mapping feeds (the alert processor) run once per alert. */
export const ALERT_RATE = 0.001;
/** Average duration of one alert-processor invocation, in seconds. */
export const ALERT_INVOCATION_SECONDS = 0.5;

/** Stored size of a compressed (GZIP, Snappy, ZIP) Firehose object relative to its input. */
export const COMPRESSION_RATIO = 0.2;
/** Months of data an S3 bucket with no expiration rule is costed at (its size after a year). */
export const UNEXPIRED_MONTHS = 12;

/** Management events a trail records per month (a copy beyond the first trail is priced). */
export const MANAGEMENT_EVENTS_PER_MONTH = 1_000_000;

/**
 * The correlation table (window state of Sigma correlation rules): each match of a rule a
 * correlation references is one counted event, and matches are assumed as frequent as alerts
 * (ALERT_RATE). Per event: a conditional put plus at most one update (used, dropped or sent),
 * and one strongly consistent query of the group's live events (a few 4 KB read units).
 */
export const CORRELATION_WRITES_PER_EVENT = 2;
export const CORRELATION_READS_PER_EVENT = 4;
/** What the stream_alert module calls a cluster's correlation table (its name ends so). */
export const CORRELATION_TABLE_SUFFIX = '_streamalert_correlation';

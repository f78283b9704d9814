/**
 * The traffic a cluster's cost estimate assumes when its file has no `traffic` block:
 * 10 events per second of 1 KiB (about 26 million events and 25 GiB a month), a small
 * production StreamAlert deployment. Set `traffic.events_per_second` and
 * `traffic.average_event_bytes` in the cluster file for your own figures.
 */
export const DEFAULT_TRAFFIC = { eventsPerSecond: 10, averageEventBytes: 1024 } as const;

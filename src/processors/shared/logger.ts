/**
 * JSON-line logging for the processors (CloudWatch Logs keeps one event per line), and
 * StreamAlert's metric lines `{"metric_name": ..., "metric_value": ...}` that metric
 * filters turn into CloudWatch metrics.
 */
export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  metric(name: string, value: number): void;
  /**
   * One source-health line: the records of one log type in this invocation
   * (`{"metric_name": "RecordsByLogType", "log_type": ..., "metric_value": n}`). The
   * source_health module's metric filter turns it into the `RecordsByLogType` metric with a
   * `LogType` dimension, which its silence and volume-drop alarms watch. Written when
   * `sourceHealth` is on, independently of `metrics`: source health needs no configuration.
   */
  logTypeRecords(logType: string, value: number): void;
}

/** The metric the source-health lines become (modules/source_health reads the same name). */
export const LOG_TYPE_METRIC = 'RecordsByLogType';

export function levelFrom(text: string | undefined): Level {
  const t = (text ?? 'info').toLowerCase();
  if (t === 'warning') return 'warn';
  return t in ORDER ? (t as Level) : 'info';
}

export interface LoggerOptions {
  level?: Level;
  /** Metric lines are written only when true (the function's ENABLE_METRICS). */
  metrics?: boolean;
  /** Source-health lines (`logTypeRecords`) are written only when true (the function's SOURCE_HEALTH). */
  sourceHealth?: boolean;
  write?: (line: string) => void;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const min = ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const log = (level: Level) => (message: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < min) return;
    let line: string;
    try {
      line = JSON.stringify({ level, message, ...fields });
    } catch (err) {
      // A field too deep (or cyclic) to serialize must not turn a log line into a crash.
      line = JSON.stringify({
        level,
        message,
        fields_not_serializable: (err as Error)?.message ?? String(err),
      });
    }
    write(line);
  };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    metric(name, value) {
      if (options.metrics) write(JSON.stringify({ metric_name: name, metric_value: value }));
    },
    logTypeRecords(logType, value) {
      if (options.sourceHealth)
        write(
          JSON.stringify({ metric_name: LOG_TYPE_METRIC, log_type: logType, metric_value: value }),
        );
    },
  };
}

/** Cuts a value for a log line: enough to recognise a record, never a whole S3 object. */
export function preview(value: unknown, max = 1000): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch (err) {
    text = `(not serializable: ${(err as Error)?.message ?? String(err)})`;
  }
  return text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
}

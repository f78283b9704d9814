/**
 * The cluster-file settings of issue 8 (bad input): the rule processor's decompression
 * ceiling and dead-letter queue retention, and the Kinesis mapping's retry budget, record
 * age, bisection and on-failure destination — their defaults, rendering, schema checks, and
 * roots that `terraform validate` accepts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCommand } from '../../src/commands/render.js';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/config/problems.js';
import { seedCluster, seedGlobal, writeConf } from '../support/conf.js';
import { expectValidRoots } from '../support/terraform.js';

type Cluster = ReturnType<typeof seedCluster> & {
  modules: Record<string, Record<string, unknown>>;
};

function cluster(change: (c: Cluster) => void = () => undefined): Cluster {
  const c = seedCluster() as Cluster;
  change(c);
  return c;
}

async function render(c: Cluster): Promise<{ out: string; main: string }> {
  const conf = writeConf(seedGlobal(), { production: c });
  const out = path.join(path.dirname(conf), 'terraform');
  await renderCommand(conf, { outDir: out, buildDir: 'build' });
  return { out, main: readFileSync(path.join(out, 'production', 'main.tf'), 'utf8') };
}

/** The body of one module block of a rendered root. */
function moduleBlock(main: string, name: string): string {
  const start = main.indexOf(`module "${name}" {`);
  expect(start, `module ${name} rendered`).toBeGreaterThanOrEqual(0);
  return main.slice(start, main.indexOf('\n}\n', start) + 1);
}
const setting = (block: string, key: string) =>
  new RegExp(`\\n  ${key} += (.+)\\n`).exec(block)?.[1];

describe('bad-input settings of the cluster file', () => {
  it(
    'render safe defaults: a bounded retry budget, a dead-letter destination and a decompression ceiling',
    { timeout: 300_000 },
    async () => {
      const { out, main } = await render(cluster());
      const sa = moduleBlock(main, 'stream_alert');
      expect(setting(sa, 'rule_processor_max_decompressed_bytes')).toBe(String(64 * 1024 * 1024));
      expect(setting(sa, 'dead_letter_queue_retention_seconds')).toBe('1209600');
      const events = moduleBlock(main, 'kinesis_events');
      expect(setting(events, 'maximum_retry_attempts')).toBe('3');
      expect(setting(events, 'maximum_record_age_in_seconds')).toBe('21600');
      expect(setting(events, 'bisect_batch_on_function_error')).toBe('true');
      expect(setting(events, 'on_failure_destination_arn')).toBe(
        'module.stream_alert.dead_letter_queue_arn',
      );

      await expectValidRoots(out, ['production']);
    },
  );

  it('render the configured values, and the roots validate', { timeout: 300_000 }, async () => {
    const { out, main } = await render(
      cluster((c) => {
        Object.assign(c.modules.stream_alert!.rule_processor as Record<string, unknown>, {
          max_decompressed_bytes: 16 * 1024 * 1024,
          dead_letter_queue: { retention_seconds: 86400 },
        });
        Object.assign(c.modules.kinesis_events!, {
          maximum_retry_attempts: 10,
          maximum_record_age_in_seconds: 3600,
          bisect_batch_on_function_error: false,
        });
      }),
    );
    const sa = moduleBlock(main, 'stream_alert');
    expect(setting(sa, 'rule_processor_max_decompressed_bytes')).toBe(String(16 * 1024 * 1024));
    expect(setting(sa, 'dead_letter_queue_retention_seconds')).toBe('86400');
    const events = moduleBlock(main, 'kinesis_events');
    expect([
      setting(events, 'maximum_retry_attempts'),
      setting(events, 'maximum_record_age_in_seconds'),
      setting(events, 'bisect_batch_on_function_error'),
    ]).toEqual(['10', '3600', 'false']);

    await expectValidRoots(out, ['production']);
  });

  it('default the ceiling to a quarter of a small function memory', async () => {
    const { main } = await render(
      cluster(
        (c) => ((c.modules.stream_alert!.rule_processor as Record<string, unknown>).memory = 128),
      ),
    );
    expect(
      setting(moduleBlock(main, 'stream_alert'), 'rule_processor_max_decompressed_bytes'),
    ).toBe(String(32 * 1024 * 1024));
  });

  it('refuse settings that could stall a shard or are out of range, with file and pointer', async () => {
    const conf = writeConf(seedGlobal(), {
      production: cluster((c) => {
        Object.assign(c.modules.kinesis_events!, {
          maximum_retry_attempts: -1,
          maximum_record_age_in_seconds: 10,
          bisect_batch_on_function_error: 'yes',
        });
        Object.assign(c.modules.stream_alert!.rule_processor as Record<string, unknown>, {
          max_decompressed_bytes: 1000,
          dead_letter_queue: { retention_seconds: 1209601 },
        });
      }),
    });
    const err = await loadConfig(conf).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    const text = (err as ConfigError).message;
    for (const pointer of [
      '/modules/kinesis_events/maximum_retry_attempts',
      '/modules/kinesis_events/maximum_record_age_in_seconds',
      '/modules/kinesis_events/bisect_batch_on_function_error',
      '/modules/stream_alert/rule_processor/max_decompressed_bytes',
      '/modules/stream_alert/rule_processor/dead_letter_queue/retention_seconds',
    ]) {
      expect(text).toContain(`production.json: ${pointer}:`);
    }
  });
});

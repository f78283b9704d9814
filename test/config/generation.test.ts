/**
 * Which StreamAlert generation a conf is classified as (docs/streamalert-migration.md#classification-by-generation):
 * read from the layout or stated once in global.json, a bad statement refused with the file
 * and place, and StreamAlert 3's way with a bad log definition (skipped, named in the notice).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { compatibilityNotice } from '../../src/config/notices.js';
import { ConfigError } from '../../src/config/problems.js';
import { loadProcessorsConfig } from '../../src/config/processors/load.js';
import { generationIn } from '../../src/processors/rule-processor/generation.js';
import { seedCluster, seedGlobal, writeConf } from '../support/conf.js';
import { writeSa3Repo } from '../support/streamalert3.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const v1Conf = (general?: unknown, files: Record<string, unknown> = {}) =>
  writeConf(
    { ...seedGlobal(), ...(general === undefined ? {} : { general }) },
    { production: seedCluster() },
    undefined,
    files,
  );

async function errorOf(p: Promise<unknown>): Promise<ConfigError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConfigError);
  return err as ConfigError;
}

describe('the generation of a conf', () => {
  it('is 1.6-2.x for logs.json and sources.json, as before', async () => {
    const config = await loadConfig(v1Conf());
    expect(config.processors.generation).toBe('1.6-2.x');
  });

  it('is 3.x for a StreamAlert 3 layout (conf/schemas, data_sources)', async () => {
    const config = await loadConfig(path.join(writeSa3Repo(), 'conf'));
    expect(config.processors.generation).toBe('3.x');
  });

  it('is what global.json states, over the layout', async () => {
    expect(
      (await loadConfig(v1Conf({ streamalert_generation: '1.5' }))).processors.generation,
    ).toBe('1.5');
    const sa3 = path.join(
      writeSa3Repo((c: any) => (c['global.json'].general.streamalert_generation = '1.6-2.x')),
      'conf',
    );
    expect((await loadConfig(sa3)).processors.generation).toBe('1.6-2.x');
    // build and test read the processors' conf alone: they see the same generation.
    const alone = await loadProcessorsConfig(v1Conf({ streamalert_generation: '3.x' }));
    expect(alone.config.generation).toBe('3.x');
    expect(alone.texts.generation).toBe('3.x');
  });

  it('refuses a bad value once, naming global.json, the place and the values', async () => {
    const conf = v1Conf({ streamalert_generation: '2.0' });
    const lines = (await errorOf(loadConfig(conf))).message.split('\n');
    expect(lines).toEqual([
      `${conf}/global.json: /general/streamalert_generation: must be one of "1.5", "1.6-2.x", "3.x": the StreamAlert generation whose classification this conf follows, got "2.0"`,
    ]);
  });

  it('stated alone in general, is not named in the notice as an unused StreamAlert key', async () => {
    const config = await loadConfig(v1Conf({ streamalert_generation: '1.5' }));
    expect(compatibilityNotice(config) ?? '').not.toContain('/general');
  });

  it('is read by the Lambda from the zip, and an older zip without it classifies as 1.6-2.x', () => {
    expect(generationIn({ generation: '3.x' })).toBe('3.x');
    expect(generationIn(undefined)).toBe('1.6-2.x');
    expect(generationIn({ generation: 'latest' })).toBe('1.6-2.x');
  });
});

describe('a bad log definition', () => {
  const badLog = {
    parser: 'json',
    schema: { host: 'string' },
    configuration: { optional_top_level_keys: ['hostname'] },
  };

  it('3.x: the log is skipped and named in the notice; the others classify', async () => {
    const conf = path.join(
      writeSa3Repo((c: any) => (c['schemas/audit.json']['audit:broken'] = badLog)),
      'conf',
    );
    const config = await loadConfig(conf);
    expect(config.processors.logs.map((l) => l.name)).toEqual([
      'websrv:error',
      'websrv:access',
      'audit:event',
    ]);
    expect(compatibilityNotice(config)).toContain(
      'schemas/audit.json: /audit:broken/configuration/optional_top_level_keys/0: log "audit:broken" skipped, as StreamAlert 3 skips a log whose definition is bad: "hostname" is not a key of this log\'s schema',
    );
  });

  it('3.x: a json_path outside the JMESPath read here skips the log, saying why', async () => {
    const conf = path.join(
      writeSa3Repo(
        (c: any) =>
          (c['schemas/audit.json']['audit:filtered'] = {
            parser: 'json',
            schema: { host: 'string' },
            configuration: { json_path: "items[?kind == 'x']" },
          }),
      ),
      'conf',
    );
    const config = await loadConfig(conf);
    expect(config.processors.logs.map((l) => l.name)).not.toContain('audit:filtered');
    expect(compatibilityNotice(config)).toMatch(
      /audit:filtered.*skipped.*json_path: unsupported bracket expression \(a filter or slice\) at character 6/,
    );
  });

  it('1.6-2.x: the conf is refused, naming the place', async () => {
    const conf = v1Conf(undefined, {
      'logs.json': { osquery: { parser: 'json', schema: { name: 'string' } }, broken: badLog },
    });
    const err = await errorOf(loadConfig(conf));
    expect(err.message).toContain(
      `${conf}/logs.json: /broken/configuration/optional_top_level_keys/0`,
    );
  });
});

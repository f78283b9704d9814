/**
 * Issue 8, item 3: the config loader is total. Every input gives a Config or one line per
 * problem with file + pointer or line/column: exact positions for JSON syntax errors,
 * encodings named, control characters escaped, only regular files inside conf/ read,
 * prototype names as plain keys, deep nesting a problem rather than a stack overflow.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCommand } from '../../src/commands/render.js';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError, formatProblem } from '../../src/config/problems.js';
import { positionOfOffset, scanJson } from '../../src/config/json-locate.js';
import { seedCluster, seedGlobal, tempDir, writeConf } from '../support/conf.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The problems of a conf/ folder as `file: ...` lines relative to it; fails when it is accepted. */
async function problemsIn(conf: string): Promise<string[]> {
  try {
    await loadConfig(conf);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.map((p) =>
      formatProblem({ ...p, file: path.relative(conf, p.file) }),
    );
  }
  throw new Error('configuration was accepted');
}

function cluster(mutate: (c: Json) => void = () => {}): Json {
  const c = seedCluster() as Json;
  mutate(c);
  return c;
}

/** A conf/ whose production cluster file holds exactly these bytes. */
function confWithClusterBytes(bytes: string | Buffer): string {
  const conf = writeConf(seedGlobal(), { production: cluster() });
  writeFileSync(path.join(conf, 'clusters', 'production.json'), bytes);
  return conf;
}

describe('JSON syntax errors are placed exactly', () => {
  // [what, text, line, column, message part]
  const cases: [string, string, number, number, string][] = [
    [
      'a file cut short',
      '{\n  "id": "production",\n  "region": "us-west-2"',
      3,
      24,
      'the object opened at line 1, column 1 is not closed',
    ],
    [
      'a file cut inside a string',
      '{\n  "id": "produc',
      2,
      16,
      'inside the string that starts at line 2, column 9',
    ],
    ['an empty file', '', 1, 1, 'the file is empty'],
    ['a trailing comma in an object', '{\n  "id": "production",\n}', 3, 1, 'trailing comma'],
    [
      'a trailing comma in an array',
      '{"outputs": {"kinesis": ["username",\n ]}}',
      2,
      2,
      'trailing comma',
    ],
    [
      'a missing comma',
      '{\n  "id": "production"\n  "region": "us-west-2"\n}',
      3,
      3,
      'expected "," or "}"',
    ],
    ['single quotes', "{\n  'id': 'production'\n}", 2, 3, 'double quotes'],
    ['a comment', '{\n  // cluster\n  "id": "x"\n}', 2, 3, 'expected a key in double quotes'],
    ['a raw newline in a string', '{\n  "id": "prod\nuction"\n}', 2, 14, 'U+000A inside a string'],
    ['a bad escape', '{\n  "id": "a\\qb"\n}', 2, 11, 'invalid escape'],
    ['a leading zero', '{\n  "shards": 01\n}', 2, 13, 'leading zeros'],
    ['text after the value', '{"id": "x"}\n{"id": "y"}', 2, 1, 'after the end of the JSON value'],
    ['NaN', '{\n  "n": NaN\n}', 2, 8, 'unexpected word "NaN"'],
    ['a lone minus', '[-]', 1, 2, '"-" must be followed by digits'],
    ['a missing colon', '{"id" "x"}', 1, 7, 'expected ":" after the key'],
    ['a CRLF file cut short', '{\r\n  "id": "x",\r\n  "region": ', 3, 13, 'a value is missing'],
  ];
  it.each(cases)('%s', async (_what, text, line, column, part) => {
    const problems = await problemsIn(confWithClusterBytes(text));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      `clusters/production.json: line ${line}, column ${column}: not valid JSON: `,
    );
    expect(problems[0]).toContain(part);
  });

  it('never falls back to line 1, column 1 for an error elsewhere (every truncation of the example)', () => {
    const text = readFileSync(
      path.join(
        import.meta.dirname,
        '..',
        '..',
        'examples',
        'production',
        'conf',
        'clusters',
        'production.json',
      ),
      'utf8',
    );
    for (let cut = 1; cut < text.trimEnd().length; cut++) {
      const scan = scanJson(text.slice(0, cut));
      expect(scan.syntaxError, `cut at ${cut}`).toBeDefined();
      // The error is on the line where the cut text ends (at its end, or at the start of a cut word), never at its start.
      const cutText = text.slice(0, cut).trimEnd();
      expect(positionOfOffset(cutText, scan.syntaxError!.offset).line, `cut at ${cut}`).toBe(
        positionOfOffset(cutText, cutText.length).line,
      );
      expect(scan.syntaxError!.offset, `cut at ${cut}`).toBeGreaterThan(cutText.length - 8);
    }
  });
});

describe('encodings', () => {
  const json = `${JSON.stringify(cluster(), null, 2)}\n`;

  it('accepts a UTF-8 byte order mark', async () => {
    const conf = confWithClusterBytes(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]),
    );
    const config = await loadConfig(conf);
    expect(config.clusters[0]!.id).toBe('production');
  });

  it.each([
    [
      'UTF-16 LE with BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]),
    ],
    [
      'UTF-16 BE with BOM',
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(json, 'utf16le').swap16()]),
    ],
    ['UTF-16 LE without BOM', Buffer.from(json, 'utf16le')],
  ])('names %s and shows none of its bytes', async (_what, bytes) => {
    const problems = await problemsIn(confWithClusterBytes(bytes));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^clusters\/production\.json: \/: file is UTF-16 .*save it as UTF-8$/,
    );
  });

  it('names invalid UTF-8 (Latin-1) with its line and column', async () => {
    const latin1 = Buffer.from('{\n  "id": "caf\xe9"\n}', 'latin1');
    expect(await problemsIn(confWithClusterBytes(latin1))).toEqual([
      'clusters/production.json: line 2, column 13: file is not valid UTF-8 (byte 0xE9, perhaps Latin-1 or Windows-1252 text); save it as UTF-8',
    ]);
  });

  it('names a NUL byte in an otherwise UTF-8 file', async () => {
    const problems = await problemsIn(confWithClusterBytes(Buffer.from('{\n  "id": "a\0b"\n}')));
    expect(problems).toEqual([
      'clusters/production.json: line 2, column 11: file holds a NUL byte (it is binary, UTF-16 or corrupted); save it as UTF-8 text',
    ]);
  });
});

describe('control characters never split a problem', () => {
  it('escapes them in values, keys and file names', async () => {
    const conf = writeConf(seedGlobal(), {
      production: cluster((c) => {
        c.region = 'us-west-2\nerror: injected';
        c['bad\nkey\u2028'] = 1;
        c.modules.kinesis.firehose.s3_bucket_suffix = 'a\u0007b\u009b';
      }),
    });
    writeFileSync(path.join(conf, 'clusters', 'new\nline.json'), '{');
    const problems = await problemsIn(conf);
    expect(problems.length).toBeGreaterThanOrEqual(4);
    for (const p of problems) {
      // eslint-disable-next-line no-control-regex -- what must not appear
      expect(p).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    }
    expect(problems).toContain(
      'clusters/production.json: /region: must be an AWS region name such as "us-east-1", got "us-west-2\\nerror: injected"',
    );
    expect(
      problems.some((p) =>
        p.startsWith('clusters/new\\nline.json: line 1, column 2: not valid JSON'),
      ),
    ).toBe(true);
    expect(
      problems.some((p) => p.includes('/bad\\nkey\\u2028: unknown key "bad\\nkey\\u2028"')),
    ).toBe(true);
  });
});

describe('only regular files inside conf/ are read', () => {
  it(
    'refuses a FIFO named like a cluster file at once, without opening it',
    { timeout: 10_000 },
    async () => {
      const conf = writeConf(seedGlobal(), { production: cluster() });
      execFileSync('mkfifo', [path.join(conf, 'clusters', 'stuck.json')]);
      const started = Date.now();
      const problems = await problemsIn(conf);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(problems).toEqual([
        'clusters/stuck.json: /: is a FIFO (named pipe), not a regular file; configuration files must be regular files',
      ]);
    },
  );

  it('refuses a FIFO as logs.json too', { timeout: 10_000 }, async () => {
    const conf = writeConf(seedGlobal(), { production: cluster() }, tempDir('conf'), {
      'logs.json': undefined,
    });
    execFileSync('mkfifo', [path.join(conf, 'logs.json')]);
    expect(await problemsIn(conf)).toEqual([
      'logs.json: /: is a FIFO (named pipe), not a regular file; configuration files must be regular files',
    ]);
  });

  it('refuses a directory named like a cluster file', async () => {
    const conf = writeConf(seedGlobal(), { production: cluster() });
    mkdirSync(path.join(conf, 'clusters', 'folder.json'));
    expect(await problemsIn(conf)).toEqual([
      'clusters/folder.json: /: is a directory, not a regular file; configuration files must be regular files',
    ]);
  });

  it('refuses a device reached through a symlink, and a symlink leaving conf/, showing none of the target', async () => {
    const conf = writeConf(seedGlobal(), { production: cluster() });
    symlinkSync('/etc/passwd', path.join(conf, 'clusters', 'passwd.json'));
    symlinkSync('/dev/zero', path.join(conf, 'clusters', 'zero.json'));
    const outside = path.join(path.dirname(conf), 'secret.json');
    writeFileSync(outside, '{"token": "s3cr3t-value"');
    symlinkSync(outside, path.join(conf, 'clusters', 'secret.json'));
    const problems = await problemsIn(conf);
    const refused =
      'is a symbolic link to a file outside the configuration folder; refused (copy the file into the folder instead)';
    expect(problems).toEqual([
      `clusters/passwd.json: /: ${refused}`,
      `clusters/secret.json: /: ${refused}`,
      `clusters/zero.json: /: ${refused}`,
    ]);
    const all = problems.join('\n');
    for (const leak of ['root:', 's3cr3t', '/etc/passwd', '/dev/zero', outside])
      expect(all).not.toContain(leak);
  });

  it('refuses a dangling symlink and follows one that stays inside conf/', async () => {
    const conf = writeConf(seedGlobal(), { production: cluster() });
    mkdirSync(path.join(conf, 'shared'));
    writeFileSync(path.join(conf, 'shared', 'production.json'), JSON.stringify(cluster()));
    rmSync(path.join(conf, 'clusters', 'production.json'));
    symlinkSync('../shared/production.json', path.join(conf, 'clusters', 'production.json'));
    expect((await loadConfig(conf)).clusters.map((c) => c.id)).toEqual(['production']);
    symlinkSync('nowhere.json', path.join(conf, 'clusters', 'dangling.json'));
    expect(await problemsIn(conf)).toEqual([
      'clusters/dangling.json: /: is a symbolic link whose target does not exist',
    ]);
  });
});

describe('prototype names are plain keys', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'refuses "%s" as a cluster output name',
    async (name) => {
      const conf = writeConf(seedGlobal(), {
        production: cluster((c) => (c.outputs = { kinesis: ['username', name] })),
      });
      expect(await problemsIn(conf)).toEqual([
        `clusters/production.json: /outputs/kinesis/1: "${name}" is not an output of "kinesis" (available: arn, stream_name, username, user_arn, access_key_id, secret_key, role_arn, delivery_stream_arn, delivery_stream_name, bucket_arn, bucket_name)`,
      ]);
    },
  );

  it('refuses prototype names as output modules and config keys, one line each', async () => {
    const text = JSON.stringify(cluster()).replace(
      '"outputs":{',
      '"outputs":{"__proto__":["arn"],"constructor":["arn"],',
    );
    const problems = await problemsIn(
      confWithClusterBytes(text.replace('"modules":{', '"modules":{"__proto__":{"enabled":true},')),
    );
    expect(problems).toEqual([
      'clusters/production.json: /modules/__proto__: unknown key "__proto__" (allowed: stream_alert, cloudwatch_monitoring, kinesis, kinesis_events, cloudtrail, cloudwatch_events, flow_logs, s3_events, collectors, streamalert_apps)',
      'clusters/production.json: /outputs/__proto__: unknown key "__proto__" (allowed: stream_alert, kinesis, cloudtrail, flow_logs)',
      'clusters/production.json: /outputs/constructor: unknown key "constructor" (allowed: stream_alert, kinesis, cloudtrail, flow_logs)',
    ]);
  });

  it('accepts and renders a cluster named "constructor" with prototype-named alarms, logs, sources and outputs', async () => {
    const alarm = {
      comparison_operator: 'GreaterThanThreshold',
      evaluation_periods: 1,
      metric_name: 'RuleProcessor-FailedParses-CONSTRUCTOR',
      period: 300,
      statistic: 'Sum',
      threshold: 0,
    };
    const dir = tempDir('proto');
    // Written as text: an object literal's "__proto__" would set the prototype, not a key.
    const clusterText = JSON.stringify(
      cluster((c) => {
        c.id = 'constructor';
        c.modules.stream_alert.rule_processor.enable_metrics = true;
        c.modules.stream_alert.rule_processor.metric_alarms = {
          PLACEHOLDER: alarm,
          toString: alarm,
        };
      }),
    ).replace('"PLACEHOLDER"', '"__proto__"');
    const conf = writeConf(seedGlobal(), { constructor: clusterText }, dir, {
      'logs.json':
        '{"__proto__": {"parser": "json", "schema": {"constructor": "string", "__proto__": "string"}, "configuration": {"log_patterns": {"__proto__": ["x*"]}}},' +
        ' "constructor": {"parser": "json", "schema": {"toString": "string"}}}',
      'sources.json': '{"kinesis": {"__proto__": {"logs": ["__proto__", "constructor"]}}}',
      'outputs.json':
        '{"slack": ["__proto__", "constructor"], "aws-s3": {"__proto__": "acme.alerts", "toString": "acme.more"}}',
    });
    const config = await loadConfig(conf);
    expect(
      config.clusters[0]!.modules.streamAlert.ruleProcessor.metricAlarms.map((a) => a.name),
    ).toEqual(['__proto__', 'toString']);
    expect(config.processors.logs.map((l) => l.name)).toEqual(['__proto__', 'constructor']);
    expect(Object.keys(config.processors.logs[0]!.logPatterns!)).toEqual(['__proto__']);
    expect([...config.processors.sources.kinesis.keys()]).toEqual(['__proto__']);
    expect([...config.alertOutputs.keys()].sort()).toEqual([
      'aws-s3:__proto__',
      'aws-s3:toString',
      'slack:__proto__',
      'slack:constructor',
    ]);
    const out = path.join(dir, 'terraform');
    await renderCommand(conf, { outDir: out, buildDir: path.join(dir, 'build') });
    const main = readFileSync(path.join(out, 'constructor', 'main.tf'), 'utf8');
    expect(main).not.toContain('undefined');
    expect(main).toContain('kinesis_constructor_username');
  });
});

describe('deep nesting is a problem, not a stack overflow', () => {
  const deep = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;

  it.each([
    ['a cluster file', 'clusters/production.json'],
    ['logs.json', 'logs.json'],
    ['outputs.json', 'outputs.json'],
    ['global.json', 'global.json'],
  ])('10,000 levels in %s', async (_what, file) => {
    const conf = writeConf(seedGlobal(), { production: cluster() });
    const original = JSON.parse(
      readFileSync(path.join(conf, file === 'outputs.json' ? 'global.json' : file), 'utf8'),
    ) as Json;
    const text = `{\n  "deep": ${deep(10_000)},\n  "x": ${JSON.stringify(original).slice(1)}`;
    writeFileSync(path.join(conf, file), text);
    const problems = await problemsIn(conf);
    expect(problems).toEqual([
      `${file}: line 2, column 110: nested more than 100 levels deep (objects and arrays inside each other); no configuration needs that many`,
    ]);
  });

  it('a deep nested logs.json schema (objects) of 5,000 levels', async () => {
    let schema = '"string"';
    for (let i = 0; i < 5000; i++) schema = `{"f": ${schema}}`;
    const conf = writeConf(seedGlobal(), { production: cluster() }, tempDir('conf'), {
      'logs.json': `{"osquery": {"parser": "json", "schema": ${schema}}}`,
    });
    const problems = await problemsIn(conf);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^logs\.json: line 1, column \d+: nested more than 100 levels deep/,
    );
  });
});

describe('numbers JSON would change are refused', () => {
  it.each([
    [
      'current_version 1e400 (Infinity)',
      '"current_version": "$LATEST"',
      '"current_version": 1e400',
      '/modules/stream_alert/rule_processor/current_version: number 1e400 is too large (it would become Infinity)',
    ],
    [
      '2^53 + 1 shards',
      '"shards": 1',
      '"shards": 9007199254740993',
      '/modules/kinesis/streams/shards: number 9007199254740993 is beyond 9007199254740991 (2^53 - 1) and cannot be kept exactly (it would be read as 9007199254740992)',
    ],
    [
      '1e-400 (0)',
      '"retention": 24',
      '"retention": 1e-400',
      '/modules/kinesis/streams/retention: number 1e-400 would be silently rounded to 0',
    ],
    [
      '24.000000000000001',
      '"retention": 24',
      '"retention": 24.000000000000001',
      '/modules/kinesis/streams/retention: number 24.000000000000001 would be silently rounded to 24',
    ],
  ])('%s', async (_what, from, to, expected) => {
    const text = JSON.stringify(cluster(), null, 2).replace(
      /"current_version": "\$LATEST"/,
      (m) => m,
    );
    const target = from.startsWith('"current_version"')
      ? text.replace(/("rule_processor": \{[^}]*)"current_version": "\$LATEST"/, `$1${to}`)
      : text.replace(from, to);
    expect(target).not.toBe(text);
    const problems = await problemsIn(confWithClusterBytes(target));
    expect(problems).toEqual([`clusters/production.json: ${expected}`]);
  });

  it('accepts 1.0 and 2.5e2 as the integers they denote', async () => {
    const text = JSON.stringify(cluster(), null, 2)
      .replace('"shards": 1', '"shards": 1.0')
      .replace('"memory": 256', '"memory": 2.56e2');
    const config = await loadConfig(confWithClusterBytes(text));
    expect(config.clusters[0]!.modules.kinesis!.streams.shards).toBe(1);
    expect(config.clusters[0]!.modules.streamAlert.ruleProcessor.memory).toBe(256);
  });
});

describe('strings with a lone surrogate are refused (issue 28, item 7)', () => {
  // The file is valid UTF-8 and valid JSON: the half pair comes from a \u escape, and every
  // UTF-8 writer (the rendered Terraform, the processors' conf) would turn it into U+FFFD.
  it.each([
    ['a high half alone', '"production \\ud83d"', '\\ud83d'],
    ['a low half alone', '"\\ude00 production"', '\\ude00'],
    ['a high half followed by a letter', '"\\uD83D\\u0041"', '\\ud83d'],
  ])('%s, with file and pointer', async (_what, value, escape) => {
    const text = JSON.stringify(cluster(), null, 2).replace(
      '"s3_bucket_suffix": "streamalert.results"',
      `"s3_bucket_suffix": ${value}`,
    );
    const problems = await problemsIn(confWithClusterBytes(text));
    expect(problems).toEqual([
      `clusters/production.json: /modules/kinesis/firehose/s3_bucket_suffix: string holds ${escape}, half of a UTF-16 surrogate pair without its other half (it would be written as U+FFFD); write the character itself, or both halves such as \\ud83d\\ude00`,
    ]);
  });

  it('names the object for a key, and keeps a whole pair and the character itself', async () => {
    const conf = writeConf(seedGlobal(), { production: cluster() });
    const logs = path.join(conf, 'logs.json');
    writeFileSync(
      logs,
      '{"app:x": {"parser": "json", "schema": {"ok\\ud83d\\ude00": "string", "😀": "string", "bad\\udfff": "string"}}}',
    );
    const problems = await problemsIn(conf);
    expect(problems).toEqual([
      'logs.json: /app:x/schema: key holds \\udfff, half of a UTF-16 surrogate pair without its other half (it would be written as U+FFFD); write the character itself, or both halves such as \\ud83d\\ude00',
    ]);
  });
});

describe('nothing is written when validation fails', () => {
  it('leaves the output folder absent', async () => {
    const dir = tempDir('nowrite');
    const conf = writeConf(seedGlobal(), { production: '{"id": ' });
    const out = path.join(dir, 'terraform');
    await expect(renderCommand(conf, { outDir: out, buildDir: 'build' })).rejects.toBeInstanceOf(
      ConfigError,
    );
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});

/**
 * Masking everywhere (issue 8, item 5): the known secrets and the mask patterns apply to
 * annotations, the failure line and every log line of the action, and to the CLI's
 * messages, plan-comment.md and plan-report.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { compileMaskPattern, environmentSecrets, maskSecrets } from '../../src/report/mask.js';
import { annotate } from '../../src/door-kit/annotations.js';
import { setLogMask } from '../../src/shared/log-mask.js';
import { copyExample, tempDir } from '../support/conf.js';

const WEBHOOK = 'https://hooks.slack.com/services/T0000/B0000/XyZsEcReT123';
const WEBHOOK_PATTERN = 'https://hooks\\.slack\\.com/services/[^"\\s]+';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** A copy of examples/production whose outputs.json wrongly holds a webhook URL and the AWS secret. */
function leakyConf(): string {
  const conf = copyExample('production');
  const file = path.join(conf, 'outputs.json');
  const outputs = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
  outputs.slack!.security = WEBHOOK;
  outputs.slack!.ops = AWS_SECRET;
  writeJson(file, outputs);
  return conf;
}

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function capture(): { text: () => string; restore: () => void } {
  const chunks: string[] = [];
  const out = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((c: string | Uint8Array) => (chunks.push(String(c)), true));
  const err = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((c: string | Uint8Array) => (chunks.push(String(c)), true));
  return {
    text: () => chunks.join(''),
    restore: () => {
      out.mockRestore();
      err.mockRestore();
    },
  };
}

const ENV_KEYS = [
  'GITHUB_ACTIONS',
  'GITHUB_REPOSITORY',
  'AWS_SECRET_ACCESS_KEY',
  'GITHUB_TOKEN',
  'TF_TOKEN_app_terraform_io',
  'INPUT_COMMAND',
  'INPUT_CONFIG-DIR',
  'INPUT_WORKING-DIRECTORY',
  'INPUT_MASK-PATTERNS',
  'INPUT_GITHUB-TOKEN',
];
let saved: Record<string, string | undefined>;
beforeEach(() => {
  saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
});
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  setLogMask((t) => t);
  process.exitCode = undefined;
});

describe('known secrets and patterns', () => {
  it('knows the credentials of the environment, not short or unrelated values', () => {
    const env = {
      AWS_SECRET_ACCESS_KEY: AWS_SECRET,
      GITHUB_TOKEN: 'ghs_abcdefgh',
      AWS_SESSION_TOKEN: 'x',
      TF_TOKEN_app_terraform_io: 'tf-token-1234',
      HOME: '/home/runner',
    };
    expect(environmentSecrets(env).sort()).toEqual(
      [AWS_SECRET, 'ghs_abcdefgh', 'tf-token-1234'].sort(),
    );
  });

  it('names a bad --mask-pattern', () => {
    expect(() => compileMaskPattern('(', '--mask-pattern #2')).toThrow(
      /^--mask-pattern #2: not a valid regular expression/,
    );
    expect(() => compileMaskPattern('a*', '--mask-pattern #1')).toThrow(
      '--mask-pattern #1: the pattern matches the empty string',
    );
  });
});

describe('annotations', () => {
  it('masks the ::error annotation of a problem that quotes a secret', () => {
    process.env.GITHUB_ACTIONS = 'true';
    setLogMask((t) => maskSecrets(t, [], [compileMaskPattern(WEBHOOK_PATTERN, 'test')]));
    const out = capture();
    try {
      annotate([
        {
          file: 'conf/outputs.json',
          pointer: '/slack/security',
          message: `must be object, got "${WEBHOOK}"`,
          line: 12,
          column: 17,
        },
      ]);
    } finally {
      out.restore();
    }
    expect(out.text()).toContain(
      '::error title=StreamAlert configuration,file=conf/outputs.json,line=12,col=17::conf/outputs.json: /slack/security: must be object, got "***"',
    );
    expect(out.text()).not.toContain('XyZsEcReT123');
  });
});

describe('the action', () => {
  it('masks the annotations and the failure line of a failed validate (mask-patterns and known secrets)', async () => {
    const conf = leakyConf();
    Object.assign(process.env, {
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: 'acme/detections',
      INPUT_COMMAND: 'validate',
      'INPUT_WORKING-DIRECTORY': path.dirname(conf),
      'INPUT_CONFIG-DIR': 'conf',
      'INPUT_MASK-PATTERNS': `\n  ${WEBHOOK_PATTERN}\n`,
      'INPUT_GITHUB-TOKEN': 'ghs_test_token_value',
      AWS_SECRET_ACCESS_KEY: AWS_SECRET,
    });
    const { run } = await import('../../src/action/run.js');
    const out = capture();
    try {
      await run();
    } finally {
      out.restore();
    }
    // ::add-mask:: is how core.setSecret tells the runner; everything else must be masked.
    const text = out
      .text()
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    expect(out.text()).toContain(`::add-mask::${AWS_SECRET}`);
    expect(process.exitCode).toBe(1);
    const lines = text.split('\n').filter((l) => l.startsWith('::error'));
    expect(
      lines.some(
        (l) =>
          l.includes('file=') && l.endsWith('/slack/security: must be object, got string "***"'),
      ),
    ).toBe(true);
    expect(
      lines.some(
        (l) => l.includes('file=') && l.endsWith('/slack/ops: must be object, got string "***"'),
      ),
    ).toBe(true);
    // core.setFailed: the failure line, every problem masked.
    const failed = lines.find((l) => l.startsWith('::error::'));
    expect(failed).toContain('/slack/security: must be object, got string "***"');
    expect(text).not.toContain('XyZsEcReT123');
    expect(text).not.toContain(AWS_SECRET);
  });
});

describe('streamalert plan --mask-pattern', () => {
  it('masks the validate failure in its messages, plan-comment.md and plan-report.json', async () => {
    const conf = leakyConf();
    const out = path.join(tempDir('mask-plan'), 'terraform');
    process.env.AWS_SECRET_ACCESS_KEY = AWS_SECRET;
    const cap = capture();
    let code: number;
    try {
      code = await main([
        'plan',
        '--config-dir',
        conf,
        '--out-dir',
        out,
        '--mask-pattern',
        WEBHOOK_PATTERN,
      ]);
    } finally {
      cap.restore();
    }
    expect(code).toBe(1);
    const comment = readFileSync(path.join(out, 'plan-comment.md'), 'utf8');
    const report = readFileSync(path.join(out, 'plan-report.json'), 'utf8');
    expect(report).toContain('/slack/security: must be object, got string \\"***\\"');
    for (const text of [comment, cap.text()])
      expect(text).toContain('/slack/security: must be object, got string "***"');
    for (const text of [comment, report, cap.text()]) {
      expect(text).not.toContain('XyZsEcReT123');
      expect(text).not.toContain(AWS_SECRET);
    }
    expect(cap.text()).toContain('validate failed:');
  });

  it('without --mask-pattern shows the value (the pattern is what masks it), but never a known secret', async () => {
    const conf = leakyConf();
    const out = path.join(tempDir('mask-plan'), 'terraform');
    process.env.AWS_SECRET_ACCESS_KEY = AWS_SECRET;
    const cap = capture();
    try {
      await main(['plan', '--config-dir', conf, '--out-dir', out]);
    } finally {
      cap.restore();
    }
    const comment = readFileSync(path.join(out, 'plan-comment.md'), 'utf8');
    expect(comment).toContain('XyZsEcReT123');
    expect(comment).not.toContain(AWS_SECRET);
    expect(cap.text()).not.toContain(AWS_SECRET);
  });
});

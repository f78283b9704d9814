import { describe, expect, it } from 'vitest';
import { maskSecrets, parseMaskPatterns } from '../../src/report/mask.js';

describe('maskSecrets', () => {
  it('replaces every occurrence of a known secret', () => {
    expect(maskSecrets('key=s3cr3tValue; again s3cr3tValue.', ['s3cr3tValue'], [])).toBe(
      'key=***; again ***.',
    );
  });

  it('masks a secret that contains another whole, whatever the order given', () => {
    expect(maskSecrets('token abcdef and abc', ['abc', 'abcdef'], [])).toBe('token *** and ***');
  });

  it('masks a secret as Terraform prints it inside a quoted string (escaped)', () => {
    const secret = 'pa"ss\\word';
    const plan = '      + password = "pa\\"ss\\\\word"';
    expect(maskSecrets(plan, [secret], [])).toBe('      + password = "***"');
  });

  it('masks each line of a multi-line secret shown in a heredoc', () => {
    const pem = '-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END KEY-----';
    const plan =
      '      + value = <<-EOT\n            -----BEGIN KEY-----\n            MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n            -----END KEY-----\n        EOT';
    const out = maskSecrets(plan, [pem], []);
    expect(out).not.toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
    expect(out).not.toContain('BEGIN KEY');
  });

  it('ignores empty secrets instead of masking between every character', () => {
    expect(maskSecrets('plan text', ['', '  '], [])).toBe('plan text');
  });

  it('masks every match of every pattern, with or without the g flag', () => {
    const out = maskSecrets(
      'ghp_abc123 and ghp_def456, AKIAEXAMPLE',
      [],
      [/ghp_[A-Za-z0-9]+/, /AKIA[A-Z]+/g],
    );
    expect(out).toBe('*** and ***, ***');
  });

  it('masks only the `secret` group when the pattern has one', () => {
    const out = maskSecrets(
      'password = "a" and password = "hunter2"',
      [],
      [/password = "(?<secret>[^"]+)"/],
    );
    expect(out).toBe('password = "***" and password = "***"');
  });
});

describe('parseMaskPatterns', () => {
  it('reads one pattern per non-empty line, trimming YAML indentation and CRLF', () => {
    const patterns = parseMaskPatterns('  ghp_[A-Za-z0-9]+\r\n\n   \nxox[bp]-[0-9-]+\n');
    expect(patterns.map((p) => p.source)).toEqual(['ghp_[A-Za-z0-9]+', 'xox[bp]-[0-9-]+']);
    expect(maskSecrets('ghp_x1 xoxb-12-34', [], patterns)).toBe('*** ***');
  });

  it('names the line of a bad regular expression', () => {
    expect(() => parseMaskPatterns('ok_[0-9]+\n(unclosed')).toThrow(
      /^mask-patterns line 2: not a valid regular expression/,
    );
  });

  it('refuses a pattern that matches the empty string', () => {
    expect(() => parseMaskPatterns('a*')).toThrow(
      'mask-patterns line 1: the pattern matches the empty string',
    );
  });

  it('gives no patterns for an empty input', () => {
    expect(parseMaskPatterns('')).toEqual([]);
  });
});

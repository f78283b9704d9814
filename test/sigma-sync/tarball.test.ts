/**
 * The upstream archive is written by someone else: only plain .yml files with plain names
 * under the chosen folders are taken, and every size and count is bounded.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TAR_LIMITS, readTarball, TarballError } from '../../src/sigma-sync/tarball.js';
import { githubTarball } from '../support/tarball.js';

const TOP = 'acme-sigma-rules-0123456';

describe('reading an upstream tarball', () => {
  it('takes the .yml files under the chosen folders, long names included', () => {
    const long = `rules/cloud/aws/${'deep/'.repeat(20)}long_name.yml`;
    const tar = githubTarball(TOP, [
      { path: 'rules/cloud/aws/a.yml', content: 'title: a\n' },
      { path: 'rules/cloud/aws/notes.md', content: '# not a rule' },
      { path: 'rules/windows/b.yml', content: 'title: b\n' },
      { path: 'rules/cloudy/c.yml', content: 'title: c\n' },
      { path: long, content: 'title: long\n' },
    ]);
    const read = readTarball(tar, ['rules/cloud']);
    expect([...read.files.keys()].sort()).toEqual([long, 'rules/cloud/aws/a.yml'].sort());
    expect(read.files.get('rules/cloud/aws/a.yml')).toBe('title: a\n');
    expect(read.refused).toBe(0);
  });

  it('refuses links, parent folders and names that could reach Markdown, counting them', () => {
    const tar = githubTarball(TOP, [
      { path: 'rules/cloud/link.yml', type: '2', link: '/etc/passwd' },
      { path: 'rules/cloud/../../escape.yml', content: 'title: x\n' },
      { path: 'rules/cloud/x`<img src=y>.yml', content: 'title: x\n' },
      { path: 'rules/cloud/ok.yml', content: 'title: ok\n' },
    ]);
    const read = readTarball(tar, ['rules/cloud']);
    expect([...read.files.keys()]).toEqual(['rules/cloud/ok.yml']);
    expect(read.refused).toBe(3);
  });

  it('stops at a decompression bomb, an entry flood and a rule too big, naming the bound', () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024));
    expect(() =>
      readTarball(bomb, ['rules'], { ...DEFAULT_TAR_LIMITS, maxBytes: 1024 * 1024 }),
    ).toThrow(new TarballError('the archive decompresses to more than 1048576 bytes'));
    const many = githubTarball(
      TOP,
      Array.from({ length: 50 }, (_, i) => ({ path: `rules/x${i}.yml`, content: 'a' })),
    );
    expect(() => readTarball(many, ['rules'], { ...DEFAULT_TAR_LIMITS, maxEntries: 20 })).toThrow(
      'the archive holds more than 20 entries',
    );
    expect(() => readTarball(many, ['rules'], { ...DEFAULT_TAR_LIMITS, maxFiles: 10 })).toThrow(
      'more than 10 rule files under rules',
    );
    const big = githubTarball(TOP, [{ path: 'rules/big.yml', content: 'x'.repeat(5000) }]);
    expect(readTarball(big, ['rules'], { ...DEFAULT_TAR_LIMITS, maxFileBytes: 4096 }).refused).toBe(
      1,
    );
  });

  it('refuses an archive that claims more bytes than it holds', () => {
    const cut = githubTarball(TOP, [{ path: 'rules/a.yml', content: 'abc', size: 1_000_000 }]);
    expect(() => readTarball(cut, ['rules'])).toThrow('the archive is cut short');
    expect(() => readTarball(Buffer.from('not gzip'), ['rules'])).toThrow(/not gzip/);
  });
});

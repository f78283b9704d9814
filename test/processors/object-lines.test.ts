/**
 * An S3 object read whole (small objects: one gunzip call, one split) gives the lines, and
 * the errors, that streaming it gives: checked on fixed edge objects and on random ones, gzip
 * or plain, delivered in chunks of random sizes, and on objects the whole reading must hand
 * to the stream (inflating past the ceiling, a lying gzip trailer, corrupt gzip).
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/processors/rule-processor/limits.js';
import { nonBlankLines, objectLines } from '../../src/processors/rule-processor/object-lines.js';
import type { ObjectSource } from '../../src/processors/rule-processor/payloads.js';

/** Serves `body` in chunks of the given sizes (cycled). */
function sourceOf(body: Buffer, sizes: readonly number[]): ObjectSource {
  return {
    async open() {
      const chunks: Buffer[] = [];
      for (let i = 0, k = 0; i < body.length; k++) {
        const n = Math.max(1, sizes[k % sizes.length]!);
        chunks.push(body.subarray(i, i + n));
        i += n;
      }
      return chunks;
    },
  };
}

async function read(
  body: Buffer,
  sizes: readonly number[],
  wholeBytes?: number,
  maxDecompressedBytes = DEFAULT_LIMITS.maxDecompressedBytes,
): Promise<{ lines: string[]; error?: string }> {
  const lines: string[] = [];
  try {
    for await (const line of objectLines(
      sourceOf(body, sizes),
      'bucket',
      'key',
      undefined,
      { ...DEFAULT_LIMITS, maxDecompressedBytes },
      wholeBytes,
    ))
      lines.push(line);
  } catch (err) {
    return { lines, error: `${(err as Error).name}: ${(err as Error).message}` };
  }
  return { lines };
}

/** Both ways: read whole when small (the default) and always streamed. */
async function expectSame(body: Buffer, sizes: readonly number[], maxBytes?: number) {
  const streamed = await read(body, sizes, -1, maxBytes);
  const whole = await read(body, sizes, undefined, maxBytes);
  expect(whole).toEqual(streamed);
  return whole;
}

const trail = (name: string) =>
  JSON.stringify({ Records: [{ eventName: name, errorMessage: 'ünïcödé ✓ 🚀'.repeat(50) }] });

describe('S3 object lines read whole', () => {
  it('are the streamed lines for edge objects', async () => {
    const texts = [
      '',
      '\n',
      ' \r\n\t\n',
      trail('A'),
      `${trail('A')}\n${trail('B')}`,
      `${trail('A')}\r\n\r\n  \r\nnot json\r${trail('B')}\n\n`,
      'no final newline',
      '\uFEFFbom line\nsecond',
    ];
    for (const text of texts) {
      for (const body of [Buffer.from(text), gzipSync(text)]) {
        for (const sizes of [[1 << 20], [1], [7, 1531]]) await expectSame(body, sizes);
      }
    }
    const two = Buffer.concat([gzipSync(`${trail('A')}\n`), gzipSync(`${trail('B')}\n`)]);
    expect((await expectSame(two, [100])).lines).toEqual([trail('A'), trail('B')]);
  });

  it('are the streamed lines and errors for broken and oversized gzip', async () => {
    const gz = gzipSync(trail('StopLogging'));
    const truncated = gz.subarray(0, gz.length >> 1);
    const badTail = Buffer.concat([gz.subarray(0, -8), Buffer.from('garbage!')]);
    const lyingTrailer = Buffer.concat([gz.subarray(0, -4), Buffer.from([0xff, 0xff, 0xff, 0x7f])]);
    for (const body of [truncated, badTail, lyingTrailer]) await expectSame(body, [64]);
    expect((await read(truncated, [64])).error).toMatch(
      /gzip data of s3:\/\/bucket\/key does not decompress/,
    );
    // Inflating past the ceiling: the line is refused as the stream refuses it.
    const big = gzipSync(`${'x'.repeat(300_000)}\nshort\n`);
    const over = await expectSame(big, [4096], 100_000);
    expect(over.error).toMatch(/longer than/);
    const bomb = gzipSync(Buffer.alloc(5_000_000, 0x61));
    expect((await expectSame(bomb, [65536], 1_000_000)).error).toMatch(/longer than/);
  });

  it('are the streamed lines for random objects in random chunks', async () => {
    let seed = 31;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['a', 'bc', ' ', '\t', '\n', '\r', '\r\n', 'ü', '🚀', '{"k":1}', trail('X')];
    for (let i = 0; i < 300; i++) {
      let text = '';
      const n = Math.floor(next() * 40);
      for (let j = 0; j < n; j++) text += pieces[Math.floor(next() * pieces.length)];
      const body = next() < 0.5 ? gzipSync(text) : Buffer.from(text);
      const sizes = [1 + Math.floor(next() * 50), 1 + Math.floor(next() * 5000)];
      await expectSame(body, sizes);
    }
  });
});

describe('nonBlankLines', () => {
  it('splits as readline does (\\n, \\r\\n, \\r) and leaves blank lines out', () => {
    const alphabet = ['a', ' ', '\r', '\n', 'b', '\t', '\u2028', 'ü'];
    let seed = 1;
    const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const differences: object[] = [];
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      const len = Math.floor(next() * 12);
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      const expected = text.split(/\r\n|\r|\n/).filter((l) => /\S/.test(l));
      const got = nonBlankLines(text);
      if (JSON.stringify(got) !== JSON.stringify(expected))
        differences.push({ text, got, expected });
    }
    expect(differences).toEqual([]);
  });
});

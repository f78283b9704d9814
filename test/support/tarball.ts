/**
 * GitHub-shaped tarballs for the sigma-sync tests: gzip of ustar entries under one
 * `<owner>-<repo>-<sha>/` folder, with a pax global header and pax path records for long
 * names, as `git archive` writes them. Built byte by byte so a test can also make the
 * hostile ones (links, `..`, huge sizes).
 */
import { gzipSync } from 'node:zlib';

export interface TarEntry {
  /** Path inside the repository (the top folder is added). */
  path: string;
  content?: string;
  /** '0' file (default), '2' symbolic link, '5' folder. */
  type?: '0' | '2' | '5';
  link?: string;
  /** Claimed size, when it should differ from the content's. */
  size?: number;
}

function header(name: string, size: number, type: string, link = ''): Buffer {
  const h = Buffer.alloc(512);
  h.write(name.slice(0, 100), 0, 'utf8');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write('00000000000\0', 136);
  h.write(type, 156);
  h.write(link.slice(0, 100), 157);
  h.write('ustar\0', 257);
  h.write('00', 263);
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

const pad = (b: Buffer) => Buffer.concat([b, Buffer.alloc((512 - (b.length % 512)) % 512)]);

function pax(key: string, value: string): Buffer {
  const rest = ` ${key}=${value}\n`;
  let len = rest.length + 1;
  while (`${len}${rest}`.length !== len) len = `${len}${rest}`.length;
  return Buffer.from(`${len}${rest}`);
}

export function githubTarball(
  top: string,
  entries: readonly TarEntry[],
  commit = '0'.repeat(40),
): Buffer {
  const parts: Buffer[] = [];
  const g = pax('comment', commit);
  parts.push(header('pax_global_header', g.length, 'g'), pad(g));
  parts.push(header(`${top}/`, 0, '5'));
  for (const e of entries) {
    const name = `${top}/${e.path}`;
    const data = Buffer.from(e.content ?? '');
    if (Buffer.byteLength(name) > 100) {
      const x = pax('path', name);
      parts.push(header('PaxHeader', x.length, 'x'), pad(x));
    }
    parts.push(header(name, e.size ?? data.length, e.type ?? '0', e.link));
    if ((e.type ?? '0') === '0') parts.push(pad(data));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
}

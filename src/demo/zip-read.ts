/**
 * Reads a Lambda deployment zip (what `build` wrote and Terraform uploaded) into its files,
 * to run it the way the Lambda service unpacks it into /var/task. Stored and deflated
 * entries; names that would leave the folder are refused.
 */
import { inflateRawSync } from 'node:zlib';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Lambda's own limit for an unzipped function. */
const MAX_UNZIPPED = 250 * 1024 * 1024;

export function readZip(zip: Buffer): Map<string, Buffer> {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== CENTRAL) throw new Error('zip central directory is corrupt');
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extra + comment;
    if (name.endsWith('/')) continue;
    if (name.startsWith('/') || name.includes('\\') || name.split('/').includes('..'))
      throw new Error(`zip entry "${name}" would be written outside the function's folder`);
    if (zip.readUInt32LE(local) !== LOCAL) throw new Error(`zip entry ${name}: bad local header`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressed);
    total += size;
    if (total > MAX_UNZIPPED) throw new Error('the zip unpacks to more than 250 MB');
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) data = inflateRawSync(raw, { maxOutputLength: size });
    else throw new Error(`zip entry ${name}: compression method ${method} is not supported`);
    if (data.length !== size) throw new Error(`zip entry ${name}: size mismatch`);
    files.set(name, data);
  }
  return files;
}

/**
 * Reproducible zips: the same files give the same bytes on any machine, so an unchanged
 * repository plans no Lambda change. Entries are sorted with "/" paths, every entry has
 * the same DOS timestamp and mode, there is no extended-timestamp field, and entries are
 * stored rather than deflated: deflate output may differ between zlib builds (Node
 * versions, CPUs), stored bytes cannot. The processors are small, so size barely matters.
 */
import yazl from 'yazl';

// yazl encodes the DOS date from local-time getters: build the date from local fields so
// every time zone writes 1980-01-01 00:00.
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
const FILE_MODE = 0o100644;

export async function deterministicZip(files: ReadonlyMap<string, Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const name of [...files.keys()].sort()) {
    if (name.startsWith('/') || name.includes('\\') || name.split('/').includes('..'))
      throw new Error(`internal: bad zip entry name ${name}`);
    zip.addBuffer(files.get(name)!, name, {
      mtime: FIXED_MTIME,
      mode: FILE_MODE,
      compress: false,
      forceDosTimestamp: true,
    });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Stand-in processor zips (a handler that answers every event) until the real build
 * exists. Written with Python's zipfile, which is on the machine for moto anyway.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const HANDLER =
  'exports.handler = async (event) => ({ received: Array.isArray(event?.Records) ? event.Records.length : 0 });\n';

export function writeStandInZips(dir: string): void {
  for (const name of ['rule_processor.zip', 'alert_processor.zip']) {
    execFileSync('python3', [
      '-c',
      'import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], "w") as z:\n    info = zipfile.ZipInfo("index.js", (2020, 1, 1, 0, 0, 0))\n    z.writestr(info, sys.argv[2])\n',
      path.join(dir, name),
      HANDLER,
    ]);
  }
}

/**
 * Stand-in processor zips (a handler that answers every event) until the real build
 * exists, and a stand-in detection bundle (empty conf, no rules) for the global root to
 * publish, and the log types rules read (none: no silence alarm). Written with Python's
 * zipfile, which is on the machine for moto anyway.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const HANDLER =
  'exports.handler = async (event) => ({ received: Array.isArray(event?.Records) ? event.Records.length : 0 });\n';

/** The bundle `build` would write for a conf with no logs, sources or rules. */
export const STAND_IN_BUNDLE = `${JSON.stringify({
  format: 'streamalert-detection-bundle-1',
  files: {
    'conf/logs.json': Buffer.from('{}\n').toString('base64'),
    'conf/sources.json': Buffer.from('{}\n').toString('base64'),
  },
})}\n`;

export function writeStandInZips(dir: string): void {
  writeFileSync(path.join(dir, 'detection-bundle.json'), STAND_IN_BUNDLE);
  writeFileSync(path.join(dir, 'source_health.json'), '{"log_types": {}}\n');
  for (const name of ['rule_processor.zip', 'alert_processor.zip']) {
    execFileSync('python3', [
      '-c',
      'import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], "w") as z:\n    info = zipfile.ZipInfo("index.js", (2020, 1, 1, 0, 0, 0))\n    z.writestr(info, sys.argv[2])\n',
      path.join(dir, name),
      HANDLER,
    ]);
  }
}

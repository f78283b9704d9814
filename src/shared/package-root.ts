/**
 * The action's own checkout (or this repository when run from source): where templates/
 * and modules/ live. Found by walking up from this file, so it works from src/ under
 * vitest and from the ncc bundle in dist/ alike.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (
      existsSync(path.join(dir, 'templates', 'cluster.tf.hbs')) &&
      existsSync(path.join(dir, 'modules'))
    ) {
      cached = dir;
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error('cannot find the streamalert-action templates/ and modules/ folders');
    dir = parent;
  }
}

/**
 * Golden files: the rendered Markdown is compared with a reviewed file under
 * test/golden/comments/. `UPDATE_GOLDEN=1 npx vitest run test/report` rewrites them;
 * review the diff by eye before committing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../golden/comments');

export function expectGolden(name: string, actual: string): void {
  const file = path.join(DIR, `${name}.md`);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) {
    throw new Error(`missing golden file ${file}: run with UPDATE_GOLDEN=1 and review it`);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

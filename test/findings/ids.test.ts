/** The finding ids users waive by are the ones the README documents, each once. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { FINDING_IDS } from '../../src/findings/ids.js';

it('documents every finding id in the README table, with its severity', () => {
  const readme = readFileSync(
    path.join(path.dirname(new URL(import.meta.url).pathname), '../../README.md'),
    'utf8',
  );
  const rows = [...readme.matchAll(/^\| `(SA-[A-Z0-9]+-\d{3})` \| (high|medium|low) \|/gm)].map(
    (m) => m[1],
  );
  expect(rows).toEqual([...FINDING_IDS]);
});

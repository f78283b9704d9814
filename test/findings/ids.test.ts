/** The finding ids users waive by are the ones docs/action.md documents, each once. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { FINDING_IDS } from '../../src/findings/ids.js';

it('documents every finding id in the docs/action.md table, with its severity', () => {
  const page = readFileSync(
    path.join(path.dirname(new URL(import.meta.url).pathname), '../../docs/action.md'),
    'utf8',
  );
  const rows = [...page.matchAll(/^\| `(SA-[A-Z0-9]+-\d{3})` \| (high|medium|low) \|/gm)].map(
    (m) => m[1],
  );
  expect(rows).toEqual([...FINDING_IDS]);
});

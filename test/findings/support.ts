/** The plan JSON fixtures of the findings and cost tests. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PlanDocument } from '../../src/plan-resources/read.js';

const HERE = path.dirname(new URL(import.meta.url).pathname);

/** `insecure`: one of each problem; `cluster`: a production cluster as this project's modules plan it. */
export function planFixture(name: 'insecure' | 'cluster'): PlanDocument {
  return JSON.parse(
    readFileSync(path.join(HERE, 'fixtures', `${name}-plan.json`), 'utf8'),
  ) as PlanDocument;
}

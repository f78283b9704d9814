/**
 * The collector sources as the rest of the project sees them: every source the Lambda can
 * run is a `type` the Terraform module accepts and is documented, and each log type it
 * writes has a shipped schema.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COLLECTOR_LOGS } from '../../../src/processors/collectors/log-schemas.js';
import { SOURCES } from '../../../src/processors/collectors/sources/all.js';
import { REPO_ROOT } from '../../support/conf.js';

describe('the collector sources', () => {
  const types = Object.keys(SOURCES).sort();

  it('are the types modules/collector accepts', () => {
    const tf = readFileSync(path.join(REPO_ROOT, 'modules', 'collector', 'variables.tf'), 'utf8');
    const m = /contains\(\[([^\]]*)\], var\.type\)/.exec(tf);
    const accepted = JSON.parse(`[${m?.[1] ?? ''}]`) as string[];
    expect(accepted.sort()).toEqual(types);
  });

  it('each have a section and a row in docs/collectors.md', () => {
    const page = readFileSync(path.join(REPO_ROOT, 'docs', 'collectors.md'), 'utf8');
    for (const t of types) expect(page).toContain(`\`${t}\``);
  });

  it('write only log types with a shipped schema', () => {
    for (const s of Object.values(SOURCES))
      for (const log of s.logTypes) expect(COLLECTOR_LOGS[log], `${s.type}: ${log}`).toBeDefined();
  });
});

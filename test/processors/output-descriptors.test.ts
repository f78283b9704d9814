/**
 * Every alert output is one descriptor (src/processors/alert-processor/outputs/all.ts): this
 * fails when one is incomplete, so a new output cannot half-exist (a schema without a
 * deliverer, an AWS output without its IAM grant, a service missing from the docs).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUTS } from '../../src/processors/alert-processor/outputs/all.js';
import { GRANT_KINDS } from '../../src/processors/alert-processor/outputs/descriptor.js';
import { DELIVERERS } from '../../src/processors/alert-processor/outputs/index.js';
import { outputsSchema } from '../../src/config/processors/outputs-schema.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('alert output descriptors', () => {
  it('name each service once', () => {
    const services = OUTPUTS.map((o) => o.service);
    expect(new Set(services).size).toBe(services.length);
    for (const s of services) expect(s).toMatch(/^[a-z][a-z0-9-]*$/);
  });

  it.each(OUTPUTS.map((o) => [o.service, o] as const))('%s is complete', (_, o) => {
    expect(['aws', 'credential']).toContain(o.kind);
    expect(typeof o.schema).toBe('object');
    expect(Object.keys(o.schema).length).toBeGreaterThan(0);
    expect(typeof o.toTarget).toBe('function');
    expect(typeof o.deliver).toBe('function');
    expect(o.doc.credential.trim()).not.toBe('');
    expect(o.doc.sends.trim()).not.toBe('');
    // An AWS output is called with the alert processor's role: it must say what to grant.
    if (o.kind === 'aws') expect(typeof o.grants).toBe('function');
    else expect(o.grants).toBeUndefined();
  });

  it('make the schema, the dispatch and the docs', () => {
    const services = OUTPUTS.map((o) => o.service);
    expect(Object.keys(outputsSchema.properties)).toEqual(services);
    expect(Object.keys(DELIVERERS)).toEqual(services);
    const docs = readFileSync(path.join(root, 'docs/outputs.md'), 'utf8');
    for (const s of services) expect(docs).toContain(`| \`${s}\` |`);
  });

  it('grant only what modules/stream_alert takes', () => {
    const template = readFileSync(path.join(root, 'templates/cluster.tf.hbs'), 'utf8');
    for (const kind of GRANT_KINDS) expect(template).toContain(`grants.${kind}}}`);
  });
});

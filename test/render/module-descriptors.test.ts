/**
 * Every optional cluster module is one descriptor (src/render/modules/all.ts) plus its
 * template part and its folder under modules/: this fails when one of them is missing or
 * incomplete, naming the module.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterSchema } from '../../src/config/schemas.js';
import { CONFIG_MODULES, type ClusterModules } from '../../src/config/modules/all.js';
import type { ConfigModuleDescriptor } from '../../src/config/modules/descriptor.js';
import { CLUSTER_MODULES } from '../../src/render/modules/all.js';
import { modulePartFile } from '../../src/render/templates.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('cluster module descriptors', () => {
  it('name each module once', () => {
    const names = CLUSTER_MODULES.map((d) => d.module);
    expect(new Set(names).size).toBe(names.length);
  });

  it('give each configuration key and ClusterConfig.modules field once', () => {
    const keys = CONFIG_MODULES.map((d) => d.configKey);
    const fields = CONFIG_MODULES.map((d) => d.field);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(fields).size).toBe(fields.length);
    // Checked by the compiler: a field typed `string` rather than its name would turn
    // ClusterConfig.modules into a loose map.
    const literalFields: string extends keyof ClusterModules ? never : true = true;
    expect(literalFields).toBe(true);
  });

  it.each(CLUSTER_MODULES.map((d) => [d.module, d] as const))('%s is complete', (module, d) => {
    expect(module).toMatch(/^[a-z][a-z0-9_]*$/);
    if (d.configKey !== null) expect(d.configKey).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(existsSync(path.join(root, 'modules', module, 'main.tf'))).toBe(true);
    // Its template part exists and calls the module it describes.
    const part = modulePartFile(module);
    expect(existsSync(part), `${path.relative(root, part)} is missing`).toBe(true);
    expect(readFileSync(part, 'utf8')).toContain(`source = "../modules/${module}"`);
  });

  it('are switched on by a key of the cluster schema', () => {
    const modules = (clusterSchema.properties as Record<string, { properties: object }>).modules!;
    const keys = Object.keys(modules.properties);
    // threat_intel_feeds (configKey null) is switched on by conf/threat_intel.json instead.
    for (const d of CLUSTER_MODULES)
      if (d.configKey !== null) expect(keys, d.module).toContain(d.configKey);
    // A configuration descriptor's schema is a real one (the docs tables read it too): an
    // object, or (s3_events) one object or a list of them, chosen by if/then/else.
    for (const d of CONFIG_MODULES) {
      expect(keys).toContain(d.configKey);
      const single = d.schema.if ? (d.schema.else as Record<string, unknown>) : d.schema;
      expect(single.type, d.configKey).toBe('object');
    }
  });

  it('say when a module with outputs is on, or are required', () => {
    // Without `isOn` a module counts as off, and every output a cluster lists for it is
    // refused as "not enabled".
    for (const d of CONFIG_MODULES as readonly ConfigModuleDescriptor[])
      if (d.outputs) expect(d.isOn !== undefined || d.required === true, d.configKey).toBe(true);
  });

  it('leave no template part without a descriptor', () => {
    const parts = readdirSync(path.join(root, 'templates', 'modules')).map((f) =>
      f.replace(/\.tf\.hbs$/, ''),
    );
    expect(parts.sort()).toEqual(CLUSTER_MODULES.map((d) => d.module).sort());
  });
});

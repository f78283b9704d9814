/**
 * Renders the whole Terraform tree in memory: one root per cluster, the global root, and
 * copies of the modules they call. Pure and deterministic: the same Config and options
 * give byte-identical files, in a stable order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/types.js';
import { template } from './templates.js';
import {
  clusterContext,
  globalContext,
  globalModules,
  modulesUsed,
  removedContext,
  type RenderOptions,
} from './model.js';
import { packageRoot } from '../shared/package-root.js';
import { ENDPOINT_CONFIG_FILE, endpointConfig } from './endpoint-config.js';

export interface RenderedTree {
  /** Relative posix path -> file content. */
  files: Map<string, string>;
  /** Root folders, in the order they should be shown: `global` first, then clusters by name. */
  roots: string[];
}

export function renderTree(config: Config, options: RenderOptions): RenderedTree {
  const files = new Map<string, string>();
  const modules = new Set<string>(globalModules(config));

  files.set('global/main.tf', template('global')(globalContext(config, options)));
  for (const cluster of config.clusters) {
    files.set(
      `${cluster.id}/main.tf`,
      template('cluster')(clusterContext(config, cluster, options)),
    );
    for (const m of modulesUsed(cluster, config)) modules.add(m);
  }
  const removed = (options.removedRoots ?? []).filter(
    (r) => r.id !== 'global' && !config.clusters.some((c) => c.id === r.id),
  );
  for (const r of removed)
    files.set(`${r.id}/main.tf`, template('removed')(removedContext(config, r, options)));

  const roots = ['global', ...config.clusters.map((c) => c.id), ...removed.map((r) => r.id)];
  if (options.awsEndpoint) {
    const text = endpointConfig(options.awsEndpoint);
    for (const root of roots) files.set(`${root}/${ENDPOINT_CONFIG_FILE}`, text);
  }

  const modulesDir = path.join(packageRoot(), 'modules');
  for (const name of [...modules].sort()) {
    for (const file of readdirSync(path.join(modulesDir, name)).sort()) {
      if (file.endsWith('.tf'))
        files.set(
          `modules/${name}/${file}`,
          readFileSync(path.join(modulesDir, name, file), 'utf8'),
        );
    }
  }
  return { files, roots };
}

/** `render`: validate, then write the Terraform tree. Shared by the CLI and the action. */
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/types.js';
import { renderTree } from '../render/render.js';
import { writeTree } from '../render/write-tree.js';
import type { RenderOptions } from '../render/model.js';

export interface RenderResult {
  config: Config;
  outDir: string;
  roots: string[];
}

export async function renderCommand(
  configDir: string,
  options: RenderOptions,
): Promise<RenderResult> {
  const config = await loadConfig(configDir);
  const tree = renderTree(config, options);
  await writeTree(options.outDir, tree);
  return { config, outDir: options.outDir, roots: tree.roots };
}

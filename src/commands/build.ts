/** `build`: the processor zips and their manifest. Shared by the CLI and the action. */
import { buildProcessors, type BuildOptions, type BuildResult } from '../build/build.js';

export type { BuildOptions, BuildResult };

export async function buildCommand(options: BuildOptions): Promise<BuildResult> {
  return buildProcessors(options);
}

export function formatBuild(result: BuildResult): string {
  const zips = result.zips
    .map((z) => `  ${z.file}  ${z.size} bytes  sha256 ${z.sha256}`)
    .join('\n');
  return `built ${result.zips.length} zips with ${result.rules.length} rule(s)${result.rules.length ? ` (${result.rules.join(', ')})` : ''}:\n${zips}\ndetection bundle: ${result.detection.file}  ${result.detection.size} bytes  version ${result.detection.version}\nmanifest: ${result.manifest}\n`;
}

/**
 * conf/threat_intel.json at validate/build time: its shape (threat-intel-schema.ts), then
 * what it means with the rest of conf/ — as StreamAlert 3, matching runs only when the file
 * enables it and no cluster file that states `enable_threat_intel` leaves it off everywhere;
 * a normalized type no log defines is named (its values can never be matched). The text is
 * shipped in the detection bundle only when matching runs.
 */
import path from 'node:path';
import { escapePointerToken, type ConfigProblem } from '../problems.js';
import { readJsonFile, withPositions, type JsonFile } from '../read-json.js';
import type { ConfigNote } from '../notices.js';
import { validateShape } from './validate.js';
import { canonicalIp } from '../../processors/threat-intel/indicators.js';

export const THREAT_INTEL_FILE = 'threat_intel.json';

/* Documents below passed their shape checks. */
/* eslint-disable @typescript-eslint/no-explicit-any */

export interface ReadThreatIntel {
  /** The parsed document when it is valid (undefined: no file, or problems). */
  data?: unknown;
  /** The text the bundle carries; null when matching does not run. */
  text: string | null;
}

export async function readThreatIntel(
  configDir: string,
  clusters: readonly JsonFile[],
  /** The merged normalized types (category → type → fields). */
  types: Record<string, Record<string, string[]>>,
  problems: ConfigProblem[],
  notes: ConfigNote[],
): Promise<ReadThreatIntel> {
  const json = await readJsonFile(
    path.join(configDir, THREAT_INTEL_FILE),
    problems,
    true,
    configDir,
  );
  if (!json) return { text: null };
  const found = validateShape('threat_intel', json.data, json.file);
  problems.push(...withPositions(json, found));
  if (found.length > 0) return { text: null };
  const d = json.data as Record<string, any>;
  const ipProblems = [
    ...excludedIpProblems(d.excluded_iocs?.ip, json.file),
    ...otxKeyProblems(d.feeds, json.file),
  ];
  if (ipProblems.length > 0) {
    problems.push(...withPositions(json, ipProblems));
    return { text: null };
  }
  if (d.enabled !== true) return { data: d, text: null };
  const stating = clusters.filter((c) => typeof (c.data as any)?.enable_threat_intel === 'boolean');
  if (stating.length > 0 && !stating.some((c) => (c.data as any).enable_threat_intel === true)) {
    notes.push({
      file: json.file,
      pointer: '/enabled',
      note: `no record is matched: no cluster sets enable_threat_intel to true (${stating.map((c) => c.file).join(', ')}), as in StreamAlert 3`,
    });
    return { data: d, text: null };
  }
  const defined = new Set(Object.values(types).flatMap((byType) => Object.keys(byType)));
  const map = (d.normalized_ioc_types ?? {}) as Record<string, string[]>;
  for (const [iocType, names] of Object.entries(map))
    names.forEach((name, i) => {
      if (!defined.has(name))
        notes.push({
          file: json.file,
          pointer: `/normalized_ioc_types/${escapePointerToken(iocType)}/${i}`,
          note: `no log defines the normalized type ${JSON.stringify(name)} (types.json, normalized_types.json or a schema's normalization): nothing is matched as ${iocType} through it`,
        });
    });
  if (!d.feeds)
    notes.push({
      file: json.file,
      pointer: '',
      note: 'no "feeds": there is no indicator table to match against (docs/threat-intel.md)',
    });
  return { data: d, text: json.text };
}

/** OTX in `sources` needs a key: without `feeds.otx` the collector could only fail. */
function otxKeyProblems(feeds: any, file: string): ConfigProblem[] {
  const i = Array.isArray(feeds?.sources) ? (feeds.sources as string[]).indexOf('otx') : -1;
  if (i < 0 || feeds.otx) return [];
  return [
    {
      file,
      pointer: `/feeds/sources/${i}`,
      message:
        'otx is pulled with an API key: add "otx": {"credential": "<SSM parameter name or Secrets Manager ARN>"} to feeds',
    },
  ];
}

/** Excluded IPs the pattern let through but that are no address (999.1.1.1, 1:2:3). */
function excludedIpProblems(ip: unknown, file: string): ConfigProblem[] {
  if (ip === undefined) return [];
  const list = Array.isArray(ip) ? (ip as string[]) : Object.keys(ip as object);
  return list.flatMap((entry, i) => {
    const [address, bits] = entry.split('/') as [string, string | undefined];
    const canonical = canonicalIp(address);
    const v4 = canonical !== undefined && !canonical.includes(':');
    if (canonical && (bits === undefined || Number(bits) <= (v4 ? 32 : 128))) return [];
    return [
      {
        file,
        pointer: Array.isArray(ip)
          ? `/excluded_iocs/ip/${i}`
          : `/excluded_iocs/ip/${escapePointerToken(entry)}`,
        message: `${JSON.stringify(entry)} is no IP address or network (such as 10.0.0.0/8 or fd00::/8)`,
      },
    ];
  });
}

/**
 * The reference tables of docs/, each generated from its single source in the code. A
 * generator's table goes between `<!-- generated:<name> -->` and `<!-- /generated -->` on
 * its page (regions.ts); `npm run docs` writes them and test/docs/generated.test.ts fails
 * when one is stale. To document a new input, key, metric, finding or output, change the
 * source named here, then run `npm run docs`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { USAGE } from '../cli/usage.js';
import { METRIC_FUNCTIONS, FUNCTION_METRICS } from '../config/metrics.js';
import { CLUSTER_OUTPUTS } from '../config/module-outputs.js';
import { clusterSchema, globalSchema } from '../config/schemas.js';
import { FINDINGS, FINDING_IDS } from '../findings/ids.js';
import { OUTPUTS } from '../processors/alert-processor/outputs/all.js';
import { readActionMetadata, type ActionEntry } from './action-yml.js';
import { FORMATS_RESULTS, formatsTable } from './bench-tables.js';
import { ACTIONS_FOLDERS, LAYERS } from './layers.js';
import { commandsTable, jobsTable } from './registry-tables.js';
import { cell, keyTable, schemaKeyRows } from './schema-table.js';

export interface Generator {
  /** The region name: `<!-- generated:<name> -->`. */
  readonly name: string;
  /** The page holding the region, relative to the repository root. */
  readonly page: string;
  /** Where the table comes from, named in the region for whoever edits the page. */
  readonly source: string;
  /** The table (or block), without the source line. */
  render(root: string): string;
}

type Schema = Record<string, unknown>;

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

const code = (s: string): string => `\`${s}\``;

function actionEntries(root: string, kind: 'inputs' | 'outputs'): readonly ActionEntry[] {
  return readActionMetadata(readFileSync(path.join(root, 'action.yml'), 'utf8'))[kind];
}

/** The alarm object under a cluster's rule processor: one schema for every alarm. */
function metricAlarmSchema(): Schema {
  const at = (node: unknown, ...keys: string[]): Schema =>
    keys.reduce((n, k) => (n as Schema)[k] as Schema, node as Schema);
  return at(
    clusterSchema,
    'properties',
    'modules',
    'properties',
    'stream_alert',
    'properties',
    'rule_processor',
    'properties',
    'metric_alarms',
    'additionalProperties',
  );
}

export const GENERATORS: readonly Generator[] = [
  {
    name: 'action-inputs',
    page: 'docs/action.md',
    source: 'action.yml (inputs)',
    render: (root) =>
      table(
        ['input', 'default', ''],
        actionEntries(root, 'inputs').map((i) => [
          code(i.name),
          i.default ? code(i.default) : '',
          i.description,
        ]),
      ),
  },
  {
    name: 'action-outputs',
    page: 'docs/action.md',
    source: 'action.yml (outputs)',
    render: (root) =>
      table(
        ['output', ''],
        actionEntries(root, 'outputs').map((o) => [code(o.name), o.description]),
      ),
  },
  {
    name: 'action-jobs',
    page: 'docs/action.md',
    source: 'src/registry/jobs.ts (JOBS)',
    render: jobsTable,
  },
  {
    name: 'commands',
    page: 'docs/cli.md',
    source: 'src/registry/commands.ts (COMMANDS)',
    render: commandsTable,
  },
  {
    name: 'findings',
    page: 'docs/action.md',
    source: 'src/findings/ids.ts (FINDINGS)',
    render: () =>
      table(
        ['id', 'severity', 'what', 'fix'],
        FINDING_IDS.map((id) => [
          code(id),
          FINDINGS[id].severity,
          FINDINGS[id].what,
          FINDINGS[id].fix,
        ]),
      ),
  },
  {
    name: 'cli-usage',
    page: 'docs/cli.md',
    source: 'src/cli/usage.ts (USAGE, what `--help` prints)',
    render: () => ['```', USAGE.trimEnd(), '```'].join('\n'),
  },
  {
    name: 'global-keys',
    page: 'docs/configuration.md',
    source: 'src/config/schemas.ts (globalSchema)',
    render: () => keyTable(schemaKeyRows(globalSchema)),
  },
  {
    name: 'cluster-keys',
    page: 'docs/configuration.md',
    source: 'src/config/schemas.ts (clusterSchema; its `modules` keys from src/config/modules)',
    render: () => keyTable(schemaKeyRows(clusterSchema)),
  },
  {
    name: 'cluster-outputs',
    page: 'docs/configuration.md',
    source: "src/config/modules (each module's `outputs`, gathered in CLUSTER_OUTPUTS)",
    render: () =>
      table(
        ['`outputs` key', 'name', 'from module', 'sensitive', 'needs'],
        Object.entries(CLUSTER_OUTPUTS).flatMap(([key, names]) =>
          Object.entries(names).map(([name, o]) => [
            code(key),
            code(name),
            code(o.module),
            o.sensitive ? 'yes' : '',
            o.requires === 'firehose' ? '`modules.kinesis.firehose.enabled`' : '',
          ]),
        ),
      ),
  },
  {
    name: 'metrics',
    page: 'docs/configuration.md',
    source: 'src/config/metrics.ts (FUNCTION_METRICS)',
    render: () =>
      table(
        ['function', 'metric', 'cluster metric', 'counts'],
        METRIC_FUNCTIONS.flatMap((fn) => {
          const { prefix, metrics, about } = FUNCTION_METRICS[fn];
          return metrics.map((m) => [
            code(fn),
            code(m),
            code(`${prefix}-${m}-<CLUSTER>`),
            about[m] ?? '',
          ]);
        }),
      ),
  },
  {
    name: 'metric-alarm-fields',
    page: 'docs/configuration.md',
    source: 'src/config/metric-alarms.ts (metricAlarm)',
    render: () =>
      keyTable(
        // metric_name's pattern differs per function and between cluster and global alarms:
        // its description says which names it takes.
        schemaKeyRows(metricAlarmSchema()).map((r) =>
          r.key === 'metric_name' ? { ...r, allowed: '' } : r,
        ),
      ).replace('| key |', '| field |'),
  },
  {
    name: 'alert-outputs',
    page: 'docs/outputs.md',
    source: 'src/processors/alert-processor/outputs/all.ts (OUTPUTS, each `doc`)',
    render: () =>
      table(
        ['service', 'credential JSON', 'what is sent'],
        OUTPUTS.map((o) => [code(o.service), o.doc.credential, o.doc.sends]),
      ),
  },
  {
    name: 'rule-processor-floors',
    page: 'docs/rules.md',
    source: `${FORMATS_RESULTS} (BENCH_WRITE=1 bench/formats.ts)`,
    render: formatsTable,
  },
  {
    name: 'layers',
    page: 'docs/architecture.md',
    source: 'src/docs/layers.ts (LAYERS)',
    render: () =>
      table(
        ['folder', 'holds', 'may import'],
        LAYERS.map((l) => [
          code(`src/${l.folder}`),
          l.holds,
          [
            l.mayImport.map(code).join(', ') || 'no other folder',
            ...(ACTIONS_FOLDERS.includes(l.folder) ? [`also ${code('@actions/*')}`] : []),
            ...(l.packages ? [`packages: ${l.packages.map(code).join(', ') || 'none'}`] : []),
          ].join('; '),
        ]),
      ),
  },
];

/** The region body a generator writes: a hidden line naming its source, then the table. */
export function regionBody(g: Generator, root: string): string {
  return `<!-- from ${g.source} by \`npm run docs\`: edit the source, not this table -->\n${g.render(root)}`;
}

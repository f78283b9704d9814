/**
 * The rule processor's hot path changes no verdict: for every fixture record of the
 * examples and of the StreamAlert 1.5 fixture repository, and for every bench dataset
 * (small count, same generators as bench/processor.ts), the classification (log, typed
 * records, rejected parts with their reasons) and the alerts (ignoring ids) equal the
 * output saved in test/fixtures/equivalence/expected.json — which was generated with the
 * code from before the precompiled converters (commit "equivalence fixture"), by
 *   EQUIVALENCE_UPDATE=1 npx vitest run test/processors/equivalence.test.ts
 * Key order is not compared: typed records now always follow the schema's key order.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasets, importRuleSources, syntheticRules } from '../../bench/datasets.js';
import { toLogs, toSources } from '../../src/processors/config/convert.js';
import { loadProcessorsConfig } from '../../src/config/processors/load.js';
import type { ProcessorsConfig, Service } from '../../src/processors/config/types.js';
import { createClassifier } from '../../src/processors/rule-processor/classifier.js';
import { createRulesEngine } from '../../src/processors/rule-processor/rules-engine.js';
import { createLogger } from '../../src/processors/shared/logger.js';
import { loadFixtures } from '../../src/rule-test/fixtures.js';
import type { Rule } from '../../src/rules-api/index.js';
import { REPO_ROOT } from '../support/processor-bundles.js';

const EXPECTED = path.join(REPO_ROOT, 'test', 'fixtures', 'equivalence', 'expected.json');
const NOW = Date.UTC(2024, 4, 1, 12);

/** JSON keeps NaN and ±Infinity (float conversions) as tagged strings. */
const encode = (v: unknown) =>
  JSON.parse(
    JSON.stringify(v, (_k, x: unknown) =>
      typeof x === 'number' && !Number.isFinite(x) ? `$number:${x}` : x,
    ),
  ) as unknown;

interface Input {
  label: string;
  service: Service;
  entity: string;
  lines: string[];
}

function outcomes(
  config: Pick<ProcessorsConfig, 'logs' | 'sources' | 'types'>,
  rules: readonly Rule[],
  inputs: readonly Input[],
): unknown[] {
  const logger = createLogger({ level: 'error', write: () => undefined });
  const classifier = createClassifier(config);
  const engine = createRulesEngine(rules, logger, config.types);
  return inputs.map(({ label, service, entity, lines }) => {
    const candidates = classifier.candidates(service, entity);
    const scope = {};
    return {
      label,
      lines: lines.map((line) => {
        if (!candidates) return { unknownSource: true };
        try {
          const c = classifier.classify(line, candidates, scope);
          if (!c) return { classified: false };
          const alerts = engine
            .run(c, service, entity)
            .map((alert) => ({ ...alert, id: undefined }));
          return { log: c.log.name, records: c.records, rejected: c.rejected, alerts };
        } catch (err) {
          return { error: String(err) };
        }
      }),
    };
  });
}

async function fixtureOutcomes(repo: string, rules: readonly Rule[]): Promise<unknown[]> {
  const { config } = await loadProcessorsConfig(path.join(repo, 'conf'));
  const { records } = await loadFixtures(path.join(repo, 'tests', 'rules'), NOW);
  const inputs = records.map((f) => ({
    label: `${path.relative(REPO_ROOT, f.file)}#${f.index}`,
    service: f.service,
    entity: f.source,
    lines: f.service === 's3' ? f.data.split('\n').filter((l) => l !== '') : [f.data],
  }));
  return outcomes(config, rules, inputs);
}

async function allOutcomes(): Promise<Record<string, unknown>> {
  const example = path.join(REPO_ROOT, 'examples', 'production');
  const sa15 = path.join(REPO_ROOT, 'test', 'fixtures', 'streamalert-1.5');
  const exampleRules = await importRuleSources(path.join(example, 'rules'));
  const out: Record<string, unknown> = {
    'examples/production': await fixtureOutcomes(example, exampleRules),
    'streamalert-1.5': await fixtureOutcomes(
      sa15,
      await importRuleSources(path.join(sa15, 'rules')),
    ),
  };
  for (const [ruleSet, rules] of [
    ['example rules', exampleRules],
    ['20 rules', syntheticRules()],
  ] as const) {
    for (const d of datasets(200)) {
      const config = { logs: toLogs(d.logs), sources: toSources(d.sources), types: new Map() };
      out[`${d.name}, ${ruleSet}`] = outcomes(config, rules, [
        { label: d.name, service: d.service, entity: d.entity, lines: d.lines },
      ]);
    }
  }
  return encode(out) as Record<string, unknown>;
}

describe('rule processor equivalence with the saved output', () => {
  it('classifies, types and alerts every fixture and bench record as before', async () => {
    const actual = await allOutcomes();
    if (process.env.EQUIVALENCE_UPDATE === '1') {
      mkdirSync(path.dirname(EXPECTED), { recursive: true });
      writeFileSync(EXPECTED, `${JSON.stringify(actual)}\n`);
    }
    const expected = JSON.parse(readFileSync(EXPECTED, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
    for (const key of Object.keys(expected)) expect(actual[key], key).toEqual(expected[key]);
  }, 120_000);

  it('the bench datasets alert (the comparison is not vacuous)', async () => {
    const expected = JSON.parse(readFileSync(EXPECTED, 'utf8')) as Record<
      string,
      { lines: { alerts?: unknown[]; records?: unknown[] }[] }[]
    >;
    for (const [key, groups] of Object.entries(expected)) {
      const lines = groups.flatMap((g) => g.lines);
      expect(
        lines.some((l) => (l.records?.length ?? 0) > 0),
        key,
      ).toBe(true);
      if (key.endsWith('20 rules'))
        expect(
          lines.some((l) => (l.alerts?.length ?? 0) > 0),
          key,
        ).toBe(true);
    }
  });
});

/**
 * Runs the rules of a classified record's log, in StreamAlert's order: required subkeys,
 * matchers, normalized datatypes, then the rule. A rule or matcher that throws is logged
 * and counts as false: one broken rule must not stop the others or fail the batch.
 */
import type { Rule } from '../../rules-api/index.js';
import type { Service, TypesConfig } from '../config/types.js';
import type { Logger } from '../shared/logger.js';
import { alertId, type Alert } from './alert.js';
import type { Classified } from './classifier.js';
import { createNormalizer, NORMALIZED } from './normalize.js';

export interface RulesEngine {
  run(classified: Classified, service: Service, entity: string): Alert[];
}

function hasSubkeys(record: Record<string, unknown>, req: Readonly<Record<string, readonly string[]>>): boolean {
  for (const top in req) {
    const v = record[top];
    if (typeof v !== 'object' || v === null) return false;
    for (const k of req[top]!) if (!(k in v)) return false;
  }
  return true;
}

export function createRulesEngine(rules: readonly Rule[], logger: Logger, types: TypesConfig = new Map()): RulesEngine {
  const byLog = new Map<string, Rule[]>();
  // StreamAlert 1.5: a rule with datatypes and no logs runs on every log.
  const everyLog = rules.filter((r) => !r.logs || r.logs.length === 0);
  for (const r of rules) for (const log of r.logs ?? []) byLog.set(log, [...(byLog.get(log) ?? []), r]);
  const normalizer = createNormalizer(types);

  const safely = (what: string, r: Rule, fn: () => boolean): boolean => {
    try {
      return fn() === true;
    } catch (err) {
      logger.error(`${what} threw; counted as no match`, { rule: r.name, error: (err as Error)?.message ?? String(err) });
      return false;
    }
  };

  return {
    run(classified, service, entity) {
      const named = byLog.get(classified.log.name);
      const rules = everyLog.length === 0 ? named : [...(named ?? []), ...everyLog];
      if (!rules || rules.length === 0) return [];
      const alerts: Alert[] = [];
      for (const record of classified.records) {
        for (const r of rules) {
          // Subkeys guard loose {} JSON schemas; other parsers give flat, fixed fields.
          if (r.req_subkeys && classified.log.parser === 'json' && !hasSubkeys(record, r.req_subkeys)) continue;
          if (r.matchers && !r.matchers.every((m) => safely(`matcher ${m.name || '(anonymous)'}`, r, () => m(record)))) continue;
          if (r.datatypes && r.datatypes.length > 0) {
            const found = normalizer.forRule(record, classified.log.category, r.datatypes);
            Object.defineProperty(record, NORMALIZED, { value: found, configurable: true, enumerable: false, writable: true });
          }
          if (!safely('rule', r, () => r.rule(record))) continue;
          alerts.push({
            id: alertId(r.name, classified.log.name, service, entity, record),
            rule_name: r.name,
            rule_description: r.description ?? 'No rule description provided',
            log_source: classified.log.name,
            log_type: classified.log.parser,
            source_service: service,
            source_entity: entity,
            outputs: [...r.outputs],
            record,
          });
        }
      }
      return alerts;
    },
  };
}

/**
 * Runs the rules of a classified record's log: required subkeys, then matchers, then the
 * rule. A rule or matcher that throws is logged and counts as false: one broken rule
 * must not stop the others or fail the batch.
 */
import type { Rule } from '../../rules-api/index.js';
import type { Service } from '../config/types.js';
import type { Logger } from '../shared/logger.js';
import { alertId, type Alert } from './alert.js';
import type { Classified } from './classifier.js';

export interface RulesEngine {
  run(classified: Classified, service: Service, entity: string): Alert[];
}

function hasSubkeys(record: Record<string, unknown>, req: Readonly<Record<string, readonly string[]>>): boolean {
  for (const [top, subkeys] of Object.entries(req)) {
    const v = record[top];
    if (typeof v !== 'object' || v === null) return false;
    for (const k of subkeys) if (!(k in v)) return false;
  }
  return true;
}

export function createRulesEngine(rules: readonly Rule[], logger: Logger): RulesEngine {
  const byLog = new Map<string, Rule[]>();
  for (const r of rules) for (const log of r.logs) byLog.set(log, [...(byLog.get(log) ?? []), r]);

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
      const rules = byLog.get(classified.log.name);
      if (!rules) return [];
      const alerts: Alert[] = [];
      for (const record of classified.records) {
        for (const r of rules) {
          // Subkeys guard loose {} JSON schemas; other parsers give flat, fixed fields.
          if (r.req_subkeys && classified.log.parser === 'json' && !hasSubkeys(record, r.req_subkeys)) continue;
          if (r.matchers && !r.matchers.every((m) => safely(`matcher ${m.name || '(anonymous)'}`, r, () => m(record)))) continue;
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

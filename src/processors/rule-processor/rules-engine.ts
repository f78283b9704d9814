/**
 * Runs the rules of a classified record's log, in StreamAlert's order: required subkeys,
 * matchers, normalized datatypes, then the rule. A rule or matcher that throws is logged
 * and counts as false: one broken rule must not stop the others or fail the batch.
 */
import type { DynamicOutput, Matcher, Rule } from '../../rules-api/index.js';
import type { LogDefinition, Service, TypesConfig } from '../config/types.js';
import type { Logger } from '../shared/logger.js';
import { createAlert, type Alert } from './alert.js';
import type { AlertRuleMeta } from '../shared/alert.js';
import type { Classified } from './classifier.js';
import { createDynamicOutputsResolver } from './dynamic-outputs.js';
import { createNormalizer, NORMALIZED } from './normalize.js';
import { beginLookups, endLookups } from '../lookup-tables/provider.js';
import type { IocMatch, ThreatIntelMatcher } from '../threat-intel/match.js';

export interface RulesEngine {
  /** The alerts the record raised; read-only when there are none (most records: one shared empty list). */
  run(classified: Classified, service: Service, entity: string): Alert[];
  /** `run` of one typed record of `log` (the plain-line loop: no Classified made for it). */
  runRecord(
    log: LogDefinition,
    record: Record<string, unknown>,
    service: Service,
    entity: string,
  ): Alert[];
}

const NO_ALERTS = Object.freeze([]) as unknown as Alert[];

/** A rule with what it needs per record worked out once: subkey lists as arrays, matchers as an array. */
interface Prepared {
  readonly rule: Rule;
  readonly subkeys?: readonly (readonly [string, readonly string[]])[];
  readonly matchers: readonly Matcher[];
  readonly datatypes?: readonly string[];
  readonly description: string;
  /** StreamAlert's dynamic_outputs, when the rule has any. */
  readonly dynamic?: readonly DynamicOutput[];
  /** The rule's context as JSON text, when it has one: each evaluation gets a fresh copy to fill in. */
  readonly context?: string;
  /** Severity, id, tags and references for the alert, when the rule gives any. */
  readonly meta?: AlertRuleMeta;
}

function metaOf(r: Rule, detectionVersion?: string): AlertRuleMeta | undefined {
  const meta: AlertRuleMeta = {
    ...(detectionVersion === undefined ? {} : { detection_version: detectionVersion }),
    ...(typeof r.severity === 'string' ? { severity: r.severity } : {}),
    ...(typeof r.id === 'string' ? { rule_id: r.id } : {}),
    ...(Array.isArray(r.tags) && r.tags.length > 0 ? { rule_tags: [...r.tags] } : {}),
    ...(Array.isArray(r.references) && r.references.length > 0
      ? { rule_references: [...r.references] }
      : {}),
  };
  return Object.keys(meta).length > 0 ? meta : undefined;
}

function prepareRule(r: Rule, detectionVersion?: string): Prepared {
  return {
    rule: r,
    subkeys: r.req_subkeys
      ? Object.keys(r.req_subkeys).map((top) => [top, [...r.req_subkeys![top]!]] as const)
      : undefined,
    matchers: r.matchers ? [...r.matchers] : [],
    datatypes: r.datatypes && r.datatypes.length > 0 ? r.datatypes : undefined,
    description: r.description ?? 'No rule description provided',
    dynamic: r.dynamic_outputs && r.dynamic_outputs.length > 0 ? r.dynamic_outputs : undefined,
    context: r.context === undefined ? undefined : JSON.stringify(r.context),
    meta: metaOf(r, detectionVersion),
  };
}

function hasSubkeys(
  record: Record<string, unknown>,
  req: readonly (readonly [string, readonly string[]])[],
): boolean {
  for (let i = 0; i < req.length; i++) {
    const [top, keys] = req[i]!;
    const v = record[top];
    if (typeof v !== 'object' || v === null) return false;
    for (let j = 0; j < keys.length; j++) if (!(keys[j]! in v)) return false;
  }
  return true;
}

export function createRulesEngine(
  rules: readonly Rule[],
  logger: Logger,
  types: TypesConfig = new Map(),
  /** The keys of conf/outputs.json, for dynamic outputs; undefined: not checked (rule fixtures). */
  knownOutputs?: ReadonlySet<string>,
  /** The detection bundle the rules came from (its version goes into every alert). */
  detectionVersion?: string,
  /** conf/threat_intel.json's matching, when it is enabled. */
  threatIntel?: ThreatIntelMatcher,
): RulesEngine {
  const prepare = (r: Rule) => prepareRule(r, detectionVersion);
  const byLog = new Map<string, Prepared[]>();
  // StreamAlert 1.5: a rule with datatypes and no logs runs on every log.
  const everyLog = rules.filter((r) => !r.logs || r.logs.length === 0).map(prepare);
  for (const r of rules) {
    const p = prepare(r);
    for (const log of r.logs ?? []) byLog.set(log, [...(byLog.get(log) ?? []), p]);
  }
  /** The rules of each log, every-log rules after the log's own: worked out once per log name. */
  const forLog = new Map<string, readonly Prepared[]>();
  const rulesOf = (log: string): readonly Prepared[] => {
    let list = forLog.get(log);
    if (!list) {
      list = [...(byLog.get(log) ?? []), ...everyLog];
      forLog.set(log, list);
    }
    return list;
  };
  const normalizer = createNormalizer(types);
  const dynamicOutputs = createDynamicOutputsResolver(logger, knownOutputs);

  const threw = (what: string, r: Rule, err: unknown): false => {
    logger.error(`${what} threw; counted as no match`, {
      rule: r.name,
      error: (err as Error)?.message ?? String(err),
    });
    return false;
  };

  /**
   * Matchers then the rule; one that throws is logged and counts as false. `context`: the
   * copy of the rule's context this evaluation may fill in (StreamAlert passed it to the rule).
   */
  function fires(
    p: Prepared,
    record: Record<string, unknown>,
    category: string,
    context: Record<string, unknown> | undefined,
  ): boolean {
    const ms = p.matchers;
    for (let i = 0; i < ms.length; i++) {
      const m = ms[i]!;
      try {
        if (m(record) !== true) return false;
      } catch (err) {
        return threw(`matcher ${m.name || '(anonymous)'}`, p.rule, err);
      }
    }
    if (p.datatypes) {
      const found = normalizer.forRule(record, category, p.datatypes);
      Object.defineProperty(record, NORMALIZED, {
        value: found,
        configurable: true,
        enumerable: false,
        writable: true,
      });
    }
    try {
      return p.rule.rule(record, context) === true;
    } catch (err) {
      return threw('rule', p.rule, err);
    }
  }

  /** The alerts of one record, added to `alerts` (made at the first one). */
  function runOn(
    log: LogDefinition,
    list: readonly Prepared[],
    record: Record<string, unknown>,
    service: Service,
    entity: string,
    alerts: Alert[] | undefined,
  ): Alert[] | undefined {
    // Subkeys guard loose {} JSON schemas; other parsers give flat, fixed fields.
    const json = log.parser === 'json';
    // As StreamAlert 3: indicators are matched before the rules run, so rules read
    // record['streamalert:ioc']; every alert of the record carries the matches.
    const iocs: IocMatch[] | undefined = threatIntel
      ? threatIntel.match(
          record,
          normalizer.found(record, log.category, threatIntel.normalizedTypes),
        )
      : undefined;
    for (let j = 0; j < list.length; j++) {
      const p = list[j]!;
      if (p.subkeys && json && !hasSubkeys(record, p.subkeys)) continue;
      let context =
        p.context === undefined ? undefined : (JSON.parse(p.context) as Record<string, unknown>);
      beginLookups();
      if (!fires(p, record, log.category, context)) continue;
      // The lookup-table rows the matchers and the rule read: the alert shows what it matched with.
      const looked = endLookups();
      if (looked) context = { ...context, lookup_tables: looked };
      if (iocs && iocs.length > 0) context = { ...context, threat_intel: iocs };
      (alerts ??= []).push(
        createAlert(
          p.rule.name,
          p.description,
          log.name,
          log.parser,
          service,
          entity,
          p.dynamic
            ? dynamicOutputs.outputs(p.rule.name, p.rule.outputs, p.dynamic, record)
            : [...p.rule.outputs],
          record,
          context,
          p.rule.staged === true,
          p.meta,
        ),
      );
    }
    return alerts;
  }

  return {
    run(classified, service, entity) {
      const log = classified.log;
      const list = rulesOf(log.name);
      if (list.length === 0) return NO_ALERTS;
      let alerts: Alert[] | undefined;
      const records = classified.records;
      for (let i = 0; i < records.length; i++)
        alerts = runOn(log, list, records[i]!, service, entity, alerts);
      return alerts ?? NO_ALERTS;
    },
    runRecord(log, record, service, entity) {
      const list = rulesOf(log.name);
      if (list.length === 0) return NO_ALERTS;
      return runOn(log, list, record, service, entity, undefined) ?? NO_ALERTS;
    },
  };
}

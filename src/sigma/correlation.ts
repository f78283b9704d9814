/**
 * A Sigma correlation rule (specification v2) compiled in two steps: each file alone
 * (compileCorrelation: its type, timespan, condition, group-by, aliases, with the position
 * of every reference kept), then against every Sigma rule of the rules folder
 * (resolveCorrelations: a reference by file name, `id` or `name` becomes the rule's name).
 * Every problem names the file, line and column, as the rules' own problems do.
 */
import { isMap, isScalar, isSeq, type YAMLMap, type Node as YamlNode } from 'yaml';
import type { CompiledSigma } from '../processors/sigma/compiled.js';
import {
  CONDITION_OPS,
  conditionHolds,
  CORRELATION_TYPES,
  type CompiledCorrelation,
  type CountCondition,
  type CorrelationType,
} from '../processors/sigma/correlation.js';
import { Problem, type SigmaProblem } from './problem.js';

/** The longest timespan: the window state keeps a group's events that long. */
export const MAX_TIMESPAN_S = 7 * 24 * 3600;
/** More referenced rules than any correlation needs; bounds the evaluator's work per event. */
const MAX_REFERENCES = 50;

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** A correlation before its references are resolved: the positions of each, for messages. */
export interface CorrelationDraft {
  /** `rules` and the aliases' rule keys as written (file names, ids or names). */
  correlation: CompiledCorrelation;
  /** Where each reference of `rules` is written. */
  ruleAt: SigmaProblem[];
  /** absence: where each reference of `after` is written. */
  afterAt?: SigmaProblem[];
  /** Where each alias's rule key is written: alias → reference → position. */
  aliasAt: Record<string, Record<string, SigmaProblem>>;
}

type At = (node: YamlNode | undefined, message: string) => SigmaProblem;

const scalarString = (n: unknown): string | undefined =>
  isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number')
    ? String(n.value)
    : undefined;

/**
 * The `correlation:` section of a document (`root`), with the rule's metadata already read
 * by compileSigma. Throws Problem at the node at fault.
 */
export function compileCorrelation(
  root: YAMLMap,
  at: At,
  meta: Omit<
    CompiledCorrelation,
    | 'kind'
    | 'type'
    | 'rules'
    | 'group_by'
    | 'aliases'
    | 'timespan_s'
    | 'condition'
    | 'field'
    | 'generate'
    | 'after'
  >,
): CorrelationDraft {
  const section = root.get('correlation', true);
  if (!isMap(section))
    throw new Problem(
      '`correlation` must be a map (type, rules, group-by, timespan, condition)',
      section as YamlNode,
    );
  const get = (key: string): unknown => section.get(key, true);
  for (const pair of section.items) {
    const k = isScalar(pair.key) ? pair.key.value : undefined;
    if (
      ![
        'type',
        'rules',
        'group-by',
        'timespan',
        'condition',
        'aliases',
        'generate',
        'after',
      ].includes(String(k))
    )
      throw new Problem(
        `unknown correlation key ${JSON.stringify(k)} (known: type, rules, group-by, timespan, condition, aliases, after)`,
        pair.key as YamlNode,
      );
  }

  const typeNode = get('type');
  const type = isScalar(typeNode) ? typeNode.value : undefined;
  if (!(CORRELATION_TYPES as readonly unknown[]).includes(type))
    throw new Problem(
      `correlation \`type\` must be one of ${CORRELATION_TYPES.join(', ')}`,
      (typeNode as YamlNode) ?? section,
    );
  const t = type as CorrelationType;

  const rulesNode = get('rules');
  const { refs: rules, refAt: ruleAt } = references(
    rulesNode,
    'correlation `rules` must list the Sigma rules it correlates (file name, id or name)',
    section,
    at,
  );
  // The absence form (our extension): `after` names the rules that start the wait.
  const afterNode = get('after');
  let after: { refs: string[]; refAt: SigmaProblem[] } | undefined;
  if (afterNode !== undefined) {
    if (t !== 'absence')
      throw new Problem(
        `\`after\` is for absence correlations, not ${t}`,
        section.items.find((p) => isScalar(p.key) && p.key.value === 'after')!.key as YamlNode,
      );
    after = references(
      afterNode,
      '`after` names the Sigma rules whose match starts the wait (file name, id or name)',
      section,
      at,
    );
    for (const [i, ref] of after.refs.entries())
      if (rules.includes(ref))
        throw new Problem(
          `${ref} is in both \`after\` and \`rules\`: a rule either starts the wait or ends it`,
          (isSeq(afterNode) ? afterNode.items[i] : afterNode) as YamlNode,
        );
  }
  if ((t === 'temporal' || t === 'temporal_ordered') && rules.length < 2)
    throw new Problem(`a ${t} correlation needs at least two rules`, rulesNode as YamlNode);

  const groupNode = get('group-by');
  let group_by: string[] = [];
  if (groupNode !== undefined && groupNode !== null) {
    const items = isSeq(groupNode) ? groupNode.items : [groupNode];
    group_by = items.map((n) => {
      const f = scalarString(n);
      if (f === undefined || f === '')
        throw new Problem('`group-by` lists field names', n as YamlNode);
      return f;
    });
  }

  const spanNode = get('timespan');
  const span = scalarString(spanNode);
  const m = span === undefined ? null : /^([1-9][0-9]{0,6})([smhd])$/.exec(span);
  if (!m)
    throw new Problem(
      'correlation `timespan` must be a number and s, m, h or d (e.g. 90m)',
      (spanNode as YamlNode) ?? section,
    );
  const timespan_s = Number(m[1]) * UNITS[m[2]!]!;
  if (timespan_s > MAX_TIMESPAN_S)
    throw new Problem(`timespan longer than ${MAX_TIMESPAN_S / 86400} days`, spanNode as YamlNode);

  const condNode = get('condition');
  const condition: { -readonly [K in keyof CountCondition]: number } = {};
  let field: string | undefined;
  if (condNode !== undefined && condNode !== null) {
    if (!isMap(condNode))
      throw new Problem(
        'correlation `condition` is a map such as {gte: 10} (gt, gte, lt, lte, eq; field for value_count)',
        condNode as YamlNode,
      );
    for (const pair of condNode.items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : '';
      const v = pair.value as YamlNode;
      if (k === 'field') {
        field = scalarString(v);
        if (field === undefined || field === '')
          throw new Problem('condition `field` is a field name', v);
        continue;
      }
      if (!(CONDITION_OPS as readonly string[]).includes(k))
        throw new Problem(
          `unknown condition ${JSON.stringify(k)} (gt, gte, lt, lte, eq, field)`,
          pair.key as YamlNode,
        );
      const n = isScalar(v) ? v.value : undefined;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
        throw new Problem(`condition ${k} must be a whole number`, v);
      condition[k as keyof CountCondition] = n;
    }
  }
  const condAt = (condNode as YamlNode) ?? section;
  if (t === 'event_count' || t === 'value_count') {
    if (Object.keys(condition).length === 0)
      throw new Problem(`a ${t} correlation needs a \`condition\` such as {gte: 10}`, condAt);
  }
  if (t === 'absence') {
    // Nothing is counted: the expected event arrived, or it did not.
    if (condNode !== undefined && condNode !== null)
      throw new Problem(
        'an absence correlation takes no condition: it fires when none of its rules matched within the timespan',
        condAt,
      );
  }
  if (t === 'value_count' && field === undefined)
    throw new Problem('a value_count correlation needs `field` in its condition', condAt);
  if (t !== 'value_count' && field !== undefined)
    throw new Problem(`\`field\` is for value_count correlations, not ${t}`, condAt);
  if (t === 'temporal_ordered' && Object.keys(condition).length > 0)
    throw new Problem(
      'a temporal_ordered correlation takes no condition: all its rules must match, in order',
      condAt,
    );
  if (t === 'temporal' && Object.keys(condition).length === 0) condition.gte = rules.length;
  if (t === 'temporal_ordered') condition.gte = rules.length;
  // Evaluated as events arrive: a condition that one event satisfies (lt, lte alone) would
  // alert on every first event, and its real meaning needs the window's end.
  if (t !== 'absence' && conditionHolds(condition, 1))
    throw new Problem(
      'a condition that a single event satisfies (lt or lte alone) needs the end of the window, which the stream does not wait for: give a lower bound (gt or gte)',
      condAt,
    );
  if (
    t !== 'absence' &&
    !conditionHolds(condition, Number.MAX_SAFE_INTEGER) &&
    !anyCountHolds(condition)
  )
    throw new Problem('no count satisfies this condition', condAt);

  const aliases: Record<string, Record<string, string>> = {};
  const aliasAt: Record<string, Record<string, SigmaProblem>> = {};
  const aliasNode = get('aliases');
  if (aliasNode !== undefined && aliasNode !== null) {
    if (!isMap(aliasNode))
      throw new Problem(
        '`aliases` maps an alias to {rule: field} for the rules it stands for',
        aliasNode as YamlNode,
      );
    for (const pair of aliasNode.items) {
      const alias = scalarString(pair.key);
      if (alias === undefined) throw new Problem('an alias is a name', pair.key as YamlNode);
      if (!isMap(pair.value))
        throw new Problem(`alias ${alias}: a map of rule → field`, pair.value as YamlNode);
      aliases[alias] = {};
      aliasAt[alias] = {};
      for (const p of pair.value.items) {
        const ref = scalarString(p.key);
        const f = scalarString(p.value);
        if (ref === undefined || f === undefined || f === '')
          throw new Problem(`alias ${alias}: each entry is rule: field`, p.key as YamlNode);
        aliases[alias][ref] = f;
        aliasAt[alias][ref] = at(p.key as YamlNode, '');
      }
    }
  }

  // Sigma puts `generate` beside `correlation`; inside it is accepted too.
  const genNode = root.get('generate', true) ?? get('generate');
  let generate = false;
  if (genNode !== undefined && genNode !== null) {
    if (!isScalar(genNode) || typeof genNode.value !== 'boolean')
      throw new Problem('`generate` is true or false', genNode as YamlNode);
    generate = genNode.value;
  }

  return {
    correlation: {
      ...meta,
      kind: 'correlation',
      type: t,
      rules,
      group_by,
      ...(Object.keys(aliases).length > 0 ? { aliases } : {}),
      timespan_s,
      condition,
      ...(field !== undefined ? { field } : {}),
      generate,
      ...(after ? { after: after.refs } : {}),
    },
    ruleAt,
    ...(after ? { afterAt: after.refAt } : {}),
    aliasAt,
  };
}

/** A list (or one) of rule references, with where each is written. */
function references(
  node: unknown,
  missing: string,
  section: YamlNode,
  at: At,
): { refs: string[]; refAt: SigmaProblem[] } {
  const refNodes: unknown[] = isSeq(node) ? node.items : isScalar(node) ? [node] : [];
  if (refNodes.length === 0) throw new Problem(missing, (node as YamlNode) ?? section);
  if (refNodes.length > MAX_REFERENCES)
    throw new Problem(`more than ${MAX_REFERENCES} rules`, node as YamlNode);
  const refs: string[] = [];
  const refAt: SigmaProblem[] = [];
  for (const n of refNodes) {
    const ref = scalarString(n);
    if (ref === undefined || ref === '')
      throw new Problem('a rule reference is a file name, id or name', n as YamlNode);
    if (refs.includes(ref)) throw new Problem(`${ref} is listed twice`, n as YamlNode);
    refs.push(ref);
    refAt.push(at(n as YamlNode, ''));
  }
  return { refs, refAt };
}

/** Some count from 2 up satisfies the condition (the bounds are few and small: try around them). */
function anyCountHolds(c: CountCondition): boolean {
  const marks = Object.values(c).flatMap((n) => [n - 1, n, n + 1]);
  return marks.some((n) => n >= 2 && conditionHolds(c, n));
}

/**
 * The drafts' references resolved against the compiled Sigma rules: by file name first,
 * then `id`, then `name`. A reference to nothing, or to another correlation, is a problem
 * at the reference. Returns the correlations that resolved and the problems.
 */
export function resolveCorrelations(
  drafts: readonly CorrelationDraft[],
  rules: readonly CompiledSigma[],
): { correlations: CompiledCorrelation[]; problems: SigmaProblem[] } {
  const byName = new Map(rules.map((r) => [r.name, r.name]));
  const byId = new Map(rules.flatMap((r) => (r.id ? [[r.id, r.name] as const] : [])));
  const bySigmaName = new Map(
    rules.flatMap((r) => (r.sigma_name ? [[r.sigma_name, r.name] as const] : [])),
  );
  const correlationNames = new Set(
    drafts.flatMap((d) => [d.correlation.name, d.correlation.id ?? '']),
  );
  const resolve = (ref: string) => byName.get(ref) ?? byId.get(ref) ?? bySigmaName.get(ref);
  const correlations: CompiledCorrelation[] = [];
  const problems: SigmaProblem[] = [];
  const named = new Map<string, string>(rules.map((r) => [r.name, r.file]));
  for (const d of drafts) {
    const mine: SigmaProblem[] = [];
    // Alerts are told apart by rule name: a correlation's must be its own.
    const other = named.get(d.correlation.name);
    if (other !== undefined)
      mine.push({
        file: d.correlation.file,
        line: 1,
        column: 1,
        message: `the rule name ${d.correlation.name} is also ${other}'s: rename one file`,
      });
    named.set(d.correlation.name, d.correlation.file);
    const missing = (pos: SigmaProblem, ref: string) =>
      mine.push({
        ...pos,
        message: correlationNames.has(ref)
          ? `${ref} is a correlation rule: chaining correlations is not supported; reference its Sigma rules`
          : `${ref} names no Sigma rule under the rules folder (by file name without .yml, id or name)`,
      });
    const rulesResolved = d.correlation.rules.map((ref, i) => {
      const name = resolve(ref);
      if (name === undefined) missing(d.ruleAt[i]!, ref);
      return name ?? ref;
    });
    const afterResolved = d.correlation.after?.map((ref, i) => {
      const name = resolve(ref);
      if (name === undefined) missing(d.afterAt![i]!, ref);
      else if (rulesResolved.includes(name))
        mine.push({
          ...d.afterAt![i]!,
          message: `${ref} is ${name}, also in \`rules\`: a rule either starts the wait or ends it`,
        });
      return name ?? ref;
    });
    const referenced = [...rulesResolved, ...(afterResolved ?? [])];
    let aliases: Record<string, Record<string, string>> | undefined;
    if (d.correlation.aliases) {
      aliases = {};
      for (const [alias, map] of Object.entries(d.correlation.aliases)) {
        aliases[alias] = {};
        for (const [ref, f] of Object.entries(map)) {
          const name = resolve(ref);
          if (name === undefined) missing(d.aliasAt[alias]![ref]!, ref);
          else if (!referenced.includes(name))
            mine.push({
              ...d.aliasAt[alias]![ref]!,
              message: `alias ${alias}: ${ref} is not among the correlation's rules`,
            });
          else aliases[alias][name] = f;
        }
      }
    }
    if (new Set(rulesResolved).size !== rulesResolved.length)
      mine.push({
        ...d.ruleAt[0]!,
        message: 'two references name the same rule',
      });
    problems.push(...mine);
    if (mine.length === 0)
      correlations.push({
        ...d.correlation,
        rules: rulesResolved,
        ...(afterResolved ? { after: afterResolved } : {}),
        ...(aliases ? { aliases } : {}),
      });
  }
  return { correlations, problems };
}

/**
 * A Sigma rule file (specification v2) compiled into the JSON the rule processor runs
 * (src/processors/sigma/compiled.ts): the YAML read with positions, the detection's maps,
 * lists, keywords and modifiers turned into tests, the condition parsed, the logsource
 * mapped to logs.json names, and the rule's settings taken from conf/sigma.json. Every
 * problem names the file, line and column; nothing is left out quietly.
 */
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Node as YamlNode,
} from 'yaml';
import {
  SIGMA_FORMAT,
  type CompiledSigma,
  type Expr,
  type Test,
} from '../processors/sigma/compiled.js';
import type { SigmaConfig, SigmaRuleSettings } from '../processors/config/types.js';
import { SEVERITIES } from '../rules-api/index.js';
import { ConditionError, parseCondition } from './condition.js';
import { compileCorrelation, type CorrelationDraft } from './correlation.js';
import { Problem, type SigmaProblem } from './problem.js';
import { describeEntry, logsourceTable, mapLogsource, type RuleLogsource } from './logsources.js';
import { fieldTests, ValueError, type FieldTests } from './values.js';

export { formatSigmaProblem, type SigmaProblem } from './problem.js';

export interface SigmaContext {
  /** logs.json names (a rule's logs must be among them). */
  logs: readonly string[];
  conf: SigmaConfig;
}

/** The longest detection a rule may have (search identifiers × values), against hostile files. */
const MAX_TESTS = 20_000;

type Scalar = string | number | boolean | null;

function scalarOf(node: unknown, what: string): Scalar {
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  if (node === null || node === undefined) return null;
  throw new Problem(`${what} must be a string, number, boolean or null`, node as YamlNode);
}

const settingKeys = [
  'outputs',
  'merge_by_keys',
  'merge_window_mins',
  'threshold',
  'staged',
] as const;

const tagMatches = (pattern: string, tag: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\-]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i').test(
    tag,
  );

/** The rule's settings: defaults, then its tags' (in the rule's tag order), then its own entry; outputs add up. */
export function settingsFor(
  name: string,
  tags: readonly string[],
  conf: SigmaConfig,
): SigmaRuleSettings {
  const layers: SigmaRuleSettings[] = [conf.defaults];
  for (const tag of tags)
    for (const [pattern, s] of Object.entries(conf.tags))
      if (tagMatches(pattern, tag)) layers.push(s);
  if (Object.hasOwn(conf.rules, name)) layers.push(conf.rules[name]!);
  const out: { -readonly [K in keyof SigmaRuleSettings]: SigmaRuleSettings[K] } = {};
  const outputs = new Set<string>();
  for (const layer of layers) {
    for (const o of layer.outputs ?? []) outputs.add(o);
    for (const k of settingKeys)
      if (k !== 'outputs' && layer[k] !== undefined) (out as Record<string, unknown>)[k] = layer[k];
  }
  return { ...out, outputs: [...outputs] };
}

function compileSearch(node: unknown, conf: SigmaConfig, count: { tests: number }): Expr {
  const note = (n: number) => {
    count.tests += n;
    if (count.tests > MAX_TESTS)
      throw new Problem(`the detection has more than ${MAX_TESTS} values`, node as YamlNode);
  };
  const keywordList = (items: Scalar[], mods: string[], at: YamlNode): Expr => {
    try {
      const t = fieldTests(mods, items, conf.placeholders, true);
      note(t.groups.flat().length);
      return groupsToExpr(undefined, t);
    } catch (err) {
      if (err instanceof ValueError) throw new Problem(err.message, at);
      throw err;
    }
  };
  if (isMap(node)) {
    if (node.items.length === 0) throw new Problem('an empty search identifier', node);
    const parts: Expr[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode;
      const key = isScalar(keyNode) ? keyNode.value : undefined;
      if (typeof key !== 'string' && typeof key !== 'number')
        throw new Problem('a field name must be a string', keyNode);
      const [field, ...mods] = String(key).split('|');
      const valueNode = pair.value as YamlNode | null;
      const values: Scalar[] = isSeq(valueNode)
        ? valueNode.items.map((n) => scalarOf(n, 'a value'))
        : [scalarOf(valueNode, 'a value')];
      if (isSeq(valueNode) && values.length === 0)
        throw new Problem('an empty list of values matches nothing', valueNode);
      if (field === '') {
        parts.push(keywordList(values, mods, keyNode));
        continue;
      }
      try {
        const t = fieldTests(mods, values, conf.placeholders, false);
        note(t.groups.flat().length);
        parts.push(groupsToExpr(field, t));
      } catch (err) {
        if (err instanceof ValueError) throw new Problem(`${field}: ${err.message}`, keyNode);
        throw err;
      }
    }
    return parts.length === 1 ? parts[0]! : { and: parts };
  }
  if (isSeq(node)) {
    if (node.items.length === 0) throw new Problem('an empty search identifier', node);
    const keywords: Scalar[] = [];
    const parts: Expr[] = [];
    for (const item of node.items) {
      if (isMap(item)) parts.push(compileSearch(item, conf, count));
      else keywords.push(scalarOf(item, 'a keyword'));
    }
    if (keywords.length > 0) parts.unshift(keywordList(keywords, [], node));
    return parts.length === 1 ? parts[0]! : { or: parts };
  }
  throw new Problem(
    'a search identifier must be a map of fields or a list (of keywords or maps)',
    node as YamlNode,
  );
}

function groupsToExpr(field: string | undefined, t: FieldTests): Expr {
  const one = (tests: Test[], all: boolean): Expr =>
    field === undefined
      ? { keywords: tests, ...(all ? { all: true as const } : {}) }
      : {
          field,
          tests,
          ...(all ? { all: true as const } : {}),
          ...(t.part ? { part: t.part } : {}),
        };
  let e: Expr;
  if (t.all && t.groups.some((g) => g.length > 1))
    // Each value must match, each through any of its expansions.
    e = { and: t.groups.map((g) => one(g, false)) };
  else e = one(t.groups.flat(), t.all);
  return t.neq ? { not: e } : e;
}

const stringList = (node: unknown, what: string): string[] | undefined => {
  if (node === undefined || node === null) return undefined;
  if (!isSeq(node) || !node.items.every((n) => isScalar(n) && typeof n.value === 'string'))
    throw new Problem(`${what} must be a list of strings`, node as YamlNode);
  return node.items.map((n) => (n as { value: string }).value);
};

/**
 * The compiled rule of one Sigma file, or its problems. `name` is the file name without its
 * extension; `file` is how messages name the file.
 */
export function compileSigma(
  text: string,
  file: string,
  name: string,
  ctx: SigmaContext,
): { rule?: CompiledSigma; correlation?: CorrelationDraft; problems: SigmaProblem[] } {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true });
  const at = (node: YamlNode | undefined, message: string, offset = 0): SigmaProblem => {
    const pos = lines.linePos((node?.range?.[0] ?? 0) + offset);
    return { file, line: pos.line, column: pos.col, message };
  };
  if (!Array.isArray(docs))
    return { problems: [{ file, line: 1, column: 1, message: 'not a YAML document' }] };
  const errors = docs.flatMap((d) => d.errors);
  if (errors.length > 0)
    return {
      problems: errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        return {
          file,
          line: pos.line,
          column: pos.col,
          message: `YAML: ${e.message.split('\n')[0]}`,
        };
      }),
    };
  const real = docs.filter((d) => d.contents !== null);
  if (real.length !== 1)
    return {
      problems: [
        at(
          real[1]?.contents ?? undefined,
          real.length === 0
            ? 'empty file: a Sigma rule goes here'
            : 'one Sigma rule per file (rule collections of several documents are Sigma 1.0)',
        ),
      ],
    };
  const root = real[0]!.contents;
  try {
    if (!isMap(root))
      throw new Problem(
        'a Sigma rule is a map (title, logsource, detection, ...)',
        root ?? undefined,
      );
    const get = (key: string): unknown => root.get(key, true);
    const keyNode = (key: string) =>
      root.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key)?.key as
        YamlNode | undefined;
    if (get('filter') !== undefined && get('detection') === undefined)
      throw new Problem('Sigma filters are not supported; this file is not run', keyNode('filter'));
    const title = get('title');
    if (!isScalar(title) || typeof title.value !== 'string' || title.value === '')
      throw new Problem('a Sigma rule needs a `title` (a string)', (title as YamlNode) ?? root);
    const optionalString = (key: string): string | undefined => {
      const n = get(key);
      if (n === undefined || n === null) return undefined;
      if (!isScalar(n) || typeof n.value !== 'string')
        throw new Problem(`\`${key}\` must be a string`, n as YamlNode);
      return n.value;
    };
    const id = optionalString('id');
    const description = optionalString('description');
    const level = optionalString('level');
    if (level !== undefined && !(SEVERITIES as readonly string[]).includes(level))
      throw new Problem(
        `\`level\` must be one of ${SEVERITIES.join(', ')}`,
        get('level') as YamlNode,
      );
    const tags = stringList(get('tags'), '`tags`');
    const references = stringList(get('references'), '`references`');
    // Sigma's `name`: correlation rules may refer to the rule by it.
    const sigmaName = optionalString('name');

    if (get('correlation') !== undefined) {
      if (get('detection') !== undefined)
        throw new Problem(
          'a file is a Sigma rule (detection) or a correlation rule (correlation), not both',
          keyNode('correlation'),
        );
      const settings = settingsFor(name, tags ?? [], ctx.conf);
      const draft = compileCorrelation(root, at, {
        format: SIGMA_FORMAT,
        name,
        file,
        title: title.value,
        ...(description !== undefined ? { description } : {}),
        ...(id !== undefined ? { id } : {}),
        ...(level !== undefined ? { level } : {}),
        ...(tags !== undefined ? { tags } : {}),
        ...(references !== undefined ? { references } : {}),
        outputs: [...(settings.outputs ?? [])],
        ...(settings.staged === true ? { staged: true } : {}),
      });
      return { correlation: draft, problems: [] };
    }

    // logsource → logs
    const ls = get('logsource');
    if (!isMap(ls))
      throw new Problem(
        'a Sigma rule needs a `logsource` map',
        (ls as YamlNode) ?? keyNode('logsource') ?? root,
      );
    const source: RuleLogsource = {};
    for (const k of ['product', 'service', 'category'] as const) {
      const v = ls.get(k, true);
      if (v === undefined || v === null) continue;
      if (!isScalar(v) || typeof v.value !== 'string')
        throw new Problem(`logsource ${k} must be a string`, v as YamlNode);
      source[k] = v.value;
    }
    const table = logsourceTable(ctx.conf);
    const mapped = mapLogsource(source, ctx.conf);
    const described = Object.entries(source)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
    if (mapped.length === 0)
      throw new Problem(
        `logsource (${described || 'empty'}) maps to no log: map it in conf/sigma.json "logsources" (known: ${table.map(describeEntry).join('; ')})`,
        keyNode('logsource'),
      );
    const known = new Set(ctx.logs);
    const logs = mapped.filter((l) => known.has(l));
    if (logs.length === 0)
      throw new Problem(
        `logsource (${described}) maps to ${mapped.join(', ')}, none of which is in conf/logs.json: add the log, or map the logsource to yours in conf/sigma.json "logsources"`,
        keyNode('logsource'),
      );

    // detection
    const det = get('detection');
    if (!isMap(det))
      throw new Problem('a Sigma rule needs a `detection` map', (det as YamlNode) ?? root);
    const identifiers = new Map<string, Expr>();
    const count = { tests: 0 };
    let conditionNode: unknown;
    for (const pair of det.items) {
      const k = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof k !== 'string')
        throw new Problem('a search identifier must be a name', pair.key as YamlNode);
      if (k === 'condition') {
        conditionNode = pair.value;
        continue;
      }
      if (k === 'timeframe')
        throw new Problem(
          '`timeframe` is Sigma 1.0 aggregation; write a correlation rule',
          pair.key as YamlNode,
        );
      identifiers.set(k, compileSearch(pair.value, ctx.conf, count));
    }
    if (conditionNode === undefined)
      throw new Problem('the detection needs a `condition`', keyNode('detection'));
    const conditions: YamlNode[] = isSeq(conditionNode)
      ? (conditionNode.items as YamlNode[])
      : [conditionNode as YamlNode];
    const exprs = conditions.map((c) => {
      if (!isScalar(c) || typeof c.value !== 'string' || c.value.trim() === '')
        throw new Problem('a condition is a string such as "selection and not filter"', c);
      try {
        return parseCondition(c.value, identifiers);
      } catch (err) {
        if (!(err instanceof ConditionError)) throw err;
        // A plain or quoted one-line scalar: the offset within the text is the column.
        const quoted = c.type === 'QUOTE_DOUBLE' || c.type === 'QUOTE_SINGLE' ? 1 : 0;
        const oneLine = c.type === 'PLAIN' || quoted === 1;
        throw new Problem(`condition: ${err.message}`, c, oneLine ? err.offset + quoted : 0);
      }
    });
    const detection: Expr = exprs.length === 1 ? exprs[0]! : { or: exprs };
    const settings = settingsFor(name, tags ?? [], ctx.conf);
    const rule: CompiledSigma = {
      format: SIGMA_FORMAT,
      name,
      file,
      title: title.value,
      ...(description !== undefined ? { description } : {}),
      ...(id !== undefined ? { id } : {}),
      ...(level !== undefined ? { level } : {}),
      ...(tags !== undefined ? { tags } : {}),
      ...(references !== undefined ? { references } : {}),
      ...(sigmaName !== undefined ? { sigma_name: sigmaName } : {}),
      logs,
      outputs: [...(settings.outputs ?? [])],
      ...(settings.merge_by_keys ? { merge_by_keys: [...settings.merge_by_keys] } : {}),
      ...(settings.merge_window_mins !== undefined
        ? { merge_window_mins: settings.merge_window_mins }
        : {}),
      ...(settings.threshold !== undefined ? { threshold: settings.threshold } : {}),
      ...(settings.staged === true ? { staged: true } : {}),
      detection,
    };
    return { rule, problems: [] };
  } catch (err) {
    if (err instanceof Problem) return { problems: [at(err.node, err.message, err.extra)] };
    throw err;
  }
}

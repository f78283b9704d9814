/** IAM policy documents as planned: a JSON string attribute, known or not at plan time. */

export interface Statement {
  /** `Sid`, or `#<n>` (1-based) when the statement has none. */
  name: string;
  effect: string;
  actions: string[];
  resources: string[];
  /** `Principal` is `*` or `{"AWS": "*"}`. */
  anyPrincipal: boolean;
  /** Every principal is an account root (`arn:aws:iam::<account>:root`): the grant is delegated to IAM. */
  accountRootOnly: boolean;
  hasCondition: boolean;
}

const list = (v: unknown): string[] =>
  v === undefined
    ? []
    : (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');

function anyone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal && typeof principal === 'object')
    return Object.values(principal as Record<string, unknown>).some((p) => list(p).includes('*'));
  return false;
}

function rootOnly(principal: unknown): boolean {
  if (!principal || typeof principal !== 'object') return false;
  const all = Object.values(principal as Record<string, unknown>).flatMap(list);
  return all.length > 0 && all.every((p) => /^arn:aws[a-z-]*:iam::\d{12}:root$/.test(p));
}

/** The statements of a policy JSON string; [] when it is unknown or not a policy. */
export function statements(policy: unknown): Statement[] {
  if (typeof policy !== 'string' || policy.trim() === '') return [];
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    return [];
  }
  const raw = (doc as { Statement?: unknown } | null)?.Statement;
  const items = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return items
    .filter((s): s is Record<string, unknown> => !!s && typeof s === 'object')
    .map((s, i) => ({
      name: typeof s.Sid === 'string' && s.Sid !== '' ? s.Sid : `#${i + 1}`,
      effect: typeof s.Effect === 'string' ? s.Effect : '',
      actions: list(s.Action),
      resources: list(s.Resource),
      anyPrincipal: anyone(s.Principal),
      accountRootOnly: rootOnly(s.Principal),
      hasCondition: !!s.Condition && Object.keys(s.Condition as object).length > 0,
    }));
}

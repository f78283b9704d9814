/**
 * Masking of secret values in text bound for the comment, the job summary or the log.
 * Terraform already prints `(sensitive value)` for what a provider or the configuration
 * marks sensitive; this is the guardrail for what nobody marked (Atlantis #163, Digger
 * #2677): secrets the action knows, and the `mask-patterns` input.
 */

export const MASK = '***';

/**
 * The forms a known secret can take in plan text: as is, JSON/HCL-escaped (a secret with
 * `"` or `\` is printed escaped inside a quoted string), and — for a multi-line secret such
 * as a PEM key — each of its lines, since a heredoc shows them one by one with its own
 * indentation. Lines shorter than 4 characters (`-----`, `}`) are too common to mask.
 */
function secretForms(secret: string): string[] {
  const forms = new Set<string>();
  if (secret.trim() === '') return [];
  forms.add(secret);
  forms.add(JSON.stringify(secret).slice(1, -1));
  if (/[\r\n]/.test(secret)) {
    for (const line of secret.split(/\r?\n/)) {
      if (line.trim().length >= 4) forms.add(line.trim());
    }
  }
  return [...forms];
}

/**
 * Replaces every occurrence of a known secret and every pattern match with `***`. Longer
 * secrets are replaced first, so a secret that contains another is masked whole instead
 * of leaving its remainder. A pattern with a named group `secret` masks only that group
 * (`password = "(?<secret>[^"]+)"` keeps `password = "***"` readable).
 */
export function maskSecrets(
  text: string,
  secrets: readonly string[],
  patterns: readonly RegExp[],
): string {
  const forms = [...new Set(secrets.flatMap(secretForms))].sort(
    (a, b) => b.length - a.length || (a < b ? -1 : 1),
  );
  let out = text;
  for (const form of forms) out = out.split(form).join(MASK);
  for (const pattern of patterns) out = maskMatches(out, pattern);
  return out;
}

/** Masks each non-empty match of `pattern` (or its `secret` group) in `text`. */
function maskMatches(text: string, pattern: RegExp): string {
  // `d` gives the group's own position: the group text may also occur earlier in the match.
  const flags = [...new Set(`${pattern.flags}gd`)].join('');
  let out = '';
  let last = 0;
  for (const match of text.matchAll(new RegExp(pattern.source, flags))) {
    const span =
      match.indices?.groups?.secret ??
      (match.groups?.secret === undefined ? match.indices?.[0] : undefined);
    if (!span || span[0] === span[1]) continue;
    out += text.slice(last, span[0]) + MASK;
    last = span[1];
  }
  return out + text.slice(last);
}

/**
 * One mask pattern from the user (a `mask-patterns` line, a `--mask-pattern` value). Not a
 * valid regular expression, or matching the empty string (it would mask nothing, or
 * everything), is an error naming `where`, raised before any plan text can leak.
 */
export function compileMaskPattern(source: string, where: string): RegExp {
  let pattern: RegExp;
  try {
    pattern = new RegExp(source, 'g');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${where}: not a valid regular expression (${reason})`, { cause: error });
  }
  if (new RegExp(source).test(''))
    throw new Error(`${where}: the pattern matches the empty string`);
  return pattern;
}

/**
 * The `mask-patterns` input: one regular expression per non-empty line (surrounding
 * whitespace ignored, as YAML block scalars add it); errors name the line.
 */
export function parseMaskPatterns(input: string): RegExp[] {
  const patterns: RegExp[] = [];
  input.split(/\r?\n/).forEach((raw, index) => {
    const source = raw.trim();
    if (source !== '') patterns.push(compileMaskPattern(source, `mask-patterns line ${index + 1}`));
  });
  return patterns;
}

/** Environment variables that hold credentials whenever they are set. */
export const SECRET_ENV_VARS = [
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'INPUT_GITHUB-TOKEN',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ARM_CLIENT_SECRET',
] as const;

/**
 * The secrets this process can know from its environment: the variables above and
 * Terraform's host tokens (TF_TOKEN_<host>). Values under 4 characters are left out: they
 * would mask ordinary text.
 */
export function environmentSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  const names = [...SECRET_ENV_VARS, ...Object.keys(env).filter((k) => k.startsWith('TF_TOKEN_'))];
  return [
    ...new Set(
      names.map((n) => env[n]).filter((v): v is string => typeof v === 'string' && v.length >= 4),
    ),
  ];
}

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
 * The `mask-patterns` input: one regular expression per non-empty line (surrounding
 * whitespace ignored, as YAML block scalars add it). A line that is not a valid regular
 * expression, or that matches the empty string (it would mask nothing, or everything),
 * is an error naming the line, raised before any plan text can leak.
 */
export function parseMaskPatterns(input: string): RegExp[] {
  const patterns: RegExp[] = [];
  input.split(/\r?\n/).forEach((raw, index) => {
    const source = raw.trim();
    if (source === '') return;
    let pattern: RegExp;
    try {
      pattern = new RegExp(source, 'g');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `mask-patterns line ${index + 1}: not a valid regular expression (${reason})`,
        {
          cause: error,
        },
      );
    }
    if (new RegExp(source).test('')) {
      throw new Error(`mask-patterns line ${index + 1}: the pattern matches the empty string`);
    }
    patterns.push(pattern);
  });
  return patterns;
}

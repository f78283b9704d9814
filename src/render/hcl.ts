/**
 * HCL literals for values that come from configuration. Every configuration string goes
 * through `hclString`, so `${...}` and `%{...}` reach Terraform as literal text and
 * a quote or newline cannot end the string early.
 */

export function hclString(value: string): string {
  const body = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    // HCL has no \b or \f; every other control character goes as \uNNNN.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    // Function replacements: in a replacement string "$$" would itself mean one "$".
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
  return `"${body}"`;
}

export type HclValue = string | number | boolean | null | HclValue[];

export function hclLiteral(value: HclValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot render ${value} as an HCL number`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return `[${value.map(hclLiteral).join(', ')}]`;
}

import { describe, expect, it } from 'vitest';
import { hclLiteral, hclString } from '../../src/render/hcl.js';

describe('HCL literals', () => {
  it('turns template sequences into their escaped, literal form', () => {
    expect(hclString('${file("/etc/passwd")}')).toBe('"$${file(\\"/etc/passwd\\")}"');
    expect(hclString('%{ if true }x%{ endif }')).toBe('"%%{ if true }x%%{ endif }"');
    // An already escaped sequence stays literal too: HCL reads "$$${" as "$" + "${".
    expect(hclString('$${x}')).toBe('"$$${x}"');
  });

  it('keeps quotes, backslashes and control characters inside the string', () => {
    expect(hclString('a"b\\c\nd\te\u0001')).toBe('"a\\"b\\\\c\\nd\\te\\u0001"');
  });

  it('renders lists, numbers, booleans and null', () => {
    expect(hclLiteral(['a', 'b'])).toBe('["a", "b"]');
    expect(hclLiteral([])).toBe('[]');
    expect(hclLiteral(25)).toBe('25');
    expect(hclLiteral(false)).toBe('false');
    expect(hclLiteral(null)).toBe('null');
    expect(() => hclLiteral(Number.NaN)).toThrow(/NaN/);
  });
});

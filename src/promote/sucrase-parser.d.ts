/**
 * The part of sucrase's parser promote's edit uses (src/promote/edit.ts). Sucrase ships
 * these modules (dist/parser) without declarations at these paths; the shapes are those of
 * its dist/types/parser.
 */
declare module 'sucrase/dist/parser/index.js' {
  export interface Token {
    type: number;
    start: number;
    end: number;
    isType: boolean;
    /** Shared by an object literal's braces and its keys. */
    contextId: number | null;
    /** 10 (ObjectKey) for an object literal's keys. */
    identifierRole: number | null;
  }
  export function parse(
    input: string,
    isJSXEnabled: boolean,
    isTypeScriptEnabled: boolean,
    isFlowEnabled: boolean,
  ): { tokens: Token[] };
}

declare module 'sucrase/dist/parser/tokenizer/types.js' {
  export const TokenType: Record<
    'name' | 'string' | 'colon' | 'comma' | 'braceR' | 'backQuote' | 'template' | '_true',
    number
  >;
}

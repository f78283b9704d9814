/**
 * The rules for reading what a user typed, shared by both doors: the action's inputs
 * (src/action/settings.ts) and the CLI's flags (src/cli/args.ts) go through the same
 * functions, so `aws-endpoint`, `clusters`, `parallelism`, `backend-config` and the mask
 * patterns mean the same in a workflow and on a laptop. `name` is how the user wrote the
 * setting (`input aws-endpoint`, `--aws-endpoint`): every error starts with it.
 */
import { availableParallelism } from 'node:os';
import { FAIL_ON_VALUES, type FailOn } from '../findings/severity.js';
import { compileMaskPattern } from '../report/mask.js';

/** A setting the user gave is unusable; the CLI exits 2 on it, the action fails the step. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** An http(s) URL, without trailing slashes (the rendered roots append paths to it). */
export function parseAwsEndpoint(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  // The URL parser drops line breaks and tabs; the endpoint is written into each root's
  // shared config file (src/render/endpoint-config.ts), where they would add settings.
  if (!/^[!-~]+$/.test(value.trim()) || /[#;"'\\]/.test(value.trim()))
    throw new InputError(
      `${name}: ${JSON.stringify(value.trim())} holds a space, control character, non-ASCII character or one of # ; " ' \\ (expected e.g. http://127.0.0.1:4566)`,
    );
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new InputError(`${name}: "${value}" is not a URL (expected e.g. http://127.0.0.1:4566)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(
      `${name}: "${value}" must be an http or https URL (e.g. http://127.0.0.1:4566)`,
    );
  }
  return value.trim().replace(/\/+$/, '');
}

/** `none` (the default), `high` or `medium`: the lowest severity of a new finding that fails the check. */
export function parseFailOn(value: string | undefined, name: string): FailOn {
  const v = (value ?? '').trim() || 'none';
  if (!(FAIL_ON_VALUES as readonly string[]).includes(v))
    throw new InputError(`${name}: "${value}" is not one of ${FAIL_ON_VALUES.join(', ')}`);
  return v as FailOn;
}

/** Root names separated by commas and/or whitespace (a YAML block scalar gives newlines); empty means all. */
export function parseClusters(value: string | undefined): string[] {
  return [...new Set((value ?? '').split(/[\s,]+/).filter(Boolean))];
}

/** A comma- or whitespace-separated list, each entry once, trailing slashes dropped. */
export function parseList(value: string | undefined): string[] {
  return [
    ...new Set(
      (value ?? '')
        .split(/[\s,]+/)
        .map((v) => v.replace(/\/+$/, ''))
        .filter(Boolean),
    ),
  ];
}

/** A whole number >= 1; the number of CPUs when not given. */
export function parseParallelism(value: string | undefined, name: string): number {
  if (value === undefined || value.trim() === '') return availableParallelism();
  const n = Number(value.trim());
  if (!Number.isInteger(n) || n < 1)
    throw new InputError(`${name}: "${value}" is not a whole number >= 1`);
  return n;
}

/** `matrix-jobs`: a whole number from 1 to 256 (GitHub's matrix limit); undefined when not given. */
export function parseMatrixJobs(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value.trim());
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new InputError(`${name}: "${value}" is not a whole number from 1 to 256`);
  return n;
}

/** A whole number >= 0 (promote's quiet-threshold, promote-after-hours); `fallback` when not given. */
export function parseCount(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value.trim());
  if (!Number.isInteger(n) || n < 0)
    throw new InputError(`${name}: "${value}" is not a whole number >= 0`);
  return n;
}

/** Non-empty lines, trimmed; `#` starts a comment line. */
export function inputLines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/**
 * `key=value` entries for `terraform init -backend-config`. A bad entry is named by its
 * key only: the value may be a credential.
 */
export function parseBackendConfig(entries: readonly string[], name: string): string[] {
  entries.forEach((entry, i) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(entry)) {
      throw new InputError(
        `${name} #${i + 1}: "${entry.split('=')[0]}…" is not key=value (e.g. bucket=my-state-bucket)`,
      );
    }
  });
  return [...entries];
}

function maskPattern(source: string, where: string): RegExp {
  try {
    return compileMaskPattern(source, where);
  } catch (err) {
    throw new InputError((err as Error).message);
  }
}

/** Repeated flags, one regular expression each; errors say `name #n`. */
export function parseMaskPatterns(sources: readonly string[], name: string): RegExp[] {
  return sources.map((source, i) => maskPattern(source, `${name} #${i + 1}`));
}

/**
 * One regular expression per non-empty line (surrounding whitespace ignored, as YAML block
 * scalars add it; a pattern may start with `#`); errors say `name line n`.
 */
export function parseMaskPatternLines(value: string, name: string): RegExp[] {
  const patterns: RegExp[] = [];
  value.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() !== '') patterns.push(maskPattern(raw.trim(), `${name} line ${i + 1}`));
  });
  return patterns;
}

/** `true`/`false` (any case); `fallback` when not given. */
export function parseBoolean(value: string | undefined, name: string, fallback: boolean): boolean {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '') return fallback;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new InputError(`${name}: "${value}" is not true or false`);
}

/** A number > 0 and <= `max` (fractions allowed: 0.5 hours); `fallback` when not given. */
export function parseBoundedNumber(
  value: string | undefined,
  name: string,
  fallback: number,
  max: number,
): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value.trim());
  if (!Number.isFinite(n) || n <= 0 || n > max)
    throw new InputError(`${name}: "${value}" is not a number above 0 and at most ${max}`);
  return n;
}

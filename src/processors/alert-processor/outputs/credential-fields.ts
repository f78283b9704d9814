/**
 * Reading a credential's JSON fields, as StreamAlert stored them (every value a string:
 * `"yes"`/`"no"` flags, comma-separated lists) or as JSON natives. A problem names the
 * field, never its value, and is a PermanentError: retrying cannot fix a credential.
 */
import { checkedUrl, PermanentError, secretObject } from './http.js';

export type Fields = Record<string, unknown>;

/** The credential as a JSON object; `shape` describes it for the error when it is not one. */
export function credentialObject(value: string, shape: string): Fields {
  let obj: Fields | undefined;
  try {
    obj = secretObject(value);
  } catch (err) {
    throw new PermanentError((err as Error).message);
  }
  if (!obj) throw new PermanentError(`secret is not JSON ${shape}`);
  return obj;
}

export function requiredString(obj: Fields, key: string): string {
  const v = obj[key];
  if (typeof v !== 'string' || v.trim() === '')
    throw new PermanentError(`secret JSON has no "${key}" string`);
  return v.trim();
}

export function optionalString(obj: Fields, key: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new PermanentError(`secret JSON "${key}" is not a string`);
  return v.trim();
}

/** A base URL (https, or http to loopback), without the trailing slash. */
export function baseUrl(
  obj: Fields,
  key: string,
  fallback: string | undefined,
  what: string,
): string {
  const url =
    fallback === undefined ? requiredString(obj, key) : (optionalString(obj, key) ?? fallback);
  try {
    checkedUrl(url, what);
  } catch (err) {
    throw new PermanentError((err as Error).message);
  }
  return url.replace(/\/+$/, '');
}

/** StreamAlert's "yes"/"no" (also true/false, "true"/"false"); absent is `fallback`. */
export function flag(obj: Fields, key: string, fallback: boolean): boolean {
  const v = obj[key];
  if (v === undefined || v === null || v === '') return fallback;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(yes|true)$/i.test(v.trim())) return true;
  if (typeof v === 'string' && /^(no|false)$/i.test(v.trim())) return false;
  throw new PermanentError(`secret JSON "${key}" must be "yes" or "no"`);
}

/** A comma-separated string (StreamAlert's form) or an array of strings; absent is []. */
export function stringList(obj: Fields, key: string): string[] {
  const v = obj[key];
  if (v === undefined || v === null || v === '') return [];
  const items = typeof v === 'string' ? v.split(',') : Array.isArray(v) ? v : undefined;
  if (!items || !items.every((x) => typeof x === 'string'))
    throw new PermanentError(
      `secret JSON "${key}" must be a comma-separated string or a list of strings`,
    );
  return items.map((x: string) => x.trim()).filter((x: string) => x !== '');
}

/** A JSON object given as an object or as JSON text (StreamAlert stored it as text). */
export function jsonObject(obj: Fields, key: string): Fields {
  let v = obj[key];
  if (v === undefined || v === null || v === '') return {};
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      throw new PermanentError(`secret JSON "${key}" is not valid JSON text`);
    }
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new PermanentError(`secret JSON "${key}" must be a JSON object`);
  return v as Fields;
}

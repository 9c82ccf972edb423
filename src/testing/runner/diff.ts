// A small structural diff for expectations: where two JSON values differ, as JSONPath-like paths
// ($.items[2].sku) with the expected and actual value at each. `partial` is the outputContains rule:
// objects need only the expected members; arrays and scalars must match exactly (recursively partial).
import type { JsonValue } from '../../core/json.js';

export interface Difference {
  /** Where, as a JSONPath from the compared value: `$`, `$.order.total`, `$.items[2]`. */
  readonly path: string;
  /** The expected value there; undefined when the actual side has a member the expected side lacks. */
  readonly expected: JsonValue | undefined;
  /** The actual value there; undefined when it is missing. */
  readonly actual: JsonValue | undefined;
}

/** Every difference between expected and actual (exact, or partial: extra object members allowed). */
export function diffJson(expected: JsonValue, actual: JsonValue | undefined, partial = false): Difference[] {
  const differences: Difference[] = [];
  compare(expected, actual, '$', partial, differences);
  return differences;
}

function compare(expected: JsonValue | undefined, actual: JsonValue | undefined, path: string, partial: boolean, out: Difference[]): void {
  if (expected === undefined || actual === undefined) {
    if (expected !== actual) out.push({ path, expected, actual });
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const length = Math.max(expected.length, actual.length);
    for (let index = 0; index < length; index++) compare(expected[index], actual[index], `${path}[${index}]`, partial, out);
    return;
  }
  if (isObject(expected) && isObject(actual)) {
    for (const key of Object.keys(expected)) compare(expected[key], memberOf(actual, key), memberPath(path, key), partial, out);
    if (!partial) {
      for (const key of Object.keys(actual)) if (!(key in expected)) out.push({ path: memberPath(path, key), expected: undefined, actual: actual[key] });
    }
    return;
  }
  if (!sameScalar(expected, actual)) out.push({ path, expected, actual });
}

function sameScalar(expected: JsonValue, actual: JsonValue): boolean {
  if (typeof expected === 'object' || typeof actual === 'object') return expected === null && actual === null;
  return expected === actual;
}

function isObject(value: JsonValue): value is { readonly [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function memberOf(value: { readonly [key: string]: JsonValue }, key: string): JsonValue | undefined {
  return Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

function memberPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** A difference as one line: `$.total: expected 42, got 41` (missing members say so). */
export function describeDifference(difference: Difference): string {
  const show = (value: JsonValue | undefined): string => (value === undefined ? '(missing)' : truncate(JSON.stringify(value)));
  if (difference.actual === undefined) return `${difference.path}: expected ${show(difference.expected)}, got nothing`;
  if (difference.expected === undefined) return `${difference.path}: not expected, got ${show(difference.actual)}`;
  return `${difference.path}: expected ${show(difference.expected)}, got ${show(difference.actual)}`;
}

function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

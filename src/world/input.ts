// Reading an API request: each service names its own error code for a missing or mistyped field
// (SNS "InvalidParameter", SQS "MissingParameter", ...), so readers take a `fail` that builds it.
import type { JsonObject, JsonValue } from '../core/json.js';
import { isJsonObject } from '../core/json.js';

export type Fail = (message: string) => Error;

export function optionalString(input: JsonObject, field: string, fail: Fail): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw fail(`${field} must be a string`);
  return value;
}

export function requireString(input: JsonObject, field: string, fail: Fail, missing?: Fail): string {
  const value = optionalString(input, field, fail);
  if (value === undefined || value === '') throw (missing ?? fail)(`The request must contain the parameter ${field}.`);
  return value;
}

export function optionalNumber(input: JsonObject, field: string, fail: Fail): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) throw fail(`${field} must be a number`);
  return number;
}

export function optionalObject(input: JsonObject, field: string, fail: Fail): JsonObject | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (!isJsonObject(value)) throw fail(`${field} must be an object`);
  return value;
}

export function optionalArray(input: JsonObject, field: string, fail: Fail): JsonValue[] | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw fail(`${field} must be a list`);
  return value;
}

/** A string-to-string map such as queue or topic Attributes; numbers and booleans are written as strings. */
export function stringMap(input: JsonObject, field: string, fail: Fail): Record<string, string> {
  const value = optionalObject(input, field, fail) ?? {};
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string') out[key] = entry;
    else if (typeof entry === 'number' || typeof entry === 'boolean') out[key] = String(entry);
    else throw fail(`${field}.${key} must be a string`);
  }
  return out;
}

/**
 * A deep copy that leaves out undefined members, as JSON would (dynalite answers with
 * `ConsumedCapacity: undefined` and null-prototype objects): the world never shares objects with its
 * callers. A plain recursive copy costs a third of a JSON round trip.
 */
export function copyJson<T extends JsonValue>(value: T): T {
  return copyValue(value) as T;
}

function copyValue(value: JsonValue): JsonValue {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyValue);
  const out: JsonObject = {};
  for (const key in value) {
    const member = value[key];
    if (member === undefined) continue;
    if (key === '__proto__') Object.defineProperty(out, key, { value: copyValue(member), enumerable: true, writable: true, configurable: true });
    else out[key] = copyValue(member);
  }
  return out;
}

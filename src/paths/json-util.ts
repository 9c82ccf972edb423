// Small JSON helpers shared by the evaluators in src/paths/.
import { jsonTypeName, type JsonObject, type JsonValue } from '../core/json.js';

/**
 * Sets an own, enumerable property. A plain `obj[key] = value` with key "__proto__" would change
 * the object's prototype instead of adding a key, and definitions and payloads may hold that key.
 */
export function setOwn(obj: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

// Causes end up in history events and error outputs; a 256 KiB payload quoted whole helps nobody.
const MAX_SHOWN = 120;

/** "a string (\"abc\")", "an object ({\"a\":1})": the type and a short compact-JSON excerpt. */
export function describeValue(value: JsonValue): string {
  const type = jsonTypeName(value);
  if (value === null) return 'null';
  const json = JSON.stringify(value);
  const shown = json.length > MAX_SHOWN ? `${json.slice(0, MAX_SHOWN - 1)}…` : json;
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} (${shown})`;
}

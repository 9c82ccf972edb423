// The trust boundary for what integration code hands back (ARCHITECTURE.md 1.4): a local Lambda
// handler is user JavaScript and may return anything. One walk both checks that the value is JSON
// and copies it, so the engine owns its data from here on (principle 4: each integration result is
// cloned once, here) and a handler that later mutates what it returned cannot reach into the
// execution.
import type { JsonObject, JsonValue } from '../core/json.js';

/** A value that cannot be turned into JSON; `path` says where (`$`, `$.items[2]`). */
export class NotJsonError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'NotJsonError';
  }
}

/**
 * Checks and copies an untrusted value into a fresh JsonValue. Follows JSON.stringify where it is
 * lenient in a useful way — a top-level `undefined` becomes null (a handler that returns nothing),
 * `undefined` object members are left out, `toJSON()` is honoured (a Date becomes its ISO string,
 * as a real Lambda's serializer does) — and refuses what JSON.stringify would silently corrupt or
 * crash on: NaN and Infinity, bigint, functions, symbols, Maps/Sets and other class instances,
 * cycles, and `undefined` inside arrays.
 */
export function toJsonValue(value: unknown): JsonValue {
  return value === undefined ? null : copy(value, { objects: [], keys: [] });
}

/**
 * Where the walk is: the objects being copied (a cycle is one that appears again) and the keys
 * leading to the current value. The path text is only built for an error: a Map over 10,000
 * local functions copies 10,000 results, and building "$.a.b" strings for every member costs
 * more than the copy itself.
 */
interface Trail {
  readonly objects: object[];
  readonly keys: Array<string | number>;
}

function pathOf(trail: Trail): string {
  return trail.keys.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${key}`), '$');
}

function copy(value: unknown, trail: Trail): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new NotJsonError(pathOf(trail), `${value} is not a JSON number`);
      return value;
    case 'object':
      return value === null ? null : copyObject(value, trail);
    default:
      throw new NotJsonError(pathOf(trail), `a ${typeof value} is not a JSON value`);
  }
}

function copyObject(value: object, trail: Trail): JsonValue {
  if (trail.objects.includes(value)) throw new NotJsonError(pathOf(trail), 'the value refers to itself (a cycle)');
  const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return copy(toJSON.call(value) as unknown, trail);
  trail.objects.push(value);
  const copied = Array.isArray(value) ? copyArray(value as unknown[], trail) : copyMembers(value, trail);
  trail.objects.pop();
  return copied;
}

function copyArray(value: readonly unknown[], trail: Trail): JsonValue[] {
  const out = new Array<JsonValue>(value.length);
  for (let i = 0; i < value.length; i++) {
    trail.keys.push(i);
    const item = value[i];
    if (item === undefined) throw new NotJsonError(pathOf(trail), 'undefined is not a JSON value');
    out[i] = copy(item, trail);
    trail.keys.pop();
  }
  return out;
}

function copyMembers(value: object, trail: Trail): JsonObject {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    const kind = (value as { constructor?: { name?: unknown } }).constructor?.name;
    throw new NotJsonError(pathOf(trail), `a ${typeof kind === 'string' && kind !== '' ? kind : 'class instance'} is not a plain JSON object`);
  }
  const out: JsonObject = {};
  const members = value as Record<string, unknown>;
  for (const key in members) {
    if (!Object.hasOwn(members, key)) continue;
    const member = members[key];
    if (member === undefined) continue;
    trail.keys.push(key);
    const item = copy(member, trail);
    trail.keys.pop();
    // A plain assignment to "__proto__" would replace the prototype instead of adding the member.
    if (key === '__proto__') Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
    else out[key] = item;
  }
  return out;
}

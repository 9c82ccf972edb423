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
  return value === undefined ? null : copy(value, '$', new Set());
}

function copy(value: unknown, path: string, ancestors: Set<object>): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new NotJsonError(path, `${value} is not a JSON number`);
      return value;
    case 'object':
      return value === null ? null : copyObject(value, path, ancestors);
    default:
      throw new NotJsonError(path, `a ${typeof value} is not a JSON value`);
  }
}

function copyObject(value: object, path: string, ancestors: Set<object>): JsonValue {
  if (ancestors.has(value)) throw new NotJsonError(path, 'the value refers to itself (a cycle)');
  const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return copy(toJSON.call(value) as unknown, path, ancestors);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      return value.map((item: unknown, i) => {
        if (item === undefined) throw new NotJsonError(`${path}[${i}]`, 'undefined is not a JSON value');
        return copy(item, `${path}[${i}]`, ancestors);
      });
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const kind = (value as { constructor?: { name?: unknown } }).constructor?.name;
      throw new NotJsonError(path, `a ${typeof kind === 'string' && kind !== '' ? kind : 'class instance'} is not a plain JSON object`);
    }
    const out: JsonObject = {};
    for (const [key, member] of Object.entries(value)) {
      if (member === undefined) continue;
      const item = copy(member, `${path}.${key}`, ancestors);
      // A plain assignment to "__proto__" would replace the prototype instead of adding the member.
      if (key === '__proto__') Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
      else out[key] = item;
    }
    return out;
  } finally {
    ancestors.delete(value);
  }
}

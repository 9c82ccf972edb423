// The trust boundary for what integration code hands back (ARCHITECTURE.md 1.4): a local Lambda
// handler is user JavaScript and may return anything. One walk both checks that the value is JSON
// and copies it, so the engine owns its data from here on (principle 4: each integration result is
// cloned once, here) and a handler that later mutates what it returned cannot reach into the
// execution.
import { type JsonObject, type JsonValue, MAX_JSON_DEPTH } from '../core/json.js';

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

/** Steps of a path shown at each end when a refusal's path is longer than twice this. */
const SHOWN_PATH_STEPS = 6;

/** A refusal on its way up: each level adds its key, so no path text is built unless one happens. */
class Refusal {
  /** Keys from the refused value up to the root (innermost first). */
  readonly keys: Array<string | number> = [];
  constructor(readonly reason: string) {}

  toError(): NotJsonError {
    const step = (text: string, key: string | number): string => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${key}`);
    // A refusal a thousand levels down would otherwise name a path a thousand steps long.
    const keys = this.keys.length <= SHOWN_PATH_STEPS * 2 ? this.keys : [...this.keys.slice(0, SHOWN_PATH_STEPS), ...this.keys.slice(-SHOWN_PATH_STEPS)];
    const omitted = this.keys.length - keys.length;
    const path =
      omitted === 0
        ? keys.reduceRight<string>(step, '$')
        : `${keys.slice(SHOWN_PATH_STEPS).reduceRight<string>(step, '$')}…(${omitted} more levels)…${keys.slice(0, SHOWN_PATH_STEPS).reduceRight<string>(step, '')}`;
    return new NotJsonError(path, this.reason);
  }
}

/**
 * The objects being copied, to tell a cycle from a shared value. One array for every call: nested
 * copies push and pop their own entries, and the top-level call restores its length.
 */
const ancestors: object[] = [];

/**
 * Checks and copies an untrusted value into a fresh JsonValue. Follows JSON.stringify where it is
 * lenient in a useful way — a top-level `undefined` becomes null (a handler that returns nothing),
 * `undefined` object members are left out, `toJSON()` is honoured (a Date becomes its ISO string,
 * as a real Lambda's serializer does) — and refuses what JSON.stringify would silently corrupt or
 * crash on: NaN and Infinity, bigint, functions, symbols, Maps/Sets and other class instances,
 * cycles, `undefined` inside arrays, and nesting deeper than MAX_JSON_DEPTH.
 */
export function toJsonValue(value: unknown): JsonValue {
  if (value === undefined) return null;
  const depth = ancestors.length;
  try {
    return copy(value);
  } catch (thrown) {
    throw thrown instanceof Refusal ? thrown.toError() : thrown;
  } finally {
    ancestors.length = depth;
  }
}

function copy(value: unknown): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new Refusal(`${value} is not a JSON number`);
      return value;
    case 'object':
      return value === null ? null : copyObject(value);
    default:
      throw new Refusal(`a ${typeof value} is not a JSON value`);
  }
}

function copyObject(value: object): JsonValue {
  if (ancestors.includes(value)) throw new Refusal('the value refers to itself (a cycle)');
  // The engine keeps no value deeper than this (its walks and JSON.stringify recurse); refusing
  // here also bounds the copy's own recursion. Nested toJsonValue calls are not a thing, so the
  // shared stack's length is this value's depth.
  if (ancestors.length >= MAX_JSON_DEPTH) throw new Refusal(`the value nests more than ${MAX_JSON_DEPTH} levels deep`);
  const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return copy(toJSON.call(value) as unknown);
  ancestors.push(value);
  const copied = Array.isArray(value) ? copyArray(value as unknown[]) : copyMembers(value);
  ancestors.pop();
  return copied;
}

function copyArray(value: readonly unknown[]): JsonValue[] {
  const out = new Array<JsonValue>(value.length);
  for (let i = 0; i < value.length; i++) {
    try {
      const item = value[i];
      if (item === undefined) throw new Refusal('undefined is not a JSON value');
      out[i] = copy(item);
    } catch (thrown) {
      if (thrown instanceof Refusal) thrown.keys.push(i);
      throw thrown;
    }
  }
  return out;
}

function copyMembers(value: object): JsonObject {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    const kind = (value as { constructor?: { name?: unknown } }).constructor?.name;
    throw new Refusal(`a ${typeof kind === 'string' && kind !== '' ? kind : 'class instance'} is not a plain JSON object`);
  }
  const out: JsonObject = {};
  const members = value as Record<string, unknown>;
  for (const key of Object.keys(members)) {
    const member = members[key];
    if (member === undefined) continue;
    let item: JsonValue;
    try {
      item = copy(member);
    } catch (thrown) {
      if (thrown instanceof Refusal) thrown.keys.push(key);
      throw thrown;
    }
    // A plain assignment to "__proto__" would replace the prototype instead of adding the member.
    if (key === '__proto__') Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
    else out[key] = item;
  }
  return out;
}

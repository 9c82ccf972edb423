// Every value the engine lets through obeys the limits (LIMITS.md §1, issue 9): at most the payload
// limit in UTF-8 bytes (States.DataLimitExceeded), at most MAX_JSON_DEPTH levels deep and holding
// only numbers JSON can write (States.Runtime). A quick bounded walk checks all three on every
// state output, Task input and result and Catch output; only a value whose quick bound passes the
// limit is measured exactly, still without building its JSON text.
import { AslError } from '../core/errors.js';
import { findNonFinite, type JsonValue, jsonDepth, MAX_JSON_DEPTH } from '../core/json.js';
import type { Runtime } from './frame.js';

/** Exact UTF-8 sizes of sound values' JSON text, cached per object since unchanged payloads pass through many states. */
const sizeCache = new WeakMap<object, number>();

/**
 * Why a value cannot be kept, or undefined when it is sound: nested too deep, or holding NaN or
 * ±Infinity (which JSON.stringify would silently write as null). Iterative, so any depth is safe.
 */
export function unsoundness(value: JsonValue): string | undefined {
  if (typeof value === 'object' && value !== null && jsonDepth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return TOO_DEEP_TEXT;
  const number = findNonFinite(value);
  return number === undefined ? undefined : `holds the number ${number.value} at ${number.path}, which JSON cannot represent`;
}

const TOO_DEEP_TEXT = `nests more than ${MAX_JSON_DEPTH} levels deep, which asl-engine does not accept`;

/** LIMITS.md §1: the cause AWS gives, naming the state or task that produced the value. */
export function checkPayload(rt: Runtime, value: JsonValue, subject: string): void {
  const limit = rt.limits.payloadBytes;
  let size: number;
  // The quick bound first: almost every payload passes it, and the size cache (a WeakMap lookup on
  // every call) is only worth consulting for the few that do not; measure() looks there first.
  try {
    if (sizeBound(value, limit, 0) <= limit) return;
    size = measure(value, limit);
  } catch (thrown) {
    throw unsound(thrown, value, `The state/task '${subject}' returned a result that`);
  }
  if (size > limit) {
    throw new AslError(
      'States.DataLimitExceeded',
      `The state/task '${subject}' returned a result with a size exceeding the maximum number of bytes service limit.`,
      false,
    );
  }
}

/**
 * The exact UTF-8 size of a value's JSON text if it is at most `limit`, else some size above it;
 * a States.Runtime starting with `what` when the value is unsound. Never builds the whole text: a
 * Map whose 1,200 results each share one 500 KB string measures 1 MB and stops, where
 * JSON.stringify would build 600 MB and fail with "Invalid string length".
 */
export function measuredBytes(value: JsonValue, limit: number, what: string): number {
  try {
    return measure(value, limit);
  } catch (thrown) {
    throw unsound(thrown, value, what);
  }
}

/** The States.Runtime for an unsound value; any other error passes through. */
function unsound(thrown: unknown, value: JsonValue, what: string): unknown {
  if (thrown === TOO_DEEP) return AslError.runtime(`${what} ${TOO_DEEP_TEXT}.`);
  if (thrown !== NON_FINITE) return thrown;
  const number = findNonFinite(value);
  return AslError.runtime(`${what} holds the number ${number?.value ?? NaN} at ${number?.path ?? '$'}, which JSON cannot represent.`);
}

/** Thrown (shared objects: nothing is allocated) by the walks at an unsound value. */
const TOO_DEEP = new Error('nested too deep');
const NON_FINITE = new Error('a number JSON cannot write');

/**
 * The exact walk (see measuredBytes), iterative. A sound object measured in full is cached, so a
 * value that passes through many states is measured once.
 */
function measure(value: JsonValue, limit: number): number {
  const root = typeof value === 'object' && value !== null ? value : undefined;
  const cached = root === undefined ? undefined : sizeCache.get(root);
  if (cached !== undefined) return cached;
  let size = 0;
  const nodes: JsonValue[] = [value];
  const depths: number[] = [0];
  while (nodes.length > 0 && size <= limit) {
    const node = nodes.pop() as JsonValue;
    const level = depths.pop() as number;
    if (typeof node !== 'object' || node === null) {
      size += leafBytes(node, limit);
      continue;
    }
    if (level >= MAX_JSON_DEPTH) throw TOO_DEEP;
    let members = 0;
    if (Array.isArray(node)) {
      for (const item of node) {
        nodes.push(item);
        depths.push(level + 1);
      }
      members = node.length;
    } else {
      for (const key in node) {
        size += leafBytes(key, limit) + 1;
        nodes.push(node[key] as JsonValue);
        depths.push(level + 1);
        members++;
      }
    }
    // Brackets and the commas between members.
    size += members === 0 ? 2 : members + 1;
  }
  if (root !== undefined && size <= limit) sizeCache.set(root, size);
  return size;
}

/** Characters JSON escapes (and surrogates, which only JSON.stringify counts right when unpaired). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A scalar's or member name's exact size; a string longer than the limit (in chars) is over it in bytes too. */
function leafBytes(node: string | number | boolean | null, limit: number): number {
  if (typeof node === 'string') {
    if (node.length + 2 > limit) return node.length + 2;
    // Most strings need no escape: their UTF-8 length, without a copy.
    return ESCAPED.test(node) ? Buffer.byteLength(JSON.stringify(node)) : Buffer.byteLength(node) + 2;
  }
  if (typeof node === 'number') {
    if (!Number.isFinite(node)) throw NON_FINITE;
    return String(node).length;
  }
  return node === null ? 4 : node ? 4 : 5;
}

/** Recursion allocates nothing (this runs 3 times per Task); past RECURSION_LIMIT levels, a stack. */
const RECURSION_LIMIT = 64;

/** The bound of a string or scalar; of a member name (quotes and colon) it is keyBound. */
function leafBound(node: JsonValue): number {
  if (typeof node === 'string') return node.length * 6 + 2;
  if (typeof node === 'number' && !Number.isFinite(node)) throw NON_FINITE;
  return 24;
}
function keyBound(key: string): number {
  return key.length * 6 + 4;
}

/**
 * The quick walk: an upper bound of a value's JSON size (every character may take 6 bytes, a \u
 * escape; every number 24), stopping once it passes `limit`. Walking without building text is
 * much cheaper than measuring, and almost every payload is far below the limit; a value that does
 * not pass is measured exactly. On the way it throws NON_FINITE or TOO_DEEP.
 */
function sizeBound(node: JsonValue, limit: number, depth: number): number {
  if (typeof node !== 'object' || node === null) return leafBound(node);
  if (depth > RECURSION_LIMIT) return stackBound(node, limit, depth);
  let bound = 2;
  if (Array.isArray(node)) {
    bound += node.length;
    for (const item of node) {
      bound += sizeBound(item, limit, depth + 1);
      if (bound > limit) return bound;
    }
  } else {
    for (const key in node) {
      bound += keyBound(key) + sizeBound(node[key] as JsonValue, limit, depth + 1);
      if (bound > limit) return bound;
    }
  }
  return bound;
}

/** The same bound for deeply nested values, without recursion; `depth` counts the containers above. */
function stackBound(value: JsonValue, limit: number, depth: number): number {
  let bound = 0;
  const nodes: JsonValue[] = [value];
  const depths: number[] = [depth];
  while (nodes.length > 0) {
    const node = nodes.pop() as JsonValue;
    const level = depths.pop() as number;
    if (typeof node !== 'object' || node === null) bound += leafBound(node);
    else {
      // A container at `level` containers down is nested level + 1 deep (jsonDepth counts [] as 1).
      if (level >= MAX_JSON_DEPTH) throw TOO_DEEP;
      if (Array.isArray(node)) {
        bound += 2 + node.length;
        for (const item of node) {
          nodes.push(item);
          depths.push(level + 1);
        }
      } else {
        bound += 2;
        for (const key in node) {
          bound += keyBound(key);
          nodes.push(node[key] as JsonValue);
          depths.push(level + 1);
        }
      }
    }
    if (bound > limit) return bound;
  }
  return bound;
}

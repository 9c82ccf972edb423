// Every value the engine lets through obeys the limits (LIMITS.md §1, issue 9): at most the payload
// limit in UTF-8 bytes (States.DataLimitExceeded), at most MAX_JSON_DEPTH levels deep and holding
// only numbers JSON can write (States.Runtime). One bounded walk checks all three, because it runs
// on every state output, every Task input and result, and every Catch output.
import { AslError } from '../core/errors.js';
import { findNonFinite, type JsonValue, jsonDepth, MAX_JSON_DEPTH } from '../core/json.js';
import type { Runtime } from './frame.js';

/** UTF-8 size of a value's JSON text, cached per object since unchanged payloads pass through many states. */
const sizeCache = new WeakMap<object, number>();

/** The exact size; the caller has made sure the value is sound (JSON.stringify recurses). */
export function payloadBytes(value: JsonValue): number {
  if (typeof value !== 'object' || value === null) return Buffer.byteLength(JSON.stringify(value));
  const cached = sizeCache.get(value);
  if (cached !== undefined) return cached;
  const size = Buffer.byteLength(JSON.stringify(value));
  sizeCache.set(value, size);
  return size;
}

/**
 * Why a value cannot be kept, or undefined when it is sound: nested too deep, or holding NaN or
 * ±Infinity (which JSON.stringify would silently write as null). Iterative, so any depth is safe.
 */
export function unsoundness(value: JsonValue): string | undefined {
  if (typeof value === 'object' && value !== null && jsonDepth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    return `nests more than ${MAX_JSON_DEPTH} levels deep, which asl-engine does not accept`;
  }
  const number = findNonFinite(value);
  return number === undefined ? undefined : `holds the number ${number.value} at ${number.path}, which JSON cannot represent`;
}

/** LIMITS.md §1: the cause AWS gives, naming the state or task that produced the value. */
export function checkPayload(rt: Runtime, value: JsonValue, subject: string): void {
  const limit = rt.limits.payloadBytes;
  const known = typeof value === 'object' && value !== null ? sizeCache.get(value) : undefined;
  if (known === undefined) {
    let bound: number;
    try {
      bound = sizeBound(value, limit, 0);
    } catch (thrown) {
      if (thrown === UNSOUND) throw unsound(value, subject);
      throw thrown;
    }
    if (bound <= limit) return;
    // The walk stopped as soon as the bound passed the limit: check the rest before measuring.
    if (unsoundness(value) !== undefined) throw unsound(value, subject);
  }
  if ((known ?? payloadBytes(value)) > limit) {
    throw new AslError(
      'States.DataLimitExceeded',
      `The state/task '${subject}' returned a result with a size exceeding the maximum number of bytes service limit.`,
      false,
    );
  }
}

function unsound(value: JsonValue, subject: string): AslError {
  return AslError.runtime(`The state/task '${subject}' returned a result that ${unsoundness(value) ?? 'is not valid JSON'}.`);
}

/**
 * The bound walk: an upper bound of a value's JSON size (every character may take 6 bytes, a \u
 * escape; every number 24), stopping once it passes `limit`. Walking without building text is
 * much cheaper than JSON.stringify, and almost every payload is far below the limit; a value that
 * does not pass is measured exactly (and its size cached). On the way it throws UNSOUND (one shared
 * object: nothing is allocated) at a non-finite number or past MAX_JSON_DEPTH levels.
 */
const UNSOUND = new Error('unsound JSON value');

/** Recursion allocates nothing (this runs 3 times per Task); past RECURSION_LIMIT levels, a stack. */
const RECURSION_LIMIT = 64;

/** The bound of a string or scalar; of a member name (quotes and colon) it is keyBound. */
function leafBound(node: JsonValue): number {
  if (typeof node === 'string') return node.length * 6 + 2;
  if (typeof node === 'number' && !Number.isFinite(node)) throw UNSOUND;
  return 24;
}
function keyBound(key: string): number {
  return key.length * 6 + 4;
}

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
      if (level >= MAX_JSON_DEPTH) throw UNSOUND;
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

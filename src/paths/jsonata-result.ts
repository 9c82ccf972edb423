/**
 * What a JSONata expression returned, as plain JSON (ARCHITECTURE.md 1.2: JSONata results are a
 * trust boundary). JSONata marks its result arrays as "sequences" with extra properties, and may
 * return functions, NaN or Infinity, which JSON cannot hold (JSONATA.md §1).
 */
import type { JsonObject, JsonValue } from '../core/json.js';
import { setOwn } from './json-util.js';

/** The result holds a function, NaN, Infinity or something else JSON cannot represent. */
export const UNSUPPORTED = Symbol('unsupported');
/** The result, with shared sub-values counted each time they appear, exceeds the node bound. */
export const TOO_LARGE = Symbol('too large');

const CONTAINER = Symbol('container');
const OMIT = Symbol('omit');

type Leaf = JsonValue | typeof UNSUPPORTED | typeof CONTAINER | typeof OMIT;

function leaf(value: unknown): Leaf {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) return UNSUPPORTED;
      // -0 is what JSON calls 0 (AWS gave 0 for $parse('-0')); normalising keeps equality simple.
      return Object.is(value, -0) ? 0 : value;
    case 'undefined':
      return OMIT;
    case 'object': {
      if (value === null) return null;
      const marked = value as { _jsonata_lambda?: unknown; _jsonata_function?: unknown };
      return marked._jsonata_lambda === true || marked._jsonata_function === true ? UNSUPPORTED : CONTAINER;
    }
    default:
      return UNSUPPORTED; // function, symbol, bigint
  }
}

/** JSONata's markers on arrays; an array carrying one is copied into a plain array. */
function isMarked(array: readonly unknown[]): boolean {
  return Object.hasOwn(array, 'sequence') || Object.hasOwn(array, 'keepSingleton') || Object.hasOwn(array, 'outerWrapper') ||
    Object.hasOwn(array, 'tupleStream') || Object.hasOwn(array, 'cons');
}

interface Frame {
  readonly source: object;
  /** Keys of an object; undefined for an array. */
  readonly keys: readonly string[] | undefined;
  readonly length: number;
  index: number;
  /** The copy, created at the first child that changed (or at once for a marked array). */
  out: JsonValue[] | JsonObject | undefined;
}

function open(value: object): Frame {
  if (Array.isArray(value)) {
    return { source: value, keys: undefined, length: value.length, index: 0, out: isMarked(value) ? [] : undefined };
  }
  const keys = Object.keys(value);
  return { source: value, keys, length: keys.length, index: 0, out: undefined };
}

function childAt(frame: Frame, index: number): unknown {
  return frame.keys === undefined ? (frame.source as unknown[])[index] : (frame.source as Record<string, unknown>)[frame.keys[index] as string];
}

/** Records the converted child at `index`; copies the container only once something differs. */
function record(frame: Frame, index: number, original: unknown, value: JsonValue | typeof OMIT): void {
  if (frame.out === undefined) {
    if (Object.is(value, original)) return;
    if (frame.keys === undefined) {
      frame.out = (frame.source as JsonValue[]).slice(0, index);
    } else {
      const copy: JsonObject = {};
      const source = frame.source as JsonObject;
      for (const key of frame.keys.slice(0, index)) setOwn(copy, key, source[key] as JsonValue);
      frame.out = copy;
    }
  }
  if (Array.isArray(frame.out)) {
    // As JSON.stringify does: undefined in an array is null, in an object the key is dropped.
    frame.out.push(value === OMIT ? null : value);
  } else if (value !== OMIT) {
    setOwn(frame.out, frame.keys?.[index] as string, value);
  }
}

/** Deeper than this, the fast check gives up and the iterative conversion decides. */
const MAX_FAST_DEPTH = 500;

/**
 * Containers already found to be plain JSON, with their value counts. JSON values are never mutated
 * once they flow through the engine (ARCHITECTURE.md habit 3), so a verdict holds for good: an input
 * read by many evaluations (every Map iteration's `$states.input.config`) is walked once.
 */
const VERIFIED = new WeakMap<object, number>();

/**
 * The number of values in `value` when it is plain JSON already (the common case: a path into the
 * input), else -1 (something to convert, too deep to check recursively, or more than `budget`).
 */
function plainCount(value: unknown, depth: number, budget: number): number {
  if (typeof value !== 'object' || value === null) {
    const converted = leaf(value);
    return Object.is(converted, value) ? 1 : -1; // -0 becomes 0: not plain
  }
  const known = VERIFIED.get(value);
  if (known !== undefined) return known;
  if (depth > MAX_FAST_DEPTH || leaf(value) !== CONTAINER) return -1;
  let count = 1;
  if (Array.isArray(value)) {
    if (isMarked(value)) return -1;
    for (const item of value as unknown[]) {
      const n = plainCount(item, depth + 1, budget - count);
      if (n < 0) return -1;
      count += n;
      if (count > budget) return -1;
    }
    VERIFIED.set(value, count);
    return count;
  }
  const object = value as Record<string, unknown>;
  for (const key in object) {
    if (!Object.hasOwn(object, key)) continue;
    const n = plainCount(object[key], depth + 1, budget - count);
    if (n < 0) return -1;
    count += n;
    if (count > budget) return -1;
  }
  VERIFIED.set(value, count);
  return count;
}

/**
 * Converts a result. Unchanged parts are returned as they are, so a path into the input yields the
 * input's own objects. The conversion proper runs without recursion: results can be as deep as
 * the input.
 */
export function toJsonResult(raw: unknown, maxNodes: number): JsonValue | typeof UNSUPPORTED | typeof TOO_LARGE {
  if (plainCount(raw, 0, maxNodes) >= 0) return raw as JsonValue;
  const first = leaf(raw);
  if (first === OMIT) return UNSUPPORTED;
  if (first !== CONTAINER) return first;
  // Counting nodes as JSON would write them: an expression can build a value whose sub-values are
  // shared so often that writing it out would never finish.
  let nodes = 1;
  const stack: Frame[] = [open(raw as object)];
  for (;;) {
    const top = stack[stack.length - 1] as Frame;
    if (top.index < top.length) {
      const index = top.index++;
      const child = childAt(top, index);
      const converted = leaf(child);
      if (converted === UNSUPPORTED) return UNSUPPORTED;
      if (++nodes > maxNodes) return TOO_LARGE;
      if (converted === CONTAINER) stack.push(open(child as object));
      else record(top, index, child, converted);
      continue;
    }
    stack.pop();
    const done = top.out ?? (top.source as JsonValue);
    const parent = stack[stack.length - 1];
    if (parent === undefined) return done;
    record(parent, parent.index - 1, top.source, done);
  }
}

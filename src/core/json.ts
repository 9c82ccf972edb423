/** The only data type that flows through asl-engine: a JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Type of a JSON value as ASL messages name it ("object", "array", "string", ...). */
export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Deep structural equality of two JSON values (key order ignored, 1 === 1.0). */
export function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i] as JsonValue));
  }
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key] as JsonValue, b[key] as JsonValue));
}

/**
 * Nesting depth of a JSON value, computed without recursion so that a hostile
 * 100,000-deep document cannot overflow the stack. Stops counting at `limit + 1`.
 */
export function jsonDepth(value: unknown, limit = Number.MAX_SAFE_INTEGER): number {
  let max = 0;
  // Two parallel stacks rather than a [node, depth] pair per node: this runs on every execution
  // input, and a 10,000-item input would otherwise allocate 10,000 pairs.
  const nodes: unknown[] = [value];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop() as number;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > max) max = depth;
    if (max > limit) return max;
    if (Array.isArray(node)) {
      for (const child of node as unknown[]) {
        if (typeof child === 'object' && child !== null) {
          nodes.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      const members = node as Record<string, unknown>;
      for (const key in members) {
        const child = members[key];
        if (typeof child === 'object' && child !== null) {
          nodes.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return max;
}

/**
 * The deepest nesting the engine lets any value reach (execution input, state input and output,
 * task results, variables). JSON.stringify, jsonEqual and the path walks recurse, and V8 runs out
 * of stack a few thousand levels down; 1000 is far beyond real payloads and safely within.
 */
export const MAX_JSON_DEPTH = 1000;

/** A number JSON cannot write (JSON.stringify turns NaN and ±Infinity into a silent null). */
export function isNonFinite(value: unknown): value is number {
  return typeof value === 'number' && !Number.isFinite(value);
}

/**
 * Where a value holds a number JSON cannot write, as a path (`$.a[2]`), or undefined. Iterative,
 * so any depth is safe; meant for error messages and one-off checks, not the hot path.
 */
export function findNonFinite(value: unknown): { readonly path: string; readonly value: number } | undefined {
  // A first pass builds no path text: on a sound value (the usual case) the check stays cheap.
  return hasNonFinite(value) ? locateNonFinite(value) : undefined;
}

function hasNonFinite(value: unknown): boolean {
  const nodes: unknown[] = [value];
  while (nodes.length > 0) {
    const node = nodes.pop();
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) return true;
    } else if (Array.isArray(node)) {
      for (const child of node as unknown[]) nodes.push(child);
    } else if (typeof node === 'object' && node !== null) {
      const members = node as Record<string, unknown>;
      for (const key in members) nodes.push(members[key]);
    }
  }
  return false;
}

function locateNonFinite(value: unknown): { readonly path: string; readonly value: number } | undefined {
  const nodes: unknown[] = [value];
  const paths: string[] = ['$'];
  while (nodes.length > 0) {
    const node = nodes.pop();
    const path = paths.pop() as string;
    if (isNonFinite(node)) return { path, value: node };
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) {
        nodes.push(node[i]);
        paths.push(`${path}[${i}]`);
      }
    } else {
      const members = node as Record<string, unknown>;
      for (const key of Object.keys(members).reverse()) {
        nodes.push(members[key]);
        paths.push(/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`);
      }
    }
  }
  return undefined;
}

/** Deeper than this, cloneJson hands the rest to structuredClone instead of recursing further. */
const CLONE_RECURSION_LIMIT = 500;

/**
 * A deep copy of a JSON value the engine owns (so known to be plain JSON). Much cheaper than
 * structuredClone for the small payloads a Task passes to a local function 10,000 times a Map.
 */
export function cloneJson<T extends JsonValue>(value: T): T {
  return cloneAt(value, 0) as T;
}

function cloneAt(value: JsonValue, depth: number): JsonValue {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > CLONE_RECURSION_LIMIT) return structuredClone(value);
  if (Array.isArray(value)) {
    const out = new Array<JsonValue>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneAt(value[i] as JsonValue, depth + 1);
    return out;
  }
  const out: JsonObject = {};
  for (const key in value) {
    const member = cloneAt(value[key] as JsonValue, depth + 1);
    if (key === '__proto__') Object.defineProperty(out, key, { value: member, enumerable: true, writable: true, configurable: true });
    else out[key] = member;
  }
  return out;
}

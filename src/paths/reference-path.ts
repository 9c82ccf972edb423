/**
 * Compiled ResultPath (ASL.md §5): writes the effective result into the raw state input.
 * Copy-on-write (ARCHITECTURE.md 1.1 principle 4): only the objects and arrays along the path are
 * copied, every other subtree is shared, and the target is never mutated.
 */
import { AslError } from '../core/errors.js';
import { isJsonObject, jsonTypeName, type JsonObject, type JsonValue } from '../core/json.js';
import type { CompiledResultPath } from './evaluate-types.js';
import { parsePath, type ReferenceSegment } from './path-syntax.js';
import { setOwn } from './json-util.js';

/**
 * Compiles a ResultPath already validated as a Reference Path on `$` (not `$$`, not a variable).
 * Throws a plain Error for anything else: the validator should have rejected it.
 */
export function compileResultPath(text: string): CompiledResultPath {
  const parsed = parsePath(text);
  if (!parsed.ok) throw new Error(`cannot compile ResultPath: ${parsed.message}`);
  const { root, isReference, segments } = parsed.path;
  if (root !== 'input' || !isReference) {
    throw new Error(`cannot compile ResultPath '${text}': it must be a reference path on '$' (no $$, variables, wildcards or filters)`);
  }
  if (segments.length === 0) return { text, write: (_target, value) => value };
  const last = segments.length - 1;

  // Recursion depth is the path's segment count, which the definition fixes: no hostile depth.
  const writeAt = (node: JsonValue | undefined, i: number, value: JsonValue): JsonValue => {
    const segment = segments[i] as ReferenceSegment;
    if (segment.kind === 'field') {
      // A missing intermediate object is created, as AWS does: {"a":1} + $.b.c → {"a":1,"b":{"c":…}}.
      const object: JsonObject = node === undefined ? {} : expectObject(text, segments, i, node);
      const copy: JsonObject = { ...object };
      const child = Object.hasOwn(object, segment.name) ? object[segment.name] : undefined;
      setOwn(copy, segment.name, i === last ? value : writeAt(child, i + 1, value));
      return copy;
    }
    const array = expectArray(text, segments, i, node);
    if (segment.index >= array.length) {
      throw failure(text, `index ${segment.index} is out of range at ${where(segments, i)}, an array of length ${array.length}`);
    }
    const copy = array.slice();
    copy[segment.index] = i === last ? value : writeAt(array[segment.index], i + 1, value);
    return copy;
  };
  return { text, write: (target, value) => writeAt(target, 0, value) };
}

function expectObject(text: string, segments: readonly ReferenceSegment[], i: number, node: JsonValue): JsonObject {
  if (isJsonObject(node)) return node;
  throw failure(text, `${where(segments, i)} is ${article(jsonTypeName(node))}, not an object`);
}

function expectArray(text: string, segments: readonly ReferenceSegment[], i: number, node: JsonValue | undefined): JsonValue[] {
  if (Array.isArray(node)) return node;
  if (node === undefined) throw failure(text, `${where(segments, i)} does not exist, so it has no index ${indexOf(segments[i])}`);
  throw failure(text, `${where(segments, i)} is ${article(jsonTypeName(node))}, not an array`);
}

/** The node segment `i` is applied to, named as the state input or in Jayway bracket notation. */
function where(segments: readonly ReferenceSegment[], i: number): string {
  if (i === 0) return 'the state input';
  const path = segments.slice(0, i).map((s) => (s.kind === 'field' ? `['${s.name}']` : `[${s.index}]`));
  return `$${path.join('')}`;
}

function indexOf(segment: ReferenceSegment | undefined): number {
  return segment?.kind === 'index' ? segment.index : 0;
}

function article(type: string): string {
  return type === 'null' ? 'null' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

function failure(text: string, problem: string): AslError {
  return new AslError('States.ResultPathMatchFailure', `Unable to apply ResultPath '${text}' to the state input: ${problem}`);
}

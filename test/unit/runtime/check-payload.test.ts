// The one bounded walk behind every state output, Task input/result and Catch output: size against
// the payload limit, nesting against MAX_JSON_DEPTH, and numbers JSON can write — on the quick path
// (bound below the limit) and the exact one (bound above it) alike.
import { describe, expect, it } from 'vitest';
import { AslError } from '../../../src/core/errors.js';
import { findNonFinite, type JsonValue, MAX_JSON_DEPTH } from '../../../src/core/json.js';
import type { Runtime } from '../../../src/runtime/frame.js';
import { checkPayload, unsoundness } from '../../../src/runtime/value-limits.js';

/** checkPayload reads nothing of the runtime but its limits. */
function runtime(payloadBytes: number): Runtime {
  return { limits: { payloadBytes, maxTransitions: Infinity } } as unknown as Runtime;
}

function nestedArrays(levels: number, leaf: JsonValue = 1): JsonValue {
  let value: JsonValue = leaf;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

function errorOf(run: () => void): AslError | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof AslError) return error;
    throw error;
  }
  return undefined;
}

describe('checkPayload', () => {
  it('allows exactly the limit in UTF-8 bytes and refuses one byte more', () => {
    const value = { text: 'é'.repeat(100) }; // 2 bytes each: {"text":"…"} is 211 bytes
    expect(errorOf(() => checkPayload(runtime(211), value, 'S'))).toBeUndefined();
    expect(errorOf(() => checkPayload(runtime(210), value, 'S'))?.error).toBe('States.DataLimitExceeded');
  });

  it.each([
    ['on the quick path', 1_000_000],
    ['when the quick bound is already over the limit', 100],
  ])('refuses one level past MAX_JSON_DEPTH %s, with States.Runtime', (_path, limit) => {
    const padding = 'x'.repeat(200);
    expect(errorOf(() => checkPayload(runtime(1_000_000), nestedArrays(MAX_JSON_DEPTH - 1, []), 'S'))).toBeUndefined();
    const error = errorOf(() => checkPayload(runtime(limit), { padding, deep: nestedArrays(MAX_JSON_DEPTH, []) }, 'S'));
    expect(error?.error).toBe('States.Runtime');
    expect(error?.cause).toContain(`returned a result that nests more than ${MAX_JSON_DEPTH} levels deep`);
  });

  it('refuses NaN or Infinity anywhere, however deep, naming the path', () => {
    const error = errorOf(() => checkPayload(runtime(1_000_000), { a: [1, { 'odd key': nestedArrays(100, Number.NaN) }] }, 'S'));
    expect(error?.error).toBe('States.Runtime');
    expect(error?.cause).toContain(`holds the number NaN at $.a[1]["odd key"]${'[0]'.repeat(100)}`);
    expect(errorOf(() => checkPayload(runtime(1_000_000), Number.POSITIVE_INFINITY, 'S'))?.cause).toContain('number Infinity at $,');
  });

  it('refuses a 100,000-deep value without overflowing the stack', () => {
    expect(errorOf(() => checkPayload(runtime(10), nestedArrays(100_000), 'S'))?.error).toBe('States.Runtime');
  });
});

describe('unsoundness and findNonFinite', () => {
  it('say nothing of a sound value', () => {
    expect(unsoundness({ a: [1, 'two', null, true, { b: -0.5e300 }] })).toBeUndefined();
    expect(findNonFinite([1, 2, 3])).toBeUndefined();
  });

  it('name the first non-finite number in document order', () => {
    expect(findNonFinite({ a: 1, b: [2, Number.NEGATIVE_INFINITY], c: Number.NaN })).toEqual({ path: '$.b[1]', value: Number.NEGATIVE_INFINITY });
  });
});

// The one bounded walk behind every state output, Task input/result and Catch output: size against
// the payload limit, nesting against MAX_JSON_DEPTH, and numbers JSON can write — on the quick path
// (bound below the limit) and the exact one (bound above it) alike.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AslError } from '../../../src/core/errors.js';
import { findNonFinite, type JsonValue, MAX_JSON_DEPTH } from '../../../src/core/json.js';
import type { Runtime } from '../../../src/runtime/frame.js';
import { checkPayload, measuredBytes, unsoundness } from '../../../src/runtime/value-limits.js';

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

  // The quick bound counts 3 bytes a level for [[[…]]], the exact size 2: at 2,500 bytes the
  // exact walk decides, and must still see the depth.
  it.each([
    ['on the quick path', 1_000_000],
    ['on the exact path (quick bound over the limit, exact size under it)', 2_500],
  ])('refuses one level past MAX_JSON_DEPTH %s, with States.Runtime', (_path, limit) => {
    // The object, then nested arrays around an innermost []: MAX_JSON_DEPTH levels, then one more.
    expect(errorOf(() => checkPayload(runtime(limit), { deep: nestedArrays(MAX_JSON_DEPTH - 2, []) }, 'S'))).toBeUndefined();
    const error = errorOf(() => checkPayload(runtime(limit), { deep: nestedArrays(MAX_JSON_DEPTH - 1, []) }, 'S'));
    expect(error?.error).toBe('States.Runtime');
    expect(error?.cause).toContain(`returned a result that nests more than ${MAX_JSON_DEPTH} levels deep`);
  });

  it('refuses NaN or Infinity anywhere, however deep, naming the path', () => {
    const error = errorOf(() => checkPayload(runtime(1_000_000), { a: [1, { 'odd key': nestedArrays(100, Number.NaN) }] }, 'S'));
    expect(error?.error).toBe('States.Runtime');
    expect(error?.cause).toContain(`holds the number NaN at $.a[1]["odd key"]${'[0]'.repeat(100)}`);
    expect(errorOf(() => checkPayload(runtime(1_000_000), Number.POSITIVE_INFINITY, 'S'))?.cause).toContain('number Infinity at $,');
  });

  it('refuses a 100,000-deep value without overflowing the stack: too deep, or too big first', () => {
    expect(errorOf(() => checkPayload(runtime(1_000_000), nestedArrays(100_000), 'S'))?.error).toBe('States.Runtime');
    expect(errorOf(() => checkPayload(runtime(10), nestedArrays(100_000), 'S'))?.error).toBe('States.DataLimitExceeded');
  });
});

describe('measuredBytes', () => {
  const exact = (value: JsonValue): number => Buffer.byteLength(JSON.stringify(value));

  it.each<[string, JsonValue]>([
    ['escapes and control characters', { 'quote"key': 'a\\b"c\n\t\u0001\u001f' }],
    ['multi-byte text and emoji', ['é', '日本', '😀', { '🔑': 'ß' }]],
    ['lone surrogates, written as \\u escapes', ['\ud800', 'x\udfffy']],
    ['numbers as JSON writes them', [0, -0, 1e21, 5e-7, -1.5, 123456789012345680000, Number.MAX_SAFE_INTEGER]],
    ['empty containers and literals', [[], {}, null, true, false, '']],
  ])('is exact for %s', (_name, value) => {
    expect(measuredBytes(value, Infinity, 'V')).toBe(exact(value));
  });

  it('is exact for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(measuredBytes(value as JsonValue, Infinity, 'V')).toBe(exact(value as JsonValue));
      }),
      { numRuns: 300 },
    );
  });

  it('stops past the limit without building the text: 1,200 items sharing one 500 KB string', () => {
    const shared = 'x'.repeat(500_000);
    const value = Array.from({ length: 1_200 }, () => ({ all: shared }));
    const size = measuredBytes(value, 1_048_576, 'V');
    expect(size).toBeGreaterThan(1_048_576);
    expect(size).toBeLessThan(2_000_000);
    expect(errorOf(() => checkPayload(runtime(1_048_576), value, 'M'))?.error).toBe('States.DataLimitExceeded');
  });

  it('refuses an unsound value with a States.Runtime that starts with the subject given', () => {
    expect(errorOf(() => measuredBytes({ n: Number.NaN }, 100, "The variable 'v'"))?.cause).toBe("The variable 'v' holds the number NaN at $.n, which JSON cannot represent.");
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

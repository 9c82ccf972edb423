import { describe, it, expect } from 'vitest';
import type { JsonValue } from '../../../src/core/json.js';
import { javaRound } from '../../../src/paths/intrinsics/functions/math.js';
import { failure, intrinsicCause, run } from './intrinsic-helpers.js';

describe('States.MathAdd: each argument rounded like Java Math.round, then summed (recorded)', () => {
  it.each<[number, number, number]>([
    [-0.5, 0.5, 1],
    [-0.5, 0, 0],
    [-1.5, 0, -1],
    [-2.5, 0, -2],
    [-1.51, 0, -2],
    [2.5, 0, 3],
    [1.49, 1.5, 3],
    [-1.49, -1.5, -2],
    [-9, 3, -6],
    [10, -3, 7],
    [0.4, -0.4, 0],
  ])('MathAdd(%d, %d) = %d', (a, b, expected) => {
    const sum = run('States.MathAdd($.a, $.b)', { a, b });
    expect(sum).toBe(expected);
    expect(Object.is(sum, -0)).toBe(false);
  });

  it('accepts literals, nested calls and negative numbers', () => {
    expect(run('States.MathAdd($.vals[1], -3)', { vals: [0, 10] })).toBe(7);
    expect(run('States.MathAdd(States.ArrayLength($.a), 1)', { a: [1, 2] })).toBe(3);
  });

  it.each([[0.49999999999999994], [-0.5], [2.5], [-2.5], [1e15 + 0.5]])('javaRound(%d) is floor(x + 0.5)', (x) => {
    expect(javaRound(x)).toBe(Math.floor(x + 0.5));
  });

  it('fails on non-numbers', () => {
    const error = failure('States.MathAdd($.a, 1)', { a: '1' });
    expect(error.error).toBe('States.IntrinsicFailure');
    expect(error.cause).toBe(intrinsicCause('States.MathAdd', 'argument 1 must be a number, got a string ("1")'));
  });
});

describe('math intrinsics never produce a number JSON cannot write', () => {
  it.each([
    ['States.MathAdd($.a, $.a)', { a: 1.7e308 }, 'the sum (Infinity)'],
    ['States.MathAdd($.a, 1)', { a: 9007199254740991 }, 'the sum (9007199254740992)'],
    ['States.MathRandom($.a, 1)', { a: -1e300 }, 'the start (-1e+300)'],
  ])('%s fails with States.IntrinsicFailure instead of a silent null', (text, input, what) => {
    const error = failure(text, input);
    expect(error.error).toBe('States.IntrinsicFailure');
    expect(error.cause).toContain(`${what} is outside the range of exactly representable integers`);
  });

  it('refuses a MathRandom range too wide to draw from', () => {
    expect(failure('States.MathRandom($.low, $.high)', { low: -9007199254740991, high: 9007199254740991 }).cause).toContain('too large to draw from');
  });

  it('still adds large exact integers', () => {
    expect(run('States.MathAdd($.a, 1)', { a: 9007199254740990 })).toBe(9007199254740991);
  });
});

describe('States.MathRandom', () => {
  it('stays within [start, end], both included, and reaches both ends', () => {
    const seen = new Set<JsonValue>();
    for (let seed = 0; seed < 300; seed++) {
      const value = run('States.MathRandom(1, 3)', {}, { seed });
      expect([1, 2, 3]).toContain(value);
      seen.add(value);
    }
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });

  it('is the same for the same seed argument, whatever the execution seed', () => {
    const a = run('States.MathRandom(0, 1000000, 7)', {}, { seed: 1 });
    const b = run('States.MathRandom(0, 1000000, 7)', {}, { seed: 2 });
    expect(a).toBe(b);
    expect(run('States.MathRandom(0, 1000000, 8)', {}, { seed: 1 })).not.toBe(a);
  });

  it('is the same for the same execution seed', () => {
    expect(run('States.MathRandom(0, 1000000)', {}, { seed: 5 })).toBe(run('States.MathRandom(0, 1000000)', {}, { seed: 5 }));
  });

  it.each<[string, number, number]>([
    ['States.MathRandom(12.5, 44.51)', 12, 44],
    ['States.MathRandom(-10, -5)', -10, -5],
    ['States.MathRandom(7, 7)', 7, 7],
    ['States.MathRandom(-2.7, 2.7, 3)', -2, 2],
  ])('%s is an integer in [%d, %d]', (text, low, high) => {
    for (let seed = 0; seed < 50; seed++) {
      const value = run(text, {}, { seed }) as number;
      expect(Number.isInteger(value)).toBe(true);
      expect(value).toBeGreaterThanOrEqual(low);
      expect(value).toBeLessThanOrEqual(high);
    }
  });

  it.each<[string, JsonValue, string]>([
    ['States.MathRandom(5, 1)', {}, 'the start (5) must not be greater than the end (1)'],
    ['States.MathRandom($.a, 1)', { a: null }, 'argument 1 must be a number, got null'],
    ["States.MathRandom(1, 2, 'x')", {}, 'argument 3 must be a number, got a string ("x")'],
  ])('fails for %s', (text, input, problem) => {
    const error = failure(text, input);
    expect(error.error).toBe('States.IntrinsicFailure');
    expect(error.cause).toBe(intrinsicCause('States.MathRandom', problem));
  });
});

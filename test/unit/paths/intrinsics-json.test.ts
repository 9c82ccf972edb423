import { describe, it, expect } from 'vitest';
import type { JsonValue } from '../../../src/core/json.js';
import { failure, intrinsicCause, run } from './intrinsic-helpers.js';

describe('States.StringToJson (recorded edge cases)', () => {
  it.each<[string, JsonValue]>([
    ['', null],
    [' ', null],
    ['\n\t ', null],
    ['-0', 0],
    ['1.1', 1.1],
    ['null', null],
    ['"HelloWorld"', 'HelloWorld'],
    ['{"number": 20}', { number: 20 }],
    ['{"a":{"b":[1,{"c":true}]}}', { a: { b: [1, { c: true }] } }],
    ['[1,"2",null]', [1, '2', null]],
  ])('%j', (text, expected) => {
    const value = run('States.StringToJson($.s)', { s: text });
    expect(value).toEqual(expected);
    if (text === '-0') expect(Object.is(value, 0)).toBe(true);
  });

  it('keeps "__proto__" keys as data', () => {
    const value = run('States.StringToJson($.s)', { s: '{"__proto__":{"x":1}}' }) as Record<string, unknown>;
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it.each<[JsonValue, string]>([
    ['{bad', 'the string is not valid JSON'],
    ['undefined', 'the string is not valid JSON'],
    [5, 'argument 1 must be a string, got a number (5)'],
  ])('fails for %j', (s, problem) => {
    const error = failure('States.StringToJson($.s)', { s });
    expect(error.error).toBe('States.IntrinsicFailure');
    expect(error.cause).toContain(intrinsicCause('States.StringToJson', problem));
  });
});

describe('States.JsonToString (compact, recorded)', () => {
  it.each<[JsonValue, string]>([
    [{ Arg1: 1, Arg2: [] }, '{"Arg1":1,"Arg2":[]}'],
    [[1, 2, 'HelloWorld'], '[1,2,"HelloWorld"]'],
    ['HelloWorld', '"HelloWorld"'],
    [1.1, '1.1'],
    [null, 'null'],
    [true, 'true'],
    [{ a: { b: 'x "q"' } }, '{"a":{"b":"x \\"q\\""}}'],
  ])('%j', (v, expected) => {
    expect(run('States.JsonToString($.v)', { v })).toBe(expected);
  });
});

describe('States.JsonMerge', () => {
  it('merges shallowly, second wins, first keys first (recorded)', () => {
    const out = run('States.JsonMerge($.a, $.b, false)', {
      a: { a: { a1: 1, a2: 2 }, b: 2, d: 3 },
      b: { a: { a3: 1, a4: 2 }, c: 3, d: 4 },
    });
    expect(out).toEqual({ a: { a3: 1, a4: 2 }, b: 2, c: 3, d: 4 });
    expect(JSON.stringify(out)).toBe('{"a":{"a3":1,"a4":2},"b":2,"d":4,"c":3}');
  });

  it('does not touch its arguments', () => {
    const a = { x: 1 };
    const b = { y: 2 };
    expect(run('States.JsonMerge($.a, $.b, false)', { a, b })).toEqual({ x: 1, y: 2 });
    expect(a).toEqual({ x: 1 });
  });

  it.each<[string, JsonValue, string]>([
    ['States.JsonMerge($.a, $.b, true)', { a: {}, b: {} }, 'only a shallow merge is supported: the third argument must be false'],
    ['States.JsonMerge($.a, $.b, false)', { a: [], b: {} }, 'argument 1 must be an object, got an array ([])'],
    ['States.JsonMerge($.a, $.b, false)', { a: {}, b: 'x' }, 'argument 2 must be an object, got a string ("x")'],
    ['States.JsonMerge($.a, $.b, $.c)', { a: {}, b: {}, c: 'no' }, 'argument 3 must be a boolean, got a string ("no")'],
  ])('fails for %s on %j', (text, input, problem) => {
    const error = failure(text, input);
    expect(error.error).toBe('States.IntrinsicFailure');
    expect(error.cause).toBe(intrinsicCause('States.JsonMerge', problem));
  });
});

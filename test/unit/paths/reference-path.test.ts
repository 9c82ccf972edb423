import { describe, it, expect } from 'vitest';
import { AslError } from '../../../src/core/errors.js';
import type { JsonValue } from '../../../src/core/json.js';
import { compileResultPath } from '../../../src/paths/reference-path.js';

describe('compileResultPath: write', () => {
  it.each<[string, JsonValue, JsonValue, JsonValue]>([
    ['$', { a: 1 }, 'r', 'r'],
    ['$.b', { a: 1 }, 2, { a: 1, b: 2 }],
    ['$.a', { a: 1, b: 2 }, 9, { a: 9, b: 2 }],
    ['$.b.greeting', { a: 1 }, 'Hi!', { a: 1, b: { greeting: 'Hi!' } }],
    ['$.a.b.c', {}, true, { a: { b: { c: true } } }],
    ['$.a.x', { a: { y: 1 } }, null, { a: { y: 1, x: null } }],
    ['$.a[1]', { a: [1, 2, 3] }, 'x', { a: [1, 'x', 3] }],
    ['$.a[0].b', { a: [{ c: 1 }] }, 2, { a: [{ c: 1, b: 2 }] }],
    ['$[0]', [1], 2, [2]],
    ["$['a b']", {}, 1, { 'a b': 1 }],
  ])('%s on %j with %j', (text, target, value, expected) => {
    expect(compileResultPath(text).write(target, value)).toEqual(expected);
  });

  it('keeps the key order, overwriting in place and appending new keys', () => {
    const out = compileResultPath('$.b').write({ a: 1, b: 2, c: 3 }, 'x') as Record<string, JsonValue>;
    expect(Object.keys(out)).toEqual(['a', 'b', 'c']);
    expect(Object.keys(compileResultPath('$.d').write({ a: 1, b: 2 }, 0) as object)).toEqual(['a', 'b', 'd']);
  });

  it('copies only along the path and shares the rest', () => {
    const sibling = { big: [1, 2, 3] };
    const inner = { keep: { z: 1 }, target: 0 };
    const target = { sibling, a: inner };
    const out = compileResultPath('$.a.target').write(target, 5) as { sibling: unknown; a: { keep: unknown; target: number } };
    expect(out).not.toBe(target);
    expect(out.a).not.toBe(inner);
    expect(out.sibling).toBe(sibling);
    expect(out.a.keep).toBe(inner.keep);
    expect(target.a.target).toBe(0);
  });

  it('$ returns the value itself', () => {
    const value = { r: 1 };
    expect(compileResultPath('$').write({}, value)).toBe(value);
  });

  it('writes "__proto__" as an ordinary key', () => {
    const out = compileResultPath("$['__proto__']").write({}, { polluted: true }) as Record<string, unknown>;
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('compileResultPath: ResultPathMatchFailure', () => {
  it.each<[string, JsonValue, string]>([
    ['$.x', 'foo', 'the state input is a string, not an object'],
    ['$.x', [1], 'the state input is an array, not an object'],
    ['$.x', null, 'the state input is null, not an object'],
    ['$.a.b', { a: 'foo' }, "$['a'] is a string, not an object"],
    ['$.a.b.c', { a: { b: 5 } }, "$['a']['b'] is a number, not an object"],
    ['$.a[0]', { a: {} }, "$['a'] is an object, not an array"],
    ['$.a[0]', {}, "$['a'] does not exist, so it has no index 0"],
    ['$.a[3]', { a: [1, 2] }, "index 3 is out of range at $['a'], an array of length 2"],
    ['$[0]', {}, 'the state input is an object, not an array'],
  ])('%s on %j', (text, target, problem) => {
    let caught: unknown;
    try {
      compileResultPath(text).write(target, 1);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AslError);
    expect((caught as AslError).error).toBe('States.ResultPathMatchFailure');
    expect((caught as AslError).cause).toBe(`Unable to apply ResultPath '${text}' to the state input: ${problem}`);
  });
});

describe('compileResultPath: what it rejects at compile time', () => {
  it.each(['$$.a', '$v.a', '$.a[*]', '$.a[?(@.b)]', 'a', '$['])('%s', (text) => {
    expect(() => compileResultPath(text)).toThrow(/cannot compile ResultPath/);
  });
});

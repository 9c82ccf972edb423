import { describe, expect, it } from 'vitest';
import { NotJsonError, toJsonValue } from '../../../src/integrations/json-value.js';

describe('toJsonValue', () => {
  it('copies JSON values, so later changes to the original do not leak in', () => {
    const original = { a: [1, { b: 'x' }], c: null, d: true };
    const copy = toJsonValue(original);
    expect(copy).toEqual(original);
    original.a.push(2);
    expect(copy).toEqual({ a: [1, { b: 'x' }], c: null, d: true });
  });

  it('follows JSON.stringify where it is lenient: undefined, toJSON, null prototypes', () => {
    expect(toJsonValue(undefined)).toBeNull();
    expect(toJsonValue({ a: undefined, b: 1 })).toEqual({ b: 1 });
    expect(toJsonValue({ when: new Date(Date.UTC(2026, 0, 2)) })).toEqual({ when: '2026-01-02T00:00:00.000Z' });
    expect(toJsonValue(Object.assign(Object.create(null) as object, { a: 1 }))).toEqual({ a: 1 });
  });

  it('keeps a "__proto__" member as data instead of changing the prototype', () => {
    const copy = toJsonValue(JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy as object)).toEqual(['__proto__']);
  });

  const cyclic: Record<string, unknown> = {};
  cyclic['self'] = cyclic;
  it.each([
    [NaN, '$: NaN is not a JSON number'],
    [{ n: Infinity }, '$.n: Infinity is not a JSON number'],
    [{ big: 1n }, '$.big: a bigint is not a JSON value'],
    [[1, () => 2], '$[1]: a function is not a JSON value'],
    [[undefined], '$[0]: undefined is not a JSON value'],
    [{ m: new Map() }, '$.m: a Map is not a plain JSON object'],
    [cyclic, '$.self: the value refers to itself (a cycle)'],
  ])('refuses %o', (value, message) => {
    expect(() => toJsonValue(value)).toThrow(NotJsonError);
    expect(() => toJsonValue(value)).toThrow(message);
  });

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(toJsonValue({ a: shared, b: shared })).toEqual({ a: { x: 1 }, b: { x: 1 } });
  });
});

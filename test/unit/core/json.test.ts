import { describe, expect, it } from 'vitest';
import { cloneJson, jsonDepth, type JsonValue } from '../../../src/core/json.js';

describe('cloneJson', () => {
  it('copies every level, so changing the copy leaves the original alone', () => {
    const original: JsonValue = { a: [1, { b: 'x' }], c: null, d: true, e: 2.5 };
    const copy = cloneJson(original) as { a: [number, { b: string }] };
    expect(copy).toEqual(original);
    copy.a[1].b = 'changed';
    expect(original).toEqual({ a: [1, { b: 'x' }], c: null, d: true, e: 2.5 });
  });

  it('keeps a "__proto__" member as data', () => {
    const copy = cloneJson(JSON.parse('{"__proto__": {"polluted": true}}') as JsonValue);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy as object)).toEqual(['__proto__']);
  });

  it('copies values deeper than its recursion limit', () => {
    let deep: JsonValue = 'leaf';
    for (let i = 0; i < 2_000; i++) deep = { next: deep };
    const copy = cloneJson(deep);
    expect(copy).not.toBe(deep);
    expect(jsonDepth(copy)).toBe(2_000);
  });
});

describe('jsonDepth', () => {
  it('counts containers, and stops once past the limit', () => {
    expect(jsonDepth(1)).toBe(0);
    expect(jsonDepth([])).toBe(1);
    expect(jsonDepth({ a: [{ b: {} }] })).toBe(4);
    let deep: JsonValue = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonDepth(deep, 10)).toBe(11);
    expect(jsonDepth(deep)).toBe(100_001);
  });
});

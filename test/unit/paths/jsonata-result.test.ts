import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../src/core/json.js';
import { expandedSize } from '../../../src/paths/jsonata-size.js';
import { TOO_LARGE, toJsonResult, UNSUPPORTED } from '../../../src/paths/jsonata-result.js';

const sequence = (...items: unknown[]): unknown[] => Object.assign(items, { sequence: true });

describe('toJsonResult', () => {
  it('returns plain JSON as it is, same references', () => {
    const value = { a: [1, { b: 'x' }], c: null, d: true };
    expect(toJsonResult(value, 100)).toBe(value);
  });

  it('copies marked arrays into plain ones and keeps unchanged siblings', () => {
    const kept = { k: 1 };
    const out = toJsonResult({ s: sequence(1, 2), kept }, 100) as { s: JsonValue[]; kept: JsonValue };
    expect(out).toEqual({ s: [1, 2], kept: { k: 1 } });
    expect(Object.hasOwn(out.s, 'sequence')).toBe(false);
    expect(out.kept).toBe(kept);
  });

  it('follows JSON.stringify for nested undefined: dropped in objects, null in arrays', () => {
    expect(toJsonResult({ a: undefined, b: 1 }, 100)).toEqual({ b: 1 });
    expect(toJsonResult([1, undefined], 100)).toEqual([1, null]);
  });

  it.each<[string, unknown]>([
    ['a function', () => 1],
    ['a JSONata lambda', { _jsonata_lambda: true }],
    ['a nested native function', { f: { _jsonata_function: true } }],
    ['NaN', [Number.NaN]],
    ['Infinity', { x: Number.POSITIVE_INFINITY }],
    ['undefined', undefined],
  ])('rejects %s', (_label, raw) => {
    expect(toJsonResult(raw, 100)).toBe(UNSUPPORTED);
  });

  it('keeps a "__proto__" key as data', () => {
    const raw = JSON.parse('{"__proto__": {"x": 1}, "s": [1]}') as Record<string, unknown>;
    raw['s'] = sequence(1, 2);
    const out = toJsonResult(raw, 100) as Record<string, JsonValue>;
    expect(Object.keys(out)).toEqual(['__proto__', 's']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it('counts shared values each time they appear', () => {
    let dag: unknown = 1;
    for (let i = 0; i < 40; i++) dag = sequence(dag, dag);
    expect(toJsonResult(dag, 10_000)).toBe(TOO_LARGE);
  });

  it('converts values far deeper than the call stack', () => {
    let deep: unknown = sequence(1);
    for (let i = 0; i < 100_000; i++) deep = { d: deep };
    let out = toJsonResult(deep, 1_000_000) as JsonValue;
    for (let i = 0; i < 100_000; i++) out = (out as Record<string, JsonValue>)['d'] as JsonValue;
    expect(out).toEqual([1]);
  });
});

describe('expandedSize', () => {
  it('counts containers and leaves, shared ones each time', () => {
    const shared = [1, 2];
    expect(expandedSize({ a: shared, b: shared, c: 'x' }, 100)).toBe(8);
  });

  it('stops at the cap and does not remember partial counts', () => {
    const big = Array.from({ length: 50 }, (_, i) => i);
    const holder = { big };
    expect(expandedSize(holder, 10)).toBe(11);
    expect(expandedSize(holder, 1000)).toBe(52);
  });

  it('counts a cycle as too large', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(expandedSize(cyclic, 100)).toBe(101);
  });

  it('does not walk into functions', () => {
    expect(expandedSize([{ _jsonata_lambda: true, environment: { huge: Array(1000).fill(0) } }], 100)).toBe(2);
  });
});

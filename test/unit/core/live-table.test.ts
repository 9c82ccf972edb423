import { describe, expect, it } from 'vitest';
import { LiveTable } from '../../../src/core/live-table.js';

describe('LiveTable', () => {
  it('keeps, finds and forgets entries by key, counting them', () => {
    const table = new LiveTable<number>();
    table.set('arn:a', 1);
    table.set('arn:b', 2);
    table.set('arn:a', 3);
    expect(table.size).toBe(2);
    expect(table.get('arn:a')).toBe(3);
    expect(table.has('arn:b')).toBe(true);
    expect(table.delete('arn:b')).toBe(true);
    expect(table.delete('arn:b')).toBe(false);
    expect(table.has('arn:b')).toBe(false);
    expect(table.get('arn:b')).toBeUndefined();
    expect(table.size).toBe(1);
  });

  it('has no inherited keys: names of Object.prototype members are ordinary keys', () => {
    const table = new LiveTable<string>();
    for (const key of ['constructor', 'toString', 'hasOwnProperty']) expect(table.has(key)).toBe(false);
    table.set('__proto__', 'kept');
    table.set('constructor', 'also kept');
    expect(table.get('__proto__')).toBe('kept');
    expect(table.size).toBe(2);
    expect(table.keys()).toEqual(['__proto__', 'constructor']);
    expect(table.delete('__proto__')).toBe(true);
    expect(table.keys()).toEqual(['constructor']);
  });

  it('counts an entry whose value is undefined as present', () => {
    const table = new LiveTable<undefined>();
    table.set('k', undefined);
    expect(table.has('k')).toBe(true);
    expect(table.size).toBe(1);
    expect(table.delete('k')).toBe(true);
    expect(table.size).toBe(0);
  });

  it('lists values in insertion order, as a copy that may be changed under', () => {
    const table = new LiveTable<string>();
    for (const key of ['c', 'a', 'b']) table.set(key, key.toUpperCase());
    const values = table.values();
    for (const key of table.keys()) table.delete(key);
    expect(values).toEqual(['C', 'A', 'B']);
    expect(table.size).toBe(0);
    expect(table.values()).toEqual([]);
  });

  it('stays correct through a long churn of entries, as a running-executions table sees', () => {
    const table = new LiveTable<number>();
    const live: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const key = `arn:aws:states:us-east-1:123456789012:execution:M:${i}`;
      table.set(key, i);
      live.push(key);
      if (live.length > 50) table.delete(live.shift() as string);
    }
    expect(table.size).toBe(50);
    expect(table.values()).toEqual(Array.from({ length: 50 }, (_, k) => 19_950 + k));
  });
});

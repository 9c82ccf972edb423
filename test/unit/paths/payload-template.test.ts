import { describe, it, expect } from 'vitest';
import { AslError } from '../../../src/core/errors.js';
import type { JsonValue } from '../../../src/core/json.js';
import { compileTemplate } from '../../../src/paths/payload-template.js';
import { dataContext } from './data-context.js';

const data = dataContext(
  { name: 'Foo', list: [1, 2], obj: { k: 'v' } },
  { context: { Execution: { Name: 'exec' }, Map: { Item: { Index: 3 } } }, variables: { total: 42 } },
);

describe('compileTemplate', () => {
  it.each<[string, JsonValue, JsonValue]>([
    ['renames .$ keys and evaluates paths', { 'n.$': '$.name', lit: '$.name' }, { n: 'Foo', lit: '$.name' }],
    ['reads the context and variables', { 'exec.$': '$$.Execution.Name', 'i.$': '$$.Map.Item.Index', 't.$': '$total' }, { exec: 'exec', i: 3, t: 42 }],
    ['runs intrinsics', { 'len.$': 'States.ArrayLength($.list)' }, { len: 2 }],
    ['evaluates nested objects', { outer: { 'inner.$': '$.obj.k', keep: 1 } }, { outer: { inner: 'v', keep: 1 } }],
    ['evaluates objects inside arrays', { arr: [{ 'x.$': '$.name' }, 7, 'lit'] }, { arr: [{ x: 'Foo' }, 7, 'lit'] }],
    ['evaluates objects in arrays of arrays of objects', { a: [[{ b: [{ 'c.$': '$.obj.k' }] }]] }, { a: [[{ b: [{ c: 'v' }] }]] }],
    ['keeps key positions', { a: 1, 'b.$': '$.name', c: 3 }, { a: 1, b: 'Foo', c: 3 }],
    ['handles an empty object', {}, {}],
  ])('%s', (_label, template, expected) => {
    const out = compileTemplate(template).evaluate(data);
    expect(out).toEqual(expected);
    expect(JSON.stringify(Object.keys(out as object))).toBe(JSON.stringify(Object.keys(expected as object)));
  });

  it('returns a template without .$ keys itself, at any depth', () => {
    const template = { a: { b: [1, { c: '$.x' }] }, d: 'States.UUID()' };
    expect(compileTemplate(template).evaluate(data)).toBe(template);
    expect(compileTemplate(template)).toMatchObject({ readsContext: false, readsVariables: false });
  });

  it('shares static subtrees and literals of a dynamic template', () => {
    const staticPart = { deep: { x: 1 } };
    const list = [{ y: 2 }];
    const out = compileTemplate({ s: staticPart, list, 'n.$': '$.name' }).evaluate(data) as Record<string, JsonValue>;
    expect(out['s']).toBe(staticPart);
    expect(out['list']).toBe(list);
  });

  it('shares the values paths select and builds a fresh object each time', () => {
    const compiled = compileTemplate({ 'o.$': '$.obj' });
    const first = compiled.evaluate(data) as Record<string, JsonValue>;
    expect(first['o']).toBe((data.input as Record<string, JsonValue>)['obj']);
    expect(compiled.evaluate(data)).not.toBe(first);
  });

  it('passes the original key as the field name', () => {
    let caught: unknown;
    try {
      compileTemplate({ outer: { 'value.$': '$.missing' } }).evaluate(dataContext({ a: 1 }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AslError);
    expect((caught as AslError).cause).toBe("The JSONPath '$.missing' specified for the field 'value.$' could not be found in the input '{\"a\":1}'");
  });

  it('reports what it reads', () => {
    expect(compileTemplate({ a: { 'b.$': '$$.Execution.Id' } })).toMatchObject({ readsContext: true, readsVariables: false });
    expect(compileTemplate({ 'b.$': "States.Format('{}', $v)" })).toMatchObject({ readsContext: false, readsVariables: true });
    expect(compileTemplate({ 'b.$': '$.a' })).toMatchObject({ readsContext: false, readsVariables: false });
  });

  it('treats scalar templates as literals and static arrays as themselves', () => {
    const list = [1, { a: '$.x' }, ['$.name']];
    expect(compileTemplate(list).evaluate(data)).toBe(list);
    expect(compileTemplate('text').evaluate(data)).toBe('text');
    expect(compileTemplate(null).evaluate(data)).toBeNull();
  });

  it("fills AWS's ECS example: a context path inside an array of name/value objects", () => {
    const token = dataContext({ cluster: 'c1' }, { context: { Task: { Token: 'tok-1' } } });
    const template = {
      'Cluster.$': '$.cluster',
      Overrides: { ContainerOverrides: [{ Name: 'app', Environment: [{ Name: 'TOKEN', 'Value.$': '$$.Task.Token' }, { Name: 'MODE', Value: 'batch' }] }] },
    };
    const compiled = compileTemplate(template);
    expect(compiled.readsContext).toBe(true);
    expect(compiled.evaluate(token)).toEqual({
      Cluster: 'c1',
      Overrides: { ContainerOverrides: [{ Name: 'app', Environment: [{ Name: 'TOKEN', Value: 'tok-1' }, { Name: 'MODE', Value: 'batch' }] }] },
    });
  });

  it('shares the static items of a dynamic array and builds a fresh array each time', () => {
    const fixed = { k: 1 };
    const compiled = compileTemplate({ arr: [fixed, { 'n.$': '$.name' }] });
    const first = compiled.evaluate(data) as { arr: JsonValue[] };
    expect(first.arr[0]).toBe(fixed);
    expect((compiled.evaluate(data) as { arr: JsonValue[] }).arr).not.toBe(first.arr);
  });

  it('reports what a template inside an array reads', () => {
    expect(compileTemplate({ list: [[{ 'v.$': '$total' }]] })).toMatchObject({ readsContext: false, readsVariables: true });
  });

  it('rejects a non-string .$ value inside an array too', () => {
    expect(() => compileTemplate({ list: [{ 'a.$': 1 }] })).toThrow(/'a\.\$' must be a string/);
  });

  it('writes a "__proto__" key as data', () => {
    const out = compileTemplate({ '__proto__.$': '$.obj' }).evaluate(data) as Record<string, unknown>;
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it('rejects a .$ key whose value is not a string', () => {
    expect(() => compileTemplate({ 'a.$': 1 })).toThrow(/'a\.\$' must be a string/);
  });
});

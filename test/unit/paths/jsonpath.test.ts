import { describe, it, expect } from 'vitest';
import { AslError } from '../../../src/core/errors.js';
import type { JsonValue } from '../../../src/core/json.js';
import { compilePath, pathCompileProblem } from '../../../src/paths/jsonpath.js';
import { dataContext } from './data-context.js';

function runtimeError(run: () => unknown): AslError {
  try {
    run();
  } catch (error) {
    if (error instanceof AslError) return error;
    throw error;
  }
  throw new Error('expected an AslError');
}

describe('compilePath: reference paths', () => {
  it('$ returns the input itself', () => {
    const input = { a: [1] };
    expect(compilePath('$').select(dataContext(input))).toBe(input);
    expect(compilePath('$').find(dataContext(input))).toBe(input);
  });

  it.each<[string, JsonValue, JsonValue]>([
    ['$.a', { a: 1 }, 1],
    ['$.a.b', { a: { b: 'x' } }, 'x'],
    ["$['a b']['c']", { 'a b': { c: null } }, null],
    ['$.a[1]', { a: [10, 20] }, 20],
    ['$.a[0][1].b', { a: [[0, { b: false }]] }, false],
    ['$[0]', [7], 7],
    ['$.foo\\.bar', { 'foo.bar': 3 }, 3],
    ['$.a', { a: { deep: [1] } }, { deep: [1] }],
  ])('%s on %j is %j', (text, input, expected) => {
    expect(compilePath(text).select(dataContext(input))).toEqual(expected);
  });

  it('returns the node itself, not a copy', () => {
    const inner = { x: [1, 2] };
    expect(compilePath('$.a').select(dataContext({ a: inner }))).toBe(inner);
  });

  it('reads $$ from the context object and $name from variables', () => {
    const data = dataContext({ a: 1 }, { context: { Execution: { Id: 'arn' } }, variables: { total: { n: [5] } } });
    expect(compilePath('$$.Execution.Id').select(data)).toBe('arn');
    expect(compilePath('$$').select(data)).toEqual({ Execution: { Id: 'arn' } });
    expect(compilePath('$total.n[0]').select(data)).toBe(5);
    expect(compilePath('$total').select(data)).toEqual({ n: [5] });
  });

  it('never answers from the prototype', () => {
    expect(compilePath('$.constructor').find(dataContext({}))).toBeUndefined();
    expect(compilePath('$.toString').find(dataContext({}))).toBeUndefined();
    expect(compilePath('$.__proto__').find(dataContext(JSON.parse('{"__proto__":1}') as JsonValue))).toBe(1);
  });

  it('reports what it reads', () => {
    expect(compilePath('$.a')).toMatchObject({ readsContext: false, readsVariables: false });
    expect(compilePath('$$.State.Name')).toMatchObject({ readsContext: true, readsVariables: false });
    expect(compilePath('$v.a[*]')).toMatchObject({ readsContext: false, readsVariables: true });
  });
});

describe('compilePath: a path that names nothing', () => {
  it.each<[string, JsonValue, string]>([
    ['$.x', {}, "No results for path: $['x']"],
    ['$.a.b', { a: {} }, "No results for path: $['a']['b']"],
    ['$.a.b', {}, "Missing property in path $['a']"],
    ['$.no.such.path', { a: 1 }, "Missing property in path $['no']"],
    ['$.a.b.c', { a: {} }, "Missing property in path $['a']['b']"],
    ['$.a.b', { a: 5 }, "Expected to find an object with property ['b'] in path $['a'] but found 'number'"],
    ['$.a', 'foo', "Expected to find an object with property ['a'] in path $ but found 'string'"],
    ['$.a.b', { a: [1] }, "Expected to find an object with property ['b'] in path $['a'] but found 'array'"],
    ['$.a[0]', { a: null }, "The path $['a'] is null"],
    ['$.a[0]', { a: { k: 1 } }, 'Filter: [0] can only be applied to arrays. Current context is: {"k":1}'],
    ['$.a[2]', { a: [1] }, "No results for path: $['a'][2]"],
    ['$.a[2].b', { a: [1] }, "No results for path: $['a'][2]['b']"],
    ['$.a[-1]', { a: [] }, "No results for path: $['a'][-1]"],
    ['$x.a', {}, "The variable '$x' is not assigned"],
  ])('%s on %j', (text, input, detail) => {
    const path = compilePath(text);
    const error = runtimeError(() => path.select(dataContext(input)));
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe(`Invalid path '${text}' : ${detail}`);
    expect(path.find(dataContext(input))).toBeUndefined();
  });

  it('explains $$ paths against the context object', () => {
    const error = runtimeError(() => compilePath('$$.Execution.Nope').select(dataContext({}, { context: { Execution: {} } })));
    expect(error.cause).toBe("Invalid path '$$.Execution.Nope' : No results for path: $['Execution']['Nope']");
  });
});

const items: JsonValue = [
  { name: 'apple', price: 3, tag: 'x', n: 1, isbn: 'i1' },
  { name: 'Avocado', price: 12, tag: 'x', n: 2 },
  { name: 'bread', price: 8, tag: 'y', n: 3, isbn: 'i3' },
];

describe('compilePath: general paths gather their matches', () => {
  it.each<[string, JsonValue, JsonValue]>([
    ['$.a[*]', { a: [1, 2] }, [1, 2]],
    ['$.a[*]', { a: [1] }, [1]],
    ['$.a.*', { a: { x: 1, y: [2] } }, [1, [2]]],
    ['$.*', { a: 1, b: 2 }, [1, 2]],
    ['$[*]', 'scalar', []],
    ['$.a[0,2]', { a: [0, 1, 2, 3] }, [0, 2]],
    ['$.a[1:3]', { a: [0, 1, 2, 3, 4] }, [1, 2]],
    ['$.a[-2:]', { a: [0, 1, 2, 3, 4] }, [3, 4]],
    ['$.a[:2]', { a: [0, 1, 2] }, [0, 1]],
    ['$.a[::2]', { a: [0, 1, 2, 3, 4] }, [0, 2, 4]],
    ['$.a[1:3]', { a: { 1: 'x' } }, []],
    ['$..b', { b: 1, c: { b: 2, d: [{ b: 3 }] } }, [1, 2, 3]],
    ['$..*', { a: { b: 1 }, c: 2 }, [{ b: 1 }, 2, 1]],
    ['$..[0]', { a: [1, [2]] }, [1, 2]],
    ['$.missing[*]', {}, []],
    ["$['a','c']", { a: 1, b: 2, c: 3 }, { a: 1, c: 3 }],
    ["$['a','z']", { a: 1 }, { a: 1 }],
    ["$['a','b'].x", { a: { x: 1 }, b: { x: 2 } }, [1, 2]],
    ['$.a[-1]', { a: [1, 2, 3] }, 3],
    ['$.a[*].b', { a: [{ b: 1 }, {}, { b: 3 }] }, [1, 3]],
  ])('%s on %j is %j', (text, input, expected) => {
    expect(compilePath(text).select(dataContext(input))).toEqual(expected);
  });

  it.each<[string, string[]]>([
    ['$.items[?(@.price < 10)].name', ['apple', 'bread']],
    ['$.items[?(@.price <= 8)].name', ['apple', 'bread']],
    ['$.items[?(@.price > 3 && @.tag == "x")].name', ['Avocado']],
    ['$.items[?(@.tag == \'y\' || @.n == 1)].name', ['apple', 'bread']],
    ['$.items[?(@.isbn)].name', ['apple', 'bread']],
    ['$.items[?(!@.isbn)].name', ['Avocado']],
    ['$.items[?(@.n != 2)].name', ['apple', 'bread']],
    ['$.items[?(@.name =~ /^a.*/i)].name', ['apple', 'Avocado']],
    // Jayway matches the whole text (Matcher.matches), not a part of it.
    ['$.items[?(@.name =~ /a/)].name', []],
    ['$.items[?(@.name =~ /a.*/)].name', ['apple']],
    ['$.items[?(@.n =~ /[12]/)].name', ['apple', 'Avocado']],
    ['$.items[?(@.n in [1, 3])].name', ['apple', 'bread']],
    ['$.items[?(@.n nin [1, 3])].name', ['Avocado']],
    ['$.items[?(@.price >= $.min)].name', ['Avocado', 'bread']],
    ['$.items[?((@.n == 1 || @.n == 2) && !(@.tag == "y"))].name', ['apple', 'Avocado']],
    ["$.items[?(@['name'] == 'bread')].name", ['bread']],
    ['$.items[?(@.price == "3")].name', []],
    ['$.items[?(@.name > "b")].name', ['bread']],
  ])('filter %s', (text, expected) => {
    expect(compilePath(text).select(dataContext({ items, min: 8 }))).toEqual(expected);
  });

  it('tests an object itself and scans every object with a deep filter', () => {
    expect(compilePath('$.o[?(@.a == 1)]').select(dataContext({ o: { a: 1 } }))).toEqual([{ a: 1 }]);
    const input = { x: { price: 1 }, list: [{ price: 2 }, { other: 3 }, 5] };
    expect(compilePath('$..[?(@.price)]').select(dataContext(input))).toEqual([{ price: 1 }, { price: 2 }]);
  });

  it('runs on $$ and variables too', () => {
    const data = dataContext({}, { context: { list: [1, 2] }, variables: { v: { a: [3, 4] } } });
    expect(compilePath('$$.list[*]').select(data)).toEqual([1, 2]);
    expect(compilePath('$v.a[*]').select(data)).toEqual([3, 4]);
    expect(compilePath('$nope[*]').find(data)).toBeUndefined();
    expect(runtimeError(() => compilePath('$nope[*]').select(data)).cause).toBe(
      "Invalid path '$nope[*]' : The variable '$nope' is not assigned",
    );
  });

  it('handles very large arrays without spreading them onto the stack', () => {
    const big = Array.from({ length: 300_000 }, (_, i) => i);
    expect((compilePath('$.a[*]').select(dataContext({ a: big })) as number[]).length).toBe(300_000);
  });
});

describe('compilePath: what it rejects', () => {
  it.each([
    ['$.a[?(@.length() > 1)]', 'length() are not supported'],
    ['$.a[?(@.x size 2)]', 'unsupported operator'],
    ['$.a[?(@.x =~ "a")]', "'=~' needs a /regex/"],
    ['$.a[?(@.x =~ /a[/)]', 'invalid regex'],
    ['$.a[?(@.x =~ /(a)\\1/)]', 'backreference, which is not supported'],
    ['$.a[?(1)]', 'must be a path'],
    ['$.a[::0]', 'must not be 0'],
    ['$.a[', 'unclosed bracket'],
  ])('%s', (text, message) => {
    expect(() => compilePath(text)).toThrow(message);
    expect(pathCompileProblem(text)).toContain(message);
  });

  it('accepts every other valid path', () => {
    expect(pathCompileProblem('$.a[?(@.b)]')).toBeUndefined();
  });
});

// Jayway (AWS's JSONPath library) reads some paths more leniently than the JSONPath papers do, and
// published machines rely on that (ASL.md §3). Each leniency must parse, and evaluate exactly like
// the strict spelling of the same path, in path fields and in intrinsic arguments alike.
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../src/core/json.js';
import { compileExpression } from '../../../src/paths/expression.js';
import { compileIntrinsic } from '../../../src/paths/intrinsics/evaluate.js';
import { parseIntrinsic } from '../../../src/paths/intrinsics/parse.js';
import { compilePath } from '../../../src/paths/jsonpath.js';
import { parsePath } from '../../../src/paths/path-syntax.js';
import { compileResultPath } from '../../../src/paths/reference-path.js';
import { dataContext } from './data-context.js';

const shop: JsonValue = {
  lines: [
    { sku: 'pen', qty: 2, body: '{"gift":true}', tags: ['blue'] },
    { sku: 'ink', qty: 0, body: '{}', tags: [] },
    { sku: 'pad', qty: 5, body: '[]', tags: ['a4', 'ruled'] },
  ],
  meta: { 'odd key': 1 },
};
const data = dataContext(shop, { context: { Execution: { Name: 'run-7' }, Task: { Token: 'tok' } } });
const read = (text: string): JsonValue | undefined => compilePath(text).find(data);

describe('a "[" straight after a dot', () => {
  it.each<[string, string]>([
    ['$.lines.[0].sku', '$.lines[0].sku'],
    ['$.[0]', '$[0]'],
    ['$.lines.[?(@.qty > 0)]', '$.lines[?(@.qty > 0)]'],
    ["$.lines.[*].['sku', 'qty']", "$.lines[*]['sku', 'qty']"],
    ["$.meta.['odd key']", "$.meta['odd key']"],
    ['$..lines.[0].sku', '$..lines[0].sku'],
    ['$.lines.[-1:].sku', '$.lines[-1:].sku'],
  ])('%s reads what %s reads', (lenient, strict) => {
    expect(parsePath(lenient).ok).toBe(true);
    expect(read(lenient)).toEqual(read(strict));
  });

  it('keeps a single-node bracket a reference path, so ResultPath can write through it', () => {
    const parsed = parsePath('$.lines.[1].qty');
    expect(parsed.ok && parsed.path.isReference).toBe(true);
    const written = compileResultPath('$.lines.[1].qty').write(shop, 9) as { lines: Array<{ qty: number }> };
    expect(written.lines[1]?.qty).toBe(9);
  });

  it('evaluates concretely: the positive lines and the sku/qty pairs', () => {
    expect(read('$.lines.[?(@.qty > 0)].sku')).toEqual(['pen', 'pad']);
    expect(read("$.lines.[*].['sku', 'qty']")).toEqual([{ sku: 'pen', qty: 2 }, { sku: 'ink', qty: 0 }, { sku: 'pad', qty: 5 }]);
  });
});

describe('a name straight after "]" or "*"', () => {
  it.each<[string, string]>([
    ['$.lines[0]sku', '$.lines[0].sku'],
    ['$.lines[2]tags[1]', '$.lines[2].tags[1]'],
    ["$['lines'][1]qty", "$['lines'][1].qty"],
    ['$.lines[*]sku', '$.lines[*].sku'],
    ['$.lines.*sku', '$.lines.*.sku'],
    ['$.lines[0]*', '$.lines[0].*'],
  ])('%s reads what %s reads', (lenient, strict) => {
    expect(parsePath(lenient).ok).toBe(true);
    expect(read(lenient)).toEqual(read(strict));
  });

  it('reads the field: $.lines[0]sku is "pen", and stays a reference path', () => {
    expect(read('$.lines[0]sku')).toBe('pen');
    const parsed = parsePath('$.lines[0]sku');
    expect(parsed.ok && parsed.path.segments).toEqual([
      { kind: 'field', name: 'lines' },
      { kind: 'index', index: 0 },
      { kind: 'field', name: 'sku' },
    ]);
  });
});

describe('the same leniencies in the paths of a filter', () => {
  it.each<[string, string]>([
    ['$.lines[?(@.tags.[0] == "blue")].sku', '$.lines[?(@.tags[0] == "blue")].sku'],
    ['$.lines[?(@.tags[1]length)].sku', '$.lines[?(@.tags[1].length)].sku'],
    ["$.lines[?(@.['qty'] > 1)].sku", "$.lines[?(@['qty'] > 1)].sku"],
  ])('%s reads what %s reads', (lenient, strict) => {
    expect(parsePath(lenient).ok).toBe(true);
    expect(read(lenient)).toEqual(read(strict));
  });

  it('evaluates concretely', () => {
    expect(read('$.lines[?(@.tags.[0] == "blue")].sku')).toEqual(['pen']);
    expect(read("$.lines[?(@.['qty'] > 1)].sku")).toEqual(['pen', 'pad']);
  });
});

describe('spaces around the path text', () => {
  it.each(['$$.Execution.Name ', ' $$.Execution.Name', '  $$.Execution.Name   '])('%j is $$.Execution.Name', (text) => {
    const parsed = parsePath(text);
    expect(parsed.ok && parsed.path.text).toBe('$$.Execution.Name');
    expect(read(text)).toBe('run-7');
    expect(compileExpression(text).evaluate(data, 'name.$')).toBe('run-7');
  });

  it('trims only spaces, as Jayway does: a tab or newline is still an error', () => {
    expect(parsePath('$.a\t').ok).toBe(false);
    expect(parsePath('\n$.a').ok).toBe(false);
  });

  it('names the trimmed path when it finds nothing', () => {
    expect(() => compilePath('$.nope ').select(data)).toThrow("Invalid path '$.nope' : No results for path: $['nope']");
  });
});

describe('the same leniencies inside intrinsic arguments', () => {
  const run = (text: string): JsonValue => {
    const parsed = parseIntrinsic(text);
    if (!parsed.ok) throw new Error(parsed.message);
    return compileIntrinsic(parsed.call).evaluate(data, 'x.$');
  };

  it.each<[string, JsonValue]>([
    ['States.StringToJson($.lines.[0].body)', { gift: true }],
    ['States.ArrayLength($.lines.[?(@.qty > 0)])', 2],
    ["States.Format('{} for {}', $.lines[2]sku, $$.Execution.Name )", 'pad for run-7'],
    ["States.JsonToString($.lines.[*].['sku'])", '["pen","ink","pad"]'],
    ['States.ArrayGetItem($.lines[2]tags, 1)', 'ruled'],
  ])('%s', (text, expected) => {
    expect(run(text)).toEqual(expected);
  });
});

describe('a filter the evaluator cannot run fails to parse, wherever it is written', () => {
  it.each(['$.lines[?(@.qty === 1)]', '$.lines[?(@.sku ~ "p")]', '$.lines[?(@.tags.length() > 1)]', '$.lines.[?(@.qty >)]'])('%s', (text) => {
    const parsed = parsePath(text);
    expect(parsed.ok).toBe(false);
    const call = parseIntrinsic(`States.Array(${text})`);
    expect(call.ok).toBe(false);
    if (!call.ok) expect(call.message).toContain('(in a path argument)');
  });
});

describe('filter regexes (=~) as Jayway runs them', () => {
  const people = { people: [{ name: 'anna', age: 30 }, { name: 'bob', age: 4 }, { name: 'Annabel', tags: ['x1', 'y2'] }] };
  const find = (text: string): JsonValue | undefined => compilePath(text).find(dataContext(people));

  it('match the whole text, case-insensitively with /i', () => {
    expect(find('$.people[?(@.name =~ /ann/)].name')).toEqual([]);
    expect(find('$.people[?(@.name =~ /ann.*/i)].name')).toEqual(['anna', 'Annabel']);
  });

  it('read numbers as text and match an array when any item matches', () => {
    expect(find('$.people[?(@.age =~ /\\d/)].name')).toEqual(['bob']);
    expect(find('$.people[?(@.tags =~ /y\\d/)].name')).toEqual(['Annabel']);
  });

  it('run in linear time on a catastrophic pattern', () => {
    const input = { s: [{ v: `${'a'.repeat(5000)}b` }] };
    const started = performance.now();
    expect(compilePath('$.s[?(@.v =~ /(a+)+$/)]').find(dataContext(input))).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

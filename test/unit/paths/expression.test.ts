import { describe, it, expect } from 'vitest';
import type { JsonValue } from '../../../src/core/json.js';
import { compileExpression } from '../../../src/paths/expression.js';
import { FIELD, failure, run } from './intrinsic-helpers.js';
import { dataContext } from './data-context.js';

// INTRINSICS.md §3, worked examples.
const input: JsonValue = { name: 'Foo', vals: [0, 10, 20, 30, 40, 50], s: '{"number": 20}', arr: [1, 2, 2] };

describe('compileExpression: INTRINSICS.md worked examples', () => {
  it.each<[string, JsonValue]>([
    ["States.Format('Your name is {}, we are in the year {}', $.name, 2020)", 'Your name is Foo, we are in the year 2020'],
    ["States.Format('It\\'s {}', $.name)", "It's Foo"],
    ["States.Format('\\{literal\\} {}', 1)", '{literal} 1'],
    ['States.StringToJson($.s)', { number: 20 }],
    ['States.JsonToString($.arr)', '[1,2,2]'],
    ['States.ArrayUnique($.arr)', [1, 2]],
    ['States.ArrayLength(States.ArrayUnique($.arr))', 2],
    ['States.ArrayPartition($.vals, 4)', [[0, 10, 20, 30], [40, 50]]],
    ['States.ArrayGetItem($.vals, 2)', 20],
    ['States.ArrayContains($.vals, 30)', true],
    ['States.ArrayRange(0, 10, 5)', [0, 5, 10]],
    ['States.MathAdd($.vals[1], -3)', 7],
    ["States.Hash('abc', 'MD5')", '900150983cd24fb0d6963f7d28e17f72'],
    ["States.Base64Encode('hi')", 'aGk='],
  ])('%s', (text, expected) => {
    expect(run(text, input)).toEqual(expected);
  });

  it("formats the execution name with a UUID", () => {
    const value = run("States.Format('{}-{}', $$.Execution.Name, States.UUID())", input, { context: { Execution: { Name: 'exec1' } } });
    expect(value).toMatch(/^exec1-[0-9a-f]{8}-[0-9a-f]{4}-4/);
  });

  it('fails ArrayRange past 1000 elements with States.IntrinsicFailure', () => {
    expect(failure('States.ArrayRange(1, 2000, 1)', input).error).toBe('States.IntrinsicFailure');
  });
});

describe('compileExpression: paths', () => {
  it.each<[string, JsonValue]>([
    ['$', input],
    ['$.name', 'Foo'],
    ['$.vals[1]', 10],
    ['$.vals[?(@ > 30)]', [40, 50]],
    ['$$.State.Name', 'S1'],
    ['$v.x', 1],
  ])('%s', (text, expected) => {
    const data = dataContext(input, { context: { State: { Name: 'S1' } }, variables: { v: { x: 1 } } });
    expect(compileExpression(text).evaluate(data, FIELD)).toEqual(expected);
  });

  it.each(['$.missing', '$.name.deeper', '$$.Nope', '$v.nope', '$undefinedVar'])('%s missing → States.Runtime naming path, field and input', (text) => {
    const error = failure(text, { a: 1 });
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe(`The JSONPath '${text}' specified for the field '${FIELD}' could not be found in the input '{"a":1}'`);
  });

  it('reports a missing path argument of an intrinsic the same way', () => {
    const error = failure("States.Format('{}', $.nope)", { a: [1, { b: 'x' }] });
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe(`The JSONPath '$.nope' specified for the field '${FIELD}' could not be found in the input '{"a":[1,{"b":"x"}]}'`);
  });

  it('names the failing inner function of a nested call', () => {
    const error = failure('States.ArrayLength(States.StringToJson($.s))', { s: '{' });
    expect(error.error).toBe('States.IntrinsicFailure');
    expect(error.cause).toMatch(/^The intrinsic function States\.StringToJson in the field 'value\.\$' failed: the string is not valid JSON/);
  });
});

describe('compileExpression: what it reads', () => {
  it.each<[string, boolean, boolean]>([
    ['$.a', false, false],
    ['$$.Execution.Id', true, false],
    ['$var.a', false, true],
    ["States.Format('{}', $.a)", false, false],
    ["States.Format('{} {}', $$.Execution.Name, States.ArrayLength($items))", true, true],
    ['States.UUID()', false, false],
  ])('%s: context %s, variables %s', (text, readsContext, readsVariables) => {
    expect(compileExpression(text)).toMatchObject({ text, readsContext, readsVariables });
  });

  it('rejects text that is neither a path nor an intrinsic call', () => {
    expect(() => compileExpression('hello')).toThrow(/cannot compile expression/);
    expect(() => compileExpression('States.Nope()')).toThrow(/unknown function 'States.Nope'/);
  });
});

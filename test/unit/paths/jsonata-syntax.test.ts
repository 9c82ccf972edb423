import { describe, it, expect } from 'vitest';
import { checkJsonataSyntax, isJsonataExpression, jsonataBody } from '../../../src/paths/jsonata-syntax.js';

describe('isJsonataExpression and jsonataBody', () => {
  it.each([
    ['{% $states.input %}', true, ' $states.input '],
    ['{%$x%}', true, '$x'],
    ['{%%}', true, ''],
    ['{%}', false, undefined],
    ['{%', false, undefined],
    [' {% $x %}', false, undefined],
    ['{% $x %} ', false, undefined],
    ['Hello {% $x %}', false, undefined],
    ['$.a', false, undefined],
    ['', false, undefined],
  ])('%j → %s', (value, expected, body) => {
    expect(isJsonataExpression(value)).toBe(expected);
    if (body !== undefined) expect(jsonataBody(value)).toBe(body);
  });
});

describe('checkJsonataSyntax', () => {
  it.each([
    '{% $states.input %}',
    '{% $states.input.items[price > 100].name %}',
    "{% 'price ' & $string($price) %}",
    '{% $price > 100 %}',
    '{% {"a": 1, "b": [1, 2, 3]} %}',
    '{% $partition($states.input, 2) %}',
    '{%\n  (\n    $x := 1;\n    $x + 1\n  )\n%}',
    '{% $states.result.Payload %}',
  ])('%s compiles', (value) => {
    expect(checkJsonataSyntax(value)).toBeUndefined();
  });

  it.each([
    ['{%%}', 'empty JSONata expression'],
    ['{%   %}', 'empty JSONata expression'],
    ['{% 1 + %}', 'JSONata error S0207'],
    ['{% $states.input.( %}', 'JSONata error'],
    ["{% 'unterminated %}", 'JSONata error S0101'],
    ['{% [1, 2 %}', 'at position'],
    ['{% } %}', 'JSONata error S0211'],
    ['$.a', "must start with '{%' and end with '%}'"],
  ])('%j is rejected: %s', (value, message) => {
    expect(checkJsonataSyntax(value)).toContain(message);
  });

  it('reports deeply nested input instead of throwing', () => {
    const value = `{% ${'('.repeat(50_000)}1${')'.repeat(50_000)} %}`;
    expect(checkJsonataSyntax(value)).toBe('JSONata expression is too deeply nested to compile');
  });
});

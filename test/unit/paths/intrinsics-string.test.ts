import { describe, it, expect } from 'vitest';
import type { JsonValue } from '../../../src/core/json.js';
import { formatValue } from '../../../src/paths/intrinsics/functions/string.js';
import { failure, intrinsicCause, run } from './intrinsic-helpers.js';

describe('States.Format', () => {
  it.each<[string, JsonValue, string]>([
    ["States.Format('Your name is {}, we are in the year {}', $.name, 2020)", { name: 'Foo' }, 'Your name is Foo, we are in the year 2020'],
    ["States.Format('It\\'s {}', $.name)", { name: 'Foo' }, "It's Foo"],
    ["States.Format('\\{literal\\} {}', 1)", {}, '{literal} 1'],
    ["States.Format('a\\\\{}', 1)", {}, 'a\\1'],
    ["States.Format('no placeholders')", {}, 'no placeholders'],
    ["States.Format('{}', $.o)", { o: { Arg1: 1, Arg2: [] } }, '{Arg1=1, Arg2=[]}'],
    ["States.Format('{}', $.o)", { o: [1, 'a', null, true, { k: [1.5] }] }, '[1, a, null, true, {k=[1.5]}]'],
    ["States.Format('{}', $.o)", { o: [] }, '[]'],
    ["States.Format('{}', $.o)", { o: {} }, '{}'],
    ["States.Format('{}|{}|{}|{}', 1.1, -3, true, null)", {}, '1.1|-3|true|null'],
    ["States.Format('{}', $.s)", { s: '{"a":1}' }, '{"a":1}'],
    ["States.Format('{} {}', '{}', 'b')", {}, '{} b'],
    ["States.Format('{}{}', 'a', 'b')", {}, 'ab'],
    ["States.Format($.t, 1, 'x')", { t: 'n={}, s={}' }, 'n=1, s=x'],
    ["States.Format($.t, 1)", { t: '\\{{}\\}' }, '{1}'],
    ["States.Format('{}-{}', $$.Execution.Name, States.ArrayLength($.a))", { a: [1, 2] }, 'exec1-2'],
  ])('%s on %j', (text, input, expected) => {
    expect(run(text, input, { context: { Execution: { Name: 'exec1' } } })).toBe(expected);
  });

  it('renders $$.StateMachine Java-style (recorded)', () => {
    const context = { StateMachine: { Id: 'arn:aws:states:us-east-1:1:stateMachine:sm', Name: 'sm' } };
    expect(run("States.Format('{}', $$.StateMachine)", {}, { context })).toBe('{Id=arn:aws:states:us-east-1:1:stateMachine:sm, Name=sm}');
  });

  it('takes its template from a variable', () => {
    expect(run("States.Format($tmpl, 'World')", {}, { variables: { tmpl: 'Hello {}!' } })).toBe('Hello World!');
  });

  it.each<[string, JsonValue, string]>([
    ['States.Format($.t, 1)', { t: 'none' }, "the template has 0 '{}' placeholders but 1 value follow it"],
    ['States.Format($.t)', { t: '{} {}' }, "the template has 2 '{}' placeholders but 0 values follow it"],
    ['States.Format($.t, 1)', { t: 5 }, 'argument 1 must be a string, got a number (5)'],
  ])('fails for %s on %j', (text, input, problem) => {
    const error = failure(text, input);
    expect(error.error).toBe('States.IntrinsicFailure');
    expect(error.cause).toBe(intrinsicCause('States.Format', problem));
  });

  it('formatValue nests Java-style', () => {
    expect(formatValue({ a: { b: [{ c: 'x y' }] }, d: 2 })).toBe('{a={b=[{c=x y}]}, d=2}');
  });
});

describe('States.StringSplit', () => {
  it.each<[string, string, JsonValue]>([
    ['This.is+a,test=string', '.+,=', ['This', 'is', 'a', 'test', 'string']],
    ['split on T and \nnew line', 'T\n', ['split on ', ' and ', 'new line']],
    [',,,,', ',', []],
    [', , ,', ',', [' ', ' ']],
    [' ', ',', [' ']],
    ['', ',', []],
    ['a,b', '', ['a,b']],
    ['1,2,3,4,5', ',', ['1', '2', '3', '4', '5']],
    ['a😀b😀c', '😀', ['a', 'b', 'c']],
  ])('%j split on %j', (text, delimiters, expected) => {
    expect(run('States.StringSplit($.s, $.d)', { s: text, d: delimiters })).toEqual(expected);
  });

  it('fails on non-strings', () => {
    expect(failure('States.StringSplit($.s, \',\')', { s: [1] }).cause).toBe(
      intrinsicCause('States.StringSplit', 'argument 1 must be a string, got an array ([1])'),
    );
  });
});

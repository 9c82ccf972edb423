import { describe, it, expect } from 'vitest';
import { parseIntrinsic, type IntrinsicCall } from '../../../src/paths/intrinsics/parse.js';
import { INTRINSIC_SIGNATURES, checkIntrinsic, intrinsicSignature } from '../../../src/paths/intrinsics/signatures.js';

function check(text: string): string[] {
  const result = parseIntrinsic(text);
  if (!result.ok) throw new Error(`expected ${text} to parse: ${result.message}`);
  return checkIntrinsic(result.call);
}

describe('INTRINSIC_SIGNATURES', () => {
  it('lists the 18 functions AWS defines', () => {
    expect(Object.keys(INTRINSIC_SIGNATURES).sort()).toEqual(
      [
        'Array', 'ArrayContains', 'ArrayGetItem', 'ArrayLength', 'ArrayPartition', 'ArrayRange', 'ArrayUnique',
        'Base64Decode', 'Base64Encode', 'Format', 'Hash', 'JsonMerge', 'JsonToString', 'MathAdd', 'MathRandom',
        'StringSplit', 'StringToJson', 'UUID',
      ].map((name) => `States.${name}`),
    );
  });

  it.each([
    ['States.Format', 1, Infinity],
    ['States.Array', 0, Infinity],
    ['States.MathRandom', 2, 3],
    ['States.UUID', 0, 0],
    ['States.JsonMerge', 3, 3],
  ])('%s takes %i..%s arguments', (name, minArgs, maxArgs) => {
    expect(INTRINSIC_SIGNATURES[name]).toMatchObject({ minArgs, maxArgs });
  });

  it('does not mistake Object.prototype members for functions', () => {
    expect(intrinsicSignature('toString')).toBeUndefined();
    expect(check('States.constructor()')[0]).toContain("unknown intrinsic function 'States.constructor'");
  });
});

describe('checkIntrinsic: valid calls have no problems', () => {
  it.each([
    "States.Format('Your name is {}, we are in the year {}', $.name, 2020)",
    "States.Format('It\\'s {}', $.name)",
    "States.Format('\\{literal\\} {}', 1)",
    "States.Format('\\{\\}')",
    'States.Format($.template, 1, 2, 3)',
    "States.Format('{}', $$.StateMachine)",
    'States.StringToJson($.s)',
    'States.JsonToString($.arr)',
    'States.JsonToString($$.Execution)',
    'States.JsonToString($myVar)',
    "States.Array('Foo', 2020, $.obj, null)",
    'States.Array()',
    'States.ArrayPartition($.vals, 4)',
    'States.ArrayContains($.vals, 30)',
    'States.ArrayRange(0, 10, 5)',
    'States.ArrayRange(1, 1000, 1)',
    'States.ArrayRange(10, 1, -1)',
    'States.ArrayGetItem($.vals, 2)',
    'States.ArrayLength(States.ArrayUnique($.arr))',
    "States.Hash('abc', 'MD5')",
    'States.Hash($.x, $.alg)',
    "States.Base64Encode('hi')",
    "States.Base64Decode('aGk=')",
    'States.JsonMerge($.a, $.b, false)',
    'States.JsonMerge($.a, States.StringToJson($.s), false)',
    'States.MathRandom(1, 10)',
    'States.MathRandom(12.5, 44.51, $.seed)',
    'States.MathAdd($.vals[1], -3)',
    "States.StringSplit('a,b', ',')",
    "States.Format('{}-{}', $$.Execution.Name, States.UUID())",
    'States.ArrayLength(States.Array(States.ArrayGetItem($.a, 0)))',
  ])('%s', (text) => {
    expect(check(text)).toEqual([]);
  });
});

describe('checkIntrinsic: problems', () => {
  it.each([
    ['States.Formatt($.a)', "unknown intrinsic function 'States.Formatt'; did you mean States.Format?"],
    ['States.format($.a)', 'did you mean States.Format?'],
    ['States.uuid()', 'did you mean States.UUID?'],
    ['States.Nope()', 'known functions: States.Format, States.StringToJson'],
    ['States.MathAdd(1)', 'States.MathAdd takes exactly 2 arguments, got 1'],
    ['States.UUID(1)', 'States.UUID takes no arguments, got 1'],
    ['States.Format()', 'States.Format takes at least 1 argument, got 0'],
    ['States.MathRandom(1)', 'States.MathRandom takes 2 or 3 arguments, got 1'],
    ['States.MathRandom(1, 2, 3, 4)', 'States.MathRandom takes 2 or 3 arguments, got 4'],
    ['States.ArrayLength($.a, $.b)', 'States.ArrayLength takes exactly 1 argument, got 2'],
    ["States.JsonToString('x')", "States.JsonToString takes a path such as $.field, got the string 'x'"],
    ['States.JsonToString(States.Array())', 'States.JsonToString takes a path such as $.field, got an array (from States.Array)'],
    ["States.Format('{} {}', 1)", "States.Format template has 2 '{}' placeholders but 1 value argument follow it"],
    ["States.Format('none', 1)", "States.Format template has 0 '{}' placeholders but 1 value argument follow it"],
    ["States.Format('\\{\\}', 1)", "0 '{}' placeholders"],
    ['States.JsonMerge($.a, $.b, true)', 'States.JsonMerge supports only a shallow merge'],
    ["States.ArrayRange('a', 1, 2)", "States.ArrayRange argument 1 must be a number, got the string 'a'"],
    ['States.ArrayRange(1, 2, 0)', 'States.ArrayRange step must not be 0'],
    ['States.ArrayRange(1, 2000, 1)', 'States.ArrayRange would return 2000 elements; the limit is 1000'],
    ["States.ArrayLength('abc')", "States.ArrayLength argument 1 must be an array, got the string 'abc'"],
    ['States.ArrayLength(States.UUID())', 'must be an array, got a string (from States.UUID)'],
    ['States.ArrayGetItem($.a, null)', 'States.ArrayGetItem argument 2 must be a number, got null'],
    ['States.MathAdd(true, 1)', 'States.MathAdd argument 1 must be a number, got the boolean true'],
    ['States.Base64Encode(42)', 'States.Base64Encode argument 1 must be a string, got the number 42'],
    ["States.JsonMerge($.a, $.b, 'false')", "argument 3 must be a boolean, got the string 'false'"],
    ["States.Hash('x', 'sha256')", "States.Hash algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, got 'sha256'"],
    ["States.StringSplit($.s, States.ArrayLength($.a))", 'argument 2 must be a string, got a number (from States.ArrayLength)'],
  ])('%s → %s', (text, problem) => {
    const problems = check(text);
    expect(problems.some((p) => p.includes(problem)), problems.join('\n')).toBe(true);
  });

  it('reports problems in nested calls', () => {
    expect(check("States.Array(States.MathAdd(1), States.Nope(), 'ok')")).toEqual([
      expect.stringContaining("unknown intrinsic function 'States.Nope'"),
      'States.MathAdd takes exactly 2 arguments, got 1',
    ]);
  });

  it('accepts 10 nested calls and rejects 11', () => {
    const nested = (depth: number): string => 'States.Array('.repeat(depth) + ')'.repeat(depth);
    expect(check(nested(10))).toEqual([]);
    expect(check(nested(11))).toEqual(['intrinsic functions are nested 11 deep; AWS allows at most 10']);
  });

  it('walks hand-built calls deeper than the parser allows without recursion', () => {
    let call: IntrinsicCall = { name: 'States.UUID', args: [] };
    for (let i = 0; i < 20_000; i++) call = { name: 'States.Array', args: [{ kind: 'call', call }] };
    expect(checkIntrinsic(call)).toEqual(['intrinsic functions are nested 20001 deep; AWS allows at most 10']);
  });
});

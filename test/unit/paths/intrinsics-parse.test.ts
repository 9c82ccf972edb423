import { describe, it, expect } from 'vitest';
import {
  MAX_PARSE_DEPTH,
  looksLikeIntrinsic,
  parseIntrinsic,
  type IntrinsicArg,
  type IntrinsicCall,
} from '../../../src/paths/intrinsics/parse.js';
import { countFormatPlaceholders, splitFormatTemplate } from '../../../src/paths/intrinsics/format-template.js';

function parsed(text: string): IntrinsicCall {
  const result = parseIntrinsic(text);
  if (!result.ok) throw new Error(`expected ${text} to parse: ${result.message}`);
  return result.call;
}

/** Arguments without the parsed-path details, for compact expectations. */
function shape(arg: IntrinsicArg): unknown {
  switch (arg.kind) {
    case 'path':
      return { path: arg.path.text, root: arg.path.root, isReference: arg.path.isReference };
    case 'call':
      return { call: arg.call.name, args: arg.call.args.map(shape) };
    case 'null':
      return null;
    default:
      return arg.value;
  }
}

describe('parseIntrinsic: valid calls', () => {
  it.each<[string, string, unknown[]]>([
    ['States.UUID()', 'States.UUID', []],
    ['States.UUID( )', 'States.UUID', []],
    ['States.Array()', 'States.Array', []],
    ["States.Array('Foo', 2020, $.obj, null)", 'States.Array', ['Foo', 2020, { path: '$.obj', root: 'input', isReference: true }, null]],
    ['States.Array(true,false)', 'States.Array', [true, false]],
    ['States.MathAdd(-3, 0.5)', 'States.MathAdd', [-3, 0.5]],
    ['States.MathAdd(1e3, -2.5E-1)', 'States.MathAdd', [1000, -0.25]],
    ['States.MathAdd( $.a ,\t$.b )', 'States.MathAdd', [
      { path: '$.a', root: 'input', isReference: true },
      { path: '$.b', root: 'input', isReference: true },
    ]],
    ["States.Format('{}-{}', $$.Execution.Name, $myVar.x[0])", 'States.Format', [
      '{}-{}',
      { path: '$$.Execution.Name', root: 'context', isReference: true },
      { path: '$myVar.x[0]', root: 'variable', isReference: true },
    ]],
    ["States.Array($['a,b)'], $.a[0,1], $.a[?(@.x == ')')])", 'States.Array', [
      { path: "$['a,b)']", root: 'input', isReference: true },
      { path: '$.a[0,1]', root: 'input', isReference: false },
      { path: "$.a[?(@.x == ')')]", root: 'input', isReference: false },
    ]],
    ['States.ArrayLength(States.ArrayUnique($.arr))', 'States.ArrayLength', [
      { call: 'States.ArrayUnique', args: [{ path: '$.arr', root: 'input', isReference: true }] },
    ]],
    ["States.Format('{} {}', States.UUID(), States.Array(1, States.Array()))", 'States.Format', [
      '{} {}',
      { call: 'States.UUID', args: [] },
      { call: 'States.Array', args: [1, { call: 'States.Array', args: [] }] },
    ]],
    ['States.Unknown(1)', 'States.Unknown', [1]],
    ['States.UUID()  ', 'States.UUID', []],
  ])('%s', (text, name, args) => {
    const call = parsed(text);
    expect(call.name).toBe(name);
    expect(call.args.map(shape)).toEqual(args);
  });

  it.each([
    ["'It\\'s {}'", "It's {}", "It\\'s {}"],
    ["'\\{literal\\} {}'", '{literal} {}', '\\{literal\\} {}'],
    ["'back\\\\slash'", 'back\\slash', 'back\\\\slash'],
    ["'a, b) c'", 'a, b) c', 'a, b) c'],
    ["''", '', ''],
    ["'ünï \"q\"'", 'ünï "q"', 'ünï "q"'],
  ])('string literal %s decodes to %j', (literal, value, raw) => {
    expect(parsed(`States.Format(${literal})`).args).toEqual([{ kind: 'string', value, raw }]);
  });
});

describe('parseIntrinsic: malformed calls', () => {
  it.each([
    ['', 'expected an intrinsic function call'],
    [' States.UUID()', 'expected an intrinsic function call'],
    ['Foo.Bar()', 'expected an intrinsic function call'],
    ['States.()', "expected a function name after 'States.'"],
    ['States.UUID', "expected '(' after 'States.UUID' at character 12"],
    ['States.UUID ()', "expected '(' after 'States.UUID'"],
    ['States.UUID(', "unclosed '(' of States.UUID at character 12"],
    ["States.Format('a'", "unclosed '(' of States.Format"],
    ['States.Array(1,)', "expected an argument after ','"],
    ['States.Array(,1)', "expected an argument before ','"],
    ['States.Array(1 2)', "unexpected '2', expected ',' or ')'"],
    ['States.Array(1) x', 'unexpected text after the end of the call at character 17'],
    ['States.Array(1))', 'unexpected text after the end of the call'],
    ["States.Format('abc)", 'unterminated string literal at character 15'],
    ["States.Format('a\\nb')", "unknown escape '\\n' in a string literal"],
    ["States.Format('a\\", 'unterminated string literal'],
    ['States.Format("a")', `unexpected '"'`],
    ['States.Array(foo)', "unexpected 'foo'"],
    ['States.Array(True)', "unexpected 'True'"],
    ['States.Array(-)', "expected digits after '-'"],
    ['States.Array(1.)', "unexpected '.', expected ',' or ')'"],
    ['States.Array(1e999)', 'number is out of range'],
    ['States.Array(States.Foo)', "expected '(' after 'States.Foo'"],
    ['States.Array($.a[0)', "unexpected ')' inside brackets, expected ']' (in a path argument) at character 19"],
    ['States.Array($.a[0', 'unclosed bracket (in a path argument) at character 17'],
    ['States.Array($.)', "expected a field name after '.' (in a path argument) at character 16"],
    ['States.Array($.a.length())', "function calls such as 'length()' are not supported"],
  ])('%j is rejected: %s', (text, message) => {
    const result = parseIntrinsic(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });

  it('rejects non-strings without throwing', () => {
    expect(parseIntrinsic(null as unknown as string).ok).toBe(false);
  });

  it(`stops at ${MAX_PARSE_DEPTH} nested calls`, () => {
    const nested = (depth: number): string => 'States.Array('.repeat(depth) + ')'.repeat(depth);
    expect(parseIntrinsic(nested(MAX_PARSE_DEPTH)).ok).toBe(true);
    const result = parseIntrinsic(nested(100_000));
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.message).toContain(`nested more than ${MAX_PARSE_DEPTH} deep`);
  });

  it.each([
    ['100 KB of arguments', `States.Array(${'1,'.repeat(50_000)}1)`],
    ['100 KB of (', `States.Array(${'('.repeat(100_000)}`],
    ['a 100 KB string', `States.Format('${'x'.repeat(100_000)}`],
    ['100 KB of path brackets', `States.Array($${'['.repeat(100_000)})`],
  ])('%s stays fast', (_label, text) => {
    const started = performance.now();
    parseIntrinsic(text);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('looksLikeIntrinsic', () => {
  it.each([
    ['States.Format(', true],
    ['States.UUID()', true],
    ['States.Foo.Bar(1)', true],
    ['States.UUID', false],
    ['States.(', false],
    ['states.UUID()', false],
    [' States.UUID()', false],
    ['$.States.UUID()', false],
  ])('%j → %s', (text, expected) => {
    expect(looksLikeIntrinsic(text)).toBe(expected);
  });
});

describe('States.Format templates', () => {
  it.each([
    ['', [''], 0],
    ['{}', ['', ''], 1],
    ['a {} b {}', ['a ', ' b ', ''], 2],
    ['\\{\\}', ['{}'], 0],
    ['\\{literal\\} {}', ['{literal} ', ''], 1],
    ["It\\'s {}", ["It's ", ''], 1],
    ['{ }{x}', ['{ }{x}'], 0],
    ['\\\\{}', ['\\', ''], 1],
    ['\\n', ['\\n'], 0],
  ])('%j splits into %j', (template, pieces, count) => {
    expect(splitFormatTemplate(template)).toEqual(pieces);
    expect(countFormatPlaceholders(template)).toBe(count);
  });
});

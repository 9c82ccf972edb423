import { describe, it, expect } from 'vitest';
import { isPathLike, parsePath, scanPathEnd, type ParsedPath, type ReferenceSegment } from '../../../src/paths/path-syntax.js';

const f = (name: string): ReferenceSegment => ({ kind: 'field', name });
const n = (index: number): ReferenceSegment => ({ kind: 'index', index });

function parsed(text: string): ParsedPath {
  const result = parsePath(text);
  if (!result.ok) throw new Error(`expected ${text} to parse: ${result.message}`);
  return result.path;
}

describe('parsePath: reference paths', () => {
  it.each<[string, ReferenceSegment[]]>([
    ['$', []],
    ['$.a', [f('a')]],
    ['$.a.b', [f('a'), f('b')]],
    ["$['a']['b']", [f('a'), f('b')]],
    ['$["a"]', [f('a')]],
    ["$[ 'a b' ]", [f('a b')]],
    ["$['']", [f('')]],
    ["$['it\\'s']", [f("it's")]],
    ['$["q\\"u\\\\o\\u0041"]', [f('q"u\\\\o\\u0041')]],
    ["$['a.b']", [f('a.b')]],
    ['$.a[0][22].b', [f('a'), n(0), n(22), f('b')]],
    ['$[0]', [n(0)]],
    ['$[ 7 ]', [n(7)]],
    ['$.foo\\.bar', [f('foo.bar')]],
    ['$.foo\\.bar.baz', [f('foo.bar'), f('baz')]],
    ['$.a\\[0\\]', [f('a[0]')]],
    ['$.a\\q', [f('a\\q')]],
    ['$.a-b.c_d.Ünïcode.1', [f('a-b'), f('c_d'), f('Ünïcode'), f('1')]],
  ])('%s is an input reference path', (text, segments) => {
    const path = parsed(text);
    expect(path).toEqual({ text, root: 'input', isReference: true, segments });
  });

  it.each<[string, ReferenceSegment[]]>([
    ['$$', []],
    ['$$.Execution.Id', [f('Execution'), f('Id')]],
    ["$$['Map']['Item'].Index", [f('Map'), f('Item'), f('Index')]],
  ])('%s is a context reference path', (text, segments) => {
    expect(parsed(text)).toEqual({ text, root: 'context', isReference: true, segments });
  });

  it.each<[string, string, ReferenceSegment[]]>([
    ['$myVar', 'myVar', []],
    ['$myVar.x[0]', 'myVar', [f('x'), n(0)]],
    ["$_v2['k']", '_v2', [f('k')]],
    ['$ünï.a', 'ünï', [f('a')]],
    ['$名前', '名前', []],
    ['$states.input', 'states', [f('input')]],
  ])('%s is a variable reference path', (text, variableName, segments) => {
    expect(parsed(text)).toEqual({ text, root: 'variable', variableName, isReference: true, segments });
  });
});

describe('parsePath: general (non-reference) paths', () => {
  it.each([
    '$.a[*]',
    '$[*]',
    '$.*',
    '$.a.*.b',
    '$..b',
    '$..*',
    '$..[0]',
    "$..['x']",
    '$.a[?(@.x > 1)]',
    "$.a[?(@.name == ')(')]",
    '$.a[?( @.b[0] == "]" )]',
    '$.a[0,1]',
    '$.a[ 0 , 1 ]',
    "$['a','b']",
    '$.a[1:3]',
    '$.a[:2]',
    '$.a[1:]',
    '$.a[::2]',
    '$.a[-1:]',
    '$.a[-1]',
    '$.a,b',
    '$.a@b',
    '$$..Id',
    '$v[*]',
  ])('%s is a valid path but not a reference path', (text) => {
    const path = parsed(text);
    expect(path.isReference).toBe(false);
    expect(path.segments).toEqual([]);
  });

  it('keeps the root and variable name of general paths', () => {
    expect(parsed('$items[*].id')).toMatchObject({ root: 'variable', variableName: 'items', isReference: false });
    expect(parsed('$$..Id')).toMatchObject({ root: 'context' });
  });
});

describe('parsePath: malformed paths', () => {
  it.each([
    ['', "path must start with '$'"],
    ['a.b', "path must start with '$'"],
    ['$.a[0', "unclosed bracket at character 4 in '$.a[0'"],
    ['$.a[', 'unclosed bracket at character 4'],
    ["$['a'", 'unclosed bracket at character 2'],
    ['$.', "expected a field name after '.' at character 3"],
    ['$.a.', "expected a field name after '.' at character 5"],
    ['$.a..', "expected a field name, '*' or '[' after '..'"],
    ['$..', "expected a field name, '*' or '[' after '..'"],
    ['$a.', "expected a field name after '.'"],
    ['$.a b', 'whitespace need bracket notation'],
    ['$.a[0] .b', 'whitespace need bracket notation'],
    ['\t$.a', "path must start with '$'"],
    ['$.a\t', 'whitespace need bracket notation'],
    ['$.a.[', 'unclosed bracket'],
    ['$.a.[]', "empty brackets '[]'"],
    ['$.a[::0]', 'a slice step must not be 0 at character 7'],
    ['$.a[1:3:-0]', 'a slice step must not be 0'],
    ['$.a[?(@.x === 1)]', "'===' is not a JSONPath operator; use '==' in filter '@.x === 1' at character 13"],
    ['$.a[?(@.x ~ 1)]', 'unsupported operator'],
    ['$.a[?(@.list.length() > 1)]', 'functions such as length() are not supported'],
    ['$.a.length()', "function calls such as 'length()' are not supported at character 11"],
    ['$.a]', "unexpected ']' at character 4"],
    ['$.a)', "unexpected ')'"],
    ['$[]', "empty brackets '[]'"],
    ['$[a]', "unexpected 'a' inside brackets"],
    ["$['a]", 'unterminated quoted name at character 3'],
    ["$['a' 'b']", "expected ',' or ']'"],
    ["$['a',]", "expected a quoted name after ','"],
    ['$[0 1]', "unexpected '1' inside brackets, expected ']'"],
    ['$[0,]', "expected an index after ','"],
    ['$[-]', "expected digits after '-'"],
    ['$[1:2:3:4]', "unexpected ':' inside brackets"],
    ['$[99999999999999999999]', 'array index is too large'],
    ['$[?@.a]', "a filter must look like '?(...)'"],
    ['$[?()]', "empty filter '?()'"],
    ['$[?(@.a == 1]', "unclosed '(' in filter"],
    ["$[?(@.a == ')]", 'unterminated string in filter'],
    ['$[?(@.a) 1]', "unexpected '1' inside brackets, expected ']'"],
    ['$[(@.length-1)]', "script expressions '[(...)]' are not supported"],
    ['$$$', "unexpected '$' after '$$'"],
    ['$$x', "unexpected 'x' after '$$'"],
    ['$-a', "unexpected '-' after '$'"],
    ['$1abc', "a variable name must start with a letter or '_'"],
    ['$my-var', "unexpected '-' in variable name"],
    ['$.a\\', "a '\\' at the end of the path escapes nothing"],
    ['$.a\u0000[', 'unclosed bracket'],
  ])('%j is rejected: %s', (text, message) => {
    const result = parsePath(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });

  it('rejects non-strings without throwing', () => {
    expect(parsePath(42 as unknown as string)).toEqual({ ok: false, message: 'path must be a string' });
  });

  it('quotes long text only in part', () => {
    const result = parsePath(`$.a${'b'.repeat(10_000)} c`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.length).toBeLessThan(300);
  });
});

describe('parsePath: hostile input stays fast', () => {
  it.each([
    ['100 KB of [', '$' + '['.repeat(100_000)],
    ['100 KB of [0]', '$' + '[0]'.repeat(33_000)],
    ['an unclosed filter of (', '$[?(' + '('.repeat(100_000)],
    ['100 KB of dots', '$' + '.a'.repeat(50_000)],
    ['a 100 KB quoted name', "$['" + 'x'.repeat(100_000)],
    ['100 KB of escapes', '$.' + '\\.'.repeat(50_000)],
  ])('%s', (_label, text) => {
    const started = performance.now();
    parsePath(text);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('isPathLike and scanPathEnd', () => {
  it.each([
    ['$', true],
    ['$$.x', true],
    ['$var', true],
    ['x$', false],
    ['', false],
    ['States.UUID()', false],
  ])('isPathLike(%j) is %s', (text, expected) => {
    expect(isPathLike(text)).toBe(expected);
  });

  it.each([
    ['$.a, 1)', 3],
    ['$.a)', 3],
    ['$.a b', 3],
    ["$['a,b)'], 1", 9],
    ['$.a[0,1])', 8],
    ['$.a[?(@.b == ")")])', 18],
    ['$.a\\,b)', 6],
    ['$.a[0', 5],
  ])('scanPathEnd(%j) is %i', (text, end) => {
    expect(scanPathEnd(text, 0)).toBe(end);
  });
});

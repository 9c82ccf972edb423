import { describe, it, expect } from 'vitest';
import { parseDefinition } from '../../../src/definition/source.js';
import { fromV8Message } from '../../../src/definition/source-json.js';
import { LineIndex } from '../../../src/definition/source-position.js';

describe('parseDefinition: invalid JSON', () => {
  it.each([
    ['{"a": 1,}', 1, 8, 'Trailing comma'],
    ['[1, 2,\n]', 1, 6, 'Trailing comma'],
    ['{\n  "a": tru\n}', 2, 8, "Unrecognized token 'tru'"],
    ["{'a': 1}", 1, 2, 'double quotes'],
    ['{"a": \'x\'}', 1, 7, 'double quotes'],
    ['{a: 1}', 1, 2, 'double quotes'],
    ['{"a": 1 // note\n}', 1, 9, "Expected ',' or '}'"],
    ['// c\n{}', 1, 1, 'Comments are not allowed'],
    ['{"a" 1}', 1, 6, "Expected ':'"],
    ['{"a": 01}', 1, 7, 'Invalid number'],
    ['{"a": 1.}', 1, 7, 'Invalid number'],
    ['{"a": "x\ny"}', 1, 9, 'Line break inside a string'],
    ['{"a": "\\x"}', 1, 8, 'Invalid escape'],
    ['{"a": "open', 1, 7, 'never closed'],
    ['[1, 2', 1, 6, 'Unexpected end of text'],
    ['{"a": 1}\n{"b": 2}', 2, 1, 'after the end of the JSON value'],
    ['{"a": NaN}', 1, 7, "Unrecognized token 'NaN'"],
    ['{"a": }', 1, 7, "Unexpected '}'"],
    ['{"é": 1, "😀": x}', 1, 15, "Unrecognized token 'x'"],
  ])('reports %j at %i:%i (%s)', (text, line, column, words) => {
    const parsed = parseDefinition(text, { format: 'json' });
    expect(parsed.value).toBeUndefined();
    expect(parsed.diagnostics).toHaveLength(1);
    const [d] = parsed.diagnostics;
    expect(d).toMatchObject({ code: 'INVALID_JSON_DESCRIPTION', severity: 'ERROR', path: '', line, column });
    expect(d?.message).toContain(words);
    expect(d?.message).toContain(`line ${line}, column ${column}`);
  });

  it('reads positions out of every V8 message format', () => {
    const lines = new LineIndex('{\n  "a": }');
    expect(fromV8Message('Unexpected token } in JSON at position 9', lines)).toEqual({
      message: 'Unexpected token }',
      position: { line: 2, column: 8 },
    });
    expect(fromV8Message("Expected ',' or '}' after property value in JSON at position 9 (line 2 column 8)", lines)).toEqual({
      message: "Expected ',' or '}' after property value",
      position: { line: 2, column: 8 },
    });
    expect(fromV8Message('Unexpected token \'x\', "x" is not valid JSON', lines)).toEqual({
      message: "Unexpected token 'x'",
      position: undefined,
    });
  });
});

describe('parseDefinition: duplicate keys', () => {
  it('warns at the repeated member and keeps the last value, as AWS does', () => {
    const parsed = parseDefinition('{\n  "States": {\n    "A": 1,\n    "A": 2\n  }\n}');
    expect(parsed.value).toEqual({ States: { A: 2 } });
    expect(parsed.diagnostics).toEqual([
      expect.objectContaining({ code: 'DUPLICATE_JSON_KEY', severity: 'WARNING', path: '/States/A', line: 4, column: 10 }),
    ]);
    expect(parsed.diagnostics[0]?.message).toContain("'A'");
    expect(parsed.locate('/States/A')).toEqual({ line: 4, column: 10 });
  });

  it('warns once per repeat, each at its own member', () => {
    const parsed = parseDefinition('{"a":1,"a":2,"a":3}');
    expect(parsed.value).toEqual({ a: 3 });
    expect(parsed.diagnostics).toMatchObject([
      { code: 'DUPLICATE_JSON_KEY', path: '/a', line: 1, column: 12 },
      { code: 'DUPLICATE_JSON_KEY', path: '/a', line: 1, column: 18 },
    ]);
  });

  it('escapes the pointer of a repeated key with "/" or "~"', () => {
    const parsed = parseDefinition('{"a/~b": 1, "a/~b": 2}');
    expect(parsed.diagnostics).toMatchObject([{ code: 'DUPLICATE_JSON_KEY', path: '/a~1~0b' }]);
  });

  it('treats keys that differ only in escapes as the same key', () => {
    expect(parseDefinition('{"a": 1, "\\u0061": 2}').diagnostics).toMatchObject([{ path: '/a' }]);
  });
});

describe('parseDefinition: deep nesting and odd numbers', () => {
  it.each([
    ['10,000 arrays', '['.repeat(10_000) + ']'.repeat(10_000)],
    ['10,000 objects', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)],
    ['100,000 arrays', '['.repeat(100_000) + ']'.repeat(100_000)],
  ])('rejects %s nested as TOO_DEEPLY_NESTED without crashing', (_name, text) => {
    const parsed = parseDefinition(text);
    expect(parsed.value).toBeUndefined();
    expect(parsed.diagnostics).toHaveLength(1);
    const [d] = parsed.diagnostics;
    expect(d).toMatchObject({ code: 'TOO_DEEPLY_NESTED', severity: 'ERROR', line: 1 });
    expect(d?.path.split('/')).toHaveLength(101);
  });

  it('points at the first container past the limit', () => {
    const parsed = parseDefinition('{"a": {"b": [[1]]}}', { maxDepth: 3 });
    expect(parsed.diagnostics).toMatchObject([{ code: 'TOO_DEEPLY_NESTED', path: '/a/b/0', line: 1, column: 14 }]);
    expect(parseDefinition('{"a": {"b": [[1]]}}', { maxDepth: 4 }).diagnostics).toEqual([]);
  });

  it('reports an unbalanced 10,000-deep text as invalid JSON', () => {
    const parsed = parseDefinition('['.repeat(10_000));
    expect(parsed.diagnostics).toMatchObject([{ code: 'INVALID_JSON_DESCRIPTION', line: 1, column: 10_001 }]);
  });

  it('rejects a number too large for a double', () => {
    const parsed = parseDefinition('{"a": [1e400]}');
    expect(parsed.value).toBeUndefined();
    expect(parsed.diagnostics).toMatchObject([{ code: 'SCHEMA_VALIDATION_FAILED', path: '/a/0', line: 1, column: 8 }]);
  });
});

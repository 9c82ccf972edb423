import { describe, it, expect } from 'vitest';
import { parseDefinition } from '../../../src/definition/source.js';

const machine = `{
  "Comment": "caf\u00e9 \u{1F600} \\"quoted\\" \\u00e9",
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Next": "a/b~c" },
    "a/b~c": {
      "Type": "Pass",
      "Result": ["\u{1F600}", 10, {"x": null}],
      "End": true
    }
  }
}`;

describe('parseDefinition: JSON', () => {
  it('returns the value with no diagnostics', () => {
    const parsed = parseDefinition(machine);
    expect(parsed.format).toBe('json');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.value).toEqual(JSON.parse(machine));
  });

  it.each([
    ['', 1, 1],
    ['/Comment', 2, 14],
    ['/StartAt', 3, 14],
    ['/States', 4, 13],
    ['/States/A', 5, 10],
    ['/States/A/Next', 5, 36],
    ['/States/a~1b~0c', 6, 14],
    ['/States/a~1b~0c/Result', 8, 17],
    ['/States/a~1b~0c/Result/0', 8, 18],
    // The emoji before these is one column (code points), as in an editor.
    ['/States/a~1b~0c/Result/1', 8, 23],
    ['/States/a~1b~0c/Result/2', 8, 27],
    ['/States/a~1b~0c/Result/2/x', 8, 33],
    ['/States/a~1b~0c/End', 9, 14],
  ])('locates %j at %i:%i', (pointer, line, column) => {
    expect(parseDefinition(machine).locate(pointer)).toEqual({ line, column });
  });

  it.each([
    ['/States/A/Missing', '/States/A'],
    ['/States/Nope/Next', '/States'],
    ['/States/a~1b~0c/Result/7', '/States/a~1b~0c/Result'],
    ['/States/a~1b~0c/Result/01', '/States/a~1b~0c/Result'],
    ['/States/A/Next/deeper', '/States/A/Next'],
  ])('locates missing %j at its nearest ancestor %j', (missing, ancestor) => {
    const parsed = parseDefinition(machine);
    expect(parsed.locate(missing)).toEqual(parsed.locate(ancestor));
  });

  it('finds keys written with escapes', () => {
    const parsed = parseDefinition('{"a\\u002Fb": 1, "\\"q\\"": 2}');
    expect(parsed.value).toEqual({ 'a/b': 1, '"q"': 2 });
    expect(parsed.locate('/a~1b')).toEqual({ line: 1, column: 14 });
    expect(parsed.locate('/"q"')).toEqual({ line: 1, column: 26 });
  });

  it('counts lines across CRLF and lone CR line endings', () => {
    const crlf = parseDefinition('{\r\n  "a": 1,\r\n  "b": [\r\n    true\r\n  ]\r\n}');
    expect(crlf.locate('/a')).toEqual({ line: 2, column: 8 });
    expect(crlf.locate('/b/0')).toEqual({ line: 4, column: 5 });
    expect(parseDefinition('{\r"a":\r2}').locate('/a')).toEqual({ line: 3, column: 1 });
  });

  it('strips a UTF-8 byte order mark without shifting columns', () => {
    const parsed = parseDefinition('\uFEFF{"a": 1}');
    expect(parsed.value).toEqual({ a: 1 });
    expect(parsed.locate('/a')).toEqual({ line: 1, column: 7 });
  });

  it.each([['42'], ['[]'], ['"x"'], ['null'], ['  [1, 2]  ']])('returns non-object JSON %j as a value', (text) => {
    const parsed = parseDefinition(text, { format: 'json' });
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.value).toEqual(JSON.parse(text));
  });
});

describe('parseDefinition: format', () => {
  it.each([
    ['machine.json', '{}', 'json'],
    ['machine.asl.json', 'a: 1', 'json'],
    ['MACHINE.ASL.YAML', '{"a": 1}', 'yaml'],
    ['m.yml', '{}', 'yaml'],
    ['m.asl.yml', '{}', 'yaml'],
    [undefined, '  \n {"a": 1}', 'json'],
    [undefined, '[1]', 'json'],
    ['definition.txt', 'StartAt: A', 'yaml'],
    [undefined, '\uFEFF{"a": 1}', 'json'],
  ] as const)('picks %s / %j as %s', (fileName, text, format) => {
    const parsed = parseDefinition(text, fileName === undefined ? {} : { fileName });
    expect(parsed.format).toBe(format);
  });

  it('honours an explicit format over the file name', () => {
    expect(parseDefinition('a: 1', { format: 'yaml', fileName: 'x.json' }).value).toEqual({ a: 1 });
    expect(parseDefinition('{"a": 1}', { format: 'json', fileName: 'x.yaml' }).format).toBe('json');
  });
});

describe('parseDefinition: empty and oversized text', () => {
  it.each([[''], ['   \n\t '], ['\uFEFF'], ['\uFEFF  \r\n']])('reports %j as MISSING_DESCRIPTION', (text) => {
    const parsed = parseDefinition(text);
    expect(parsed.value).toBeUndefined();
    expect(parsed.diagnostics).toMatchObject([{ code: 'MISSING_DESCRIPTION', severity: 'ERROR', path: '' }]);
  });

  it('rejects a 50 MB text as DEFINITION_TOO_LARGE without parsing it', () => {
    const parsed = parseDefinition('x'.repeat(50 * 1024 * 1024));
    expect(parsed.value).toBeUndefined();
    expect(parsed.diagnostics).toMatchObject([{ code: 'DEFINITION_TOO_LARGE', severity: 'ERROR', path: '' }]);
    expect(parsed.diagnostics[0]?.message).toContain('52428800 bytes');
  });

  it('counts UTF-8 bytes, not characters, against maxBytes', () => {
    expect(parseDefinition('"éé"', { maxBytes: 6 }).value).toBe('éé');
    expect(parseDefinition('"ééé"', { maxBytes: 6 }).diagnostics[0]?.code).toBe('DEFINITION_TOO_LARGE');
  });

  it('accepts text of exactly 1 MiB by default', () => {
    const text = `"${'a'.repeat(1_048_576 - 2)}"`;
    expect(parseDefinition(text).diagnostics).toEqual([]);
    expect(parseDefinition(text + ' ').diagnostics[0]?.code).toBe('DEFINITION_TOO_LARGE');
  });
});

import { describe, it, expect } from 'vitest';
import { jsonDepth } from '../../../src/core/json.js';
import { parseDefinition } from '../../../src/definition/source.js';

const machine = [
  '# A YAML definition',
  'Comment: yes', // the 1.2 core schema keeps this a string
  'StartAt: A',
  'States:',
  '  A:',
  '    Type: Pass',
  '    Result: [1, {x: "😀"}, null]',
  '    Next: "a/b~c"',
  '  a/b~c:',
  '    Type: Succeed',
  '  List:',
  '    - one',
  '    - two: 2',
  '  Empty:',
].join('\n');

describe('parseDefinition: YAML', () => {
  it('returns plain JSON', () => {
    const parsed = parseDefinition(machine, { fileName: 'm.asl.yaml' });
    expect(parsed.format).toBe('yaml');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.value).toEqual({
      Comment: 'yes',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Result: [1, { x: '😀' }, null], Next: 'a/b~c' },
        'a/b~c': { Type: 'Succeed' },
        List: ['one', { two: 2 }],
        Empty: null,
      },
    });
  });

  it.each([
    ['', 2, 1],
    ['/Comment', 2, 10],
    ['/States/A', 6, 5],
    ['/States/A/Type', 6, 11],
    // The emoji before it is one column (code points), as in an editor.
    ['/States/A/Result/1/x', 7, 21],
    ['/States/A/Result/2', 7, 27],
    ['/States/A/Next', 8, 11],
    ['/States/a~1b~0c/Type', 10, 11],
    ['/States/List/1/two', 13, 12],
    ['/States/Empty', 14, 3],
    ['/States/A/Nope', 6, 5],
    ['/States/List/9', 12, 5],
  ])('locates %j at %i:%i', (pointer, line, column) => {
    expect(parseDefinition(machine, { format: 'yaml' }).locate(pointer)).toEqual({ line, column });
  });

  it('reports a syntax error with its position', () => {
    const parsed = parseDefinition('StartAt: A\nStates: [1, 2\nB: c: d\n', { format: 'yaml' });
    expect(parsed.value).toBeUndefined();
    expect(parsed.diagnostics.length).toBeGreaterThan(0);
    const [d] = parsed.diagnostics;
    expect(d).toMatchObject({ code: 'INVALID_JSON_DESCRIPTION', severity: 'ERROR', line: 3, column: 1 });
    expect(d?.message).toContain('not valid YAML');
  });

  it('rejects several documents in one file', () => {
    const parsed = parseDefinition('a: 1\n---\nb: 2\n', { format: 'yaml' });
    expect(parsed.diagnostics).toMatchObject([{ code: 'INVALID_JSON_DESCRIPTION', line: 2, column: 1 }]);
  });

  it.each([
    ['a: .inf', '/a', 'Infinity'],
    ['a: [-.inf]', '/a/0', '-Infinity'],
    ['a: .nan', '/a', 'NaN'],
    ['a: !!binary aGVsbG8=', '/a', 'binary'],
    ['a:\n  b: !!timestamp 2001-01-01', '/a/b', 'timestamp'],
    ['a: !!set {x}', '/a', 'set'],
  ])('rejects the non-JSON value in %j', (text, path, words) => {
    const parsed = parseDefinition(text, { format: 'yaml' });
    expect(parsed.value).toBeUndefined();
    expect(parsed.diagnostics).toMatchObject([{ code: 'SCHEMA_VALIDATION_FAILED', severity: 'ERROR', path }]);
    expect(parsed.diagnostics[0]?.message).toContain(words);
    expect(parsed.diagnostics[0]?.line).toBeGreaterThan(0);
  });

  it('turns scalar keys into strings and rejects collection keys', () => {
    expect(parseDefinition('1: a\ntrue: b\n', { format: 'yaml' }).value).toEqual({ '1': 'a', true: 'b' });
    const parsed = parseDefinition('? [1, 2]\n: x\n', { format: 'yaml' });
    expect(parsed.diagnostics).toMatchObject([{ code: 'SCHEMA_VALIDATION_FAILED', path: '', line: 1, column: 3 }]);
  });

  it('warns about a repeated key and keeps the last value', () => {
    const parsed = parseDefinition('States:\n  A: 1\n  A: 2\n  A: 3\n', { format: 'yaml' });
    expect(parsed.value).toEqual({ States: { A: 3 } });
    expect(parsed.diagnostics).toMatchObject([
      { code: 'DUPLICATE_JSON_KEY', severity: 'WARNING', path: '/States/A', line: 3, column: 6 },
      { code: 'DUPLICATE_JSON_KEY', severity: 'WARNING', path: '/States/A', line: 4, column: 6 },
    ]);
    expect(parsed.locate('/States/A')).toEqual({ line: 4, column: 6 });
  });

  it('expands aliases but refuses an alias explosion', () => {
    expect(parseDefinition('a: &x [1]\nb: *x\n', { format: 'yaml' }).value).toEqual({ a: [1], b: [1] });
    // Each level refers ten times to the one before: 10^8 nodes once expanded.
    const laughs = ['l0: &l0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) laughs.push(`l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]`);
    const parsed = parseDefinition(laughs.join('\n'), { format: 'yaml' });
    expect(parsed.value).toBeUndefined();
    expect(parsed.diagnostics[0]?.code).toBe('INVALID_JSON_DESCRIPTION');
  });

  it('treats a comment-only file as empty', () => {
    const parsed = parseDefinition('# nothing here\n', { format: 'yaml' });
    expect(parsed.diagnostics).toMatchObject([{ code: 'MISSING_DESCRIPTION' }]);
  });
});

describe('parseDefinition: deep YAML', () => {
  const block = (n: number): string => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1';
  it.each([
    ['10,000 flow sequences', '['.repeat(10_000) + ']'.repeat(10_000)],
    ['10,000 flow mappings', '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000)],
    ['500,000 flow sequences', '['.repeat(500_000) + ']'.repeat(500_000)],
    ['10,000 compact block sequences', '- '.repeat(10_000) + 'x'],
    ['1,000 block mappings', block(1000)],
    ['10,000 flow sequences after a quoted "[[["', 'k: "[[["\nv: ' + '['.repeat(10_000)],
  ])('rejects %s as TOO_DEEPLY_NESTED without crashing', (_name, text) => {
    const parsed = parseDefinition(text, { format: 'yaml' });
    expect(parsed.value).toBeUndefined();
    expect(parsed.diagnostics.map((d) => d.code)).toContain('TOO_DEEPLY_NESTED');
    expect(parsed.diagnostics[0]?.line).toBeGreaterThan(0);
  });

  it('accepts nesting at the limit and rejects one level more', () => {
    expect(parseDefinition('['.repeat(100) + ']'.repeat(100), { format: 'yaml' }).diagnostics).toEqual([]);
    expect(parseDefinition(block(100), { format: 'yaml' }).diagnostics).toEqual([]);
    expect(parseDefinition(block(101), { format: 'yaml' }).diagnostics).toMatchObject([{ code: 'TOO_DEEPLY_NESTED' }]);
    expect(parseDefinition('a: "[[[[[["\nb: |\n  [[[[[[[\n', { format: 'yaml', maxDepth: 2 }).diagnostics).toEqual([]);
  });

  // Text that only looks like structure: the lines a plain scalar goes on over (more indented, or
  // any line at the root), and "? " inside a flow scalar.
  it.each([
    ['a root string whose second line reads like a "?" key', '?-\n\n?\n', '?-\n?'],
    ['a value whose next lines read like sequence items', 'k: a\n  - b\n  - c\n', { k: 'a - b - c' }],
    ['a value whose next line reads like a flow sequence', 'k: a\n  [[[[b\n', { k: 'a [[[[b' }],
    ['an explicit key whose value line is indented further', '? a\n  : [b]\n', { a: ['b'] }],
    ['a flow item with "? " inside', '[ a? ", "[" ]\n', ['a? "', '[']],
  ])('does not count the text of %s as nesting', (_name, text, value) => {
    const parsed = parseDefinition(text, { format: 'yaml', maxDepth: jsonDepth(value) });
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.value).toEqual(value);
  });

  // The estimate must see these before `yaml` spends seconds on them.
  it.each([
    ['after an anchor', 'k: &a ' + '['.repeat(10_000)],
    ['after a tag', 'k: !!seq ' + '['.repeat(10_000)],
    ['on a line less indented than the block scalar above it', 'k: |\n    text\n  ' + '['.repeat(10_000)],
    ['after a plain scalar that a comment ended', 'k: a # note\n  ' + '['.repeat(10_000)],
  ])('rejects 10,000 flow sequences %s before parsing', (_name, text) => {
    const lastLine = text.split('\n').length;
    expect(parseDefinition(text, { format: 'yaml' }).diagnostics).toMatchObject([{ code: 'TOO_DEEPLY_NESTED', line: lastLine }]);
  });
});

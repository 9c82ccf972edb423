// The reports: JUnit XML that is well-formed (checked by a small tokenizer: balanced tags, quoted
// attributes, only the five predefined entities, no raw "<" or "&") and counts what ran.
import { describe, expect, it } from 'vitest';
import { escapeXml } from '../../../src/testing/runner/report.js';
import { renderJunit, renderText, type TestFileResult } from '../../../src/testing/runner/index.js';

const RESULTS: TestFileResult[] = [
  {
    file: 'a/<orders>.asl.test.json',
    status: 'ran',
    definition: 'a/m.asl.json',
    cases: [
      { name: 'ok & fine', passed: true, failures: [] },
      {
        name: 'bad "quote"',
        passed: false,
        failures: [{ expectation: 'output', message: 'output differs: $.a: expected 1, got 2', differences: [{ path: '$.a', expected: 1, actual: '<2>\u0001' }] }],
      },
    ],
  },
  { file: 'b.asl.test.json', status: 'invalid', problems: [{ file: 'b.asl.test.json', pointer: '/cases', message: 'must be a non-empty array of cases' }] },
  { file: 'c.asl.test.json', status: 'unreadable', message: 'cannot read c.json: ENOENT' },
];

/** Throws unless `xml` is a well-formed document; returns the element names in document order. */
function wellFormed(xml: string): string[] {
  const body = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  const stack: string[] = [];
  const names: string[] = [];
  const attribute = /\s+[A-Za-z_][\w.-]*="[^"<&]*(?:&(?:amp|lt|gt|quot|apos);[^"<&]*)*"/y;
  let index = 0;
  while (index < body.length) {
    const open = body.indexOf('<', index);
    const text = body.slice(index, open === -1 ? body.length : open);
    if (/&(?!(amp|lt|gt|quot|apos);)|>/.test(text)) throw new Error(`bad text: ${text}`);
    if ([...text].some((char) => char < ' ' && !'\t\n\r'.includes(char))) throw new Error('control character in text');
    if (open === -1) break;
    const tag = /^<(\/?)([A-Za-z_][\w.-]*)/.exec(body.slice(open));
    if (tag === null) throw new Error(`bad tag at ${open}`);
    let at = open + tag[0].length;
    attribute.lastIndex = at;
    while (tag[1] === '' && attribute.test(body)) at = attribute.lastIndex;
    const end = /^\s*(\/?)>/.exec(body.slice(at));
    if (end === null) throw new Error(`unclosed tag ${tag[2]} at ${open}`);
    const name = tag[2] ?? '';
    if (tag[1] === '/') {
      if (stack.pop() !== name) throw new Error(`mismatched </${name}>`);
    } else {
      names.push(name);
      if (end[1] !== '/') stack.push(name);
    }
    index = at + end[0].length;
  }
  if (stack.length > 0) throw new Error(`unclosed ${stack.join(', ')}`);
  return names;
}

describe('renderJunit', () => {
  it('writes well-formed JUnit XML: a suite per file, failures for failed cases, errors for broken files', () => {
    const xml = renderJunit(RESULTS);
    expect(wellFormed(xml)).toEqual(['testsuites', 'testsuite', 'testcase', 'testcase', 'failure', 'testsuite', 'testcase', 'error', 'testsuite', 'testcase', 'error']);
    expect(xml).toContain('<testsuites name="asl test" tests="4" failures="1" errors="2">');
    expect(xml).toContain('<testsuite name="a/&lt;orders&gt;.asl.test.json" tests="2" failures="1" errors="0">');
    expect(xml).toContain('<testcase classname="a/&lt;orders&gt;.asl.test.json" name="ok &amp; fine"/>');
    expect(xml).toContain('name="bad &quot;quote&quot;">');
    expect(xml).toContain('$.a: expected 1, got &quot;&lt;2&gt;\\u0001&quot;');
    expect(xml).toContain('<error message="b.asl.test.json#/cases: must be a non-empty array of cases" type="invalid">');
    expect(xml).toContain('type="unreadable">cannot read c.json: ENOENT</error>');
  });

  it('throws out of the well-formedness check on broken XML (the checker itself works)', () => {
    expect(() => wellFormed('<a><b></a></b>')).toThrow('mismatched');
    expect(() => wellFormed('<a x="1 & 2"/>')).toThrow();
    expect(() => wellFormed('<a>1 < 2</a>')).toThrow();
  });

  it('escapes the five XML specials and drops characters XML cannot hold', () => {
    expect(escapeXml('<a href="x">&\'\u0000\u0007\t\n😀</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;\t\n😀&lt;/a&gt;');
  });
});

describe('renderText', () => {
  it('lists every file, ✓/✗ per case, the problems of broken files and the summary line last', () => {
    expect(renderText(RESULTS)).toBe(
      [
        'a/<orders>.asl.test.json',
        '  ✓ ok & fine',
        '  ✗ bad "quote"',
        '      output: output differs',
        '        $.a: expected 1, got "<2>\\u0001"',
        'b.asl.test.json',
        '  ✗ invalid test file:',
        '      b.asl.test.json#/cases: must be a non-empty array of cases',
        'c.asl.test.json',
        '  ✗ cannot read c.json: ENOENT',
        '',
        '2 test files could not run',
        '1 passed, 1 failed',
        '',
      ].join('\n'),
    );
  });
});

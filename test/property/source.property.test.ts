import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parse as fromYaml, stringify as toYaml } from 'yaml';
import { jsonDepth } from '../../src/core/json.js';
import { toPointer } from '../../src/definition/diagnostic.js';
import { scanJson } from '../../src/definition/source-json-scan.js';
import { parseDefinition } from '../../src/definition/source.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// Full Unicode (including astral characters and lone surrogates) exercises the code-point columns.
const jsonValues = fc.jsonValue({ maxDepth: 6, stringUnit: 'binary' }) as fc.Arbitrary<Json>;

/** Every node of a value with its pointer, in document order. */
function nodes(value: Json, segments: Array<string | number> = []): Array<[string, Json]> {
  const out: Array<[string, Json]> = [[toPointer(segments), value]];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...nodes(v, [...segments, i])));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...nodes(v, [...segments, k]));
  }
  return out;
}

/** The text from a 1-based line and code-point column to the end of that line. */
function textAt(text: string, line: number, column: number): string {
  const lineText = text.split('\n')[line - 1] ?? '';
  return Array.from(lineText)
    .slice(column - 1)
    .join('');
}

function safeEqual(read: () => unknown, expected: Json): boolean {
  try {
    return JSON.stringify(read()) === JSON.stringify(expected);
  } catch {
    return false;
  }
}

describe('parseDefinition properties', () => {
  it('parses pretty-printed JSON to the same value and locates every node where its text starts', () => {
    fc.assert(
      fc.property(jsonValues, (value) => {
        const text = JSON.stringify(value, null, 2);
        const parsed = parseDefinition(text, { format: 'json' });
        expect(parsed.diagnostics).toEqual([]);
        expect(parsed.value).toEqual(JSON.parse(text));
        for (const [pointer, node] of nodes(JSON.parse(text) as Json)) {
          const position = parsed.locate(pointer);
          expect(position, pointer).toBeDefined();
          // The first line of a node's own pretty-printing is the same at any indentation.
          const firstLine = JSON.stringify(node, null, 2).split('\n')[0] as string;
          expect(textAt(text, position?.line ?? 0, position?.column ?? 0).startsWith(firstLine), pointer).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('reads back YAML (block, flow or JSON style) and locates every node, even at the depth limit', () => {
    const styles = fc.constantFrom(
      { json: false, write: (v: Json) => toYaml(v) },
      { json: false, write: (v: Json) => toYaml(v, { collectionStyle: 'flow' }) },
      { json: false, write: (v: Json) => toYaml(v, { defaultStringType: 'QUOTE_SINGLE', defaultKeyType: 'PLAIN' }) },
      { json: false, write: (v: Json) => toYaml(v, { blockQuote: 'literal' }) },
      { json: true, write: (v: Json) => JSON.stringify(v, null, 2) },
    );
    // Strings full of YAML syntax characters stress the pre-parse depth estimate.
    const yamlValues = fc.jsonValue({
      maxDepth: 5,
      stringUnit: fc.constantFrom(...'[]{}:,-?#|>"\'\\ \nab&*!%@`'),
    }) as fc.Arbitrary<Json>;
    fc.assert(
      fc.property(yamlValues, styles, (value, style) => {
        // maxDepth exactly the value's depth: the cheap pre-parse depth estimate must never overshoot.
        const text = style.write(value);
        // The yaml package's writer has corner-case bugs ("?\n?" in flow style); skip what it cannot read back.
        fc.pre(style.json || safeEqual(() => fromYaml(text, { schema: 'core', logLevel: 'error' }), value));
        const parsed = parseDefinition(text, { format: 'yaml', maxDepth: jsonDepth(value) });
        expect(parsed.diagnostics).toEqual([]);
        // JSON.stringify writes -0 as 0; YAML keeps -0.
        expect(parsed.value).toEqual(style.json ? JSON.parse(text) : value);
        for (const [pointer] of nodes(value)) expect(parsed.locate(pointer), pointer).toBeDefined();
      }),
      { numRuns: 300 },
    );
  });

  it('scans exactly the texts JSON.parse accepts', () => {
    const jsonish = fc.string({ unit: fc.constantFrom(...'{}[]:, "\\/\n\t\u0001u019eE.-+tfnrla'), maxLength: 30 });
    const texts = fc.oneof(jsonish, jsonValues.map((v) => JSON.stringify(v)));
    fc.assert(
      fc.property(texts, (text) => {
        let accepted = true;
        try {
          JSON.parse(text);
        } catch {
          accepted = false;
        }
        expect(scanJson(text).error === undefined).toBe(accepted);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws, whatever the text, format or pointer', () => {
    const texts = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.constantFrom(...'{}[]:,"\'\\ \n\r\t-?|>#&*!0aéu😀') }),
      jsonValues.map((v) => JSON.stringify(v)).chain((s) => fc.nat(s.length).map((n) => s.slice(0, n))),
    );
    fc.assert(
      fc.property(texts, fc.constantFrom('json', 'yaml', 'auto'), fc.string(), (text, format, pointer) => {
        const parsed = parseDefinition(text, { format, maxDepth: 5 });
        expect(Array.isArray(parsed.diagnostics)).toBe(true);
        parsed.locate('');
        parsed.locate('/' + pointer);
        if (parsed.value === undefined) expect(parsed.diagnostics.some((d) => d.severity === 'ERROR')).toBe(true);
        else expect(parsed.diagnostics.every((d) => d.severity === 'WARNING')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

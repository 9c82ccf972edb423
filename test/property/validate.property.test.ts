// validateDefinition never throws, whatever it is given, and every diagnostic points somewhere.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Diagnostic, validateDefinition } from '../../src/index.js';
import { aslJson, definitionLike } from '../support/arbitraries.js';

function expectWellFormed(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    expect(typeof d.path).toBe('string');
    expect(d.path === '' || d.path.startsWith('/')).toBe(true);
    expect(d.code).not.toBe('INTERNAL_ERROR');
    expect(['ERROR', 'WARNING']).toContain(d.severity);
  }
}

describe('validateDefinition on arbitrary input', () => {
  it('never throws on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = validateDefinition(value as never);
        expectWellFormed(result.diagnostics);
        expect(result.valid).toBe(!result.diagnostics.some((d) => d.severity === 'ERROR'));
      }),
    );
  });

  it('never throws on arbitrary strings, and rejects what is not a definition', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const result = validateDefinition(text);
        expectWellFormed(result.diagnostics);
        expect(result.valid).toBe(false);
      }),
    );
  });

  it('never throws on definition-shaped objects, and gives the same verdict from text as from the value', () => {
    fc.assert(
      fc.property(definitionLike, (definition) => {
        const result = validateDefinition(definition);
        expectWellFormed(result.diagnostics);
        const text = JSON.stringify(definition, null, 2);
        const fromText = validateDefinition(text, { fileName: 'x.json' });
        expect(fromText.valid).toBe(result.valid);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on ASL-flavoured random JSON', () => {
    fc.assert(fc.property(aslJson, (value) => expectWellFormed(validateDefinition(value).diagnostics)), { numRuns: 300 });
  });
});

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parsePath, type ReferenceSegment } from '../../src/paths/path-syntax.js';
import { parseIntrinsic } from '../../src/paths/intrinsics/parse.js';
import { checkIntrinsic } from '../../src/paths/intrinsics/signatures.js';

const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));
// Strings dense in the characters the scanners care about, so the odd paths get explored.
const syntaxText = fc
  .array(fc.constantFrom('$', '.', '..', '[', ']', "'", '"', '\\', '(', ')', '?', '@', '*', ',', ':', '-', '0', '7', 'a', 'States.', 'Array', ' ', '{', '}'), { maxLength: 30 })
  .map((parts) => parts.join(''));

describe('path and intrinsic parsers never throw', () => {
  it('parsePath returns a result for any string', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, syntaxText, anyText.map((s) => `$${s}`), syntaxText.map((s) => `$${s}`)), (text) => {
        const result = parsePath(text);
        expect(typeof result.ok).toBe('boolean');
        // Jayway trims the path text of spaces (only U+0020) before reading it.
        if (result.ok) expect(result.path.text).toBe(text.replace(/^ +| +$/g, ''));
      }),
      { numRuns: 2000 },
    );
  });

  it('parseIntrinsic (and checkIntrinsic on success) return a result for any string', () => {
    const intrinsicLike = fc.oneof(anyText, syntaxText).map((s) => `States.Array(${s}`);
    fc.assert(
      fc.property(fc.oneof(anyText, syntaxText, intrinsicLike), (text) => {
        const result = parseIntrinsic(text);
        if (result.ok) expect(Array.isArray(checkIntrinsic(result.call))).toBe(true);
        else expect(result.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});

// A quoted name cannot end in a backslash (Jayway escapes only the quote), so names never do.
const fieldName = fc.string({ unit: 'grapheme', maxLength: 8 }).map((name) => (name.endsWith('\\') ? `${name}_` : name));
const segment: fc.Arbitrary<ReferenceSegment> = fc.oneof(
  fieldName.map((name) => ({ kind: 'field' as const, name })),
  fc.nat({ max: 1_000_000 }).map((index) => ({ kind: 'index' as const, index })),
);

/** One way to write a segment: bracket notation always works; dot notation when escapable. */
function render(seg: ReferenceSegment, useDot: boolean, quote: "'" | '"'): string {
  if (seg.kind === 'index') return `[${seg.index}]`;
  if (useDot && /^[^\s()\]@,:?*'"\\]+$/.test(seg.name)) {
    return `.${seg.name.replace(/[.[]/g, (ch) => `\\${ch}`)}`;
  }
  // Only the quote character is escaped; every other character, backslashes included, is literal.
  const escaped = seg.name.split(quote).join(`\\${quote}`);
  return `[${quote}${escaped}${quote}]`;
}

describe('reference paths round-trip', () => {
  it('a path built from segments parses back to the same segments', () => {
    const written = fc.array(fc.tuple(segment, fc.boolean(), fc.constantFrom("'" as const, '"' as const)), { maxLength: 8 });
    const root = fc.constantFrom('$', '$$', '$myVar', '$_x1', '$ünï');
    fc.assert(
      fc.property(root, written, (prefix, parts) => {
        const text = prefix + parts.map(([seg, useDot, quote]) => render(seg, useDot, quote)).join('');
        const result = parsePath(text);
        expect(result, text).toMatchObject({ ok: true });
        if (!result.ok) return;
        expect(result.path.isReference).toBe(true);
        expect(result.path.segments).toEqual(parts.map(([seg]) => seg));
        expect(result.path.root).toBe(prefix === '$' ? 'input' : prefix === '$$' ? 'context' : 'variable');
      }),
      { numRuns: 1000 },
    );
  });
});

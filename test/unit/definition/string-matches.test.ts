// StringMatches runs in linear time and agrees with the glob's meaning (a RegExp with `.*` per
// star, fine as an oracle on short texts) on random patterns, short and long pieces alike.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StringMatcher } from '../../../src/definition/string-matches.js';

/** The glob as a backtracking RegExp: exact, but exponential on hostile input (hence not used). */
function oracle(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '*') source += '.*';
    else if (ch === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) source += `\\${pattern[++i] as string}`;
    else source += ch.replace(/[\\^$.*+?()[\]{}|]/, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

function timed(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

describe('StringMatcher: linear time', () => {
  it('answers the backtracking killer "*a*a*a*a*a*ab" at once', () => {
    const matcher = StringMatcher.compile('*a*a*a*a*a*ab');
    const as = 'a'.repeat(200);
    let results: boolean[] = [];
    const ms = timed(() => (results = [matcher.test(as), matcher.test(`${as}b`), matcher.test(`${as}ba`)]));
    expect(results).toEqual([false, true, false]);
    expect(ms).toBeLessThan(20);
  });

  it('stays linear with many stars and long pieces on a long text', () => {
    const piece = `${'a'.repeat(40)}b`;
    const matcher = StringMatcher.compile(`*${Array.from({ length: 50 }, () => piece).join('*')}*c`);
    const text = 'a'.repeat(200_000);
    let result = true;
    const ms = timed(() => (result = matcher.test(text)));
    expect(result).toBe(false);
    expect(ms).toBeLessThan(50);
    expect(matcher.test(`${text}${piece.repeat(50)}c`)).toBe(true);
  });

  it('finds long pieces whose prefix repeats inside them (the KMP path)', () => {
    const piece = 'abababababababababac';
    expect(StringMatcher.compile(`*${piece}*`).test(`xx${'ab'.repeat(30)}ac yy`)).toBe(true);
    expect(StringMatcher.compile(`*${piece}*`).test(`xx${'ab'.repeat(30)}ad yy`)).toBe(false);
    expect(StringMatcher.compile(`${piece}*${piece}`).test(piece)).toBe(false);
    expect(StringMatcher.compile(`${piece}*${piece}`).test(piece + piece)).toBe(true);
  });

  it('keeps the pattern text as its source', () => {
    expect(StringMatcher.compile('log-\\**.txt').source).toBe('log-\\**.txt');
  });
});

describe('StringMatcher: the glob semantics', () => {
  // Few letters, so that pieces recur; long runs, so that some pieces take the KMP path.
  const letter = fc.constantFrom('a', 'b', 'a', '\n');
  const patternPart = fc.oneof(
    { weight: 6, arbitrary: letter },
    { weight: 2, arbitrary: fc.constant('*') },
    { weight: 1, arbitrary: fc.constantFrom('\\*', '\\\\', '\\a') },
    { weight: 1, arbitrary: fc.array(letter, { minLength: 15, maxLength: 20 }).map((l) => l.join('')) },
  );
  const pattern = fc.array(patternPart, { maxLength: 12 }).map((parts) => parts.join(''));
  const text = fc.array(fc.constantFrom('a', 'b', '*', '\\', '\n'), { maxLength: 40 }).map((l) => l.join(''));

  it('agrees with the RegExp oracle on random patterns and texts', () => {
    fc.assert(
      fc.property(pattern, text, (p, t) => {
        expect(StringMatcher.compile(p).test(t)).toBe(oracle(p).test(t));
      }),
      { numRuns: 1000 },
    );
  });

  it('matches every text built from the pattern by filling its stars', () => {
    fc.assert(
      fc.property(pattern, fc.array(text, { minLength: 12, maxLength: 12 }), (p, fills) => {
        const matcher = StringMatcher.compile(p);
        let built = '';
        let star = 0;
        for (let i = 0; i < p.length; i++) {
          const ch = p[i] as string;
          if (ch === '*') built += fills[star++ % fills.length] as string;
          else if (ch === '\\' && (p[i + 1] === '*' || p[i + 1] === '\\')) built += p[++i] as string;
          else built += ch;
        }
        expect(matcher.test(built)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

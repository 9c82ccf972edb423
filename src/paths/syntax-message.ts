/**
 * Shared wording for syntax errors in paths and intrinsic calls, so every message names
 * the problem, a 1-based character position and the offending text the same way.
 */

// Definitions may hold very long strings; a message quoting 100 KB helps nobody.
const MAX_QUOTED = 80;

/** The text in single quotes, cut in the middle of long inputs. */
export function quoteText(text: string): string {
  if (text.length <= MAX_QUOTED) return `'${text}'`;
  return `'${text.slice(0, MAX_QUOTED - 20)}…${text.slice(-10)}' (${text.length} characters)`;
}

/** A character for a message: printable ones as-is, others as a code point. */
export function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f || (code >= 0xd800 && code <= 0xdfff)) {
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `'${ch}'`;
}

/** "<problem> at character N in '<text>'", N being 1-based. */
export function syntaxMessage(problem: string, index: number, text: string): string {
  return `${problem} at character ${index + 1} in ${quoteText(text)}`;
}

export function isWhitespace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

/**
 * Thrown inside the hand-written scanners and caught at their public entry points, which turn
 * it into an `{ ok: false, message }` result; it never escapes this folder.
 */
export class SyntaxFailure extends Error {
  constructor(
    readonly problem: string,
    readonly index: number,
  ) {
    super(problem);
  }
}

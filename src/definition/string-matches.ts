// StringMatches (ASL.md, Choice comparison operators): `*` matches any run of characters, newlines
// included; `\*` is a literal star and `\\` a literal backslash; a backslash before anything else
// is itself literal; every other character is literal; the whole string must match.
//
// A RegExp built from the pattern (`.*` per star) backtracks: "*a*a*a*a*a*ab" against 200 "a"s took
// 22 s. Split at the stars, the pattern is a list of literal pieces, and matching the pieces
// leftmost-first is exact for a glob whose only wildcard is `*` (taking the earliest place for a
// piece never leaves less room for the pieces after it). Each piece is searched from where the last
// one ended, so the text is scanned once: linear time.

/** Pieces longer than this are searched with KMP; shorter ones with indexOf, which is linear for them. */
const SHORT_PIECE = 16;

/** A literal piece between stars, with its KMP failure table when it is long. */
interface Piece {
  readonly text: string;
  readonly failure: Int32Array | undefined;
}

export class StringMatcher {
  private constructor(
    /** The pattern as written in the definition. */
    readonly source: string,
    /** The literal text between stars: one piece when there is no star, n + 1 for n stars. */
    private readonly pieces: readonly Piece[],
  ) {}

  static compile(pattern: string): StringMatcher {
    const texts: string[] = [];
    let current = '';
    for (let i = 0; i < pattern.length; i++) {
      const ch = pattern[i] as string;
      if (ch === '*') {
        texts.push(current);
        current = '';
      } else if (ch === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) {
        current += pattern[++i] as string;
      } else {
        current += ch;
      }
    }
    texts.push(current);
    return new StringMatcher(pattern, texts.map((text) => ({ text, failure: text.length > SHORT_PIECE ? failureTable(text) : undefined })));
  }

  /** Whether the whole of `value` matches the pattern. */
  test(value: string): boolean {
    const pieces = this.pieces;
    const first = (pieces[0] as Piece).text;
    if (pieces.length === 1) return value === first;
    const last = (pieces[pieces.length - 1] as Piece).text;
    const end = value.length - last.length;
    if (end < first.length || !value.startsWith(first) || !value.endsWith(last)) return false;
    let position = first.length;
    for (let i = 1; i < pieces.length - 1; i++) {
      const piece = pieces[i] as Piece;
      const at = find(value, piece, position, end);
      if (at < 0) return false;
      position = at + piece.text.length;
    }
    return true;
  }
}

/** The first place at or after `from` where `piece` occurs and ends by `end`, or -1. */
function find(value: string, piece: Piece, from: number, end: number): number {
  const needle = piece.text;
  if (needle.length === 0) return from;
  if (piece.failure === undefined) {
    const at = value.indexOf(needle, from);
    return at >= 0 && at + needle.length <= end ? at : -1;
  }
  const failure = piece.failure;
  let matched = 0;
  for (let i = from; i < end; i++) {
    const code = value.charCodeAt(i);
    while (matched > 0 && needle.charCodeAt(matched) !== code) matched = failure[matched - 1] as number;
    if (needle.charCodeAt(matched) === code) matched++;
    if (matched === needle.length) return i - needle.length + 1;
  }
  return -1;
}

/** KMP: for each prefix of `needle`, the length of its longest proper prefix that is also a suffix. */
function failureTable(needle: string): Int32Array {
  const table = new Int32Array(needle.length);
  let length = 0;
  for (let i = 1; i < needle.length; i++) {
    const code = needle.charCodeAt(i);
    while (length > 0 && needle.charCodeAt(length) !== code) length = table[length - 1] as number;
    if (needle.charCodeAt(length) === code) length++;
    table[i] = length;
  }
  return table;
}

/**
 * The bracket part of the JSONPath scanner: `['a']`, `["a"]`, `[0]`, `[*]`, unions, slices
 * and `?(...)` filters. Every function is a single forward pass, so hostile input (100 KB of
 * brackets) costs linear time and no stack.
 */
import type { ReferenceSegment } from './path-syntax.js';
import { SyntaxFailure, describeChar, isWhitespace } from './syntax-message.js';

export interface BracketResult {
  /** Index just after the closing `]`. */
  readonly end: number;
  /** Set only when the brackets name exactly one field or one non-negative index. */
  readonly segment: ReferenceSegment | undefined;
  /** For `[?(...)]`: where the filter's text (between the parentheses) starts and ends. */
  readonly filter?: { readonly start: number; readonly end: number };
}

const INTEGER = /-?\d+/y;

export function skipWhitespace(text: string, index: number): number {
  let i = index;
  while (isWhitespace(text[i])) i++;
  return i;
}

/**
 * Reads a quoted name starting at `start` (the quote). As in Jayway (AWS's JSONPath), only the
 * quote character itself can be escaped; any other backslash is part of the name — AWS resolves
 * `$['Test\\""Name"']` against the key `Test\\""Name"` (recorded: test_escape_sequence_parsing).
 */
export function readQuoted(text: string, start: number): { readonly value: string; readonly end: number } {
  const quote = text[start];
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === quote) return { value, end: i + 1 };
    if (ch === '\\' && text[i + 1] === quote) {
      value += quote;
      i += 1;
      continue;
    }
    value += ch;
  }
  throw new SyntaxFailure('unterminated quoted name', start);
}

/** Index just after the quoted text at `start`, without decoding it (used to skip strings). */
export function skipQuoted(text: string, start: number): number | undefined {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') i++;
    else if (ch === quote) return i + 1;
  }
  return undefined;
}

/**
 * Index just after the `)` that balances the `(` at `open`. Quoted strings inside are skipped
 * so `?(@.a == ')')` works; the script itself is never interpreted (we never evaluate it).
 */
function skipBalancedParens(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      const end = skipQuoted(text, i);
      if (end === undefined) throw new SyntaxFailure('unterminated string in filter', i);
      i = end - 1;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new SyntaxFailure("unclosed '(' in filter", open);
}

function readInteger(text: string, index: number): { readonly digits: string; readonly end: number } | undefined {
  INTEGER.lastIndex = index;
  const match = INTEGER.exec(text);
  return match === null ? undefined : { digits: match[0], end: INTEGER.lastIndex };
}

/** Parses the bracket opened at `open` (which holds `[`). */
export function parseBracket(text: string, open: number): BracketResult {
  const closeAt = (index: number): number => {
    const i = skipWhitespace(text, index);
    const ch = text[i];
    if (ch === ']') return i + 1;
    if (ch === undefined) throw new SyntaxFailure('unclosed bracket', open);
    throw new SyntaxFailure(`unexpected ${describeChar(ch)} inside brackets, expected ']'`, i);
  };
  const i = skipWhitespace(text, open + 1);
  const ch = text[i];
  if (ch === undefined) throw new SyntaxFailure('unclosed bracket', open);
  if (ch === "'" || ch === '"') return parseQuotedNames(text, open, i);
  if (ch === '*') return { end: closeAt(i + 1), segment: undefined };
  if (ch === '?') {
    const paren = skipWhitespace(text, i + 1);
    if (text[paren] !== '(') throw new SyntaxFailure("a filter must look like '?(...)'", i);
    const end = skipBalancedParens(text, paren);
    if (text.slice(paren + 1, end - 1).trim() === '') throw new SyntaxFailure("empty filter '?()'", i);
    return { end: closeAt(end), segment: undefined, filter: { start: paren + 1, end: end - 1 } };
  }
  if (ch === '(') throw new SyntaxFailure("script expressions '[(...)]' are not supported", i);
  if (ch === ']') throw new SyntaxFailure("empty brackets '[]'", open);
  if (ch === '-' || ch === ':' || (ch >= '0' && ch <= '9')) return parseNumeric(text, open, i, closeAt);
  throw new SyntaxFailure(
    `unexpected ${describeChar(ch)} inside brackets, expected a quoted name, an index, '*', a slice or a filter`,
    i,
  );
}

function parseQuotedNames(text: string, open: number, first: number): BracketResult {
  let count = 0;
  let name = '';
  let i = first;
  for (;;) {
    const quoted = readQuoted(text, i);
    count++;
    name = quoted.value;
    i = skipWhitespace(text, quoted.end);
    const ch = text[i];
    if (ch === ']') {
      return { end: i + 1, segment: count === 1 ? { kind: 'field', name } : undefined };
    }
    if (ch === undefined) throw new SyntaxFailure('unclosed bracket', open);
    if (ch !== ',') throw new SyntaxFailure(`unexpected ${describeChar(ch)} after a quoted name, expected ',' or ']'`, i);
    i = skipWhitespace(text, i + 1);
    if (text[i] !== "'" && text[i] !== '"') throw new SyntaxFailure("expected a quoted name after ','", i);
  }
}

function parseNumeric(text: string, open: number, start: number, closeAt: (index: number) => number): BracketResult {
  const first = readInteger(text, start);
  let i = skipWhitespace(text, first?.end ?? start);
  if (text[i] === ':') {
    // Slice [start:end] or [start:end:step]; every part is optional.
    for (let colons = 0; colons < 2 && text[i] === ':'; colons++) {
      const partStart = skipWhitespace(text, i + 1);
      const part = readInteger(text, partStart);
      if (colons === 1 && part !== undefined && Number(part.digits) === 0) throw new SyntaxFailure('a slice step must not be 0', partStart);
      i = skipWhitespace(text, part?.end ?? partStart);
    }
    return { end: closeAt(i), segment: undefined };
  }
  if (first === undefined) throw new SyntaxFailure("expected digits after '-'", start);
  if (text[i] === ',') {
    while (text[i] === ',') {
      const next = readInteger(text, skipWhitespace(text, i + 1));
      if (next === undefined) throw new SyntaxFailure("expected an index after ','", i + 1);
      i = skipWhitespace(text, next.end);
    }
    return { end: closeAt(i), segment: undefined };
  }
  const end = closeAt(i);
  const index = Number(first.digits);
  if (!Number.isSafeInteger(index)) throw new SyntaxFailure('array index is too large', start);
  // A negative index counts from the end: valid JSONPath, but not a single fixed node.
  return { end, segment: index >= 0 && !first.digits.startsWith('-') ? { kind: 'index', index } : undefined };
}

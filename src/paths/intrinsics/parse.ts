/**
 * Syntax of intrinsic function calls (INTRINSICS.md §1), e.g.
 * `States.Format('It\'s {}', States.ArrayLength($.items))`. Semantic checks (known names,
 * arity, literal types) live in signatures.ts.
 *
 * The parser is iterative with an explicit stack and stops at MAX_PARSE_DEPTH nested calls,
 * so hostile input can neither overflow the stack nor take more than linear time.
 */
import { scanPathEnd, scanPathOrFailure, type ParsedPath } from '../path-syntax.js';
import { skipWhitespace } from '../path-brackets.js';
import { SyntaxFailure, describeChar, quoteText, syntaxMessage } from '../syntax-message.js';

export type IntrinsicArg =
  /** `raw` is the literal's text between the quotes, escapes intact (States.Format needs it to tell `\{` from `{`). */
  | { readonly kind: 'string'; readonly value: string; readonly raw?: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'path'; readonly path: ParsedPath }
  | { readonly kind: 'call'; readonly call: IntrinsicCall };

export interface IntrinsicCall {
  readonly name: string;
  readonly args: readonly IntrinsicArg[];
}

export type IntrinsicParseResult =
  | { readonly ok: true; readonly call: IntrinsicCall }
  | { readonly ok: false; readonly message: string };

/** Far above AWS's limit of 10 (checked in signatures.ts); only bounds the parser's work. */
export const MAX_PARSE_DEPTH = 50;

const LOOKS_LIKE_INTRINSIC = /^States\.[A-Za-z0-9._]+\(/;
const WORD = /[A-Za-z0-9._]+/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// INTRINSICS.md §1: the only escapes in a string literal; anything else is an error.
const STRING_ESCAPES: Readonly<Record<string, string>> = { "'": "'", '{': '{', '}': '}', '\\': '\\' };

/** True when the text starts like an intrinsic call: `States.<name>(`. */
export function looksLikeIntrinsic(text: string): boolean {
  return typeof text === 'string' && LOOKS_LIKE_INTRINSIC.test(text);
}

/** Parses an intrinsic call (syntax only; see `checkIntrinsic` for semantics). Never throws. */
export function parseIntrinsic(text: string): IntrinsicParseResult {
  if (typeof text !== 'string') return { ok: false, message: 'an intrinsic function call must be a string' };
  try {
    return { ok: true, call: parseCall(text) };
  } catch (error) {
    if (error instanceof SyntaxFailure) return { ok: false, message: syntaxMessage(error.problem, error.index, text) };
    throw error;
  }
}

interface Frame {
  readonly name: string;
  readonly open: number;
  readonly args: IntrinsicArg[];
}

type Expecting = 'argOrClose' | 'arg' | 'commaOrClose';

function parseCall(text: string): IntrinsicCall {
  const stack: Frame[] = [];
  let i = openCall(text, 0, stack);
  let expecting: Expecting = 'argOrClose';
  for (;;) {
    i = skipWhitespace(text, i);
    const ch = text[i];
    const frame = stack[stack.length - 1] as Frame;
    if (ch === undefined) throw new SyntaxFailure(`unclosed '(' of ${frame.name}`, frame.open);
    if (ch === ')' && expecting !== 'arg') {
      stack.pop();
      const call: IntrinsicCall = { name: frame.name, args: frame.args };
      i++;
      const parent = stack[stack.length - 1];
      if (parent === undefined) return finish(text, i, call);
      parent.args.push({ kind: 'call', call });
      expecting = 'commaOrClose';
    } else if (expecting === 'commaOrClose') {
      if (ch !== ',') throw new SyntaxFailure(`unexpected ${describeChar(ch)}, expected ',' or ')'`, i);
      expecting = 'arg';
      i++;
    } else if (ch === ',' || ch === ')') {
      throw new SyntaxFailure(`expected an argument ${ch === ',' ? "before ','" : "after ','"}`, i);
    } else if (startsWord(text, i) && text.startsWith('States.', i)) {
      i = openCall(text, i, stack);
      expecting = 'argOrClose';
    } else {
      const arg = readLiteralOrPath(text, i);
      frame.args.push(arg.value);
      i = arg.end;
      expecting = 'commaOrClose';
    }
  }
}

function finish(text: string, index: number, call: IntrinsicCall): IntrinsicCall {
  const i = skipWhitespace(text, index);
  if (i < text.length) throw new SyntaxFailure('unexpected text after the end of the call', i);
  return call;
}

/** Reads `States.Name(` at `start`, pushes its frame and returns the index after `(`. */
function openCall(text: string, start: number, stack: Frame[]): number {
  const name = readWord(text, start);
  if (name === undefined || !name.startsWith('States.')) {
    throw new SyntaxFailure("expected an intrinsic function call such as 'States.Format(...)'", start);
  }
  if (name === 'States.') throw new SyntaxFailure("expected a function name after 'States.'", start);
  const paren = start + name.length;
  if (text[paren] !== '(') throw new SyntaxFailure(`expected '(' after '${name}'`, paren);
  if (stack.length >= MAX_PARSE_DEPTH) {
    throw new SyntaxFailure(`intrinsic calls are nested more than ${MAX_PARSE_DEPTH} deep`, start);
  }
  stack.push({ name, open: paren, args: [] });
  return paren + 1;
}

function readLiteralOrPath(text: string, i: number): { readonly value: IntrinsicArg; readonly end: number } {
  const ch = text[i] as string;
  if (ch === "'") return readString(text, i);
  if (ch === '$') {
    const end = scanPathEnd(text, i);
    const path = scanPathOrFailure(text.slice(i, end));
    if (path instanceof SyntaxFailure) throw new SyntaxFailure(`${path.problem} (in a path argument)`, i + path.index);
    return { value: { kind: 'path', path }, end };
  }
  if (ch === '-' || (ch >= '0' && ch <= '9')) {
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    if (match === null) throw new SyntaxFailure("expected digits after '-'", i);
    const value = Number(match[0]);
    if (!Number.isFinite(value)) throw new SyntaxFailure('number is out of range', i);
    return { value: { kind: 'number', value }, end: NUMBER.lastIndex };
  }
  const word = readWord(text, i);
  if (word === 'true' || word === 'false') return { value: { kind: 'boolean', value: word === 'true' }, end: i + word.length };
  if (word === 'null') return { value: { kind: 'null' }, end: i + 4 };
  const what = word === undefined ? describeChar(ch) : quoteText(word);
  throw new SyntaxFailure(
    `unexpected ${what}, expected a 'string', a number, true, false, null, a path or a States.* call`,
    i,
  );
}

function readString(text: string, start: number): { readonly value: IntrinsicArg; readonly end: number } {
  let value = '';
  let chunkStart = start + 1;
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") {
      value += text.slice(chunkStart, i);
      return { value: { kind: 'string', value, raw: text.slice(start + 1, i) }, end: i + 1 };
    }
    if (ch !== '\\') continue;
    const next = text[i + 1];
    if (next === undefined) break;
    const decoded = STRING_ESCAPES[next];
    if (decoded === undefined) {
      throw new SyntaxFailure(`unknown escape '\\${next}' in a string literal (allowed: \\' \\{ \\} \\\\)`, i);
    }
    value += text.slice(chunkStart, i) + decoded;
    i++;
    chunkStart = i + 1;
  }
  throw new SyntaxFailure('unterminated string literal', start);
}

function readWord(text: string, index: number): string | undefined {
  WORD.lastIndex = index;
  return WORD.exec(text)?.[0];
}

function startsWord(text: string, index: number): boolean {
  const ch = text[index];
  return ch !== undefined && /[A-Za-z]/.test(ch);
}

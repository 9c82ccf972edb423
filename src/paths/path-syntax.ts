/**
 * Syntax of ASL Paths (ASL.md §3): JSONPath in Jayway syntax rooted at `$` (state input),
 * `$$` (context object) or `$name` (workflow variable, VARIABLES.md §4). A hand-written
 * single-pass scanner: no recursion, no backtracking, never throws, linear in the input.
 *
 * Reference paths (a single node: only `.field`, `['field']` and `[n]`) come back with their
 * segments so the engine can read and write them without a JSONPath library.
 *
 * Jayway's leniencies are kept, since deployed machines rely on them (ASL.md §3): the text is
 * trimmed of spaces, a `[` may follow a dot (`$.[0]`, `$.a.[?(@.n)]`), and a name or `*` may
 * follow `]` or `*` directly (`$.a[0]b` reads `b`). A filter is compiled here, so a path that
 * parses is a path the evaluator can run.
 */
import { parseBracket, skipQuoted } from './path-brackets.js';
import { compileFilter } from './path-filter.js';
import { SyntaxFailure, describeChar, isWhitespace, quoteText, syntaxMessage } from './syntax-message.js';

export type PathRoot = 'input' | 'context' | 'variable';
export type ReferenceSegment =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number };

export interface ParsedPath {
  /** The path as evaluated: the original text without leading and trailing spaces. */
  readonly text: string;
  /** `$...` state input, `$$...` context object, `$name...` workflow variable. */
  readonly root: PathRoot;
  /** Set when `root` is `'variable'`. */
  readonly variableName?: string;
  /** True when the path can name at most one node (`.field`, `['field']`, `[n]` only). */
  readonly isReference: boolean;
  /** The segments after the root (or variable name); filled only when `isReference`. */
  readonly segments: readonly ReferenceSegment[];
}

export type PathParseResult =
  | { readonly ok: true; readonly path: ParsedPath }
  | { readonly ok: false; readonly message: string };

/** True for text that ASL treats as a path rather than a literal (it starts with `$`, after spaces). */
export function isPathLike(text: string): boolean {
  return typeof text === 'string' && trimSpaces(text).startsWith('$');
}

/** Jayway trims the path text of spaces (only U+0020) before parsing it: `'$.x '` is `$.x`. */
export function trimSpaces(text: string): string {
  let start = 0;
  let end = text.length;
  while (text.charCodeAt(start) === 32) start++;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Parses any ASL path; see `ParsedPath.isReference` for whether it is a Reference Path. */
export function parsePath(raw: string): PathParseResult {
  if (typeof raw !== 'string') return { ok: false, message: 'path must be a string' };
  const text = trimSpaces(raw);
  if (!text.startsWith('$')) return { ok: false, message: `path must start with '$': ${quoteText(raw)}` };
  const result = scanPathOrFailure(text);
  if (result instanceof SyntaxFailure) return { ok: false, message: syntaxMessage(result.problem, result.index, text) };
  return { ok: true, path: result };
}

/**
 * Like `parsePath` for text known to start with `$`, but a failure keeps its position so a
 * caller embedding the path in larger text (an intrinsic call) can report it there.
 */
export function scanPathOrFailure(text: string): ParsedPath | SyntaxFailure {
  try {
    return scanPath(text);
  } catch (error) {
    if (error instanceof SyntaxFailure) return error;
    throw error;
  }
}

// Letters of any script, as VARIABLES.md §1 allows (exact class unconfirmed on AWS).
const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{M}\p{Nd}_]/u;
// Characters that make a dot-notation name more than a plain field for AWS (ASL.md §3: no
// `@ , : ?` and no wildcards in a Reference Path); such paths stay valid general paths.
const NON_REFERENCE_CHARS = new Set(['*', '@', ',', ':', '?', "'", '"']);
// After a backslash these stand for themselves (`$.foo\.bar` is the field "foo.bar").
const ESCAPABLE = new Set(['.', '[', ']', '\\', '(', ')', '*', '@', ',', ':', '?', "'", '"', ' ']);

function scanPath(text: string): ParsedPath {
  let i = 1;
  let root: PathRoot = 'input';
  let variableName: string | undefined;
  if (text[1] === '$') {
    root = 'context';
    i = 2;
  } else if (startsIdentifier(text, 1)) {
    root = 'variable';
    i = readIdentifierEnd(text, 1);
    variableName = text.slice(1, i);
  }
  checkAfterRoot(text, i, root);

  const segments: ReferenceSegment[] = [];
  let isReference = true;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '[') {
      const bracket = parseBracket(text, i);
      if (bracket.segment === undefined) isReference = false;
      else segments.push(bracket.segment);
      if (bracket.filter !== undefined) checkFilter(text, bracket.filter.start, bracket.filter.end);
      i = bracket.end;
    } else if (ch === '.' && text[i + 1] === '.') {
      isReference = false;
      i = scanAfterDeepScan(text, i + 2);
    } else if (ch === '.' && text[i + 1] === '[') {
      i++; // Jayway: `$.[0]` is `$[0]`
    } else if (ch === '*' || (ch === '.' && text[i + 1] === '*')) {
      isReference = false;
      i += ch === '*' ? 1 : 2;
    } else {
      // A name after '.', or straight after ']' or '*' (`$.a[0]b` is `$.a[0].b` in Jayway). The
      // root is always followed by '.' or '[' (checkAfterRoot), and a name runs to '.' or '['.
      const name = readDotName(text, ch === '.' ? i + 1 : i);
      if (name.special) isReference = false;
      segments.push({ kind: 'field', name: name.value });
      i = name.end;
    }
  }
  const base = { text, root, isReference, segments: isReference ? segments : [] };
  return variableName === undefined ? base : { ...base, variableName };
}

function checkAfterRoot(text: string, i: number, root: PathRoot): void {
  const ch = text[i];
  if (ch === undefined || ch === '.' || ch === '[') return;
  if (root === 'variable') {
    throw new SyntaxFailure(`unexpected ${describeChar(ch)} in variable name (only letters, digits and '_' are allowed)`, i);
  }
  if (root === 'input' && ch >= '0' && ch <= '9') {
    throw new SyntaxFailure("a variable name must start with a letter or '_'", i);
  }
  throw new SyntaxFailure(`unexpected ${describeChar(ch)} after '${root === 'context' ? '$$' : '$'}', expected '.' or '['`, i);
}

/** Compiles a filter's text so an unsupported one fails here, at its position in the path. */
function checkFilter(text: string, start: number, end: number): void {
  try {
    compileFilter(text.slice(start, end));
  } catch (error) {
    if (error instanceof SyntaxFailure) throw new SyntaxFailure(error.problem, start + error.index);
    throw error;
  }
}

/** After `..`: a name, `*` or a bracket must follow (`$..a`, `$..*`, `$..[0]`). */
function scanAfterDeepScan(text: string, i: number): number {
  const ch = text[i];
  if (ch === '[') return i; // the main loop parses the bracket
  if (ch === '*') return i + 1;
  if (ch === undefined || ch === '.') throw new SyntaxFailure("expected a field name, '*' or '[' after '..'", i);
  return readDotName(text, i).end;
}

export interface DotName {
  readonly value: string;
  readonly end: number;
  readonly special: boolean;
}

/**
 * A dot-notation name runs to the next unescaped `.` or `[`, as in Jayway. Exported for the
 * general-path compiler (general-path.ts), which needs the decoded names of non-reference paths.
 */
export function readDotName(text: string, start: number): DotName {
  let value = '';
  let special = false;
  let chunkStart = start;
  let i = start;
  for (; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '.' || ch === '[') break;
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === undefined) throw new SyntaxFailure("a '\\' at the end of the path escapes nothing", i);
      // Unknown escapes keep their backslash: lenient, since AWS documents only `\.`.
      if (ESCAPABLE.has(next)) {
        value += text.slice(chunkStart, i);
        chunkStart = i + 1;
      }
      i++;
    } else if (isWhitespace(ch)) {
      throw new SyntaxFailure("field names with whitespace need bracket notation, e.g. ['my field']", i);
    } else if (ch === '(') {
      throw new SyntaxFailure("function calls such as 'length()' are not supported", i);
    } else if (ch === ')' || ch === ']') {
      throw new SyntaxFailure(`unexpected ${describeChar(ch)}`, i);
    } else if (NON_REFERENCE_CHARS.has(ch)) {
      special = true;
    }
  }
  if (i === start) throw new SyntaxFailure("expected a field name after '.'", start);
  return { value: value + text.slice(chunkStart, i), end: i, special };
}

function startsIdentifier(text: string, index: number): boolean {
  const cp = text.codePointAt(index);
  return cp !== undefined && IDENT_START.test(String.fromCodePoint(cp));
}

function readIdentifierEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    const cp = text.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    if (!IDENT_PART.test(ch)) break;
    i += ch.length;
  }
  return i;
}

/**
 * Where a path embedded in a larger text (an intrinsic argument) ends: at the first `,`, `)`
 * or whitespace outside brackets and quotes. The caller then parses `text.slice(start, end)`.
 */
export function scanPathEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i] as string;
    if (depth === 0) {
      if (ch === ',' || ch === ')' || isWhitespace(ch)) return i;
      if (ch === '\\') i++;
      else if (ch === '[') depth++;
    } else if (ch === "'" || ch === '"') {
      i = (skipQuoted(text, i) ?? text.length) - 1;
    } else if (ch === '[') {
      depth++;
    } else if (ch === ']') {
      depth--;
    }
  }
  return text.length;
}

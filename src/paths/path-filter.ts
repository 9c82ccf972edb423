/**
 * JSONPath filter expressions `[?(...)]` (Jayway syntax, as AWS uses), compiled once into a
 * predicate. Nothing in a filter is ever run as code: the expression is parsed into closures over
 * a small fixed grammar —
 *   or := and ('||' and)*    and := unary ('&&' unary)*    unary := '!' unary | '(' or ')' | test
 *   test := operand [op operand]     op := == != < <= > >= =~ in nin
 *   operand := @path | $path | number | 'string' | "string" | true | false | null | /regex/flags | [literal, ...]
 * A lone path tests existence (`?(@.isbn)`). Anything else is rejected when the path is compiled.
 */
import { jsonEqual, isJsonObject, type JsonValue } from '../core/json.js';
import type { RE2JS } from 're2js';
import { compileFilterRegex, regexMatches } from './filter-regex.js';
import { readQuoted, skipWhitespace } from './path-brackets.js';
import { SyntaxFailure, isWhitespace } from './syntax-message.js';
import type { ReferenceSegment } from './path-syntax.js';

/** `node` is the candidate (`@`); `root` is the document the whole path runs on (`$`). */
export type FilterPredicate = (node: JsonValue, root: JsonValue) => boolean;
type Operand = (node: JsonValue, root: JsonValue) => JsonValue | undefined;
type Comparison = (left: JsonValue | undefined, right: JsonValue | undefined) => boolean;

// Bounds the recursive descent so a hostile `((((...` cannot overflow the stack.
const MAX_DEPTH = 50;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const NAME_STOP = new Set(['.', '[', ']', '(', ')', '=', '!', '<', '>', '&', '|', ',', '~']);
const OPERATORS = ['==', '!=', '<=', '>=', '=~', '<', '>'] as const;

const compareOrdered = (accept: (order: number) => boolean): Comparison => (a, b) => {
  if (typeof a === 'number' && typeof b === 'number') return accept(a - b);
  if (typeof a === 'string' && typeof b === 'string') return accept(a < b ? -1 : a > b ? 1 : 0);
  return false; // Jayway compares only numbers with numbers and strings with strings
};
const equal: Comparison = (a, b) => a !== undefined && b !== undefined && jsonEqual(a, b);
const contains: Comparison = (a, list) => a !== undefined && Array.isArray(list) && list.some((item) => jsonEqual(item, a));
const COMPARISONS: Readonly<Record<string, Comparison>> = {
  '==': equal,
  '!=': (a, b) => !equal(a, b),
  '<': compareOrdered((o) => o < 0),
  '<=': compareOrdered((o) => o <= 0),
  '>': compareOrdered((o) => o > 0),
  '>=': compareOrdered((o) => o >= 0),
  in: contains,
  nin: (a, list) => !contains(a, list),
};

/** Compiles the text between `?(` and `)`; throws SyntaxFailure (index into `source`) when unsupported. */
export function compileFilter(source: string): FilterPredicate {
  let i = 0;
  let depth = 0;
  const at = (): string | undefined => {
    i = skipWhitespace(source, i);
    return source[i];
  };
  const fail = (problem: string): never => {
    throw new SyntaxFailure(`${problem} in filter '${source}'`, i);
  };

  function parseOr(): FilterPredicate {
    if (++depth > MAX_DEPTH) fail(`filters are nested more than ${MAX_DEPTH} deep`);
    let left = parseAnd();
    while (at() === '|' && source[i + 1] === '|') {
      i += 2;
      const [a, b] = [left, parseAnd()];
      left = (node, root) => a(node, root) || b(node, root);
    }
    depth--;
    return left;
  }

  function parseAnd(): FilterPredicate {
    let left = parseUnary();
    while (at() === '&' && source[i + 1] === '&') {
      i += 2;
      const [a, b] = [left, parseUnary()];
      left = (node, root) => a(node, root) && b(node, root);
    }
    return left;
  }

  function parseUnary(): FilterPredicate {
    const ch = at();
    if (ch === '!' && source[i + 1] !== '=') {
      i++;
      if (++depth > MAX_DEPTH) fail(`filters are nested more than ${MAX_DEPTH} deep`);
      const inner = parseUnary();
      depth--;
      return (node, root) => !inner(node, root);
    }
    if (ch === '(') {
      i++;
      const inner = parseOr();
      if (at() !== ')') fail("expected ')'");
      i++;
      return inner;
    }
    return parseTest();
  }

  function parseTest(): FilterPredicate {
    const start = i;
    const left = parseOperand();
    const op = readOperator();
    if (op === undefined) {
      if (!'@$'.includes(source[start] ?? '')) fail('a filter term must be a path (@.x) or a comparison');
      return (node, root) => left(node, root) !== undefined;
    }
    if (op === '=~') return regexTest(left);
    if ((op === '==' || op === '!=') && source[i] === '=') fail(`'${op}=' is not a JSONPath operator; use '${op}'`);
    const right = parseOperand();
    const compare = COMPARISONS[op] as Comparison;
    return (node, root) => compare(left(node, root), right(node, root));
  }

  function regexTest(left: Operand): FilterPredicate {
    if (at() !== '/') fail("'=~' needs a /regex/ on its right");
    const regex = readRegex();
    return (node, root) => regexMatches(regex, left(node, root));
  }

  function readOperator(): string | undefined {
    const ch = at();
    if (ch === undefined || ch === ')' || ch === '&' || ch === '|') return undefined;
    for (const op of OPERATORS) {
      if (source.startsWith(op, i)) {
        i += op.length;
        return op;
      }
    }
    const word = /^(nin|in)(?=[\s[])/.exec(source.slice(i, i + 4))?.[1];
    if (word !== undefined) {
      i += word.length;
      return word;
    }
    return fail(`unsupported operator at '${source.slice(i, i + 10)}' (supported: == != < <= > >= =~ in nin)`);
  }

  function parseOperand(): Operand {
    const ch = at();
    if (ch === '@' || ch === '$') {
      i++;
      const segments = readSegments();
      const relative = ch === '@';
      return (node, root) => walk(relative ? node : root, segments);
    }
    if (ch === '/') fail("a /regex/ may only follow '=~'");
    const value = readLiteral();
    return () => value;
  }

  function readSegments(): ReferenceSegment[] {
    const segments: ReferenceSegment[] = [];
    for (;;) {
      const ch = source[i];
      // As in whole paths (path-syntax.ts), Jayway reads `@.[0]` as `@[0]` and `@.a[0]b` as `@.a[0].b`.
      const nameAfterBracket = source[i - 1] === ']' && ch !== undefined && !isWhitespace(ch) && !NAME_STOP.has(ch);
      if (ch === '.' && source[i + 1] === '[') {
        i++;
      } else if (ch === '.' || nameAfterBracket) {
        const start = ch === '.' ? ++i : i;
        while (i < source.length && !isWhitespace(source[i]) && !NAME_STOP.has(source[i] as string)) i++;
        if (i === start) fail("expected a field name after '.'");
        segments.push({ kind: 'field', name: source.slice(start, i) });
      } else if (ch === '[') {
        i = skipWhitespace(source, i + 1);
        if (source[i] === "'" || source[i] === '"') {
          const quoted = readQuoted(source, i);
          segments.push({ kind: 'field', name: quoted.value });
          i = quoted.end;
        } else {
          NUMBER.lastIndex = i;
          const digits = NUMBER.exec(source)?.[0];
          if (digits === undefined || !/^-?\d+$/.test(digits)) fail('expected a quoted name or an index');
          segments.push({ kind: 'index', index: Number(digits) });
          i = NUMBER.lastIndex;
        }
        if (at() !== ']') fail("expected ']'");
        i++;
      } else {
        if (ch === '(') fail('functions such as length() are not supported');
        return segments;
      }
    }
  }

  function readLiteral(): JsonValue {
    const ch = at();
    if (ch === "'" || ch === '"') {
      const quoted = readQuoted(source, i);
      i = quoted.end;
      return quoted.value;
    }
    if (ch === '[') {
      i++;
      if (++depth > MAX_DEPTH) fail(`lists are nested more than ${MAX_DEPTH} deep`);
      const items: JsonValue[] = [];
      while (at() !== ']') {
        if (items.length > 0) {
          if (source[i] !== ',') fail("expected ',' or ']' in a list");
          i++;
        }
        items.push(readLiteral());
      }
      i++;
      depth--;
      return items;
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(source)?.[0];
    if (number !== undefined) {
      i += number.length;
      return Number(number);
    }
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (source.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    return fail(ch === undefined ? 'unexpected end' : `unexpected '${ch}'`);
  }

  function readRegex(): RE2JS {
    const start = ++i;
    while (i < source.length && source[i] !== '/') i += source[i] === '\\' ? 2 : 1;
    if (i >= source.length) fail('unterminated /regex/');
    const body = source.slice(start, i++);
    const flagsStart = i;
    while (/[a-z]/.test(source[i] ?? '')) i++;
    const regex = compileFilterRegex(body, source.slice(flagsStart, i));
    return typeof regex === 'string' ? fail(regex) : regex;
  }

  const predicate = parseOr();
  if (at() !== undefined) fail(`unexpected '${source[i] ?? ''}'`);
  return predicate;
}

/** Reads a filter path (`@.a[0]`); undefined when it names nothing. Negative indexes count from the end. */
function walk(start: JsonValue, segments: readonly ReferenceSegment[]): JsonValue | undefined {
  let node: JsonValue | undefined = start;
  for (const segment of segments) {
    if (segment.kind === 'field') {
      node = isJsonObject(node) && Object.hasOwn(node, segment.name) ? node[segment.name] : undefined;
    } else {
      node = Array.isArray(node) ? node[segment.index < 0 ? node.length + segment.index : segment.index] : undefined;
    }
    if (node === undefined) return undefined;
  }
  return node;
}

// A hand-written, iterative JSON scanner. JSON.parse gives the value; this gives what it cannot:
// where each value starts, which object keys repeat, and a readable message for a syntax error.
import { toPointer } from './diagnostic.js';

/**
 * The shape of the document: one entry per value, node 0 being the root. Stored as parallel
 * arrays with parent links (not pointer strings) so memory stays linear in the number of values
 * even when a hostile file nests long keys deeply.
 */
export interface JsonTree {
  /** Offset where each node's value token starts. */
  readonly offsets: number[];
  /** Parent node id; -1 for the root. */
  readonly parents: number[];
  /** Each node's key (object member) or index (array element) in its parent. */
  readonly segments: Array<string | number>;
  /** Children of containers: key -> node (the last member wins, as JSON.parse does) or element ids. */
  readonly children: Array<Map<string, number> | number[] | undefined>;
}

export interface JsonScan {
  readonly tree: JsonTree;
  /** Node ids of object members whose key already appeared earlier in the same object. */
  readonly duplicates: number[];
  /** The first syntax error, if the text is not JSON. */
  readonly error?: { readonly offset: number; readonly message: string };
}

const VALUE = 0;
const KEY = 1;
const AFTER = 2;

// The grammar of RFC 8259 numbers; sticky so it matches exactly at the scan position.
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z0-9_$.+-]+/y;

/** Scans `text` without recursion: open containers live on an explicit stack. */
export function scanJson(text: string): JsonScan {
  const tree: JsonTree = { offsets: [], parents: [], segments: [], children: [] };
  const duplicates: number[] = [];
  const open: number[] = [];
  let pendingKey = '';
  let pos = skipWhitespace(text, 0);
  let mode = VALUE;
  const fail = (offset: number, message: string): JsonScan => ({ tree, duplicates, error: { offset, message } });

  for (;;) {
    if (mode === VALUE) {
      if (pos >= text.length) return fail(pos, 'Unexpected end of text: the JSON is incomplete');
      const id = addNode(tree, open[open.length - 1] ?? -1, pendingKey, pos, duplicates);
      const c = text[pos];
      if (c === '{' || c === '[') {
        tree.children[id] = c === '{' ? new Map() : [];
        open.push(id);
        pos = skipWhitespace(text, pos + 1);
        if (text[pos] === (c === '{' ? '}' : ']')) {
          open.pop();
          pos++;
          mode = AFTER;
        } else {
          mode = c === '{' ? KEY : VALUE;
        }
        continue;
      }
      const end = scanScalar(text, pos);
      if (typeof end !== 'number') return fail(end.offset, end.message);
      pos = end;
      mode = AFTER;
    } else if (mode === KEY) {
      if (text[pos] !== '"') return fail(pos, keyMessage(text, pos));
      const end = scanString(text, pos);
      if (typeof end !== 'number') return fail(end.offset, end.message);
      const raw = text.slice(pos, end);
      pendingKey = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      pos = skipWhitespace(text, end);
      if (text[pos] !== ':') return fail(pos, "Expected ':' after the property name");
      pos = skipWhitespace(text, pos + 1);
      mode = VALUE;
    } else {
      pos = skipWhitespace(text, pos);
      const top = open[open.length - 1];
      if (top === undefined) {
        if (pos < text.length) return fail(pos, 'Unexpected text after the end of the JSON value');
        return { tree, duplicates };
      }
      const close = tree.children[top] instanceof Map ? '}' : ']';
      const c = text[pos];
      if (c === ',') {
        const comma = pos;
        pos = skipWhitespace(text, pos + 1);
        if (text[pos] === close) return fail(comma, `Trailing comma before '${close}' is not allowed in JSON`);
        mode = close === '}' ? KEY : VALUE;
      } else if (c === close) {
        open.pop();
        pos++;
      } else if (pos >= text.length) {
        return fail(pos, `Unexpected end of text: expected ',' or '${close}'`);
      } else {
        const after = close === '}' ? 'the property value' : 'the array element';
        return fail(pos, `Expected ',' or '${close}' after ${after}, found ${describe(text, pos)}`);
      }
    }
  }
}

/** Id of the node the pointer segments name, or of the nearest existing ancestor; -1 if there is no root. */
export function findNode(tree: JsonTree, segments: readonly string[]): number {
  if (tree.offsets.length === 0) return -1;
  let node = 0;
  for (const segment of segments) {
    const children = tree.children[node];
    let next: number | undefined;
    if (children instanceof Map) next = children.get(segment);
    else if (children !== undefined && /^(?:0|[1-9]\d*)$/.test(segment)) next = children[Number(segment)];
    if (next === undefined) break;
    node = next;
  }
  return node;
}

/** The RFC 6901 pointer of a node, rebuilt from its parent links. */
export function nodePointer(tree: JsonTree, node: number): string {
  const segments: Array<string | number> = [];
  for (let n = node; n > 0; n = tree.parents[n] ?? -1) segments.push(tree.segments[n] ?? '');
  return toPointer(segments.reverse());
}

function addNode(tree: JsonTree, parent: number, key: string, offset: number, duplicates: number[]): number {
  const id = tree.offsets.length;
  tree.offsets.push(offset);
  tree.parents.push(parent);
  tree.children.push(undefined);
  const siblings = parent >= 0 ? tree.children[parent] : undefined;
  if (siblings instanceof Map) {
    if (siblings.has(key)) duplicates.push(id);
    siblings.set(key, id);
    tree.segments.push(key);
  } else if (siblings !== undefined) {
    tree.segments.push(siblings.length);
    siblings.push(id);
  } else {
    tree.segments.push('');
  }
  return id;
}

type ScanError = { readonly offset: number; readonly message: string };

function scanScalar(text: string, pos: number): number | ScanError {
  const c = text[pos] as string;
  if (c === '"') return scanString(text, pos);
  if (c === '-' || (c >= '0' && c <= '9')) {
    NUMBER.lastIndex = pos;
    const end = NUMBER.test(text) ? NUMBER.lastIndex : pos;
    if (end === pos || /[0-9.eE]/.test(text[end] ?? '')) {
      const message = `Invalid number ${quoteWord(text, pos)}: JSON numbers have no leading zeros, '+' or bare '.'`;
      return { offset: pos, message };
    }
    return end;
  }
  for (const literal of ['true', 'false', 'null']) {
    if (text.startsWith(literal, pos) && !/[A-Za-z0-9_$]/.test(text[pos + literal.length] ?? '')) {
      return pos + literal.length;
    }
  }
  if (c === "'") return { offset: pos, message: 'Strings must be in double quotes, not single quotes' };
  if (c === '/') return { offset: pos, message: 'Comments are not allowed in JSON' };
  if (/[A-Za-z_$]/.test(c)) {
    const expected = 'expected a JSON value (object, array, string, number, true, false or null)';
    return { offset: pos, message: `Unrecognized token ${quoteWord(text, pos)}: ${expected}` };
  }
  return { offset: pos, message: `Unexpected ${describe(text, pos)}: expected a JSON value` };
}

/** Returns the offset just past the closing quote of the string starting at `pos`. */
function scanString(text: string, pos: number): number | ScanError {
  for (let i = pos + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c) {
      const e = text[i + 1] ?? '';
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 5;
      else if (e !== '' && '"\\/bfnrt'.includes(e)) i++;
      else return { offset: i, message: `Invalid escape sequence '\\${e}' in string` };
    } else if (c === 0x0a || c === 0x0d) {
      return { offset: i, message: 'Line break inside a string: JSON strings cannot span lines (write \\n)' };
    } else if (c < 0x20) {
      const code = c.toString(16).toUpperCase().padStart(4, '0');
      return { offset: i, message: `Control character U+${code} inside a string must be escaped` };
    }
  }
  return { offset: pos, message: 'This string is never closed (missing ")' };
}

function keyMessage(text: string, pos: number): string {
  const c = text[pos];
  if (c === undefined) return 'Unexpected end of text: expected a property name';
  if (c === "'") return 'Property names must be in double quotes, not single quotes';
  if (c === '/') return 'Comments are not allowed in JSON';
  if (/[A-Za-z_$]/.test(c)) return `Property names must be in double quotes: found ${quoteWord(text, pos)}`;
  return `Expected a double-quoted property name, found ${describe(text, pos)}`;
}

function describe(text: string, pos: number): string {
  const c = text.codePointAt(pos);
  if (c === undefined) return 'end of text';
  const ch = String.fromCodePoint(c);
  return c < 0x20 || c === 0x7f ? `character U+${c.toString(16).toUpperCase().padStart(4, '0')}` : `'${ch}'`;
}

function quoteWord(text: string, pos: number): string {
  WORD.lastIndex = pos;
  const word = WORD.test(text) ? text.slice(pos, WORD.lastIndex) : (text[pos] ?? '');
  return `'${word.length > 40 ? word.slice(0, 40) + '…' : word}'`;
}

function skipWhitespace(text: string, pos: number): number {
  let i = pos;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}

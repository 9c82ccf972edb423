/**
 * General (non-reference) JSONPath: wildcards, unions, slices, negative indexes, `..` scans and
 * `?(...)` filters, compiled once into a list of steps and run without any JSONPath library.
 *
 * Why not jsonpath-plus: with `eval: false` (a definition must never run code) it rejects every
 * filter, which AWS (Jayway) supports; and its string syntax differs from Jayway's in ways a
 * validated path can hit (`~` and `^` operators, `@string()`, no negative indexes, falsy roots).
 * The semantics below follow Jayway; test/property/paths-eval.property.test.ts checks them against
 * jsonpath-plus on the paths where the two libraries agree.
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import { parseBracket, readQuoted, skipWhitespace } from './path-brackets.js';
import { compileFilter, type FilterPredicate } from './path-filter.js';
import { readDotName } from './path-syntax.js';
import { SyntaxFailure } from './syntax-message.js';
import { setOwn } from './json-util.js';

export type Step =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'names'; readonly names: readonly string[] }
  /** May be negative: counts from the end, as in Jayway. */
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'indexes'; readonly indexes: readonly number[] }
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'slice'; readonly start: number | undefined; readonly end: number | undefined; readonly step: number }
  | { readonly kind: 'filter'; readonly predicate: FilterPredicate }
  /** `..` followed by `step`: the step applied to every node of the subtree, in document order. */
  | { readonly kind: 'scan'; readonly step: Step };

/** Parses the steps of a path already accepted by parsePath, from `start` (just after the root). */
export function compileSteps(text: string, start: number): Step[] {
  const steps: Step[] = [];
  let i = start;
  while (i < text.length) {
    if (text[i] === '[') {
      const bracket = bracketStep(text, i);
      steps.push(bracket.step);
      i = bracket.end;
    } else if (text.startsWith('..', i)) {
      i += 2;
      if (text[i] === '[') {
        const bracket = bracketStep(text, i);
        steps.push({ kind: 'scan', step: bracket.step });
        i = bracket.end;
      } else if (text[i] === '*') {
        steps.push({ kind: 'scan', step: { kind: 'wildcard' } });
        i++;
      } else {
        const name = readDotName(text, i);
        steps.push({ kind: 'scan', step: { kind: 'field', name: name.value } });
        i = name.end;
      }
    } else if (text[i] === '.' && text[i + 1] === '[') {
      i++; // `$.[0]` is `$[0]`, as in parsePath
    } else if (text[i] === '*' || (text[i] === '.' && text[i + 1] === '*')) {
      steps.push({ kind: 'wildcard' });
      i += text[i] === '*' ? 1 : 2;
    } else {
      // After '.', or a name straight after ']' or '*' (see parsePath).
      const name = readDotName(text, text[i] === '.' ? i + 1 : i);
      steps.push({ kind: 'field', name: name.value });
      i = name.end;
    }
  }
  return steps;
}

function bracketStep(text: string, open: number): { readonly step: Step; readonly end: number } {
  const { end, filter } = parseBracket(text, open);
  let i = skipWhitespace(text, open + 1);
  const ch = text[i];
  if (ch === '*') return { step: { kind: 'wildcard' }, end };
  if (filter !== undefined) {
    try {
      return { step: { kind: 'filter', predicate: compileFilter(text.slice(filter.start, filter.end)) }, end };
    } catch (error) {
      if (error instanceof SyntaxFailure) throw new SyntaxFailure(error.problem, filter.start + error.index);
      throw error;
    }
  }
  if (ch === "'" || ch === '"') {
    const names: string[] = [];
    while (text[i] === "'" || text[i] === '"') {
      const quoted = readQuoted(text, i);
      names.push(quoted.value);
      i = skipWhitespace(text, quoted.end);
      if (text[i] === ',') i = skipWhitespace(text, i + 1);
    }
    const [only] = names;
    return { step: names.length === 1 && only !== undefined ? { kind: 'field', name: only } : { kind: 'names', names }, end };
  }
  const content = text.slice(i, end - 1);
  if (content.includes(':')) {
    const [from, to, by] = content.split(':').map((part) => (part.trim() === '' ? undefined : Number(part)));
    if (by === 0) throw new SyntaxFailure('a slice step must not be 0', i);
    return { step: { kind: 'slice', start: from, end: to, step: by ?? 1 }, end };
  }
  const indexes = content.split(',').map(Number);
  const [first] = indexes;
  return { step: indexes.length === 1 && first !== undefined ? { kind: 'index', index: first } : { kind: 'indexes', indexes }, end };
}

/**
 * True when the path names at most one node, so it returns that node rather than an array
 * (Jayway's definite paths): only fields and single indexes, or a final `['a','b']`, which Jayway
 * merges into one object holding the names present.
 */
export function isDefinite(steps: readonly Step[]): boolean {
  return steps.every((step, i) => step.kind === 'field' || step.kind === 'index' || (step.kind === 'names' && i === steps.length - 1));
}

/** Every match of the steps, in document order. */
export function runSteps(steps: readonly Step[], root: JsonValue): JsonValue[] {
  let current: JsonValue[] = [root];
  const last = steps.length - 1;
  steps.forEach((step, i) => {
    const next: JsonValue[] = [];
    for (const node of current) {
      if (step.kind === 'names' && i === last) mergeNames(step.names, node, next);
      else applyStep(step, node, root, next);
    }
    current = next;
  });
  return current;
}

function applyStep(step: Step, node: JsonValue, root: JsonValue, out: JsonValue[]): void {
  switch (step.kind) {
    case 'field':
      if (isJsonObject(node) && Object.hasOwn(node, step.name)) out.push(node[step.name] as JsonValue);
      return;
    case 'names':
      for (const name of step.names) applyStep({ kind: 'field', name }, node, root, out);
      return;
    case 'index':
      pushIndex(node, step.index, out);
      return;
    case 'indexes':
      for (const index of step.indexes) pushIndex(node, index, out);
      return;
    case 'wildcard':
      // Loops, not push(...items): spreading a 200,000-element array overflows the call stack.
      if (Array.isArray(node)) for (const item of node) out.push(item);
      else if (isJsonObject(node)) for (const key of Object.keys(node)) out.push(node[key] as JsonValue);
      return;
    case 'slice':
      if (Array.isArray(node)) for (const index of sliceIndexes(node.length, step)) out.push(node[index] as JsonValue);
      return;
    case 'filter':
      // Jayway filters an array's elements, but tests an object itself.
      if (Array.isArray(node)) {
        for (const item of node) if (step.predicate(item, root)) out.push(item);
      } else if (isJsonObject(node) && step.predicate(node, root)) out.push(node);
      return;
    case 'scan':
      scan(step.step, node, root, out);
      return;
  }
}

/** Applies `step` to `node` and each descendant, parents before children (iterative: no stack limit). */
function scan(step: Step, node: JsonValue, root: JsonValue, out: JsonValue[]): void {
  const stack: JsonValue[] = [node];
  for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
    if (step.kind === 'filter') {
      // Only objects are candidates; array elements are visited on their own, so nothing is found twice.
      if (isJsonObject(current) && step.predicate(current, root)) out.push(current);
    } else {
      applyStep(step, current, root, out);
    }
    const children = Array.isArray(current) ? current : isJsonObject(current) ? Object.values(current) : [];
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i] as JsonValue;
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
}

function mergeNames(names: readonly string[], node: JsonValue, out: JsonValue[]): void {
  if (!isJsonObject(node)) return;
  const merged: JsonObject = {};
  for (const name of names) if (Object.hasOwn(node, name)) setOwn(merged, name, node[name] as JsonValue);
  out.push(merged);
}

function pushIndex(node: JsonValue, index: number, out: JsonValue[]): void {
  if (!Array.isArray(node)) return;
  const item = node[index < 0 ? node.length + index : index];
  if (item !== undefined) out.push(item);
}

/** Python slice semantics (Jayway has no step; a positive step is the common extension). */
function sliceIndexes(length: number, slice: { start: number | undefined; end: number | undefined; step: number }): number[] {
  const { step } = slice;
  const clamp = (value: number | undefined, fallback: number, low: number, high: number): number =>
    value === undefined ? fallback : Math.min(Math.max(value < 0 ? value + length : value, low), high);
  const indexes: number[] = [];
  if (step > 0) {
    const end = clamp(slice.end, length, 0, length);
    for (let i = clamp(slice.start, 0, 0, length); i < end; i += step) indexes.push(i);
  } else {
    const end = clamp(slice.end, -1, -1, length - 1);
    for (let i = clamp(slice.start, length - 1, -1, length - 1); i > end; i += step) indexes.push(i);
  }
  return indexes;
}

/** Jayway's bracket notation of definite steps, for "No results for path: $['a'][-1]". */
export function renderSteps(steps: readonly Step[]): string {
  return steps.map(renderStep).join('');
}

function renderStep(step: Step): string {
  switch (step.kind) {
    case 'field':
      return `['${step.name}']`;
    case 'names':
      return `[${step.names.map((name) => `'${name}'`).join(',')}]`;
    case 'index':
      return `[${step.index}]`;
    default:
      return ''; // only definite paths are rendered
  }
}

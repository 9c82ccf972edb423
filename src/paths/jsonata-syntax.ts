/**
 * Syntax of JSONata `{% ... %}` values (JSONATA.md §1). Compiling here, once, lets the
 * validator report syntax errors up front; the evaluator (paths/jsonata.ts) compiles again
 * or reuses its own cache.
 */
import { loadJsonata } from './jsonata-module.js';
import { linearRegexProblem } from './jsonata-regex.js';

const OPEN = '{%';
const CLOSE = '%}';

/** True when the whole string is one expression: it starts with `{%` and ends with `%}`. */
export function isJsonataExpression(value: string): boolean {
  return typeof value === 'string' && value.length >= OPEN.length + CLOSE.length && value.startsWith(OPEN) && value.endsWith(CLOSE);
}

/** The text between the delimiters (call only when `isJsonataExpression` is true). */
export function jsonataBody(value: string): string {
  return value.slice(OPEN.length, value.length - CLOSE.length);
}

/** `undefined` when the expression compiles, else a message with JSONata's code and position. */
export function checkJsonataSyntax(value: string): string | undefined {
  if (!isJsonataExpression(value)) return "a JSONata expression must start with '{%' and end with '%}'";
  const body = jsonataBody(value);
  if (body.trim() === '') return 'empty JSONata expression';
  try {
    loadJsonata()(body);
    return undefined;
  } catch (error) {
    return describeJsonataError(error);
  }
}

/**
 * For an expression that compiles: why one of its /regex/ literals cannot run here (a backreference
 * or a lookahead, which RE2 lacks). AWS runs them, so this is a warning, not an error.
 */
export function unsupportedJsonataRegex(value: string): string | undefined {
  const body = jsonataBody(value);
  if (!body.includes('/')) return undefined;
  let ast: unknown;
  try {
    ast = loadJsonata()(body).ast();
  } catch {
    return undefined;
  }
  const seen = new Set<object>();
  const stack: unknown[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if (node instanceof RegExp) {
      const problem = linearRegexProblem(node);
      if (problem !== undefined) return problem;
      continue;
    }
    for (const child of Object.values(node)) stack.push(child);
  }
  return undefined;
}

/** JSONata throws plain objects with `code`, `position`, `token` and `message`, or (on deep nesting) a RangeError. */
export function describeJsonataError(error: unknown): string {
  if (error instanceof RangeError) return 'JSONata expression is too deeply nested to compile';
  if (typeof error !== 'object' || error === null) return `JSONata error: ${String(error)}`;
  const { code, position, message } = error as { code?: unknown; position?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : 'syntax error';
  const where = typeof position === 'number' ? ` at position ${position} of the expression` : '';
  return typeof code === 'string' ? `JSONata error ${code}${where}: ${text}` : `JSONata error${where}: ${text}`;
}

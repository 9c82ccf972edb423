// JSON loader: JSON.parse for the value (native, strict, and iterative in V8, so deep nesting is safe),
// plus one scan of the text for positions, duplicate keys and readable syntax errors.
import type { JsonValue } from '../core/json.js';
import { fromPointer, toPointer, type Diagnostic } from './diagnostic.js';
import { findNode, nodePointer, scanJson, type JsonScan } from './source-json-scan.js';
import { LineIndex, located, type LoadResult } from './source-position.js';
import { inspectValue } from './source-value.js';
import type { SourcePosition } from './source.js';

/** More warnings than this for repeated keys are noise; the first ones say what to fix. */
const MAX_DUPLICATE_WARNINGS = 100;

export function loadJson(text: string, maxDepth: number): LoadResult {
  let value: unknown;
  let failure: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    failure = e ?? new Error('JSON.parse failed');
  }
  const scan = scanJson(text);
  const lines = new LineIndex(text);
  const locate = (pointer: string): SourcePosition | undefined => {
    const node = findNode(scan.tree, fromPointer(pointer));
    const offset = scan.tree.offsets[node];
    return offset === undefined ? undefined : lines.position(offset);
  };

  if (failure !== undefined) {
    return { value: undefined, diagnostics: [syntaxError(failure, scan, lines)], locate };
  }

  const diagnostics: Diagnostic[] = [];
  for (const node of scan.duplicates.slice(0, MAX_DUPLICATE_WARNINGS)) {
    const key = String(scan.tree.segments[node]);
    const pointer = nodePointer(scan.tree, node);
    const message = `Key '${key}' appears more than once in this object; AWS keeps only the last one`;
    // The repeated member's own position: locate(pointer) would name the last one, which wins.
    const position = lines.position(scan.tree.offsets[node] ?? 0);
    diagnostics.push(located('WARNING', 'DUPLICATE_JSON_KEY', pointer, message, position));
  }

  const problem = inspectValue(value, maxDepth);
  if (problem !== undefined) {
    const pointer = toPointer(problem.segments);
    const message =
      problem.kind === 'too-deep'
        ? `The definition nests objects and arrays more than ${maxDepth} levels deep`
        : `This number is too large for a 64-bit float (it would become ${problem.what})`;
    const code = problem.kind === 'too-deep' ? 'TOO_DEEPLY_NESTED' : 'SCHEMA_VALIDATION_FAILED';
    diagnostics.push(located('ERROR', code, pointer, message, locate(pointer)));
    return { value: undefined, diagnostics, locate };
  }
  return { value: value as JsonValue, diagnostics, locate };
}

function syntaxError(failure: unknown, scan: JsonScan, lines: LineIndex): Diagnostic {
  // V8 parses nesting iteratively, but a RangeError here would mean some engine did not.
  if (failure instanceof RangeError) {
    const message = `The definition nests too deeply to parse: ${failure.message}`;
    return located('ERROR', 'TOO_DEEPLY_NESTED', '', message, undefined);
  }
  const v8 = fromV8Message(failure instanceof Error ? failure.message : String(failure), lines);
  // Prefer our scanner's account (same wording on every Node version); it and JSON.parse implement
  // the same grammar, so it only lacks an error if they disagree, and then V8's account is used.
  const reason = scan.error?.message ?? v8.message;
  const position = scan.error !== undefined ? lines.position(scan.error.offset) : v8.position;
  const where = position === undefined ? '' : ` (line ${position.line}, column ${position.column})`;
  const message = `The definition is not valid JSON: ${reason}${where}`;
  return located('ERROR', 'INVALID_JSON_DESCRIPTION', '', message, position);
}

/**
 * Reads the position out of V8's JSON.parse messages, which changed over Node versions:
 * "Unexpected token } in JSON at position 9" (Node <= 18), "... is not valid JSON" with no position,
 * and "... (line 2 column 5)" (newer V8).
 */
export function fromV8Message(
  message: string,
  lines: LineIndex,
): { message: string; position: SourcePosition | undefined } {
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  const offset = /at position (\d+)/.exec(message);
  const text = message
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/\s*in JSON at position \d+/, '')
    .replace(/, ".*" is not valid JSON$/s, '');
  if (lineColumn !== null) {
    return { message: text, position: { line: Number(lineColumn[1]), column: Number(lineColumn[2]) } };
  }
  if (offset !== null) return { message: text, position: lines.position(Number(offset[1])) };
  return { message: text, position: undefined };
}

/**
 * Compiled payload templates (ASL.md §4): Parameters, ResultSelector, ItemSelector, JSONPath
 * Assign, Credentials. Keys ending in `.$` are renamed without the suffix and their value is
 * evaluated; nested objects are templates too, also inside arrays at any depth (AWS's ECS example
 * passes `"Environment": [{"Name": "TOKEN", "Value.$": "$$.Task.Token"}]`). Literals are shared by
 * reference (never deep-copied: JSON values are never mutated, ARCHITECTURE.md 1.1).
 *
 * Static subtrees are found at compile time: an object or array with no `.$` key anywhere below it
 * evaluates to the template value itself, and a dynamic one copies only its dynamic parts' results.
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import type { CompiledExpression, CompiledTemplate, DataContext } from './evaluate-types.js';
import { compileExpression } from './expression.js';
import { setOwn } from './json-util.js';

const SUFFIX = '.$';

type Entry =
  | { readonly key: string; readonly kind: 'literal'; readonly value: JsonValue }
  | { readonly key: string; readonly kind: 'expression'; readonly expression: CompiledExpression; readonly field: string }
  | { readonly key: string; readonly kind: 'template'; readonly template: CompiledTemplate };

/** Compiles the text of one `.$` value; the compiler may pass a cached compileExpression. */
export type ValueCompiler = (text: string) => CompiledExpression;

/**
 * Compiles a template the validator accepted. Throws a plain Error when a `.$` key holds a
 * non-string or text that is neither a path nor an intrinsic call.
 */
export function compileTemplate(template: JsonValue, compileValue: ValueCompiler = compileExpression): CompiledTemplate {
  return compileNested(template, compileValue) ?? staticTemplate(template);
}

function staticTemplate(value: JsonValue): CompiledTemplate {
  return { readsContext: false, readsVariables: false, evaluate: () => value };
}

/** undefined when the value has no `.$` key at any depth (it is its own result). */
function compileNested(value: JsonValue, compileValue: ValueCompiler): CompiledTemplate | undefined {
  if (Array.isArray(value)) return compileArray(value, compileValue);
  return isJsonObject(value) ? compileObject(value, compileValue) : undefined;
}

function compileObject(template: JsonObject, compileValue: ValueCompiler): CompiledTemplate | undefined {
  const entries: Entry[] = [];
  const reads = { dynamic: false, readsContext: false, readsVariables: false };
  for (const key of Object.keys(template)) {
    const value = template[key] as JsonValue;
    let entry: Entry;
    if (key.endsWith(SUFFIX)) {
      if (typeof value !== 'string') throw new Error(`cannot compile template: the value of '${key}' must be a string`);
      entry = { key: key.slice(0, -SUFFIX.length), kind: 'expression', expression: compileValue(value), field: key };
    } else {
      const nested = compileNested(value, compileValue);
      entry = nested === undefined ? { key, kind: 'literal', value } : { key, kind: 'template', template: nested };
    }
    if (entry.kind !== 'literal') noteReads(reads, entry.kind === 'expression' ? entry.expression : entry.template);
    entries.push(entry);
  }
  if (!reads.dynamic) return undefined;
  return { readsContext: reads.readsContext, readsVariables: reads.readsVariables, evaluate: (data) => evaluateEntries(entries, data) };
}

function compileArray(items: readonly JsonValue[], compileValue: ValueCompiler): CompiledTemplate | undefined {
  const reads = { dynamic: false, readsContext: false, readsVariables: false };
  const parts = items.map((item) => {
    const nested = compileNested(item, compileValue);
    if (nested !== undefined) noteReads(reads, nested);
    return nested;
  });
  if (!reads.dynamic) return undefined;
  const evaluate = (data: DataContext): JsonValue => {
    const out: JsonValue[] = new Array<JsonValue>(items.length);
    for (let i = 0; i < items.length; i++) out[i] = parts[i]?.evaluate(data) ?? (items[i] as JsonValue);
    return out;
  };
  return { readsContext: reads.readsContext, readsVariables: reads.readsVariables, evaluate };
}

function noteReads(reads: { dynamic: boolean; readsContext: boolean; readsVariables: boolean }, part: CompiledExpression | CompiledTemplate): void {
  reads.dynamic = true;
  reads.readsContext ||= part.readsContext !== false;
  reads.readsVariables ||= part.readsVariables !== false;
}

function evaluateEntries(entries: readonly Entry[], data: DataContext): JsonObject {
  const out: JsonObject = {};
  for (const entry of entries) {
    const value =
      entry.kind === 'literal'
        ? entry.value
        : entry.kind === 'expression'
          ? entry.expression.evaluate(data, entry.field)
          : entry.template.evaluate(data);
    setOwn(out, entry.key, value);
  }
  return out;
}

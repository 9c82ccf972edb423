/**
 * Compiled payload templates (ASL.md §4): Parameters, ResultSelector, ItemSelector, JSONPath
 * Assign, Credentials. Keys ending in `.$` are renamed without the suffix and their value is
 * evaluated; nested objects are templates too; arrays and other literals are shared by reference
 * (never deep-copied: JSON values are never mutated, ARCHITECTURE.md 1.1).
 *
 * Static subtrees are found at compile time: an object with no `.$` key anywhere below it evaluates
 * to the template object itself, and a dynamic object copies only its dynamic parts' results.
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
  return (isJsonObject(template) ? compileObject(template, compileValue) : undefined) ?? staticTemplate(template);
}

function staticTemplate(value: JsonValue): CompiledTemplate {
  return { readsContext: false, readsVariables: false, evaluate: () => value };
}

/** undefined when the object has no `.$` key at any depth (it is its own result). */
function compileObject(template: JsonObject, compileValue: ValueCompiler): CompiledTemplate | undefined {
  const entries: Entry[] = [];
  let dynamic = false;
  let readsContext = false;
  let readsVariables = false;
  for (const key of Object.keys(template)) {
    const value = template[key] as JsonValue;
    let entry: Entry;
    if (key.endsWith(SUFFIX)) {
      if (typeof value !== 'string') throw new Error(`cannot compile template: the value of '${key}' must be a string`);
      entry = { key: key.slice(0, -SUFFIX.length), kind: 'expression', expression: compileValue(value), field: key };
    } else {
      const nested = isJsonObject(value) ? compileObject(value, compileValue) : undefined;
      entry = nested === undefined ? { key, kind: 'literal', value } : { key, kind: 'template', template: nested };
    }
    if (entry.kind !== 'literal') {
      const reads = entry.kind === 'expression' ? entry.expression : entry.template;
      dynamic = true;
      readsContext ||= reads.readsContext !== false;
      readsVariables ||= reads.readsVariables !== false;
    }
    entries.push(entry);
  }
  if (!dynamic) return undefined;
  return { readsContext, readsVariables, evaluate: (data) => evaluateEntries(entries, data) };
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

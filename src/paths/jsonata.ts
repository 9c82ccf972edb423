/**
 * JSON values of JSONata states (JSONATA.md §1-3): every "{% %}" string, at any depth, is a JSONata
 * 2.0.6 expression, compiled once; everything else is literal. Evaluation binds `$states`, the
 * workflow variables and AWS's functions, bounds time and recursion, and turns every failure into
 * States.QueryEvaluationError with AWS's cause text and the field path as its location.
 */
import type jsonata from 'jsonata';
import { loadJsonata } from './jsonata-module.js';
import { AslError } from '../core/errors.js';
import type { JsonObject, JsonValue } from '../core/json.js';
import type { CompiledJsonataValue, JsonataBindings } from './evaluate-types.js';
import { installAwsFunctions } from './jsonata-functions.js';
import { TOO_LARGE, toJsonResult, UNSUPPORTED } from './jsonata-result.js';
import { BoundExceeded, DEFAULT_JSONATA_LIMITS, installBounds, type JsonataLimits, JsonataRun, RUN_KEY } from './jsonata-run.js';
import { isJsonataExpression, jsonataBody } from './jsonata-syntax.js';
import { setOwn } from './json-util.js';

export { DEFAULT_JSONATA_LIMITS, type JsonataLimits } from './jsonata-run.js';

/** What one evaluation of a field shares between its expressions: JSONata's bindings and the run. */
interface Scope {
  readonly bindings: Record<string, unknown>;
  readonly run: JsonataRun;
}

/** A part of the value that holds at least one expression. */
type Dynamic = (scope: Scope, field: string) => Promise<JsonValue>;

/** Definitions are validated to 100 levels; this only stops an unvalidated one from overflowing. */
const MAX_COMPILE_DEPTH = 1000;

/**
 * Compiles a JSONata-state value once. A value without expressions evaluates to itself (the same
 * reference). `limits` exists for tests; the runtime uses the defaults.
 */
export function compileJsonataValue(value: JsonValue, limits: JsonataLimits = DEFAULT_JSONATA_LIMITS): CompiledJsonataValue {
  const dynamic = compileNode(value, 0);
  if (dynamic === undefined) {
    const literal = Promise.resolve(value);
    return { isStatic: true, evaluate: () => literal };
  }
  return {
    isStatic: false,
    // AWS quotes a whole-field expression in the causes the runtime writes (e.g. Items' type check).
    ...(typeof value === 'string' ? { text: jsonataBody(value).trim() } : {}),
    async evaluate(bindings: JsonataBindings, field: string): Promise<JsonValue> {
      const run = new JsonataRun(bindings.now, bindings.random, limits);
      try {
        return await dynamic({ bindings: bindingsFor(bindings, run), run }, field);
      } finally {
        run.settled = true;
      }
    },
  };
}

function compileNode(value: JsonValue, depth: number): Dynamic | undefined {
  if (depth > MAX_COMPILE_DEPTH) throw new Error(`A JSONata value nests more than ${MAX_COMPILE_DEPTH} levels; validate the definition before compiling it.`);
  if (typeof value === 'string') return isJsonataExpression(value) ? compileExpression(jsonataBody(value)) : undefined;
  if (Array.isArray(value)) return compileArray(value, depth);
  if (typeof value === 'object' && value !== null) return compileObject(value, depth);
  return undefined;
}

function compileArray(items: readonly JsonValue[], depth: number): Dynamic | undefined {
  const parts = items.map((item) => compileNode(item, depth + 1));
  if (parts.every((part) => part === undefined)) return undefined;
  return async (scope, field) => {
    const out: JsonValue[] = [];
    // One at a time, in order: $random() and $uuid() then draw from the PRNG in a fixed order.
    for (let i = 0; i < items.length; i++) {
      const part = parts[i];
      out.push(part === undefined ? (items[i] as JsonValue) : await part(scope, `${field}/${i}`));
    }
    return out;
  };
}

function compileObject(object: JsonObject, depth: number): Dynamic | undefined {
  const entries = Object.entries(object).map(([key, child]) => ({ key, child, part: compileNode(child, depth + 1) }));
  if (entries.every((entry) => entry.part === undefined)) return undefined;
  return async (scope, field) => {
    const out: JsonObject = {};
    for (const { key, child, part } of entries) {
      // Keys are never evaluated; a nested field is reported as "Output/result" (AWS recordings).
      setOwn(out, key, part === undefined ? child : await part(scope, `${field}/${key}`));
    }
    return out;
  };
}

function compileExpression(body: string): Dynamic {
  // AWS quotes the expression without its delimiters and surrounding blanks: '$doesNotExist'.
  const text = body.trim();
  let expression: jsonata.Expression;
  try {
    expression = loadJsonata()(body);
  } catch (error) {
    // The validator reports syntax errors; a definition compiled without it fails here, at run time.
    return (_scope, field) => Promise.reject(queryError(text, field, `threw an error during evaluation. ${describeError(error)}`));
  }
  installAwsFunctions(expression);
  installBounds(expression);
  return async (scope, field) => {
    let raw: unknown;
    try {
      // No input context: at top level `$` is not the state input (JSONATA.md §1).
      raw = await expression.evaluate(undefined, scope.bindings);
    } catch (error) {
      if (error instanceof BoundExceeded) throw queryError(text, field, error.detail);
      throw queryError(text, field, `threw an error during evaluation. ${describeError(error)}`);
    }
    if (raw === undefined) throw queryError(text, field, 'returned nothing (undefined).');
    const { maxNodes } = scope.run.limits;
    const value = toJsonResult(raw, maxNodes);
    if (value === UNSUPPORTED) throw queryError(text, field, 'returned an unsupported result type.');
    if (value === TOO_LARGE) throw queryError(text, field, `exceeded asl-engine's size bound: the result has more than ${maxNodes} JSON values.`);
    return value;
  };
}

/** $states holds only the members this field may read (JSONATA.md §3); variables are `$name`. */
function bindingsFor(b: JsonataBindings, run: JsonataRun): Record<string, unknown> {
  // No prototype: a variable may be called "__proto__" or "constructor".
  const bindings = Object.create(null) as Record<string, unknown>;
  for (const name of Object.keys(b.variables)) bindings[name] = b.variables[name];
  const states: Record<string, JsonValue> = { input: b.input, context: b.context };
  if (b.result !== undefined) states['result'] = b.result;
  if (b.errorOutput !== undefined) states['errorOutput'] = b.errorOutput;
  bindings['states'] = states;
  bindings[RUN_KEY] = run;
  return bindings;
}

/** JSONata errors are plain objects {code, message, ...}: AWS writes them "T1006: Attempted to invoke a non-function". */
function describeError(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  return typeof code === 'string' ? `${code}: ${text}` : text;
}

function queryError(text: string, field: string, detail: string): AslError {
  return new AslError(
    'States.QueryEvaluationError',
    `The JSONata expression '${text}' specified for the field '${field}' ${detail}`,
    true,
    field,
  );
}

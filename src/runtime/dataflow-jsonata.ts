// The JSONata data flow (JSONATA.md §4): Arguments (or Items) → work → Output and Assign, both
// evaluated against the values at state entry, then the variables are committed.
import { AslError } from '../core/errors.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import type { CompiledState } from '../definition/compiled.js';
import type { CompiledJsonataValue, JsonataBindings } from '../paths/evaluate-types.js';
import type { StepResult } from '../states/context.js';
import { unexpectedType } from './jsonata-fields.js';
import type { Thread } from './thread.js';

/** Task/Parallel: Arguments (default: the input). Map: Items (default: the input, which must be an array). */
export async function jsonataEffectiveInput(state: CompiledState, raw: JsonValue, ctx: Thread): Promise<JsonValue> {
  const fields = state.jsonata;
  if (!fields) return raw;
  if ((state.type === 'Task' || state.type === 'Parallel') && fields.arguments) return ctx.evaluateJsonata(fields.arguments, 'Arguments');
  // A Distributed Map with an ItemReader reads its items from S3: its input need not be an array.
  if (state.type !== 'Map' || state.itemReader !== undefined) return raw;
  if (fields.items) {
    const items = await ctx.evaluateJsonata(fields.items, 'Items');
    if (!Array.isArray(items)) throw unexpectedType(fields.items, 'Items', 'array', items);
    // A new value, handed item by item to the iterations: it obeys the limits like any state's.
    ctx.checkPayload(items, state.name);
    return items;
  }
  if (!Array.isArray(raw)) throw new AslError('States.QueryEvaluationError', `Map state input must be an array but was: ${JSON.stringify(raw)}`);
  return raw;
}

/** Output (default: the result for Task/Parallel/Map, else the input) and the Assign values. */
export async function jsonataOutput(
  state: CompiledState,
  raw: JsonValue,
  step: StepResult,
  ctx: Thread,
): Promise<{ output: JsonValue; assign: JsonObject | undefined }> {
  const fields = state.jsonata;
  const producesResult = state.type === 'Task' || state.type === 'Parallel' || state.type === 'Map';
  const rule = step.choiceIndex === undefined ? undefined : fields?.choices?.[step.choiceIndex];
  const outputValue = rule ? (rule.output ?? fields?.output) : fields?.output;
  const assignValue = rule ? rule.assign : fields?.assign;
  const bindings = ctx.jsonataBindings(producesResult ? { result: step.result } : {});
  const output = outputValue ? await outputValue.evaluate(bindings, 'Output') : producesResult ? step.result : raw;
  const assign = assignValue ? await evaluateAssign(assignValue, bindings) : undefined;
  return { output, assign };
}

/** A caught error in a JSONata state: the catcher's Output (default: the error output) and Assign. */
export async function jsonataCatcherOutput(
  state: CompiledState,
  catcherIndex: number,
  errorOutput: JsonObject,
  ctx: Thread,
): Promise<{ output: JsonValue; assign: JsonObject | undefined }> {
  const catcher = state.jsonata?.catchers?.[catcherIndex];
  const bindings = ctx.jsonataBindings({ errorOutput });
  const output = catcher?.output ? await catcher.output.evaluate(bindings, 'Output') : errorOutput;
  const assign = catcher?.assign ? await evaluateAssign(catcher.assign, bindings) : undefined;
  return { output, assign };
}

async function evaluateAssign(value: CompiledJsonataValue, bindings: JsonataBindings): Promise<JsonObject> {
  const assigned = await value.evaluate(bindings, 'Assign');
  return isJsonObject(assigned) ? assigned : {};
}


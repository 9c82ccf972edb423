// The JSONPath data-flow pipeline (ASL.md §5): InputPath → Parameters → [work] → ResultSelector
// → ResultPath → OutputPath, then Assign. Copy-on-write: nothing here mutates its input.
import type { JsonObject, JsonValue } from '../core/json.js';
import type { CompiledCatcher, CompiledState } from '../definition/compiled.js';
import type { CompiledTemplate } from '../paths/evaluate-types.js';
import type { StepResult } from '../states/context.js';
import type { Thread } from './thread.js';

const EMPTY: JsonObject = Object.freeze({}) as JsonObject;
/** The default InputPath/OutputPath: the value itself, with no data context to build. */
const ROOT = '$';

/** InputPath then Parameters: the effective input the state works on. */
export function prepareInput(state: CompiledState, raw: JsonValue, ctx: Thread): JsonValue {
  let effective = state.inputPath === null ? EMPTY : state.inputPath.text === ROOT ? raw : state.inputPath.select(ctx.data(raw));
  ctx.stateInput = effective;
  if ((state.type === 'Pass' || state.type === 'Task' || state.type === 'Parallel') && state.parameters) {
    effective = state.parameters.evaluate(ctx.data(effective));
  }
  return effective;
}

/** What testState records between ResultSelector/ResultPath and OutputPath; runs pass none. */
export type ResultInspector = (afterResultSelector: JsonValue, afterResultPath: JsonValue) => void;

/** The state's output from its result; Choice, Wait and Succeed pass their effective input on. */
export function finishOutput(
  state: CompiledState,
  raw: JsonValue,
  step: StepResult,
  ctx: Thread,
  inspect?: ResultInspector,
): { output: JsonValue; assignSource: JsonValue } {
  let result = step.result;
  let output: JsonValue;
  if (state.type === 'Pass' || state.type === 'Task' || state.type === 'Parallel' || state.type === 'Map') {
    if (state.type !== 'Pass' && state.resultSelector) result = state.resultSelector.evaluate(ctx.data(result));
    output = state.resultPath === null ? raw : state.resultPath.write(raw, result);
    if (inspect) inspect(result, output);
  } else {
    output = result;
  }
  output = state.outputPath === null ? EMPTY : state.outputPath.text === ROOT ? output : state.outputPath.select(ctx.data(output));
  return { output, assignSource: result };
}

/** The output of a caught error: the error output placed at the catcher's ResultPath (no OutputPath). */
export function catcherOutput(catcher: CompiledCatcher, raw: JsonValue, errorOutput: JsonObject): JsonValue {
  return catcher.resultPath === null ? raw : catcher.resultPath.write(raw, errorOutput);
}

/** Evaluates a JSONPath Assign against `source`, with the variables as they were on entry. */
export function evaluateAssign(template: CompiledTemplate | undefined, source: JsonValue, ctx: Thread): JsonObject | undefined {
  return template ? (template.evaluate(ctx.data(source)) as JsonObject) : undefined;
}

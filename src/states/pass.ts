// ASL.md §7.1: the result is the static Result, or else the effective input.
import type { CompiledPass } from '../definition/compiled.js';
import type { JsonValue } from '../core/json.js';
import type { StepResult } from './context.js';

export function runPass(state: CompiledPass, input: JsonValue): StepResult {
  return { result: state.result === undefined ? input : state.result };
}

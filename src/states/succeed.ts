// ASL.md §7.5: ends the scope successfully with its (filtered) input.
import type { JsonValue } from '../core/json.js';
import type { StepResult } from './context.js';

export function runSucceed(input: JsonValue): StepResult {
  return { result: input };
}

// ASL.md §7.3: the first matching rule picks Next; else Default; else States.NoChoiceMatched.
import { AslError } from '../core/errors.js';
import type { JsonValue } from '../core/json.js';
import type { CompiledChoice } from '../definition/compiled.js';
import { evaluateRule } from './choice-rules.js';
import type { StateContext, StepResult } from './context.js';

export function runChoice(state: CompiledChoice, input: JsonValue, ctx: StateContext): StepResult {
  const data = ctx.data(input);
  for (const branch of state.choices) {
    // A matched rule's Assign replaces the state-level one (VARIABLES.md §3).
    if (evaluateRule(branch.rule, data)) return { result: input, next: branch.next, assign: branch.assign ?? null };
  }
  if (state.default) return { result: input, next: state.default };
  throw new AslError('States.NoChoiceMatched', `No Matches! No choice rule matched in state '${state.name}' and it has no Default.`, false);
}

// ASL.md §7.3: the first matching rule picks Next; else Default; else States.NoChoiceMatched.
import { AslError } from '../core/errors.js';
import { jsonTypeName, type JsonValue } from '../core/json.js';
import type { CompiledChoice } from '../definition/compiled.js';
import { evaluateRule } from './choice-rules.js';
import type { StateContext, StepResult } from './context.js';

export function runChoice(state: CompiledChoice, input: JsonValue, ctx: StateContext): StepResult | Promise<StepResult> {
  if (state.jsonata?.choices) return runJsonataChoice(state, state.jsonata.choices, input, ctx);
  const data = ctx.data(input);
  for (const branch of state.choices) {
    // A matched rule's Assign replaces the state-level one (VARIABLES.md §3).
    if (evaluateRule(branch.rule, data)) return { result: input, next: branch.next, assign: branch.assign ?? null };
  }
  return fallback(state, input);
}

function fallback(state: CompiledChoice, input: JsonValue): StepResult {
  if (state.default) return { result: input, next: state.default };
  throw new AslError('States.NoChoiceMatched', `No Matches! No choice rule matched in state '${state.name}' and it has no Default.`, false);
}

/** JSONata rules test a Condition that must evaluate to a boolean (JSONATA.md §2). */
async function runJsonataChoice(
  state: CompiledChoice,
  rules: NonNullable<NonNullable<CompiledChoice['jsonata']>['choices']>,
  input: JsonValue,
  ctx: StateContext,
): Promise<StepResult> {
  for (const [index, rule] of rules.entries()) {
    const verdict = await ctx.evaluateJsonata(rule.condition, 'Condition');
    if (typeof verdict !== 'boolean') {
      const cause = `The JSONata expression '${rule.condition.text ?? ''}' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was '${jsonTypeName(verdict)}' for value: ${JSON.stringify(verdict)}`;
      throw new AslError('States.QueryEvaluationError', cause, true, 'Condition');
    }
    const branch = state.choices[index];
    if (verdict && branch) return { result: input, next: branch.next, choiceIndex: index };
  }
  return fallback(state, input);
}

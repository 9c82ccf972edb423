// ASL.md §7.6: fails the scope with Error/Cause, static or read by ErrorPath/CausePath.
import { AslError } from '../core/errors.js';
import { jsonTypeName, type JsonValue } from '../core/json.js';
import type { CompiledFail } from '../definition/compiled.js';
import type { CompiledExpression } from '../paths/evaluate-types.js';
import type { StateContext } from './context.js';

export function runFail(state: CompiledFail, input: JsonValue, ctx: StateContext): never {
  const error = state.error ?? read(state.errorPath, 'ErrorPath', input, ctx);
  const cause = state.cause ?? read(state.causePath, 'CausePath', input, ctx);
  throw new AslError(error ?? '', cause, false);
}

function read(expression: CompiledExpression | undefined, field: string, input: JsonValue, ctx: StateContext): string | undefined {
  if (!expression) return undefined;
  const value = expression.evaluate(ctx.data(input), field);
  if (typeof value !== 'string') {
    throw AslError.runtime(`The ${field} field must resolve to a string, but '${expression.text}' resolved to ${jsonTypeName(value)} ${JSON.stringify(value)}.`);
  }
  return value;
}

// JSONata-valued settings (Wait Seconds/Timestamp, Task timeouts, Map concurrency and thresholds,
// Fail Error/Cause) are evaluated per visit and checked for type, with AWS's causes; the handler
// then receives a copy of the state whose fields hold plain values.
import { AslError } from '../core/errors.js';
import { jsonTypeName, type JsonValue } from '../core/json.js';
import { parseRfc3339 } from '../core/timestamp.js';
import type { CompiledState } from '../definition/compiled.js';
import { MAX_SECONDS } from '../definition/schema/common.js';
import type { CompiledJsonataValue } from '../paths/evaluate-types.js';
import type { Thread } from './thread.js';

export function unexpectedType(value: CompiledJsonataValue, field: string, expected: string, actual: JsonValue): AslError {
  const cause = `The JSONata expression '${value.text ?? ''}' specified for the field '${field}' returned an unexpected result type. Expected '${expected}', but was '${jsonTypeName(actual)}' for value: ${JSON.stringify(actual)}`;
  return new AslError('States.QueryEvaluationError', cause, true, field);
}

async function integer(ctx: Thread, value: CompiledJsonataValue | undefined, field: string, min: number, max = Infinity): Promise<number | undefined> {
  if (!value) return undefined;
  const result = await ctx.evaluateJsonata(value, field);
  if (typeof result !== 'number' || !Number.isInteger(result) || result < min) throw unexpectedType(value, field, min > 0 ? 'positive integer' : 'non-negative integer', result);
  if (result > max) throw unexpectedType(value, field, `integer of at most ${max}`, result);
  return result;
}

async function text(ctx: Thread, value: CompiledJsonataValue | undefined, field: string): Promise<string | undefined> {
  if (!value) return undefined;
  const result = await ctx.evaluateJsonata(value, field);
  if (typeof result !== 'string') throw unexpectedType(value, field, 'string', result);
  return result;
}

/** The state with its JSONata-valued settings replaced by their values for this visit. */
export async function resolveJsonataSettings(state: CompiledState, ctx: Thread): Promise<CompiledState> {
  const fields = state.jsonata;
  if (!fields) return state;
  switch (state.type) {
    case 'Wait': {
      const seconds = await integer(ctx, fields.seconds, 'Seconds', 0);
      if (seconds !== undefined) return { ...state, seconds };
      if (!fields.timestamp || fields.timestamp.isStatic) return state;
      const stamp = await ctx.evaluateJsonata(fields.timestamp, 'Timestamp');
      const at = typeof stamp === 'string' ? parseRfc3339(stamp) : undefined;
      if (at === undefined) {
        const shown = typeof stamp === 'string' ? stamp : JSON.stringify(stamp);
        throw new AslError('States.QueryEvaluationError', `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${shown}`, true, 'Timestamp');
      }
      return { ...state, timestamp: at };
    }
    case 'Task': {
      const timeoutSeconds = (await integer(ctx, fields.timeoutSeconds, 'TimeoutSeconds', 1, MAX_SECONDS)) ?? state.timeoutSeconds;
      const heartbeatSeconds = (await integer(ctx, fields.heartbeatSeconds, 'HeartbeatSeconds', 1, MAX_SECONDS)) ?? state.heartbeatSeconds;
      if (!fields.credentials) return { ...state, timeoutSeconds, heartbeatSeconds };
      // The handler reads Credentials as a template (JSONPath's form): this visit's value stands in for one.
      const credentials = await ctx.evaluateJsonata(fields.credentials, 'Credentials');
      return { ...state, timeoutSeconds, heartbeatSeconds, credentials: { evaluate: () => credentials } };
    }
    case 'Map': {
      const maxConcurrency = (await integer(ctx, fields.maxConcurrency, 'MaxConcurrency', 0)) ?? state.maxConcurrency;
      const toleratedFailureCount = (await integer(ctx, fields.toleratedFailureCount, 'ToleratedFailureCount', 0)) ?? state.toleratedFailureCount;
      let toleratedFailurePercentage = state.toleratedFailurePercentage;
      if (fields.toleratedFailurePercentage) {
        const value = await ctx.evaluateJsonata(fields.toleratedFailurePercentage, 'ToleratedFailurePercentage');
        if (typeof value !== 'number' || value < 0 || value > 100) throw unexpectedType(fields.toleratedFailurePercentage, 'ToleratedFailurePercentage', 'number between 0 and 100', value);
        toleratedFailurePercentage = value;
      }
      return { ...state, maxConcurrency, toleratedFailureCount, toleratedFailurePercentage };
    }
    case 'Fail':
      return { ...state, error: (await text(ctx, fields.error, 'Error')) ?? state.error, cause: (await text(ctx, fields.cause, 'Cause')) ?? state.cause };
    default:
      return state;
  }
}

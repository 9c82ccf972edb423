// ASL.md §7.4: wait for Seconds, until Timestamp, or for/until a value read by a *Path.
import { AslError } from '../core/errors.js';
import type { JsonValue } from '../core/json.js';
import { MAX_WAIT_SECONDS, parseRfc3339 } from '../core/timestamp.js';
import type { CompiledWait } from '../definition/compiled.js';
import type { StateContext, StepResult } from './context.js';

export async function runWait(state: CompiledWait, input: JsonValue, ctx: StateContext): Promise<StepResult> {
  // A Wait resumed from a snapshot keeps the deadline it had.
  const resumed = ctx.suspension?.kind === 'timer' ? ctx.suspension : undefined;
  const until = resumed?.until ?? deadline(state, input, ctx);
  const delay = until - ctx.clock.now();
  if (resumed === undefined && delay > MAX_WAIT_SECONDS * 1000) throw tooLong(state, delay);
  if (delay > 0) await ctx.suspendUntil(resumed ?? { kind: 'timer', until, since: ctx.clock.now(), rank: ctx.lastEventId });
  return { result: input };
}

/** AWS's cause, with the field and the figures, which AWS leaves out. */
function tooLong(state: CompiledWait, delayMs: number): AslError {
  const field =
    state.seconds !== undefined ? 'Seconds' : state.timestamp !== undefined ? 'Timestamp' : state.secondsPath ? `SecondsPath ${state.secondsPath.text}` : `TimestampPath ${state.timestampPath?.text ?? ''}`;
  const seconds = Math.ceil(delayMs / 1000);
  const shown = Number.isSafeInteger(seconds) ? String(seconds) : seconds.toExponential(3);
  return AslError.runtime(`Wait state delay is too long: the ${field} field asks for a wait of ${shown} seconds; a Wait may last at most ${MAX_WAIT_SECONDS} seconds (366 days).`);
}

function deadline(state: CompiledWait, input: JsonValue, ctx: StateContext): number {
  const now = ctx.clock.now();
  if (state.seconds !== undefined) return now + state.seconds * 1000;
  if (state.timestamp !== undefined) return state.timestamp;
  if (state.secondsPath) {
    const path = state.secondsPath.text;
    const value = state.secondsPath.find(ctx.data(input));
    if (value === undefined) throw AslError.runtime(`The SecondsPath parameter does not reference an input value: ${path}`);
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw AslError.runtime(`The SecondsPath parameter cannot be parsed as a long value: ${path} == ${JSON.stringify(value)}`);
    }
    if (value < 0) throw AslError.runtime(`The SecondsPath parameter references a negative value: ${path} == ${value}`);
    return now + value * 1000;
  }
  if (state.timestampPath) {
    const path = state.timestampPath.text;
    const value = state.timestampPath.find(ctx.data(input));
    if (value === undefined) throw AslError.runtime(`The TimestampPath parameter does not reference an input value: ${path}`);
    const parsed = typeof value === 'string' ? parseRfc3339(value) : undefined;
    if (parsed === undefined) {
      const shown = typeof value === 'string' ? value : JSON.stringify(value);
      throw AslError.runtime(`The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${path} == ${shown}`);
    }
    return parsed;
  }
  return now;
}

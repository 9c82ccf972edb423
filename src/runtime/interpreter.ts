// The state loop of one scope (top level, a branch, an iteration) and the life of one state visit
// (ARCHITECTURE.md 1.5): enter, prepare input, dispatch, finish output, or retry / catch / fail.
import { AslError, isCancellation } from '../core/errors.js';
import type { EventDetails } from '../core/events.js';
import type { JsonValue } from '../core/json.js';
import type { CompiledCatcher, CompiledRetrier, CompiledScope, CompiledState } from '../definition/compiled.js';
import { findCatcher } from './catch.js';
import { catcherOutput, evaluateAssign, finishOutput, prepareInput } from './dataflow.js';
import { jsonataCatcherOutput, jsonataEffectiveInput, jsonataOutput } from './dataflow-jsonata.js';
import { dispatch } from './dispatch.js';
import { resolveJsonataSettings } from './jsonata-fields.js';
import { checkPayload, type Frame, type Runtime } from './frame.js';
import { findRetrier, retryDelayMs } from './retry.js';
import { commitAssign } from './variables.js';
import { emit, VisitContext } from './visit-context.js';

interface Visit {
  readonly output: JsonValue;
  readonly next: CompiledState | undefined;
}

export async function runScope(rt: Runtime, scope: CompiledScope, input: JsonValue, frame: Frame): Promise<JsonValue> {
  let state: CompiledState = scope.startAt;
  let raw = input;
  for (;;) {
    if (frame.signal.aborted) throw frame.signal.reason;
    const visit = await visitState(rt, state, raw, frame);
    if (visit.next === undefined) return visit.output;
    state = visit.next;
    raw = visit.output;
  }
}

const NO_RETRY: readonly CompiledRetrier[] = [];
const NO_CATCH: readonly CompiledCatcher[] = [];

async function visitState(rt: Runtime, state: CompiledState, raw: JsonValue, frame: Frame): Promise<Visit> {
  countTransition(rt);
  const handles = state.type === 'Task' || state.type === 'Parallel' || state.type === 'Map';
  const ctx = new VisitContext(rt, frame, state.name, runScope, handles, raw);
  ctx.enteredEventId = emit(rt, frame, `${state.type}StateEntered`, ctx.recording ? { name: state.name, input: raw } : undefined);
  const retriers = handles ? state.retry : NO_RETRY;
  const attempts = retriers.length > 0 ? new Array<number>(retriers.length).fill(0) : undefined;
  for (;;) {
    try {
      return await attempt(rt, state, raw, frame, ctx);
    } catch (thrown) {
      if (isCancellation(thrown)) throw thrown;
      const original = toAslError(thrown);
      const error = inState(original, state.name, ctx.enteredEventId);
      if (original.stateScoped && error.error === 'States.QueryEvaluationError') {
        emit(rt, frame, 'EvaluationFailed', { error: error.error, cause: error.cause ?? '', ...(original.location ? { location: original.location } : {}), state: state.name });
        if (state.type === 'Map') emit(rt, frame, 'MapStateFailed');
      }
      const index = attempts ? findRetrier(retriers, error.error) : -1;
      const retrier = retriers[index];
      if (retrier && attempts && (attempts[index] as number) < retrier.maxAttempts) {
        await rt.clock.sleep(retryDelayMs(retrier, attempts[index] as number, rt.random), frame.signal);
        attempts[index] = (attempts[index] as number) + 1;
        ctx.retryCount++;
        continue;
      }
      const catchers = handles ? state.catch : NO_CATCH;
      const catcher = findCatcher(catchers, error.error);
      if (!catcher) throw error;
      const errorOutput = error.toErrorOutput();
      let output: JsonValue;
      let assigned: Record<string, JsonValue> | undefined;
      if (state.jsonata) {
        const caught = await jsonataCatcherOutput(state, catchers.indexOf(catcher), errorOutput, ctx);
        output = caught.output;
        assigned = caught.assign;
      } else {
        output = catcherOutput(catcher, raw, errorOutput);
        assigned = evaluateAssign(catcher.assign, errorOutput, ctx);
      }
      commitAssign(rt, frame, assigned);
      emit(rt, frame, `${state.type as 'Task'}StateExited`, exitedDetails(ctx, state.name, output, assigned));
      return { output, next: catcher.next };
    }
  }
}

async function attempt(rt: Runtime, state: CompiledState, raw: JsonValue, frame: Frame, ctx: VisitContext): Promise<Visit> {
  const jsonata = state.jsonata !== undefined;
  const effective = jsonata ? await jsonataEffectiveInput(state, raw, ctx) : prepareInput(state, raw, ctx);
  if (state.type === 'Task') checkPayload(rt, effective, state.name);
  const settled = jsonata ? await resolveJsonataSettings(state, ctx) : state;
  const pending = dispatch(settled, effective, ctx);
  const step = pending instanceof Promise ? await pending : pending;
  let output: JsonValue;
  let assigned: Record<string, JsonValue> | undefined;
  if (jsonata) {
    const finished = await jsonataOutput(state, raw, step, ctx);
    output = finished.output;
    assigned = finished.assign;
  } else {
    const finished = finishOutput(state, raw, step, ctx);
    output = finished.output;
    const template = step.assign === undefined ? state.assign : (step.assign ?? undefined);
    assigned = evaluateAssign(template, state.type === 'Choice' || state.type === 'Wait' ? effective : finished.assignSource, ctx);
  }
  commitAssign(rt, frame, assigned);
  checkPayload(rt, output, state.name);
  if (state.type !== 'Fail') {
    emit(rt, frame, `${state.type}StateExited`, exitedDetails(ctx, state.name, output, assigned));
  }
  const next = state.type === 'Succeed' || state.type === 'Fail' ? undefined : state.type === 'Choice' ? step.next : state.next;
  return { output, next };
}

/** StateExited details, built only when the history is kept or watched. */
function exitedDetails(ctx: VisitContext, name: string, output: JsonValue, assigned: Record<string, JsonValue> | undefined): EventDetails | undefined {
  if (!ctx.recording) return undefined;
  return assigned ? { name, output, assignedVariables: assigned } : { name, output };
}

/** Express executions keep no history; a transition budget stops run-away loops instead. */
function countTransition(rt: Runtime): void {
  rt.transitions++;
  if (rt.transitions > rt.limits.maxTransitions) {
    throw AslError.executionRuntime(
      `The execution exceeded ${rt.limits.maxTransitions} state transitions, asl-engine's guard against run-away Express executions; raise or lift it with the maxTransitions option (--max-transitions).`,
    );
  }
}

/** Anything that is not an AslError here is a bug; it fails the execution as States.Runtime. */
export function toAslError(thrown: unknown): AslError {
  if (thrown instanceof AslError) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return AslError.executionRuntime(`Internal error in asl-engine: ${message}`);
}

/** AWS prefixes data-flow failures with the state and the id of its Entered event. */
function inState(error: AslError, stateName: string, enteredEventId: number): AslError {
  if (!error.stateScoped) return error;
  const prefix = `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}).`;
  return new AslError(error.error, error.cause ? `${prefix} ${error.cause}` : prefix, false);
}

// The state loop of one scope (top level, a branch, an iteration) and the life of one state visit
// (ARCHITECTURE.md 1.5): enter, prepare input, dispatch, finish output, or retry / catch / fail.
import { isAborted } from '../core/abort.js';
import { yieldToEventLoop } from '../core/clock.js';
import { AslError, isCancellation } from '../core/errors.js';
import type { EventDetails, StateKind } from '../core/events.js';
import type { JsonValue } from '../core/json.js';
import type { CompiledMap, CompiledParallel, CompiledScope, CompiledState, CompiledTask } from '../definition/compiled.js';
import { findCatcher } from './catch.js';
import { catcherOutput, evaluateAssign, finishOutput, prepareInput } from './dataflow.js';
import { jsonataCatcherOutput, jsonataEffectiveInput, jsonataOutput } from './dataflow-jsonata.js';
import { dispatch } from './dispatch.js';
import type { StepResult } from '../states/context.js';
import { resolveJsonataSettings } from './jsonata-fields.js';
import { checkPayload, type Frame, type Runtime } from './frame.js';
import { matchedRule } from './probe.js';
import { findRetrier, retryDelayMs } from './retry.js';
import { commitAssign } from './variables.js';
import { emit, VisitContext } from './visit-context.js';

interface Visit {
  readonly output: JsonValue;
  readonly next: CompiledState | undefined;
}

/**
 * Runs a scope to its end. For a Map iteration, `iterationOf` names the Map state: the iteration's
 * Started/Succeeded/Failed events are recorded here rather than in promise callbacks around it,
 * since a 10,000-item Map runs this 10,000 times.
 */
export async function runScope(rt: Runtime, scope: CompiledScope, input: JsonValue, frame: Frame, iterationOf?: string, index = 0): Promise<JsonValue> {
  const details = iterationOf !== undefined && !frame.silent && rt.recorder.active ? { name: iterationOf, index } : undefined;
  if (iterationOf !== undefined) emit(rt, frame, 'MapIterationStarted', details);
  let state: CompiledState = scope.startAt;
  let previous: CompiledState | undefined;
  let raw = input;
  try {
    for (;;) {
      if (isAborted(frame.signal)) throw frame.signal.reason;
      // Most visits (Pass, Choice, Succeed in JSONPath) finish synchronously: awaiting only real
      // promises saves three promise allocations and microtask turns per state transition.
      const pending = visitState(rt, state, raw, frame, previous);
      const visit = pending instanceof Promise ? await pending : pending;
      if (visit.next === undefined) {
        if (iterationOf !== undefined) emit(rt, frame, 'MapIterationSucceeded', details);
        return visit.output;
      }
      previous = state;
      state = visit.next;
      raw = visit.output;
      if ((rt.transitions & YIELD_EVERY_MASK) === 0) await yieldToEventLoop(rt.clock);
    }
  } catch (error) {
    if (iterationOf !== undefined) emit(rt, frame, isCancellation(error) ? 'MapIterationAborted' : 'MapIterationFailed', details);
    throw error;
  }
}

/**
 * Every 8192 transitions of the execution, the loop steps out to the event loop: abort(), the
 * TimeoutSeconds timer, Ctrl-C and I/O get their turn even in a loop of states that never wait
 * (a few milliseconds apart for the fastest states). A pause costs far more than its setImmediate
 * (every 1024 transitions made the 1M-transition Express loop ~20% slower; every 8192, ~2%).
 * Counting transitions, not time, keeps the interleaving of branches the same on every run.
 */
const YIELD_EVERY_MASK = 8191;

// Event types by state type, spelled out once: a template literal per visit builds a new string.
const ENTERED: { readonly [K in StateKind]: `${K}StateEntered` } = {
  Pass: 'PassStateEntered', Task: 'TaskStateEntered', Choice: 'ChoiceStateEntered', Wait: 'WaitStateEntered',
  Succeed: 'SucceedStateEntered', Fail: 'FailStateEntered', Parallel: 'ParallelStateEntered', Map: 'MapStateEntered',
};
const EXITED: { readonly [K in Exclude<StateKind, 'Fail'>]: `${K}StateExited` } = {
  Pass: 'PassStateExited', Task: 'TaskStateExited', Choice: 'ChoiceStateExited', Wait: 'WaitStateExited',
  Succeed: 'SucceedStateExited', Parallel: 'ParallelStateExited', Map: 'MapStateExited',
};

type RecoverableState = CompiledTask | CompiledParallel | CompiledMap;

/** Task, Parallel and Map may retry and catch (and show $$.State.RetryCount). */
function isRecoverable(state: CompiledState): state is RecoverableState {
  return state.type === 'Task' || state.type === 'Parallel' || state.type === 'Map';
}

function visitState(rt: Runtime, state: CompiledState, raw: JsonValue, frame: Frame, previous: CompiledState | undefined): Visit | Promise<Visit> {
  countTransition(rt);
  const ctx = new VisitContext(rt, frame, state.name, runScope, isRecoverable(state), raw);
  ctx.enteredEventId = emit(rt, frame, ENTERED[state.type], ctx.recording ? { name: state.name, input: raw } : undefined);
  // The probe's one branch per visit, once the state is entered (a limit may refuse the entry);
  // `previous`, the state before in this scope, names the transition.
  if (rt.probe !== undefined) rt.probe.enter(state, previous);
  // The first attempt runs outside any async function: the happy path allocates no async frame,
  // a synchronous state (Pass, Choice, Succeed in JSONPath) finishes without a promise, and a
  // Task's result goes through one promise callback that also routes failures to Retry/Catch.
  try {
    if (state.jsonata !== undefined) {
      return attemptJsonata(rt, state, raw, frame, ctx).catch((thrown: unknown) => failed(rt, state, raw, frame, ctx, thrown));
    }
    const effective = prepareInput(state, raw, ctx);
    if (state.type === 'Task') checkPayload(rt, effective, state.name);
    const pending = dispatch(state, effective, ctx);
    if (!(pending instanceof Promise)) return finishJsonPath(rt, state, raw, effective, pending, frame, ctx);
    return pending.then(
      (step) => {
        try {
          return finishJsonPath(rt, state, raw, effective, step, frame, ctx);
        } catch (thrown) {
          return failed(rt, state, raw, frame, ctx, thrown);
        }
      },
      (thrown: unknown) => failed(rt, state, raw, frame, ctx, thrown),
    );
  } catch (thrown) {
    return failed(rt, state, raw, frame, ctx, thrown);
  }
}

/** A failed first attempt: Task, Parallel and Map go on to Retry/Catch; other states fail here. */
function failed(rt: Runtime, state: CompiledState, raw: JsonValue, frame: Frame, ctx: VisitContext, thrown: unknown): Promise<Visit> {
  if (isRecoverable(state)) return recover(rt, state, raw, frame, ctx, thrown);
  throw unrecoverable(rt, state, frame, ctx, thrown);
}

/** After a failed attempt of a Task, Parallel or Map: retry it, catch the error, or fail. */
async function recover(rt: Runtime, state: RecoverableState, raw: JsonValue, frame: Frame, ctx: VisitContext, firstFailure: unknown): Promise<Visit> {
  const retriers = state.retry;
  const catchers = state.catch;
  const attempts = new Array<number>(retriers.length).fill(0);
  let thrown = firstFailure;
  for (;;) {
    const error = unrecoverable(rt, state, frame, ctx, thrown);
    if (!(error instanceof AslError)) throw error;
    const index = findRetrier(retriers, error.error);
    const retrier = retriers[index];
    const retrying = retrier !== undefined && (attempts[index] as number) < retrier.maxAttempts;
    if (retrier !== undefined && rt.probe !== undefined) rt.probe.retry(state, index, retrying);
    if (retrying) {
      await rt.clock.sleep(retryDelayMs(retrier, attempts[index] as number, rt.random), frame.signal);
      attempts[index] = (attempts[index] as number) + 1;
      ctx.retryCount++;
      try {
        return await attempt(rt, state, raw, frame, ctx);
      } catch (again) {
        thrown = again;
        continue;
      }
    }
    const catcher = findCatcher(catchers, error.error);
    if (!catcher) throw error;
    if (rt.probe !== undefined) rt.probe.caught(state, catchers.indexOf(catcher));
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
    // A Catch output obeys the limits too: a state that catches its own failure and loops back
    // could otherwise grow its Cause round after round.
    checkPayload(rt, output, state.name);
    commitAssign(rt, frame, assigned);
    emit(rt, frame, EXITED[state.type], exitedDetails(ctx, state.name, output, assigned));
    return { output, next: catcher.next };
  }
}

/**
 * What a failed attempt becomes before Retry/Catch look at it: cancellations pass through; an
 * error gets the state prefix, and a query failure its EvaluationFailed event.
 */
function unrecoverable(rt: Runtime, state: CompiledState, frame: Frame, ctx: VisitContext, thrown: unknown): unknown {
  if (isCancellation(thrown)) return thrown;
  const original = toAslError(thrown);
  const error = inState(original, state.name, ctx.enteredEventId);
  if (original.stateScoped && error.error === 'States.QueryEvaluationError') {
    emit(rt, frame, 'EvaluationFailed', { error: error.error, cause: error.cause ?? '', ...(original.location ? { location: original.location } : {}), state: state.name });
    if (state.type === 'Map') emit(rt, frame, 'MapStateFailed');
  }
  return error;
}

function attempt(rt: Runtime, state: CompiledState, raw: JsonValue, frame: Frame, ctx: VisitContext): Visit | Promise<Visit> {
  if (state.jsonata !== undefined) return attemptJsonata(rt, state, raw, frame, ctx);
  const effective = prepareInput(state, raw, ctx);
  if (state.type === 'Task') checkPayload(rt, effective, state.name);
  const pending = dispatch(state, effective, ctx);
  if (pending instanceof Promise) return pending.then((step) => finishJsonPath(rt, state, raw, effective, step, frame, ctx));
  return finishJsonPath(rt, state, raw, effective, pending, frame, ctx);
}

function finishJsonPath(rt: Runtime, state: CompiledState, raw: JsonValue, effective: JsonValue, step: StepResult, frame: Frame, ctx: VisitContext): Visit {
  const finished = finishOutput(state, raw, step, ctx);
  const template = step.assign === undefined ? state.assign : (step.assign ?? undefined);
  const assigned = evaluateAssign(template, state.type === 'Choice' || state.type === 'Wait' ? effective : finished.assignSource, ctx);
  return exit(rt, state, finished.output, assigned, step, frame, ctx);
}

async function attemptJsonata(rt: Runtime, state: CompiledState, raw: JsonValue, frame: Frame, ctx: VisitContext): Promise<Visit> {
  const effective = await jsonataEffectiveInput(state, raw, ctx);
  if (state.type === 'Task') checkPayload(rt, effective, state.name);
  const settled = await resolveJsonataSettings(state, ctx);
  const pending = dispatch(settled, effective, ctx);
  const step = pending instanceof Promise ? await pending : pending;
  const finished = await jsonataOutput(state, raw, step, ctx);
  return exit(rt, state, finished.output, finished.assign, step, frame, ctx);
}

/** Commits the variables, checks the output and records the exit. */
function exit(rt: Runtime, state: CompiledState, output: JsonValue, assigned: Record<string, JsonValue> | undefined, step: StepResult, frame: Frame, ctx: VisitContext): Visit {
  const choice = state.type === 'Choice';
  // Before the Assign is committed: a JSONPath rule may read the variables it changes.
  if (choice && rt.probe !== undefined) rt.probe.choice(state, matchedRule(state, step, ctx));
  commitAssign(rt, frame, assigned);
  checkPayload(rt, output, state.name);
  if (state.type !== 'Fail') {
    emit(rt, frame, EXITED[state.type], exitedDetails(ctx, state.name, output, assigned));
  }
  const next = state.type === 'Succeed' || state.type === 'Fail' ? undefined : choice ? step.next : state.next;
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

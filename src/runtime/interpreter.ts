// The state loop of one thread (top level, a branch, an iteration) and the life of one state visit
// (ARCHITECTURE.md 1.5): enter, prepare input, dispatch, finish output, or retry / catch / fail.
import { isAborted } from '../core/abort.js';
import { yieldToEventLoop } from '../core/clock.js';
import { AslError, isCancellation } from '../core/errors.js';
import type { EventDetails, StateKind } from '../core/events.js';
import type { JsonValue } from '../core/json.js';
import type { CompiledMap, CompiledParallel, CompiledState, CompiledTask } from '../definition/compiled.js';
import { findCatcher } from './catch.js';
import { catcherOutput, evaluateAssign, finishOutput, prepareInput } from './dataflow.js';
import { jsonataCatcherOutput, jsonataEffectiveInput, jsonataOutput } from './dataflow-jsonata.js';
import { dispatch } from './dispatch.js';
import type { StepResult, Suspension } from '../states/context.js';
import { resolveJsonataSettings } from './jsonata-fields.js';
import { checkPayload, type Runtime } from './frame.js';
import { matchedRule } from './probe.js';
import { findRetrier, retryDelayMs } from './retry.js';
import { commitAssign } from './variables.js';
import { emit, type Thread } from './thread.js';

/**
 * Runs a thread's scope to its end and resolves to its output. `resuming`: the thread was restored
 * from a snapshot and goes on where it stood (inside a visit, or before one). A Map iteration's
 * Started/Succeeded/Failed events are recorded here rather than in promise callbacks around it,
 * since a 10,000-item Map runs this 10,000 times.
 */
export async function runScope(rt: Runtime, thread: Thread, resuming: boolean): Promise<JsonValue> {
  const iteration = thread.kind === 'iteration';
  const details = iteration && !thread.silent && rt.recorder.active ? { name: (thread.parent as Thread).state.name, index: thread.index } : undefined;
  if (iteration && !resuming) emit(rt, thread, 'MapIterationStarted', details);
  let previous: CompiledState | undefined;
  try {
    let ended = false;
    if (resuming && thread.inVisit) ended = await resumeVisit(rt, thread);
    while (!ended) {
      if (isAborted(thread.signal)) throw thread.signal.reason;
      const state = thread.state;
      // Most visits (Pass, Choice, Succeed in JSONPath) finish synchronously: awaiting only real
      // promises saves three promise allocations and microtask turns per state transition.
      const pending = visitState(rt, state, thread, previous);
      ended = pending === true || pending === false ? pending : await pending;
      previous = state;
      if (!ended && (rt.transitions & YIELD_EVERY_MASK) === 0) await yieldToEventLoop(rt.clock);
    }
    if (iteration) emit(rt, thread, 'MapIterationSucceeded', details);
    return thread.raw;
  } catch (error) {
    if (iteration && isCancellation(error)) deferAborted(rt, thread, details);
    else if (iteration) emit(rt, thread, 'MapIterationFailed', details);
    throw error;
  } finally {
    const parent = thread.parent;
    if (parent !== undefined) {
      // Until its Map or Parallel takes in this end (a microtask later), no snapshot can be taken.
      if (parent.children !== undefined) parent.children.settling++;
      parent.detach(thread);
    }
  }
}

/**
 * A cancelled iteration's MapIterationAborted is recorded by its Map once every iteration has
 * settled, in index order (map.ts): recorded as each cancellation reached its iteration, the order
 * followed the promise hops from wherever each one waited, which a resumed iteration does not take
 * alike (the snapshot→resume property found runs whose aborted events came in another order).
 */
function deferAborted(rt: Runtime, thread: Thread, details: EventDetails | undefined): void {
  const progress = thread.parent?.children;
  if (progress === undefined) {
    emit(rt, thread, 'MapIterationAborted', details);
    return;
  }
  (progress.abortedIterations ??= []).push({ index: thread.index, record: () => emit(rt, thread, 'MapIterationAborted', details) });
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

/** One visit of `state`; resolves to true when it ended the scope (the thread holds the output). */
function visitState(rt: Runtime, state: CompiledState, thread: Thread, previous: CompiledState | undefined): boolean | Promise<boolean> {
  countTransition(rt);
  thread.beginVisit(isRecoverable(state));
  thread.enteredEventId = emit(rt, thread, ENTERED[state.type], thread.recording ? { name: state.name, input: thread.raw } : undefined);
  // The probe's one branch per visit, once the state is entered (a limit may refuse the entry);
  // `previous`, the state before in this scope, names the transition.
  if (rt.probe !== undefined) rt.probe.enter(state, previous);
  return attemptOrRecover(rt, state, thread);
}

/**
 * The first attempt runs outside any async function: the happy path allocates no async frame, a
 * synchronous state (Pass, Choice, Succeed in JSONPath) finishes without a promise, and a Task's
 * result goes through one promise callback that also routes failures to Retry/Catch.
 */
function attemptOrRecover(rt: Runtime, state: CompiledState, thread: Thread): boolean | Promise<boolean> {
  try {
    const pending = attempt(rt, state, thread);
    if (pending === true || pending === false) return pending;
    return pending.then(undefined, (thrown: unknown) => failed(rt, state, thread, thrown));
  } catch (thrown) {
    return failed(rt, state, thread, thrown);
  }
}

/**
 * Goes on with a visit a snapshot caught in progress: a back-off is waited out, then the next
 * attempt runs; any other visit runs its attempt again from the start with the random numbers it
 * drew then, and its handler waits again for what it waited for (thread.suspension / children).
 * Both take the very promise path a visit that never stopped takes (the same number of promise
 * hops), so that threads cancelled together record their events in the same order.
 */
function resumeVisit(rt: Runtime, thread: Thread): boolean | Promise<boolean> {
  const state = thread.state;
  const suspension = thread.suspension;
  if (suspension?.kind === 'retry' && isRecoverable(state)) return RESUMED.then(undefined, () => recover(rt, state, thread, undefined, suspension));
  thread.restoreRandom(thread.attemptRandom);
  return attemptOrRecover(rt, state, thread);
}

/** Stands for the failed attempt a resumed back-off follows (handled at once: never unhandled). */
const RESUMED: Promise<never> = Promise.reject(new Error('resumed back-off'));
RESUMED.catch(() => undefined);

/** A failed attempt: Task, Parallel and Map go on to Retry/Catch; other states fail here. */
function failed(rt: Runtime, state: CompiledState, thread: Thread, thrown: unknown): Promise<boolean> {
  if (isRecoverable(state)) return recover(rt, state, thread, thrown);
  throw unrecoverable(rt, state, thread, thrown);
}

/** After a failed attempt of a Task, Parallel or Map: retry it, catch the error, or fail. */
async function recover(rt: Runtime, state: RecoverableState, thread: Thread, firstFailure: unknown, resumedBackoff?: Suspension & { readonly until: number; readonly since: number; readonly rank: number }): Promise<boolean> {
  const retriers = state.retry;
  const catchers = state.catch;
  let thrown = firstFailure;
  let backoff = resumedBackoff;
  for (;;) {
    if (backoff !== undefined) {
      // A back-off resumed from a snapshot: its retry was counted before the snapshot was taken.
      try {
        await thread.suspendUntil(backoff);
        thread.attemptRandom = thread.randomPosition;
        return await attempt(rt, state, thread);
      } catch (again) {
        thrown = again;
        backoff = undefined;
        continue;
      }
    }
    const error = unrecoverable(rt, state, thread, thrown);
    if (!(error instanceof AslError)) throw error;
    // The failed attempt's children and wait are over; the next attempt starts afresh.
    thread.children = undefined;
    thread.suspension = undefined;
    const attempts = (thread.attempts ??= new Array<number>(retriers.length).fill(0));
    const index = findRetrier(retriers, error.error);
    const retrier = retriers[index];
    const retrying = retrier !== undefined && (attempts[index] as number) < retrier.maxAttempts;
    if (retrier !== undefined && rt.probe !== undefined) rt.probe.retry(state, index, retrying);
    if (retrying) {
      // Counted before the back-off, so that a snapshot taken during it already holds this retry.
      const delay = retryDelayMs(retrier, attempts[index] as number, thread.random);
      attempts[index] = (attempts[index] as number) + 1;
      thread.retryCount++;
      backoff = { kind: 'retry', until: rt.clock.now() + delay, since: rt.clock.now(), rank: thread.lastEventId };
      continue;
    }
    const catcher = findCatcher(catchers, error.error);
    if (!catcher) throw error;
    if (rt.probe !== undefined) rt.probe.caught(state, catchers.indexOf(catcher));
    const errorOutput = error.toErrorOutput();
    let output: JsonValue;
    let assigned: Record<string, JsonValue> | undefined;
    if (state.jsonata) {
      const caught = await jsonataCatcherOutput(state, catchers.indexOf(catcher), errorOutput, thread);
      output = caught.output;
      assigned = caught.assign;
    } else {
      output = catcherOutput(catcher, thread.raw, errorOutput);
      assigned = evaluateAssign(catcher.assign, errorOutput, thread);
    }
    // A Catch output obeys the limits too: a state that catches its own failure and loops back
    // could otherwise grow its Cause round after round.
    checkPayload(rt, output, state.name);
    commitAssign(rt, thread, assigned);
    emit(rt, thread, EXITED[state.type], exitedDetails(thread, state.name, output, assigned));
    thread.endVisit(catcher.next, output);
    return false;
  }
}

/**
 * What a failed attempt becomes before Retry/Catch look at it: cancellations pass through; an
 * error gets the state prefix, and a query failure its EvaluationFailed event.
 */
function unrecoverable(rt: Runtime, state: CompiledState, thread: Thread, thrown: unknown): unknown {
  if (isCancellation(thrown)) return thrown;
  const original = toAslError(thrown);
  const error = inState(original, state.name, thread.enteredEventId);
  if (original.stateScoped && error.error === 'States.QueryEvaluationError') {
    emit(rt, thread, 'EvaluationFailed', { error: error.error, cause: error.cause ?? '', ...(original.location ? { location: original.location } : {}), state: state.name });
    if (state.type === 'Map') emit(rt, thread, 'MapStateFailed');
  }
  return error;
}

/** One attempt of the visit: prepare the input, run the handler, finish the output and exit. */
function attempt(rt: Runtime, state: CompiledState, thread: Thread): boolean | Promise<boolean> {
  if (state.jsonata !== undefined) return attemptJsonata(rt, state, thread);
  const effective = prepareInput(state, thread.raw, thread);
  if (state.type === 'Task') checkPayload(rt, effective, state.name);
  const pending = dispatch(state, effective, thread);
  if (pending instanceof Promise) return pending.then((step) => finishJsonPath(rt, state, effective, step, thread));
  return finishJsonPath(rt, state, effective, pending, thread);
}

function finishJsonPath(rt: Runtime, state: CompiledState, effective: JsonValue, step: StepResult, thread: Thread): boolean {
  const finished = finishOutput(state, thread.raw, step, thread);
  const template = step.assign === undefined ? state.assign : (step.assign ?? undefined);
  const assigned = evaluateAssign(template, state.type === 'Choice' || state.type === 'Wait' ? effective : finished.assignSource, thread);
  return exit(rt, state, finished.output, assigned, step, thread);
}

async function attemptJsonata(rt: Runtime, state: CompiledState, thread: Thread): Promise<boolean> {
  const effective = await jsonataEffectiveInput(state, thread.raw, thread);
  if (state.type === 'Task') checkPayload(rt, effective, state.name);
  const settled = await resolveJsonataSettings(state, thread);
  const pending = dispatch(settled, effective, thread);
  const step = pending instanceof Promise ? await pending : pending;
  const finished = await jsonataOutput(state, thread.raw, step, thread);
  return exit(rt, state, finished.output, finished.assign, step, thread);
}

/** Commits the variables, checks the output, records the exit and moves the thread on; true at the scope's end. */
function exit(rt: Runtime, state: CompiledState, output: JsonValue, assigned: Record<string, JsonValue> | undefined, step: StepResult, thread: Thread): boolean {
  const choice = state.type === 'Choice';
  // Before the Assign is committed: a JSONPath rule may read the variables it changes.
  if (choice && rt.probe !== undefined) rt.probe.choice(state, matchedRule(state, step, thread));
  commitAssign(rt, thread, assigned);
  checkPayload(rt, output, state.name);
  if (state.type !== 'Fail') {
    emit(rt, thread, EXITED[state.type], exitedDetails(thread, state.name, output, assigned));
  }
  const next = state.type === 'Succeed' || state.type === 'Fail' ? undefined : choice ? step.next : state.next;
  thread.endVisit(next, output);
  return next === undefined;
}

/** StateExited details, built only when the history is kept or watched. */
function exitedDetails(thread: Thread, name: string, output: JsonValue, assigned: Record<string, JsonValue> | undefined): EventDetails | undefined {
  if (!thread.recording) return undefined;
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

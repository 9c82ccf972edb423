// One visit of one state for testState: the interpreter's pipeline (dataflow, the JSONata fields,
// the state handlers) run once, recording the values between its steps. Where the interpreter
// would wait and retry, the visit stops and says RETRIABLE; a Catch is applied but its Next not run.
import { AslError, isCancellation } from '../core/errors.js';
import type { JsonValue } from '../core/json.js';
import type { CompiledMap, CompiledParallel, CompiledState, CompiledTask } from '../definition/compiled.js';
import type { StepResult } from '../states/context.js';
import { maxConcurrency, tolerance } from '../states/map-settings.js';
import { findCatcher } from './catch.js';
import { catcherOutput, evaluateAssign, finishOutput, prepareInput } from './dataflow.js';
import { jsonataCatcherOutput, jsonataEffectiveInput, jsonataOutput } from './dataflow-jsonata.js';
import { dispatch } from './dispatch.js';
import { checkPayload, type Runtime } from './frame.js';
import { toAslError } from './interpreter.js';
import { resolveJsonataSettings } from './jsonata-fields.js';
import { findRetrier, retryDelayMs } from './retry.js';
import type { ParsedMock } from './test-state-request.js';
import { commitAssign } from './variables.js';
import type { Thread } from './thread.js';

/** The values seen between the steps of the data flow (the response's inspectionData). */
export interface SeenValues {
  afterInputPath?: JsonValue;
  afterParameters?: JsonValue;
  afterArguments?: JsonValue;
  afterItemsPath?: JsonValue;
  /** Map: the concurrency and failure tolerance this visit would run with. */
  maxConcurrency?: number;
  toleratedFailureCount?: number;
  toleratedFailurePercentage?: number;
  result?: JsonValue;
  afterResultSelector?: JsonValue;
  afterResultPath?: JsonValue;
}

export type VisitOutcome =
  | { readonly status: 'SUCCEEDED'; readonly output: JsonValue; readonly next: string | undefined }
  | { readonly status: 'FAILED'; readonly error: AslError }
  | { readonly status: 'RETRIABLE'; readonly error: AslError; readonly retryIndex: number; readonly backoffSeconds: number }
  | { readonly status: 'CAUGHT_ERROR'; readonly error: AslError; readonly output: JsonValue; readonly next: string; readonly catchIndex: number };

export interface VisitRequest {
  readonly mock: ParsedMock | undefined;
  /** Retries the matching Retrier has already made (stateConfiguration.retrierRetryCount). */
  readonly retriesMade: number;
}

/** Task, Parallel and Map may retry and catch (and show $$.State.RetryCount). */
function isRecoverable(state: CompiledState): state is CompiledMap | CompiledParallel | CompiledTask {
  return state.type === 'Task' || state.type === 'Parallel' || state.type === 'Map';
}

/** Visits the thread's current state once (it holds the state and its raw input). */
export async function visitOnce(rt: Runtime, ctx: Thread, request: VisitRequest, seen: SeenValues): Promise<VisitOutcome> {
  const state = ctx.state;
  const raw = ctx.raw;
  const frame = ctx;
  const recoverable = isRecoverable(state);
  ctx.beginVisit(recoverable);
  if (recoverable) ctx.retryCount = request.retriesMade;
  try {
    const work = (effective: JsonValue, settled: CompiledState): StepResult | Promise<StepResult> => (request.mock ? mocked(request.mock) : dispatch(settled, effective, ctx));
    const visit = state.jsonata ? await attemptJsonata(rt, state, raw, frame, ctx, work, seen) : await attemptJsonPath(rt, state, raw, frame, ctx, work, seen);
    return { status: 'SUCCEEDED', ...visit };
  } catch (thrown) {
    if (isCancellation(thrown)) throw thrown;
    const error = toAslError(thrown);
    if (!isRecoverable(state)) return { status: 'FAILED', error };
    const retryIndex = findRetrier(state.retry, error.error);
    const retrier = state.retry[retryIndex];
    if (retrier && request.retriesMade < retrier.maxAttempts) {
      // The delay the interpreter would sleep before this retry; the API reports whole seconds.
      const backoffSeconds = Math.round(retryDelayMs(retrier, request.retriesMade, ctx.random) / 1000);
      return { status: 'RETRIABLE', error, retryIndex, backoffSeconds };
    }
    const catcher = findCatcher(state.catch, error.error);
    if (!catcher) return { status: 'FAILED', error };
    const catchIndex = state.catch.indexOf(catcher);
    try {
      const errorOutput = error.toErrorOutput();
      const caught = state.jsonata
        ? await jsonataCatcherOutput(state, catchIndex, errorOutput, ctx)
        : { output: catcherOutput(catcher, raw, errorOutput), assign: evaluateAssign(catcher.assign, errorOutput, ctx) };
      checkPayload(rt, caught.output, state.name);
      commitAssign(rt, frame, caught.assign);
      return { status: 'CAUGHT_ERROR', error, output: caught.output, next: catcher.next.name, catchIndex };
    } catch (again) {
      // The Catch's own Output or Assign failed: the state fails with that error, as in a run.
      if (isCancellation(again)) throw again;
      return { status: 'FAILED', error: toAslError(again) };
    }
  }
}

type Work = (effective: JsonValue, settled: CompiledState) => StepResult | Promise<StepResult>;

/** A mocked Task, Map or Parallel: the mock is the state's result, or its failure. */
function mocked(mock: ParsedMock): StepResult {
  if (mock.kind === 'error') throw new AslError(mock.error, mock.cause, false);
  return { result: mock.result };
}

async function attemptJsonPath(rt: Runtime, state: CompiledState, raw: JsonValue, frame: Thread, ctx: Thread, work: Work, seen: SeenValues): Promise<{ output: JsonValue; next: string | undefined }> {
  const effective = prepareInput(state, raw, ctx);
  seen.afterInputPath = ctx.stateInput;
  if (state.type === 'Pass' || state.type === 'Task' || state.type === 'Parallel') seen.afterParameters = effective;
  if (state.type === 'Map') {
    const items = itemsOf(state, effective, ctx);
    if (items !== undefined) seen.afterItemsPath = items;
    noteMapSettings(state, effective, ctx, seen);
  }
  if (state.type === 'Task') checkPayload(rt, effective, state.name);
  const pending = work(effective, state);
  const step = pending instanceof Promise ? await pending : pending;
  if (producesResult(state)) seen.result = step.result;
  const finished = finishOutput(state, raw, step, ctx, (selected, placed) => {
    seen.afterResultSelector = selected;
    seen.afterResultPath = placed;
  });
  // As the interpreter does: a Choice rule's Assign replaces the state's; Choice and Wait assign from their input.
  const template = step.assign === undefined ? state.assign : (step.assign ?? undefined);
  const assigned = evaluateAssign(template, state.type === 'Choice' || state.type === 'Wait' ? effective : finished.assignSource, ctx);
  commitAssign(rt, frame, assigned);
  checkPayload(rt, finished.output, state.name);
  return { output: finished.output, next: nextOf(state, step) };
}

async function attemptJsonata(rt: Runtime, state: CompiledState, raw: JsonValue, frame: Thread, ctx: Thread, work: Work, seen: SeenValues): Promise<{ output: JsonValue; next: string | undefined }> {
  const effective = await jsonataEffectiveInput(state, raw, ctx);
  if (state.type === 'Task' || state.type === 'Parallel') seen.afterArguments = effective;
  if (state.type === 'Task') checkPayload(rt, effective, state.name);
  const settled = await resolveJsonataSettings(state, ctx);
  if (settled.type === 'Map') noteMapSettings(settled, effective, ctx, seen);
  const pending = work(effective, settled);
  const step = pending instanceof Promise ? await pending : pending;
  if (producesResult(state)) seen.result = step.result;
  const finished = await jsonataOutput(state, raw, step, ctx);
  commitAssign(rt, frame, finished.assign);
  checkPayload(rt, finished.output, state.name);
  return { output: finished.output, next: nextOf(state, step) };
}

function producesResult(state: CompiledState): boolean {
  return state.type === 'Task' || state.type === 'Parallel' || state.type === 'Map' || state.type === 'Pass';
}

/** ItemsPath's value, for the record only: when it is not an array the Map itself says so. */
function itemsOf(state: CompiledMap, effective: JsonValue, ctx: Thread): JsonValue | undefined {
  try {
    return state.itemsPath.select(ctx.data(effective));
  } catch {
    return undefined;
  }
}

/** Map settings, for the record: a *Path that names no number fails the Map itself, mocked or not. */
function noteMapSettings(state: CompiledMap, effective: JsonValue, ctx: Thread, seen: SeenValues): void {
  const data = ctx.data(effective);
  seen.maxConcurrency = maxConcurrency(state, data);
  const { count, percentage } = tolerance(state, data);
  if (count !== undefined) seen.toleratedFailureCount = count;
  if (percentage !== undefined) seen.toleratedFailurePercentage = percentage;
}

function nextOf(state: CompiledState, step: StepResult): string | undefined {
  if (state.type === 'Succeed' || state.type === 'Fail') return undefined;
  if (state.type === 'Choice') return step.next?.name;
  return state.next?.name;
}

// A Distributed Map's children (ASL.md §7.8) as the Map state runs them: each one an execution of
// its own (StateContext.runMapChild), followed in the Map Run's counts. A child in flight keeps its
// input in ChildProgress.launched, so that a snapshot holds it and a resumed Map starts (or, on the
// engine, finds again by name) the same child.
import { ExecutionSuspendedError, isCancellation } from '../core/errors.js';
import { isJsonObject, type JsonValue } from '../core/json.js';
import type { CompiledMap } from '../definition/compiled.js';
import type { ChildProgress, StateContext } from './context.js';
import { type ChildOutcome, childResult, MapRunRecord } from './map-run.js';
import type { Tolerance } from './map-settings.js';

/** The Map Run of a Distributed Map visit (a resumed visit names the same run: its ids derive from the entered event). */
export function openMapRun(state: CompiledMap, ctx: StateContext, maxConcurrency: number, tolerance: Tolerance): MapRunRecord {
  const run = new MapRunRecord(
    ctx.executionArn,
    ctx.stateMachineArn,
    ctx.enteredEventId,
    state.label,
    state.executionType,
    ctx.enteredAt,
    { maxConcurrency, toleratedFailureCount: tolerance.count ?? 0, toleratedFailurePercentage: tolerance.percentage ?? 0 },
    { count: tolerance.count, percentage: tolerance.percentage },
  );
  run.resultsWrittenOnEnd = state.resultWriter === undefined;
  return run;
}

/** Counts the run's children and items, and those a resumed Map had finished; tells the machine's port. */
export function startMapRun(run: MapRunRecord, ctx: StateContext, progress: ChildProgress, children: number, items: number, batched: boolean): void {
  run.planned(children, items);
  const finished = countFinished(progress.results);
  // A batch's size is not kept once it ended: a resumed run counts its items by the average batch.
  const perChild = batched && children > 0 ? items / children : 1;
  if (finished > 0) run.restored(finished - progress.failures, progress.failures, (count) => Math.round(count * perChild));
  ctx.mapRunChanged(run, false);
}

/** Ends the run: SUCCEEDED, FAILED, or why the execution let go of it (ABORTED; a suspended run is not ended). */
export function endMapRun(run: MapRunRecord, ctx: StateContext, how: 'SUCCEEDED' | 'FAILED' | unknown): void {
  if (how instanceof ExecutionSuspendedError) return;
  run.finish(how === 'SUCCEEDED' || how === 'FAILED' ? how : 'ABORTED', ctx.clock.now());
  ctx.mapRunChanged(run, true);
}

/** Runs child `index` to its end: its output, or its error as an AslError; a cancellation passes through. */
export async function runDistributedChild(
  ctx: StateContext,
  state: CompiledMap,
  run: MapRunRecord,
  progress: ChildProgress,
  index: number,
  input: JsonValue,
  signal: AbortSignal,
): Promise<JsonValue> {
  const items = itemsIn(state, input);
  const launched = (progress.launched ??= new Map());
  launched.set(index, input);
  run.started(items);
  let outcome: ChildOutcome;
  try {
    // A child a snapshot caught running here resumes from its own snapshot (once).
    const snapshot = progress.restoredChildren?.get(index);
    progress.restoredChildren?.delete(index);
    outcome = await ctx.runMapChild({ mapRun: run, scope: state.processor, index, input, signal, snapshot });
  } catch (error) {
    // A cancelled child stays launched: a snapshot taken now keeps it for the resumed Map.
    if (isCancellation(error)) {
      run.ended('CANCELLED', items);
    } else {
      // Where children are isolated scopes (TestState), the scope's failure comes as its error.
      launched.delete(index);
      run.ended('FAILED', items);
    }
    throw error;
  }
  launched.delete(index);
  run.ended(outcome.status, items);
  return childResult(outcome);
}

/** The children a Map holds a result of (a resumed Map's finished ones): the filled slots. */
export function countFinished(results: readonly JsonValue[]): number {
  let finished = 0;
  results.forEach(() => finished++);
  return finished;
}

/** How many items a child processes: its batch's (ItemBatcher), or one. */
export function itemsIn(state: CompiledMap, input: JsonValue): number {
  if (state.itemBatcher === undefined || !isJsonObject(input)) return 1;
  const batch = input['Items'];
  return Array.isArray(batch) ? batch.length : 1;
}

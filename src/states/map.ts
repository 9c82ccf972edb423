// ASL.md §7.8: run the ItemProcessor once per item, in item order in the result whatever the
// completion order. A pool of workers bounds concurrency (AWS runs about 40 inline iterations at a
// time when MaxConcurrency is 0) and keeps memory flat for 100,000 items.
import { isAborted, linkSignal } from '../core/abort.js';
import { AslError, CancelledError, isCancellation } from '../core/errors.js';
import type { JsonValue } from '../core/json.js';
import type { CompiledMap } from '../definition/compiled.js';
import type { ChildProgress, ChildThread, MapRunProgress, StateContext, StepResult } from './context.js';
import { readItems } from './map-reader.js';
import { batchItems, selectItem } from './map-batcher.js';
import { exceeds, maxConcurrency, thresholdExceeded, tolerance } from './map-settings.js';
import { ChildLedger, writeMapResults } from './map-writer.js';

const INLINE_UNBOUNDED_CONCURRENCY = 40;
const DISTRIBUTED_UNBOUNDED_CONCURRENCY = 10_000;

export async function runMap(state: CompiledMap, input: JsonValue, ctx: StateContext): Promise<StepResult> {
  const data = ctx.data(input);
  // With an ItemReader the items come from S3 and ItemsPath is ignored (recorded: an ItemsPath
  // naming nothing, or "$[0]", leaves the read items as they are).
  const items = state.itemReader ? await readItems(state.itemReader, input, ctx) : state.itemsPath.select(data);
  if (!Array.isArray(items)) {
    const shown = state.itemsPath.text.startsWith('$$') ? state.itemsPath.text.slice(1) : state.itemsPath.text;
    throw AslError.runtime(`Reference path "${shown}" must point to array.`);
  }
  // ItemBatcher: each child gets a batch of selected items instead of one item (map-batcher.ts).
  const childInputs = state.itemBatcher ? await batchItems(state, state.itemBatcher, items, input, ctx) : items;
  const distributed = state.mode === 'DISTRIBUTED';
  const limit = maxConcurrency(state, data) || (distributed ? DISTRIBUTED_UNBOUNDED_CONCURRENCY : INLINE_UNBOUNDED_CONCURRENCY);
  const thresholds = tolerance(state, data);
  // Without thresholds an inline Map fails with the iteration's own error; a Distributed Map
  // (threshold 0 by default) always reports States.ExceedToleratedFailureThreshold.
  const counted = distributed || thresholds.count !== undefined || thresholds.percentage !== undefined;
  // A Map resumed from a snapshot keeps its finished iterations and goes on with the running ones.
  const resumed = ctx.children;
  if (resumed === undefined) ctx.emit('MapStateStarted', { length: items.length });
  const mapRunArn = `${ctx.executionArn.replace(':execution:', ':mapRun:')}/${state.label ?? state.name}:${ctx.enteredEventId}`;
  if (distributed && resumed === undefined) ctx.emit('MapRunStarted', { mapRunArn });
  const progress = resumed ?? (ctx.children = { results: new Array<JsonValue>(childInputs.length), failures: 0, failed: new Array<number>(), nextIndex: 0, settling: 0, fatal: undefined, running: new Map() });
  const ledger = state.resultWriter ? new ChildLedger(ctx.clock.now()) : undefined;
  const { results } = progress;
  const tell = distributed ? progressReporter(ctx, { mapRunArn, stateName: state.name, total: childInputs.length, batched: state.itemBatcher !== undefined }, results, progress) : undefined;
  tell?.(0, false);
  const stop = linkSignal(ctx.signal);
  if (progress.fatal !== undefined) stop.abort(new CancelledError('an iteration failed'));
  const failed = (index: number, error: unknown): void => {
    if (isCancellation(error)) return;
    progress.failures++;
    progress.failed.push(index);
    results[index] = error instanceof AslError ? error.toErrorOutput() : null;
    if (!counted || exceeds(thresholds, progress.failures, childInputs.length)) {
      progress.fatal = counted ? thresholdExceeded() : error;
      stop.abort(new CancelledError('an iteration failed'));
    }
  };
  const worker = async (): Promise<void> => {
    while (progress.fatal === undefined && progress.nextIndex < childInputs.length && !isAborted(stop.signal)) {
      const index = progress.nextIndex++;
      const value = childInputs[index] as JsonValue;
      let started = false;
      try {
        // A batch was built from the selected items already (map-batcher.ts).
        const selected = state.itemBatcher ? value : selectItem(state, value, index, input, ctx);
        // Awaited only when JSONata made a promise: 10,000 items should not cost 10,000 microtask turns.
        const iterationInput = selected instanceof Promise ? await selected : selected;
        // An ItemSelector builds a new value per item (the items themselves are part of the checked input).
        if (iterationInput !== value) ctx.checkPayload(iterationInput, state.name);
        started = true;
        if (ledger) ledger.inputs[index] = iterationInput;
        results[index] = await ctx.runScope(state.processor, iterationInput, { kind: 'iteration', index, signal: stop.signal, isolated: distributed });
      } catch (error) {
        failed(index, error);
      }
      tell?.(index in results ? 1 : 0, false);
      if (started) progress.settling--;
    }
  };
  // Iterations a snapshot caught running go on first; each then works on as one of the pool.
  const carriedOver = [...progress.running.values()];
  const poolSize = Math.max(0, Math.min(limit, childInputs.length) - carriedOver.length);
  const goOn = async (child: ChildThread): Promise<void> => {
    try {
      results[child.index] = await ctx.resumeScope(child, stop.signal);
    } catch (error) {
      failed(child.index, error);
    }
    tell?.(child.index in results ? 1 : 0, false);
    progress.settling--;
    await worker();
  };
  const workers = carriedOver.map(goOn);
  for (let i = 0; i < poolSize; i++) workers.push(worker());
  await Promise.allSettled(workers);
  stop.dispose();
  tell?.(0, true);
  if (isAborted(ctx.signal)) throw ctx.signal.reason;
  // ResultWriter: the results go to S3 and the Map's result names them; a failed write fails the Map Run.
  let result: JsonValue = results;
  if (state.resultWriter && ledger && progress.fatal === undefined) {
    try {
      result = await writeMapResults(state, state.resultWriter, { mapRunArn, results, childInputs, ledger, failed: progress.failed, input }, ctx);
    } catch (error) {
      if (isCancellation(error)) throw error;
      progress.fatal = error;
    }
  }
  const fatal = progress.fatal;
  if (fatal !== undefined) {
    if (distributed && fatal instanceof AslError) ctx.emit('MapRunFailed', { error: fatal.error, cause: fatal.cause ?? '' });
    ctx.emit('MapStateFailed');
    throw fatal;
  }
  if (distributed) ctx.emit('MapRunSucceeded');
  ctx.emit('MapStateSucceeded');
  return { result };
}

/**
 * Tells StateMachineOptions.onMapRunProgress how the Map Run goes (for `asl run`'s progress line),
 * or undefined when nobody listens. A resumed run counts the children it kept (the results' filled
 * slots) once; then each call adds the child that just ended, if it ended (not cancelled).
 */
function progressReporter(
  ctx: StateContext,
  run: Pick<MapRunProgress, 'mapRunArn' | 'stateName' | 'total' | 'batched'>,
  results: readonly JsonValue[],
  progress: ChildProgress,
): ((ended: number, done: boolean) => void) | undefined {
  const report = ctx.mapRunProgress;
  if (report === undefined) return undefined;
  let finished = 0;
  results.forEach(() => finished++);
  return (ended, done) => {
    finished += ended;
    report({ ...run, succeeded: finished - progress.failures, failed: progress.failures, done });
  };
}

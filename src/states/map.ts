// ASL.md §7.8: run the ItemProcessor once per item, in item order in the result whatever the
// completion order. A pool of workers bounds concurrency (AWS runs about 40 inline iterations at a
// time when MaxConcurrency is 0) and keeps memory flat for 100,000 items.
import { isAborted, linkSignal } from '../core/abort.js';
import { AslError, CancelledError, isCancellation } from '../core/errors.js';
import type { JsonValue } from '../core/json.js';
import type { CompiledMap } from '../definition/compiled.js';
import type { ChildProgress, MapRunProgress, StateContext, StepResult } from './context.js';
import { selectItem } from './map-batcher.js';
import { NO_MORE, openItemSource, takeNext, type TakenSlot } from './map-items.js';
import { exceeds, maxConcurrency, thresholdExceeded, tolerance } from './map-settings.js';
import { openMapResults } from './map-results.js';
import { countFinished, endMapRun, openMapRun, runDistributedChild, startMapRun } from './map-distributed.js';
import type { MapRunRecord } from './map-run.js';

const INLINE_UNBOUNDED_CONCURRENCY = 40;
const DISTRIBUTED_UNBOUNDED_CONCURRENCY = 10_000;

export async function runMap(state: CompiledMap, input: JsonValue, ctx: StateContext): Promise<StepResult> {
  const data = ctx.data(input);
  // The children's inputs (map-items.ts): ItemsPath's items, or an ItemReader's read from S3 (then
  // ItemsPath is ignored: recorded, an ItemsPath naming nothing or "$[0]" leaves them as they are),
  // one per child or batched (ItemBatcher), pulled by the workers as they go. A resumed Map goes on
  // after the children it had handed out.
  const source = await openItemSource(state, input, ctx, ctx.children?.nextIndex ?? 0);
  const total = source.total;
  const distributed = state.mode === 'DISTRIBUTED';
  const limit = maxConcurrency(state, data) || (distributed ? DISTRIBUTED_UNBOUNDED_CONCURRENCY : INLINE_UNBOUNDED_CONCURRENCY);
  const thresholds = tolerance(state, data);
  // Without thresholds an inline Map fails with the iteration's own error; a Distributed Map
  // (threshold 0 by default) always reports States.ExceedToleratedFailureThreshold.
  const counted = distributed || thresholds.count !== undefined || thresholds.percentage !== undefined;
  // A Map resumed from a snapshot keeps its finished iterations and goes on with the running ones.
  const resumed = ctx.children;
  if (resumed === undefined) ctx.emit('MapStateStarted', { length: source.itemCount });
  // A Distributed Map's children are executions of their own in a Map Run (map-distributed.ts).
  const run = distributed ? openMapRun(state, ctx, limit, thresholds) : undefined;
  const mapRunArn = run?.arn ?? '';
  if (run && resumed === undefined) ctx.emit('MapRunStarted', { mapRunArn });
  const progress: ChildProgress = resumed ?? (ctx.children = { results: new Array<JsonValue>(total), failures: 0, failed: new Array<number>(), nextIndex: 0, settling: 0, fatal: undefined, running: new Map() });
  if (run) startMapRun(run, ctx, progress, total, source.itemCount, state.itemBatcher !== undefined);
  // ResultWriter: records go to S3 in item order as children end (map-results.ts); a failed write fails the Map Run.
  const sink = state.resultWriter
    ? openMapResults(state, state.resultWriter, progress, {
        mapRunArn,
        mapRun: run,
        input,
        startedAt: ctx.enteredAt,
        inputOf: async (index) => (state.itemBatcher ? source.inputAt(index) : selectItem(state, await source.inputAt(index), index, input, ctx)),
        onFailure: (error) => {
          progress.fatal ??= error;
          stop.abort(new CancelledError('the results could not be written'));
        },
      }, ctx, resumed !== undefined)
    : undefined;
  const { results } = progress;
  const tell = distributed ? progressReporter(ctx, { mapRunArn, stateName: state.name, total, batched: state.itemBatcher !== undefined }, results, progress) : undefined;
  tell?.(0, false);
  const stop = linkSignal(ctx.signal);
  // Items that cannot be read on (a stream broke, a batch cannot be built) fail the Map Run.
  source.onFailure = (error) => {
    progress.fatal ??= error;
    stop.abort(new CancelledError('the items could not be read'));
  };
  if (progress.fatal !== undefined) stop.abort(new CancelledError('an iteration failed'));
  const failed = (index: number, error: unknown): void => {
    if (isCancellation(error)) return;
    progress.failures++;
    progress.failed.push(index);
    results[index] = error instanceof AslError ? error.toErrorOutput() : null;
    // A Map Run's thresholds may change while it runs (UpdateMapRun).
    if (!counted || exceeds(run ? run.tolerance : thresholds, progress.failures, total)) {
      progress.fatal = counted ? thresholdExceeded() : error;
      stop.abort(new CancelledError('an iteration failed'));
    }
  };
  let working = 0;
  const worker = async (): Promise<void> => {
    // A worker waits for its next item while thousands of others run (a Distributed Map may have
    // 10,000): every variable that held the last item or batch is cleared before that wait, or the
    // suspended worker would keep it alive (measured: 1,000 batches of 1,000 items, 170 MB).
    let value: JsonValue = null;
    let selected: JsonValue | Promise<JsonValue> = null;
    let iterationInput: JsonValue = null;
    const slot: TakenSlot = { index: 0, value: NO_MORE };
    working++;
    while (progress.fatal === undefined && progress.nextIndex < total && !isAborted(stop.signal) && !tooMany()) {
      // A ready input comes at once; a read is awaited, in turn with the other workers.
      const reading = takeNext(source, slot);
      if (reading !== undefined) await reading;
      const index = slot.index;
      if (slot.value === NO_MORE) break;
      value = slot.value;
      slot.value = NO_MORE;
      if (progress.fatal !== undefined || isAborted(stop.signal)) break;
      progress.nextIndex = Math.max(progress.nextIndex, index + 1);
      let started = false;
      try {
        // A batch was built from the selected items already (map-batcher.ts).
        selected = state.itemBatcher ? value : selectItem(state, value, index, input, ctx);
        // Awaited only when JSONata made a promise: 10,000 items should not cost 10,000 microtask turns.
        iterationInput = selected instanceof Promise ? await selected : selected;
        // An ItemSelector builds a new value per item (the items themselves are part of the checked input).
        if (iterationInput !== value) ctx.checkPayload(iterationInput, state.name);
        started = true;
        sink?.started(index, iterationInput);
        const child = run ? runDistributedChild(ctx, state, run, progress, index, iterationInput, stop.signal) : ctx.runScope(state.processor, iterationInput, { kind: 'iteration', index, signal: stop.signal, isolated: false });
        value = selected = iterationInput = null;
        results[index] = await child;
      } catch (error) {
        failed(index, error);
      }
      value = selected = iterationInput = null;
      tell?.(index in results ? 1 : 0, false);
      if (sink) await sink.settled();
      // An iteration's thread marks its end as settling (interpreter.ts); a child execution does not.
      if (started && !run) progress.settling--;
    }
    working--;
  };
  /** Whether this worker is one too many for the Map Run's MaxConcurrency now. */
  const tooMany = (): boolean => run !== undefined && working > poolLimit(run);
  // Iterations a snapshot caught running go on first; each then works on as one of the pool.
  const carriedOver = [...progress.running.values()];
  const relaunched = run && progress.launched ? [...progress.launched] : [];
  const poolSize = Math.max(0, Math.min(limit, total) - carriedOver.length - relaunched.length);
  /** A child a snapshot caught running goes on to its end; then its worker takes new items. `thread`: an iteration's (it marks its end as settling). */
  const carryOn = async (index: number, work: () => Promise<JsonValue>, thread: boolean): Promise<void> => {
    try {
      results[index] = await work();
    } catch (error) {
      failed(index, error);
    }
    tell?.(index in results ? 1 : 0, false);
    if (sink) await sink.settled();
    if (thread) progress.settling--;
    await worker();
  };
  const workers = carriedOver.map((child) => carryOn(child.index, () => ctx.resumeScope(child, stop.signal), true));
  // Children a snapshot caught in flight as executions run again (the engine finds them by name).
  if (run) {
    for (const [index, value] of relaunched) {
      sink?.started(index, value);
      workers.push(carryOn(index, () => runDistributedChild(ctx, state, run, progress, index, value, stop.signal), false));
    }
  }
  for (let i = 0; i < poolSize; i++) workers.push(worker());
  // UpdateMapRun: a higher MaxConcurrency adds workers now; a lower one lets workers go as they end a child.
  if (run) run.onUpdate = () => {
    for (let more = poolLimit(run) - working; more > 0 && progress.nextIndex < total; more--) workers.push(worker());
  };
  for (let settled = 0; settled < workers.length; ) {
    settled = workers.length;
    await Promise.allSettled(workers);
  }
  if (run) run.onUpdate = undefined;
  // The iterations cancelled meanwhile, in index order (interpreter.ts, deferAborted).
  const aborted = progress.abortedIterations;
  progress.abortedIterations = undefined;
  if (aborted !== undefined) for (const iteration of aborted.sort((a, b) => a.index - b.index)) iteration.record();
  source.close();
  stop.dispose();
  tell?.(0, true);
  if (isAborted(ctx.signal)) {
    if (run) endMapRun(run, ctx, ctx.signal.reason);
    throw ctx.signal.reason;
  }
  // ResultWriter: the results go to S3 and the Map's result names them; a failed write fails the Map Run.
  let result: JsonValue = results;
  if (sink) {
    try {
      const written = await sink.finish(total, progress.fatal !== undefined);
      if (progress.fatal === undefined) result = written;
    } catch (error) {
      if (isCancellation(error)) throw error;
      progress.fatal ??= error;
    }
  }
  const fatal = progress.fatal;
  if (fatal !== undefined) {
    if (run) endMapRun(run, ctx, 'FAILED');
    if (distributed && fatal instanceof AslError) ctx.emit('MapRunFailed', { error: fatal.error, cause: fatal.cause ?? '' });
    ctx.emit('MapStateFailed');
    throw fatal;
  }
  if (run) endMapRun(run, ctx, 'SUCCEEDED');
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
  let finished = countFinished(results);
  return (ended, done) => {
    finished += ended;
    report({ ...run, succeeded: finished - progress.failures, failed: progress.failures, done });
  };
}

/** How many children a Map Run may run at once now (MaxConcurrency 0: AWS's 10,000). */
function poolLimit(run: MapRunRecord): number {
  return run.settings.maxConcurrency || DISTRIBUTED_UNBOUNDED_CONCURRENCY;
}

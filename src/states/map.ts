// ASL.md §7.8: run the ItemProcessor once per item, in item order in the result whatever the
// completion order. A pool of workers bounds concurrency (AWS runs about 40 inline iterations at a
// time when MaxConcurrency is 0) and keeps memory flat for 100,000 items.
import { isAborted, linkSignal } from '../core/abort.js';
import { AslError, CancelledError, isCancellation } from '../core/errors.js';
import type { JsonValue } from '../core/json.js';
import type { CompiledMap } from '../definition/compiled.js';
import type { StateContext, StepResult } from './context.js';
import { exceeds, maxConcurrency, thresholdExceeded, tolerance } from './map-settings.js';

const INLINE_UNBOUNDED_CONCURRENCY = 40;
const DISTRIBUTED_UNBOUNDED_CONCURRENCY = 10_000;

export async function runMap(state: CompiledMap, input: JsonValue, ctx: StateContext): Promise<StepResult> {
  const data = ctx.data(input);
  const items = state.itemsPath.select(data);
  if (!Array.isArray(items)) {
    const shown = state.itemsPath.text.startsWith('$$') ? state.itemsPath.text.slice(1) : state.itemsPath.text;
    throw AslError.runtime(`Reference path "${shown}" must point to array.`);
  }
  const distributed = state.mode === 'DISTRIBUTED';
  const limit = maxConcurrency(state, data) || (distributed ? DISTRIBUTED_UNBOUNDED_CONCURRENCY : INLINE_UNBOUNDED_CONCURRENCY);
  const thresholds = tolerance(state, data);
  // Without thresholds an inline Map fails with the iteration's own error; a Distributed Map
  // (threshold 0 by default) always reports States.ExceedToleratedFailureThreshold.
  const counted = distributed || thresholds.count !== undefined || thresholds.percentage !== undefined;
  ctx.emit('MapStateStarted', { length: items.length });
  const mapRunArn = `${ctx.executionArn.replace(':execution:', ':mapRun:')}/${state.label ?? state.name}:${ctx.enteredEventId}`;
  if (distributed) ctx.emit('MapRunStarted', { mapRunArn });

  const results: JsonValue[] = new Array<JsonValue>(items.length);
  const stop = linkSignal(ctx.signal);
  let nextIndex = 0;
  let failures = 0;
  let fatal: unknown;
  const worker = async (): Promise<void> => {
    while (fatal === undefined && nextIndex < items.length && !isAborted(stop.signal)) {
      const index = nextIndex++;
      const value = items[index] as JsonValue;
      try {
        const iterationInput = state.jsonata?.itemSelector
          ? await ctx.evaluateJsonata(state.jsonata.itemSelector, 'ItemSelector', { index, value })
          : state.itemSelector
            ? state.itemSelector.evaluate(ctx.data(input, { index, value }))
            : value;
        // An ItemSelector builds a new value per item (the items themselves are part of the checked input).
        if (iterationInput !== value) ctx.checkPayload(iterationInput, state.name);
        results[index] = await ctx.runScope(state.processor, iterationInput, { kind: 'iteration', index, signal: stop.signal, isolated: distributed });
      } catch (error) {
        if (isCancellation(error)) return;
        failures++;
        results[index] = error instanceof AslError ? error.toErrorOutput() : null;
        if (!counted || exceeds(thresholds, failures, items.length)) {
          fatal = counted ? thresholdExceeded() : error;
          stop.abort(new CancelledError('an iteration failed'));
        }
      }
    }
  };
  await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  stop.dispose();
  if (isAborted(ctx.signal)) throw ctx.signal.reason;
  if (fatal !== undefined) {
    if (distributed && fatal instanceof AslError) ctx.emit('MapRunFailed', { error: fatal.error, cause: fatal.cause ?? '' });
    ctx.emit('MapStateFailed');
    throw fatal;
  }
  if (distributed) ctx.emit('MapRunSucceeded');
  ctx.emit('MapStateSucceeded');
  return { result: results };
}

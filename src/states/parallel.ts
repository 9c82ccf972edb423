// ASL.md §7.7: run every branch on the same input; the result lists branch outputs in order. The
// first branch failure cancels its siblings, waits for all of them to settle, then fails the
// state with that branch's own error (AWS propagates it, not States.BranchFailed).
import { linkSignal } from '../core/abort.js';
import { CancelledError, isCancellation } from '../core/errors.js';
import type { JsonValue } from '../core/json.js';
import type { CompiledParallel } from '../definition/compiled.js';
import type { StateContext, StepResult } from './context.js';

export async function runParallel(state: CompiledParallel, input: JsonValue, ctx: StateContext): Promise<StepResult> {
  // Parameters/Arguments may have built a new value; every branch starts from it.
  if (input !== ctx.rawInput) ctx.checkPayload(input, state.name);
  // A Parallel resumed from a snapshot keeps its finished branches and goes on with the others.
  const resumed = ctx.children;
  if (resumed === undefined) ctx.emit('ParallelStateStarted');
  const progress = resumed ?? (ctx.children = { results: new Array<JsonValue>(state.branches.length), failures: 0, failed: [], nextIndex: state.branches.length, settling: 0, fatal: undefined, running: new Map() });
  // One signal for all branches: the first failure stops the others (the failed one has ended).
  const stop = linkSignal(ctx.signal);
  if (progress.fatal !== undefined) stop.abort(new CancelledError('a sibling branch failed'));
  const runs = state.branches.map((branch, index) => {
    if (index in progress.results) return Promise.resolve(progress.results[index] as JsonValue);
    const carriedOver = resumed?.running.get(index);
    const run = carriedOver !== undefined ? ctx.resumeScope(carriedOver, stop.signal) : ctx.runScope(branch, input, { kind: 'branch', index, signal: stop.signal, isolated: false });
    return run.then(
      (output) => {
        progress.settling--;
        return (progress.results[index] = output);
      },
      (error: unknown) => {
        progress.settling--;
        if (progress.fatal === undefined && !isCancellation(error)) {
          progress.fatal = error;
          stop.abort(new CancelledError('a sibling branch failed'));
        }
        throw error;
      },
    );
  });
  const settled = await Promise.allSettled(runs);
  stop.dispose();
  if (progress.fatal !== undefined) {
    ctx.emit('ParallelStateFailed');
    throw progress.fatal;
  }
  const outputs: JsonValue[] = [];
  for (const outcome of settled) {
    if (outcome.status === 'rejected') throw outcome.reason;
    outputs.push(outcome.value);
  }
  ctx.emit('ParallelStateSucceeded');
  return { result: outputs };
}

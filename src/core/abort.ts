import { setMaxListeners } from 'node:events';

// Child cancellation scopes (ARCHITECTURE.md 1.7). Each Parallel branch, Map iteration and timed
// task gets a linked controller that aborts with its parent; dispose() removes the parent listener
// when the child finishes, so a 100,000-item Map does not pile up listeners on one signal.
export interface LinkedSignal {
  readonly signal: AbortSignal;
  abort(reason: unknown): void;
  dispose(): void;
}

export function linkSignal(parent: AbortSignal): LinkedSignal {
  const controller = new AbortController();
  // One signal serves every concurrent wait of a Map or Parallel (40 inline iterations, 50 branches):
  // that is by design, not a leak, so Node's 10-listener warning must not fire.
  setMaxListeners(0, controller.signal);
  const onParentAbort = (): void => controller.abort(parent.reason);
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    dispose: () => parent.removeEventListener('abort', onParentAbort),
  };
}

/** Throws the signal's reason when it is aborted: the one cancellation check of the state loop. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason;
}

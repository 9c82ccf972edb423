import { setMaxListeners } from 'node:events';
import { shapeAnchors } from './shape-anchors.js';

// Child cancellation scopes (ARCHITECTURE.md 1.7). Each Parallel, Map and timed task gets a linked
// controller that aborts with its parent; dispose() stops listening to the parent when the child
// finishes, so a 100,000-item Map does not pile up callbacks on one signal.
export interface LinkedSignal {
  readonly signal: AbortSignal;
  abort(reason: unknown): void;
  dispose(): void;
}

export function linkSignal(parent: AbortSignal): LinkedSignal {
  const controller = new AbortController();
  shapeAnchors.linked = controller;
  // The signal is handed to integrations, which may each listen to it while 40 inline iterations
  // or 50 branches run at once: that is by design, not a leak, so Node's warning must not fire.
  setMaxListeners(0, controller.signal);
  const release = onAbort(parent, () => controller.abort(parent.reason));
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    dispose: release,
  };
}

type AbortCallback = (reason: unknown) => void;

const noop = (): void => undefined;
const callbacksBySignal = new WeakMap<AbortSignal, Set<AbortCallback>>();
let lastSignal: AbortSignal | undefined;
let lastCallbacks: Set<AbortCallback> | undefined;

/**
 * Calls `callback` with the signal's reason once when `signal` aborts (at once if it already has).
 * Each signal gets one real event listener that fans out to a Set: a Map over 10,000 Tasks
 * registers and removes a callback per task, and EventTarget listeners cost far more than Set
 * entries. Callbacks run in registration order and must not throw. removeAbortCallback undoes it;
 * a promise's own `reject` can be registered as is, with no closure to allocate.
 */
export function addAbortCallback(signal: AbortSignal, callback: AbortCallback): void {
  if (signal.aborted) {
    callback(signal.reason);
    return;
  }
  callbacksFor(signal).add(callback);
}

export function removeAbortCallback(signal: AbortSignal, callback: AbortCallback): void {
  // The set exists: it was made when the callback was added (or the signal had already aborted).
  (signal === lastSignal ? lastCallbacks : callbacksBySignal.get(signal))?.delete(callback);
}

/** addAbortCallback, returning the function that removes the callback again. */
export function onAbort(signal: AbortSignal, callback: AbortCallback): () => void {
  if (signal.aborted) {
    callback(signal.reason);
    return noop;
  }
  const callbacks = callbacksFor(signal);
  callbacks.add(callback);
  return () => {
    callbacks.delete(callback);
  };
}

function callbacksFor(signal: AbortSignal): Set<AbortCallback> {
  // The tasks of one Map's iterations share a signal: remember the last one looked up.
  if (signal === lastSignal && lastCallbacks !== undefined) return lastCallbacks;
  let callbacks = callbacksBySignal.get(signal);
  if (callbacks === undefined) {
    const created = new Set<AbortCallback>();
    signal.addEventListener('abort', () => {
      for (const pending of [...created]) pending(signal.reason);
      created.clear();
    }, { once: true });
    callbacksBySignal.set(signal, created);
    callbacks = created;
  }
  lastSignal = signal;
  lastCallbacks = callbacks;
  return callbacks;
}

/** How many onAbort callbacks wait on a signal (tests check that finished work leaves none). */
export function pendingAbortCallbacks(signal: AbortSignal): number {
  return callbacksBySignal.get(signal)?.size ?? 0;
}

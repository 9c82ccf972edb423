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

const noop = (): void => undefined;
const callbacksBySignal = new WeakMap<AbortSignal, Set<() => void>>();
let lastSignal: AbortSignal | undefined;
let lastCallbacks: Set<() => void> | undefined;

/**
 * Calls `callback` once when `signal` aborts; the returned function unregisters it. Each signal
 * gets one real event listener that fans out to a Set: a Map over 10,000 Tasks registers and
 * removes a callback per task, and EventTarget listeners cost far more than Set entries.
 * Callbacks run in registration order and must not throw; on an aborted signal, at once.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  if (signal.aborted) {
    callback();
    return noop;
  }
  // The tasks of one Map's iterations share a signal: remember the last one looked up.
  let callbacks = signal === lastSignal ? lastCallbacks : callbacksBySignal.get(signal);
  if (callbacks === undefined) {
    const created = new Set<() => void>();
    signal.addEventListener('abort', () => {
      for (const pending of [...created]) pending();
      created.clear();
    }, { once: true });
    callbacksBySignal.set(signal, created);
    callbacks = created;
  }
  lastSignal = signal;
  lastCallbacks = callbacks;
  const registered = callbacks;
  registered.add(callback);
  return () => {
    registered.delete(callback);
  };
}

/** How many onAbort callbacks wait on a signal (tests check that finished work leaves none). */
export function pendingAbortCallbacks(signal: AbortSignal): number {
  return callbacksBySignal.get(signal)?.size ?? 0;
}

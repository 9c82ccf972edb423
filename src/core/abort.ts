import { setMaxListeners } from 'node:events';

// Cancellation (ARCHITECTURE.md 1.7). Each Parallel, Map and timed task gets a linked controller
// that aborts with its parent; dispose() stops listening to the parent when the child finishes, so
// a 100,000-item Map does not pile up callbacks on one signal.
//
// Hot code never reads an AbortSignal's own properties. In Node 20 every AbortSignal has a hidden
// class of its own (it is made as an EventTarget whose prototype is then replaced), so a check of
// `signal.aborted` in the state loop or the Task path sees a new shape on every Map or execution,
// and V8 throws its optimized code away again and again (measured with --trace-deopt: "wrong map"
// and "weak objects"). Instead each signal gets one AbortWatch, a plain class, found by identity.
export interface LinkedSignal {
  readonly signal: AbortSignal;
  abort(reason: unknown): void;
  dispose(): void;
}

export function linkSignal(parent: AbortSignal): LinkedSignal {
  const controller = newAbortController();
  const release = onAbort(parent, () => controller.abort(parent.reason));
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    dispose: release,
  };
}

/** Signals whose listener limit is lifted (newAbortController's, and those allowManyListeners was given). */
const manyListeners = new WeakSet<AbortSignal>();

/**
 * A controller whose signal is watched from the start. The signal is handed to integrations,
 * which may each listen to it while 40 inline iterations or 50 branches run at once: that is by
 * design, not a leak, so Node's listener warning must not fire.
 */
export function newAbortController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  // So that allowManyListeners (a timed task's context) does not lift it again.
  manyListeners.add(controller.signal);
  watchOf(controller.signal);
  return controller;
}

/**
 * A controller that only its owner aborts, through the abort() returned here: an execution's own
 * (one per execution, so what it costs counts on every start). Cheaper to make than
 * newAbortController's: its watch is set up directly and fired by abort() itself rather than by an
 * 'abort' listener, and Node's listener limit is lifted only once the signal reaches an integration
 * (allowManyListeners). Real 'abort' listeners (an SDK call's) still hear it, just before the
 * watch's callbacks.
 */
export function ownedAbortController(): { readonly signal: AbortSignal; abort(reason: unknown): void } {
  const controller = new AbortController();
  const signal = controller.signal;
  const watch = new AbortWatch();
  watches.set(signal, watch);
  return {
    signal,
    abort: (reason) => {
      if (watch.aborted) return;
      controller.abort(reason);
      watch.fire(reason);
    },
  };
}

/** Lifts Node's listener warning on a signal handed to integrations (see newAbortController), once per signal. */
export function allowManyListeners(signal: AbortSignal): void {
  if (manyListeners.has(signal)) return;
  manyListeners.add(signal);
  setMaxListeners(0, signal);
}

type AbortCallback = (reason: unknown) => void;

/** What asl-engine knows of one signal: whether it aborted, and who waits for it. */
class AbortWatch {
  aborted = false;
  readonly callbacks = new Set<AbortCallback>();

  fire(reason: unknown): void {
    this.aborted = true;
    for (const pending of [...this.callbacks]) pending(reason);
    this.callbacks.clear();
  }
}

const watches = new WeakMap<AbortSignal, AbortWatch>();
// The tasks of one Map's iterations share a signal: remember the last one looked up.
let lastSignal: AbortSignal | undefined;
let lastWatch: AbortWatch | undefined;

function watchOf(signal: AbortSignal): AbortWatch {
  if (signal === lastSignal && lastWatch !== undefined) return lastWatch;
  const watch = watches.get(signal) ?? startWatching(signal);
  lastSignal = signal;
  lastWatch = watch;
  return watch;
}

/** The one place that reads the signal itself, once per signal (kept apart from the hot lookup). */
function startWatching(signal: AbortSignal): AbortWatch {
  const watch = new AbortWatch();
  if (signal.aborted) watch.aborted = true;
  else signal.addEventListener('abort', () => watch.fire(signal.reason), { once: true });
  watches.set(signal, watch);
  return watch;
}

/** `signal.aborted`, without touching the signal's shape-unstable properties (see above). */
export function isAborted(signal: AbortSignal): boolean {
  return watchOf(signal).aborted;
}

/**
 * Calls `callback` with the signal's reason once when `signal` aborts (at once if it already has).
 * One real event listener per signal fans out to a Set: a Map over 10,000 Tasks registers and
 * removes a callback per task, and EventTarget listeners cost far more than Set entries.
 * Callbacks run in registration order and must not throw. removeAbortCallback undoes it; a
 * promise's own `reject` can be registered as is, with no closure to allocate.
 */
export function addAbortCallback(signal: AbortSignal, callback: AbortCallback): void {
  const watch = watchOf(signal);
  if (watch.aborted) callback(signal.reason);
  else watch.callbacks.add(callback);
}

export function removeAbortCallback(signal: AbortSignal, callback: AbortCallback): void {
  watchOf(signal).callbacks.delete(callback);
}

/** addAbortCallback, returning the function that removes the callback again. */
export function onAbort(signal: AbortSignal, callback: AbortCallback): () => void {
  addAbortCallback(signal, callback);
  return () => removeAbortCallback(signal, callback);
}

/** How many onAbort callbacks wait on a signal (tests check that finished work leaves none). */
export function pendingAbortCallbacks(signal: AbortSignal): number {
  return watches.get(signal)?.callbacks.size ?? 0;
}

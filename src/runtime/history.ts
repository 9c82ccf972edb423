// One recorder per execution, shared by every nested scope (ARCHITECTURE.md 1.9): ids, the
// previousEventId of each logical thread, clock timestamps, the Standard history limit, and a
// synchronous fan-out to subscribers that can never break the execution.
import type { Clock } from '../core/clock.js';
import { AslError } from '../core/errors.js';
import type { EventDetails, HistoryEvent, HistoryEventType } from '../core/events.js';

/** A logical thread of events: the top level, one Parallel branch, or one Map iteration. */
export interface Thread {
  lastEventId: number;
}

const TERMINAL: ReadonlySet<HistoryEventType> = new Set([
  'ExecutionSucceeded', 'ExecutionFailed', 'ExecutionAborted', 'ExecutionTimedOut',
]);

export interface RecorderOptions {
  readonly clock: Clock;
  /** Keep events in memory (the history array). */
  readonly keep: boolean;
  /** The id the terminal event may take at most; no other event may reach it. Infinity for none. */
  readonly maxEvents: number;
  readonly onEvent: ((event: HistoryEvent) => void) | undefined;
  /** Told once about each subscriber that threw or rejected (then detached); a Node warning when absent. */
  readonly onSubscriberError?: ((error: unknown, event: HistoryEvent) => void) | undefined;
}

export class HistoryRecorder {
  readonly events: HistoryEvent[] = [];
  private lastId: number;
  private readonly listeners = new Set<(event: HistoryEvent) => void>();
  /** Set once the execution is suspended: what its threads do while they unwind is not part of it. */
  private frozen = false;
  /** True while subscribers are told of an event (a snapshot cannot be taken then). */
  notifying = false;

  /** `lastEventId`: the id of the last event already recorded (a resumed execution goes on after it). */
  constructor(
    private readonly options: RecorderOptions,
    lastEventId = 0,
  ) {
    this.lastId = lastEventId;
    if (options.onEvent) this.listeners.add(options.onEvent);
  }

  /** Stops recording for good: later events are neither counted, kept nor told. */
  freeze(): void {
    this.frozen = true;
  }

  /** Whether events are kept or watched; when not, record() only counts ids. */
  get active(): boolean {
    return this.options.keep || this.listeners.size > 0;
  }

  get count(): number {
    return this.lastId;
  }

  /**
   * Records an event and returns its id. AWS fails a Standard execution whose history would pass
   * its limit: the ExecutionFailed event itself takes the last id (LIMITS.md §3).
   */
  record(thread: Thread, type: HistoryEventType, details?: EventDetails): number {
    if (this.frozen) return this.lastId;
    if (this.lastId + 1 >= this.options.maxEvents && !TERMINAL.has(type)) {
      throw AslError.executionRuntime(`The execution reached the maximum number of history events (${this.options.maxEvents}).`);
    }
    const id = ++this.lastId;
    // Nobody keeps or watches the history (a million-transition Express run): count, build nothing.
    if (!this.active) {
      thread.lastEventId = id;
      return id;
    }
    const event: HistoryEvent = { id, previousEventId: thread.lastEventId, timestamp: this.options.clock.now(), type, details };
    thread.lastEventId = id;
    if (this.options.keep) this.events.push(event);
    if (this.listeners.size > 0) {
      this.notifying = true;
      try {
        this.fanOut(event);
      } finally {
        this.notifying = false;
      }
    }
    return id;
  }

  subscribe(listener: (event: HistoryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private fanOut(event: HistoryEvent): void {
    for (const listener of this.listeners) {
      let returned: unknown;
      try {
        returned = listener(event);
      } catch (error) {
        this.detach(listener, error, event);
        continue;
      }
      // An async subscriber: its rejection would otherwise surface as an unhandled rejection,
      // which ends a Node process by default. Events are not awaited: the run never waits on them.
      if (!isPromiseLike(returned)) continue;
      try {
        returned.then(undefined, (error: unknown) => this.detach(listener, error, event));
      } catch (error) {
        // A home-made thenable whose then() throws.
        this.detach(listener, error, event);
      }
    }
  }

  /**
   * A subscriber that throws is detached and reported once; it never breaks the execution, and
   * never becomes an uncaught exception (rethrowing it, even later, would end the user's process).
   */
  private detach(listener: (event: HistoryEvent) => void, error: unknown, event: HistoryEvent): void {
    if (!this.listeners.delete(listener)) return;
    const report = this.options.onSubscriberError ?? warnSubscriberError;
    try {
      report(error, event);
    } catch {
      // The reporter itself failed: there is nobody left to tell, and the run must go on.
    }
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** The default report: a Node process warning (printed once on stderr, observable with process.on('warning')). */
function warnSubscriberError(error: unknown, event: HistoryEvent): void {
  const reason = error instanceof Error ? error.message : String(error);
  process.emitWarning(`An onEvent subscriber failed on event #${event.id} (${event.type}) and was detached: ${reason}`, { code: 'ASL_SUBSCRIBER_ERROR' });
}

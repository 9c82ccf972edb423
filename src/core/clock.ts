// Time comes through a Clock so that runs are deterministic: the system clock for real runs, a
// virtual clock that jumps to the next timer for tests, --fast and replay (ARCHITECTURE.md 1.8).
import { onAbort } from './abort.js';

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /**
   * Resolves after `ms`; rejects with `signal.reason` when the signal aborts first. `order`, for a
   * wait resumed from a snapshot: when it really began (`since`, epoch ms) and, within that
   * millisecond, a rank (`rank`, the id of the last event before it) — among sleeps due at the same
   * instant, the one asked for first wakes first, as it would have without the interruption.
   */
  sleep(ms: number, signal?: AbortSignal, order?: SleepOrder): Promise<void>;
}

const noop = (): void => undefined;

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('aborted');
}

export interface SystemClockOptions {
  /** Whether a pending sleep keeps the process running (default true), as a plain setTimeout does. */
  readonly keepsProcessAlive?: boolean;
}

export class SystemClock implements Clock {
  private readonly keepsProcessAlive: boolean;

  constructor(options: SystemClockOptions = {}) {
    this.keepsProcessAlive = options.keepsProcessAlive ?? true;
  }

  now(): number {
    return Date.now();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      let release = noop;
      // setTimeout caps at 2^31-1 ms; longer waits re-arm until the deadline.
      const deadline = Date.now() + Math.max(0, ms);
      const arm = (): ReturnType<typeof setTimeout> => {
        const armed = setTimeout(() => {
          const left = deadline - Date.now();
          if (left > 0) {
            timer = arm();
            return;
          }
          release();
          resolve();
        }, Math.min(Math.max(0, deadline - Date.now()), 2_147_483_647));
        if (!this.keepsProcessAlive) armed.unref();
        return armed;
      };
      let timer = arm();
      if (signal) {
        release = onAbort(signal, () => {
          clearTimeout(timer);
          reject(abortReason(signal));
        });
      }
    });
  }
}

/** When a wait was first asked for (Clock.sleep). */
export interface SleepOrder {
  readonly since: number;
  readonly rank: number;
}

interface PendingSleep {
  readonly deadline: number;
  readonly requestedAt: number;
  readonly rank: number | undefined;
  readonly sequence: number;
  readonly resolve: () => void;
}

/**
 * A clock that only moves when told to. Sleeps are kept ordered by (deadline, sequence) so that
 * equal deadlines resolve in the order they were requested.
 */
export interface VirtualClockOptions {
  /** Start time, epoch ms. Default 2026-01-01T00:00:00Z. */
  readonly startMs?: number;
  /**
   * Jump to the next timer by itself once the process has nothing else to do (checked with
   * setImmediate, after every pending promise has settled). Used by --fast and the library's
   * virtual-time runs; tests that step time by hand leave it off.
   */
  readonly autoAdvance?: boolean;
}

export class VirtualClock implements Clock {
  private current: number;
  private sequence = 0;
  private readonly pending: PendingSleep[] = [];
  private readonly autoAdvance: boolean;
  private tickScheduled = false;
  private busy = 0;

  constructor(options: VirtualClockOptions = {}) {
    this.current = options.startMs ?? Date.UTC(2026, 0, 1);
    this.autoAdvance = options.autoAdvance ?? false;
  }

  now(): number {
    return this.current;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** Deadline of the earliest pending sleep, if any. */
  nextDeadline(): number | undefined {
    return this.pending[0]?.deadline;
  }

  sleep(ms: number, signal?: AbortSignal, order?: SleepOrder): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      let release = noop;
      const entry: PendingSleep = {
        deadline: this.current + Math.max(0, ms),
        requestedAt: Math.min(order?.since ?? this.current, this.current),
        rank: order?.rank,
        sequence: this.sequence++,
        resolve: () => {
          release();
          resolve();
        },
      };
      if (signal) {
        release = onAbort(signal, () => {
          const index = this.pending.indexOf(entry);
          if (index >= 0) this.pending.splice(index, 1);
          reject(abortReason(signal));
        });
      }
      this.insert(entry);
      if (this.autoAdvance) this.scheduleTick();
    });
  }

  /**
   * A pause of busy work (see yieldToEventLoop). While one is under way the engine is not idle, so
   * auto-advance waits: state transitions take no virtual time, and a loop that never waits must
   * not see its timers, TimeoutSeconds included, jump ahead.
   */
  pauseBusyWork(): Promise<void> {
    this.busy++;
    return new Promise((resolve) => {
      setImmediate(() => {
        this.busy--;
        resolve();
      });
    });
  }

  private scheduleTick(): void {
    if (this.tickScheduled) return;
    this.tickScheduled = true;
    setImmediate(() => {
      this.tickScheduled = false;
      if (this.busy > 0) this.scheduleTick();
      else if (this.advanceToNext() && this.pending.length > 0) this.scheduleTick();
    });
  }

  /** Moves time to the earliest pending deadline and resolves every sleep due then. */
  advanceToNext(): boolean {
    const first = this.pending[0];
    if (!first) return false;
    this.current = Math.max(this.current, first.deadline);
    while (this.pending[0] && this.pending[0].deadline <= this.current) this.pending.shift()?.resolve();
    return true;
  }

  /** Moves time forward by `ms`, resolving due sleeps in deadline order. */
  advance(ms: number): void {
    const target = this.current + ms;
    while (this.pending[0] && this.pending[0].deadline <= target) this.advanceToNext();
    this.current = target;
  }

  private insert(entry: PendingSleep): void {
    // Binary search keeps insertion O(log n) for Maps with thousands of waiting iterations.
    let lo = 0;
    let hi = this.pending.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.pending[mid] as PendingSleep;
      if (wakesFirst(other, entry)) lo = mid + 1;
      else hi = mid;
    }
    this.pending.splice(lo, 0, entry);
  }
}

/**
 * Lets timers, I/O, signal handlers and abort() run in the middle of a long stretch of work that
 * only ever awaits settled promises (a loop of Pass, Choice or Wait-0 states): microtasks alone
 * never give them a turn. A macrotask, so it lives here with the other timers.
 */
export function yieldToEventLoop(clock: Clock): Promise<void> {
  if (clock instanceof VirtualClock) return clock.pauseBusyWork();
  return new Promise((resolve) => setImmediate(resolve));
}

/** Earlier deadline first; at the same deadline, asked for earlier first (by time, then rank, then call order). */
function wakesFirst(a: PendingSleep, b: PendingSleep): boolean {
  if (a.deadline !== b.deadline) return a.deadline < b.deadline;
  if (a.requestedAt !== b.requestedAt) return a.requestedAt < b.requestedAt;
  if (a.rank !== undefined && b.rank !== undefined && a.rank !== b.rank) return a.rank < b.rank;
  return a.sequence < b.sequence;
}

/**
 * Runs `callback` on the event loop's next turn, after every pending promise has settled: the
 * durable driver commits there, when each thread of an execution stands where it can go on from.
 * Returns a cancel: a queued callback keeps what it closes over alive until that turn comes.
 */
export function onNextTurn(callback: () => void): () => void {
  const turn = setImmediate(callback);
  return () => clearImmediate(turn);
}

/** Milliseconds on a monotonic real-time clock (for spacing work out, never for a run's time). */
export function monotonicNow(): number {
  return performance.now();
}

/** Runs `callback` after `ms` of real time; returns its cancel. */
export function afterRealDelay(ms: number, callback: () => void): () => void {
  const timer = setTimeout(callback, ms);
  return () => clearTimeout(timer);
}

/**
 * Runs `callback` every `ms` of real time until cancelled, for housekeeping beside the executions
 * (a store's checkpoints); it never keeps the process alive on its own.
 */
export function everyRealInterval(ms: number, callback: () => void): () => void {
  const timer = setInterval(callback, ms);
  timer.unref();
  return () => clearInterval(timer);
}

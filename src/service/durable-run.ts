// The durable driver of one execution (ARCHITECTURE.md 1.13): the events recorded since the last
// commit and the snapshot that follows them go to the store in one transaction, on the event loop's
// next turn after anything happened, when every thread stands where it can go on from. A crash
// therefore loses at most the work since the last commit, and the resumed run does it again.
import { afterRealDelay, monotonicNow, onNextTurn } from '../core/clock.js';
import type { HistoryEvent } from '../core/events.js';
import type { JsonObject, JsonValue } from '../core/json.js';
import type { Execution, ExecutionResult } from '../runtime/types.js';
import type { ExecutionOutcome, ExecutionStore } from '../store/types.js';

export interface DurableRunParts {
  readonly store: ExecutionStore;
  readonly machineArn: string;
  readonly definitionHash: string;
  readonly attributes: JsonObject;
  /** Told when a commit failed: the execution is let go (the store keeps its last commit). */
  readonly onStoreError: (error: unknown, arn: string) => void;
  /** The engine's clock, for the stop date. */
  readonly now: () => number;
  /** Real milliseconds between two commits of a running execution, at least. */
  readonly minCommitIntervalMs: number;
}

export class DurableRun {
  /** Events recorded and not committed yet. */
  private pending: HistoryEvent[] = [];
  /** Cancels the commit queued for the next turn, if one is. */
  private cancelTurn: (() => void) | undefined;
  /** When the last running commit was taken (monotonic ms). */
  private lastCommitAt = -Infinity;
  private created = false;
  private failed: unknown;
  /** Commits run one after the other; this is the last one. */
  private chain: Promise<void> = Promise.resolve();
  private execution: Execution | undefined;
  /** Resolves when the execution is finished and its last commit stored (or the store failed). */
  readonly settled: Promise<ExecutionResult>;
  private settle!: (result: ExecutionResult) => void;
  private reject!: (error: unknown) => void;
  /** Resolves once the store holds the execution, or it never will (the store failed, the run was let go first). */
  private readonly inStore: Promise<void>;
  private markStored!: () => void;

  constructor(
    private readonly parts: DurableRunParts,
    /** A resumed execution is already in the store. */
    resumed: boolean,
  ) {
    this.created = resumed;
    this.settled = new Promise((resolve, reject) => {
      this.settle = resolve;
      this.reject = reject;
    });
    // Nobody may be waiting for it (the CLI's resume reads the store instead).
    this.settled.catch(() => undefined);
    this.inStore = new Promise((resolve) => {
      this.markStored = resolve;
    });
    if (resumed) this.markStored();
  }

  /** The listener to start or resume the execution with. */
  readonly onEvent = (event: HistoryEvent): void => {
    this.pending.push(event);
    this.schedule();
  };

  /** Drives `execution` from now on; resolves once the execution is in the store. */
  attach(execution: Execution): Promise<void> {
    this.execution = execution;
    execution.result.then(
      (result) => this.finish(result),
      (error: unknown) => this.fail(error),
    );
    this.schedule();
    return this.inStore;
  }

  /** Commits what is pending now (used before letting go of the execution). */
  flush(): Promise<void> {
    this.commitNow();
    return this.chain;
  }

  /**
   * Commits on the next turn, or, when the last commit is younger than minCommitIntervalMs, once it
   * is that old: an execution whose Tasks each wait on I/O would otherwise write its whole snapshot
   * (a big Map's results) on every turn. A crash loses at most that much more work, done again.
   */
  private schedule(): void {
    if (this.cancelTurn !== undefined || this.execution === undefined) return;
    const commit = (): void => {
      this.cancelTurn = undefined;
      this.commitNow();
    };
    const wait = this.lastCommitAt + this.parts.minCommitIntervalMs - monotonicNow();
    this.cancelTurn = wait > 0 ? afterRealDelay(wait, commit) : onNextTurn(commit);
  }

  /** A finished run commits at once: its queued turn would only keep the whole execution alive until then. */
  private dropTurn(): void {
    this.cancelTurn?.();
    this.cancelTurn = undefined;
  }

  private commitNow(): void {
    const execution = this.execution;
    if (execution === undefined || this.failed !== undefined || execution.status !== 'RUNNING') return;
    if (this.pending.length === 0 && this.created) return;
    let snapshot: JsonValue;
    try {
      snapshot = execution.snapshot() as unknown as JsonValue;
    } catch {
      // Not at a point it can go on from (inside an event listener): the next turn commits it.
      this.schedule();
      return;
    }
    const events = this.pending;
    this.pending = [];
    this.lastCommitAt = monotonicNow();
    const { store } = this.parts;
    if (!this.created) {
      this.created = true;
      const startDate = execution.startDate;
      this.enqueue(() =>
        store.createExecution({
          arn: execution.arn,
          name: execution.name,
          machineArn: this.parts.machineArn,
          definitionHash: this.parts.definitionHash,
          startDate,
          input: (snapshot as { input: JsonValue }).input,
          attributes: this.parts.attributes,
          snapshot,
          events,
        }),
      );
      void this.chain.then(this.markStored);
      return;
    }
    this.enqueue(() => store.commit({ arn: execution.arn, events, status: 'RUNNING', snapshot }));
  }

  private finish(result: ExecutionResult): void {
    this.dropTurn();
    const execution = this.execution as Execution;
    if (result.status === 'SUSPENDED') {
      // What the store holds is the last commit (flushed by whoever suspended it): settle after it.
      void this.chain.then(this.markStored);
      void this.chain.then(() => this.settle(result), this.reject);
      return;
    }
    const events = this.pending;
    this.pending = [];
    const outcome = outcomeOf(result, this.parts.now());
    if (!this.created) {
      // Finished before its first commit (a run with nothing to wait for): stored finished, in one transaction.
      this.created = true;
      this.enqueue(() =>
        this.parts.store.createExecution({
          arn: execution.arn,
          name: execution.name,
          machineArn: this.parts.machineArn,
          definitionHash: this.parts.definitionHash,
          startDate: execution.startDate,
          input: events[0]?.details?.input ?? null,
          attributes: this.parts.attributes,
          snapshot: null,
          events,
          outcome,
        }),
      );
      void this.chain.then(this.markStored);
    } else {
      this.enqueue(() => this.parts.store.commit({ arn: execution.arn, events, ...outcome }));
    }
    void this.chain.then(() => (this.failed === undefined ? this.settle(result) : undefined));
  }

  private fail(error: unknown): void {
    this.dropTurn();
    this.markStored();
    this.failed ??= error;
    this.reject(error);
  }

  private enqueue(write: () => Promise<void>): void {
    this.chain = this.chain.then(async () => {
      if (this.failed !== undefined) return;
      try {
        await write();
      } catch (error) {
        // The store refused (disk full, a conflict, closed): let the execution go; what the store
        // holds is its last good commit, and the next open resumes from there.
        this.fail(error);
        this.execution?.suspend();
        this.parts.onStoreError(error, this.execution?.arn ?? '');
      }
    });
  }
}

function outcomeOf(result: Exclude<ExecutionResult, { status: 'SUSPENDED' }>, stopDate: number): ExecutionOutcome {
  if (result.status === 'SUCCEEDED') return { status: 'SUCCEEDED', output: result.output, stopDate };
  return {
    status: result.status,
    ...(result.error === undefined ? {} : { error: result.error }),
    ...(result.cause === undefined ? {} : { cause: result.cause }),
    stopDate,
  };
}

// The durable driver of one execution (ARCHITECTURE.md 1.13): the events recorded since the last
// commit and the snapshot that follows them go to the store together, on the event loop's next turn
// after anything happened (with the other runs' of that turn: commit-group.ts), when every thread
// stands where it can go on from. A crash therefore loses at most the work since the last commit,
// and the resumed run does it again.
import { afterRealDelay, monotonicNow } from '../core/clock.js';
import type { HistoryEvent } from '../core/events.js';
import type { JsonObject, JsonValue } from '../core/json.js';
import type { Execution, ExecutionResult } from '../runtime/types.js';
import type { ExecutionOutcome, NewExecution, StoreWrite } from '../store/types.js';
import type { CommitGroup, GroupMember } from './commit-group.js';

export interface DurableRunParts {
  /** The engine's group commit: this run's writes go to the store with the other runs' of the same turn. */
  readonly group: CommitGroup;
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

/** What a write taken from the run does besides adding events: store the execution first, or end it. */
interface WriteKind {
  readonly creates: boolean;
  readonly ends: boolean;
}

export class DurableRun implements GroupMember {
  /** Events recorded and not committed yet. */
  private pending: HistoryEvent[] = [];
  /** Cancels the timer that spaces this run's commits out (minCommitIntervalMs), when one is set. */
  private cancelTimer: (() => void) | undefined;
  /** In the group's next commit already. */
  private queued = false;
  /** When the last running commit was taken (monotonic ms). */
  private lastCommitAt = -Infinity;
  private created = false;
  private failed: unknown;
  /** How the execution ended (not suspended): its last write carries the outcome. */
  private ended: { readonly result: ExecutionResult; readonly outcome: ExecutionOutcome } | undefined;
  private endTaken = false;
  /** The writes taken and not settled yet, oldest first (the group settles them in order). */
  private readonly inFlight: WriteKind[] = [];
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

  /** Resolves once the store holds the execution, or it never will (as attach's promise). */
  get stored(): Promise<void> {
    return this.inStore;
  }

  /** Commits what is pending now (used before letting go of the execution). */
  flush(): Promise<void> {
    this.stopTimer();
    this.join();
    return this.parts.group.commitNow();
  }

  /**
   * Joins the group's commit of the next turn, or, when the last commit is younger than
   * minCommitIntervalMs, once it is that old: an execution whose Tasks each wait on I/O would
   * otherwise write its whole snapshot (a big Map's results) on every turn. A crash loses at most
   * that much more work, done again.
   */
  private schedule(): void {
    if (this.queued || this.cancelTimer !== undefined || this.execution === undefined) return;
    const wait = this.lastCommitAt + this.parts.minCommitIntervalMs - monotonicNow();
    if (wait <= 0) return this.join();
    this.cancelTimer = afterRealDelay(wait, () => {
      this.cancelTimer = undefined;
      this.join();
    });
  }

  private join(): void {
    if (this.queued) return;
    this.queued = true;
    this.parts.group.join(this);
  }

  private stopTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }

  takeWrite(): StoreWrite | undefined {
    this.queued = false;
    const execution = this.execution;
    if (execution === undefined || this.failed !== undefined) return undefined;
    const ended = this.ended;
    if (ended !== undefined) {
      if (this.endTaken) return undefined;
      this.endTaken = true;
      const events = this.takeEvents(true);
      if (this.created) return { commit: { arn: execution.arn, events, ...ended.outcome } };
      // Finished before its first commit (a run with nothing to wait for): stored finished, in one write.
      this.created = true;
      return { create: this.newExecution(execution, events[0]?.details?.input ?? null, null, events, ended.outcome) };
    }
    if (execution.status !== 'RUNNING' || (this.pending.length === 0 && this.created)) return undefined;
    let snapshot: JsonValue;
    try {
      snapshot = execution.snapshot() as unknown as JsonValue;
    } catch {
      // Not at a point it can go on from (inside an event listener): a later turn commits it.
      this.schedule();
      return undefined;
    }
    this.lastCommitAt = monotonicNow();
    const events = this.takeEvents(false);
    if (this.created) return { commit: { arn: execution.arn, events, status: 'RUNNING', snapshot } };
    this.created = true;
    return { create: this.newExecution(execution, (snapshot as { input: JsonValue }).input, snapshot, events) };
  }

  written(error: Error | undefined): void {
    const kind = this.inFlight.shift();
    if (this.failed !== undefined) return;
    if (error !== undefined) {
      // The store refused (disk full, a conflict, closed): let the execution go; what the store
      // holds is its last good commit, and the next open resumes from there.
      this.fail(error);
      this.execution?.suspend();
      this.parts.onStoreError(error, this.execution?.arn ?? '');
      return;
    }
    if (kind?.creates === true) this.markStored();
    if (kind?.ends === true && this.ended !== undefined) this.settle(this.ended.result);
  }

  private takeEvents(ends: boolean): HistoryEvent[] {
    const events = this.pending;
    this.pending = [];
    this.inFlight.push({ creates: !this.created, ends });
    return events;
  }

  private newExecution(execution: Execution, input: JsonValue, snapshot: JsonValue, events: readonly HistoryEvent[], outcome?: ExecutionOutcome): NewExecution {
    const { machineArn, definitionHash, attributes } = this.parts;
    return { arn: execution.arn, name: execution.name, machineArn, definitionHash, startDate: execution.startDate, input, attributes, snapshot, events, ...(outcome === undefined ? {} : { outcome }) };
  }

  private finish(result: ExecutionResult): void {
    this.stopTimer();
    if (result.status === 'SUSPENDED') {
      // What the store holds is the last commit (flushed by whoever suspended it): settle after it.
      void this.parts.group.idle().then(() => {
        this.markStored();
        this.settle(result);
      });
      return;
    }
    this.ended = { result, outcome: outcomeOf(result, this.parts.now()) };
    this.join();
  }

  private fail(error: unknown): void {
    this.stopTimer();
    this.markStored();
    this.failed ??= error;
    this.reject(error);
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

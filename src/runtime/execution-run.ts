// One running execution: its status, result, history stream, abort and the execution-level
// timeout. The result promise resolves for every ASL outcome; it rejects only on a bug.
import { ownedAbortController } from '../core/abort.js';
import { AslError, CancelledError, ExecutionAbortedError, ExecutionSuspendedError, isCancellation } from '../core/errors.js';
import type { Clock } from '../core/clock.js';
import type { HistoryEvent } from '../core/events.js';
import { shapeAnchors } from '../core/shape-anchors.js';
import type { JsonObject, JsonValue } from '../core/json.js';
import { checkPayload, type Runtime, VariableScope } from './frame.js';
import { unsoundness } from './value-limits.js';
import { runScope, toAslError } from './interpreter.js';
import { SnapshotError, takeSnapshot, type ExecutionSnapshot, type SnapshotHeader } from './snapshot.js';
import { restoreThread } from './snapshot-restore.js';
import { Thread } from './thread.js';
import type { Execution, ExecutionResult, ExecutionStatus } from './types.js';

/** How a run begins: a new execution on its input, or one restored from a snapshot. */
export type RunStart = { readonly input: JsonValue } | { readonly snapshot: ExecutionSnapshot };

export class ExecutionRun implements Execution {
  readonly arn: string;
  readonly result: Promise<ExecutionResult>;
  status: ExecutionStatus = 'RUNNING';
  private readonly controller = ownedAbortController();
  private readonly root: Thread;
  private readonly input: JsonValue;

  constructor(
    private readonly rt: Runtime,
    start: RunStart,
    private readonly header: SnapshotHeader,
    /** Set for an Express execution on a virtual clock: its 5 minutes are also real minutes. */
    private readonly wallClock?: Clock,
  ) {
    this.arn = rt.executionArn;
    shapeAnchors.execution = this;
    const resumed = 'snapshot' in start;
    this.input = resumed ? start.snapshot.input : start.input;
    this.root = resumed
      ? restoreThread(rt, start.snapshot.root, undefined, this.controller.signal, runScope)
      : new Thread(rt, rt.machine.root, undefined, 'root', 0, 0, new VariableScope(undefined), this.controller.signal, false, false, runScope, start.input);
    this.result = (resumed ? this.resume() : this.run()).then((result) => {
      this.status = result.status;
      return result;
    });
  }

  get name(): string {
    return this.header.name;
  }
  get seed(): number {
    return this.header.seed;
  }
  get startDate(): number {
    return this.header.startDate;
  }

  /**
   * The execution as plain JSON (runtime/snapshot.ts). Take it when the execution waits (from a
   * timer or I/O callback, not from inside an onEvent listener): then every thread stands at a
   * point it can go on from; otherwise this throws.
   */
  snapshot(): ExecutionSnapshot {
    if (this.status !== 'RUNNING') throw new SnapshotError(`Execution ${this.arn} is ${this.status}: only a running execution has a snapshot to resume.`);
    return takeSnapshot(this.rt, this.header, this.input, this.root, this.timeoutSeconds());
  }

  /**
   * Stops the execution where it stands without finishing it: no event is recorded, and `result`
   * resolves with status SUSPENDED. Take the snapshot first; resume() it to go on.
   */
  suspend(): void {
    if (this.status !== 'RUNNING') return;
    this.rt.recorder.freeze();
    this.controller.abort(new ExecutionSuspendedError());
  }

  get history(): readonly HistoryEvent[] {
    return this.rt.recorder.events;
  }

  abort(error?: string, cause?: string): void {
    if (this.status === 'RUNNING') this.controller.abort(new ExecutionAbortedError(error, cause));
  }

  async *events(): AsyncIterable<HistoryEvent> {
    const queue: HistoryEvent[] = [...this.rt.recorder.events];
    let wake: (() => void) | undefined;
    let done = false;
    const unsubscribe = this.rt.recorder.subscribe((event) => {
      queue.push(event);
      wake?.();
    });
    const finish = (): void => {
      done = true;
      wake?.();
    };
    this.result.then(finish, finish);
    try {
      for (;;) {
        const next = queue.shift();
        if (next) {
          yield next;
          continue;
        }
        if (done) return;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    } finally {
      unsubscribe();
    }
  }

  private async run(): Promise<ExecutionResult> {
    const { rt, input, root } = this;
    // An input too deep or holding NaN/Infinity (JSON.parse reads 1e999 as Infinity) is not
    // recorded: the history must stay writable as JSON, and AWS would not start the execution.
    const problem = unsoundness(input);
    const recorded = problem === undefined ? input : null;
    rt.recorder.record(root, 'ExecutionStarted', { input: recorded, roleArn: String((rt.contextBase['Execution'] as JsonObject)['RoleArn']), seed: this.header.seed });
    // AWS's first state event also points at 0 (LIMITS.md §6).
    root.lastEventId = 0;
    try {
      if (problem !== undefined) throw AslError.executionRuntime(`The execution input ${problem}.`);
      checkPayload(rt, input, 'execution input');
      return this.succeed(await this.withTimeout(runScope(rt, root, false)));
    } catch (thrown) {
      return this.settleFailure(thrown);
    }
  }

  private async resume(): Promise<ExecutionResult> {
    try {
      return this.succeed(await this.withTimeout(runScope(this.rt, this.root, true)));
    } catch (thrown) {
      return this.settleFailure(thrown);
    }
  }

  private succeed(output: JsonValue): ExecutionResult {
    checkPayload(this.rt, output, 'execution output');
    this.rt.recorder.record(this.root, 'ExecutionSucceeded', { output });
    return { status: 'SUCCEEDED', output };
  }

  private settleFailure(thrown: unknown): ExecutionResult {
    const thread = this.root;
    const reason: unknown = this.controller.signal.aborted ? this.controller.signal.reason : thrown;
    if (reason instanceof ExecutionSuspendedError) return { status: 'SUSPENDED' };
    if (reason instanceof ExecutionAbortedError) {
      this.rt.recorder.record(thread, 'ExecutionAborted', withText(reason.error, reason.causeText));
      return { status: 'ABORTED', ...withText(reason.error, reason.causeText) };
    }
    if (reason instanceof CancelledError && (reason.reason === EXECUTION_TIMEOUT || reason.reason === EXPRESS_WALL_TIMEOUT)) {
      const cause = `The execution timed out after ${reason.reason === EXPRESS_WALL_TIMEOUT ? EXPRESS_MAX_SECONDS : (this.timeoutSeconds() ?? 0)} seconds.`;
      this.rt.recorder.record(thread, 'ExecutionTimedOut', { error: 'States.Timeout', cause });
      return { status: 'TIMED_OUT', error: 'States.Timeout', cause };
    }
    const error = isCancellation(reason) ? AslError.executionRuntime('The execution was cancelled.') : toAslError(reason);
    this.rt.recorder.record(thread, 'ExecutionFailed', withText(error.error || undefined, error.cause));
    return { status: 'FAILED', ...withError(error) };
  }

  /** The machine's TimeoutSeconds; an Express execution never runs longer than 5 minutes (LIMITS.md §2). */
  private timeoutSeconds(): number | undefined {
    const declared = this.rt.machine.timeoutSeconds;
    if (this.rt.machine.type !== 'EXPRESS') return declared;
    return Math.min(declared ?? EXPRESS_MAX_SECONDS, EXPRESS_MAX_SECONDS);
  }

  /**
   * Races the run against TimeoutSeconds, counted from the start date (a resumed run keeps its
   * deadline); on expiry every scope is cancelled and allowed to settle.
   */
  private async withTimeout(work: Promise<JsonValue>): Promise<JsonValue> {
    const seconds = this.timeoutSeconds();
    if (seconds === undefined) return work;
    const timer = ownedAbortController();
    const expiry = this.rt.clock.sleep(Math.max(0, this.header.startDate + seconds * 1000 - this.rt.clock.now()), timer.signal, { since: this.header.startDate, rank: 0 }).then(
      () => this.controller.abort(new CancelledError(EXECUTION_TIMEOUT)),
      () => undefined,
    );
    const wallExpiry = this.wallClock?.sleep(EXPRESS_MAX_SECONDS * 1000, timer.signal).then(
      () => this.controller.abort(new CancelledError(EXPRESS_WALL_TIMEOUT)),
      () => undefined,
    );
    try {
      return await work;
    } finally {
      timer.abort(EXECUTION_SETTLED);
      await expiry;
      await wallExpiry;
    }
  }
}

const EXECUTION_TIMEOUT = 'execution timed out';
const EXPRESS_WALL_TIMEOUT = 'express execution ran 5 minutes of real time';
/** Why the timeout timer of a settled execution is called off; nobody sees it, so one instance serves all. */
const EXECUTION_SETTLED = new CancelledError('execution settled');
const EXPRESS_MAX_SECONDS = 300;

function withText(error: string | undefined, cause: string | undefined): { error?: string; cause?: string } {
  return { ...(error === undefined ? {} : { error }), ...(cause === undefined ? {} : { cause }) };
}

/** A Fail state without Error reports no error name (""), as AWS does. */
function withError(error: AslError): { error?: string; cause?: string } {
  return withText(error.error === '' ? undefined : error.error, error.cause);
}

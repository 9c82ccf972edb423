// Task tokens (INTEGRATIONS.md §5): the tasks of a family of state machines (a machine and the
// machines it starts, or every machine of an engine) that wait for SendTaskSuccess, SendTaskFailure
// and SendTaskHeartbeat, and the activities' queues that workers take tasks from (activities.ts).
// A token names its execution, thread, visit and attempt, so that it is the same whenever that
// attempt runs — a resumed execution waits for the very token it handed out before the restart.
import type { JsonValue } from '../core/json.js';
import { LiveTable } from '../core/live-table.js';
import type { ActivityOffer, TaskOutcome, TokenWait } from '../states/context.js';
import { ActivityQueues, type ActivityTask, type GetActivityTaskOptions } from './activities.js';

/** An answer the API refuses, with AWS's error code (the SDK's exception name). */
export class TaskTokenError extends Error {
  constructor(
    readonly code: 'InvalidToken' | 'TaskDoesNotExist' | 'TaskTimedOut' | 'ActivityDoesNotExist' | 'InvalidOutput',
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

export interface CallbackHubOptions {
  /** Whether an activity exists; default: every activity does (no engine keeps a list). */
  readonly activityExists?: (activityArn: string) => boolean;
}

const TOKEN_PREFIX = 'AAAA';
/** AWS: a token is at most 1024 characters. */
const MAX_TOKEN_LENGTH = 1024;

/** The token of one attempt of one Task visit: opaque to users, decoded only by the hub. */
export function taskToken(executionArn: string, threadPath: string, visit: number, attempt: number): string {
  return TOKEN_PREFIX + Buffer.from(JSON.stringify([executionArn, threadPath, visit, attempt]), 'utf8').toString('base64url');
}

/** The execution a token belongs to, or undefined when the text is no token of ours. */
export function tokenExecution(token: string): string | undefined {
  if (token.length > MAX_TOKEN_LENGTH || !token.startsWith(TOKEN_PREFIX)) return undefined;
  try {
    const parts: unknown = JSON.parse(Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.length === 4 && typeof parts[0] === 'string') return parts[0];
  } catch {
    // not ours
  }
  return undefined;
}

interface Waiter extends TokenWait {
  settle(outcome: TaskOutcome): void;
}

export class CallbackHub {
  /** By token; a LiveTable, not a Map: tokens come and go with every task (live-table.ts says why). */
  private readonly waiting = new LiveTable<Waiter>();
  /** Executions that have handed out a token, so that a stale one is told from a foreign one. */
  private readonly known = new Set<string>();
  readonly activities: ActivityQueues;

  constructor(options: CallbackHubOptions = {}) {
    this.activities = new ActivityQueues(options.activityExists ?? (() => true), (token, worker) => this.waiting.get(token)?.onWorker?.(worker));
  }

  /** Registers a task's wait for its token; a second wait for the same token replaces the first (a resumed attempt). */
  awaitToken(token: string): TokenWait {
    const execution = tokenExecution(token);
    if (execution !== undefined) this.remember(execution);
    let settle!: (outcome: TaskOutcome) => void;
    const outcome = new Promise<TaskOutcome>((resolve) => (settle = resolve));
    const waiter: Waiter = {
      outcome,
      onHeartbeat: undefined,
      onWorker: undefined,
      settle: (answer) => {
        this.release(token, waiter);
        settle(answer);
      },
      dispose: () => this.release(token, waiter),
    };
    this.waiting.set(token, waiter);
    return waiter;
  }

  offerActivity(offer: ActivityOffer): void {
    this.activities.offer(offer);
  }

  /** SendTaskSuccess: `output` is the task's result. */
  sendTaskSuccess(token: string, output: JsonValue): void {
    this.waiterFor(token).settle({ kind: 'success', output });
  }

  /** SendTaskFailure: the task fails with `error` (AWS records none when none is given) and `cause`. */
  sendTaskFailure(token: string, error = '', cause = ''): void {
    this.waiterFor(token).settle({ kind: 'failure', error, cause });
  }

  /** SendTaskHeartbeat: HeartbeatSeconds counts again from now. */
  sendTaskHeartbeat(token: string): void {
    this.waiterFor(token).onHeartbeat?.();
  }

  /** GetActivityTask: the oldest task of the activity, waiting up to `options.waitMs` for one. */
  getActivityTask(activityArn: string, options: GetActivityTaskOptions = {}): Promise<ActivityTask | undefined> {
    return this.activities.take(activityArn, options);
  }

  /** Tokens waiting for an answer now (for tests and diagnostics). */
  get waitingTokens(): string[] {
    return this.waiting.keys();
  }

  private waiterFor(token: string): Waiter {
    const waiter = this.waiting.get(token);
    if (waiter !== undefined) return waiter;
    const execution = tokenExecution(token);
    if (execution === undefined) throw new TaskTokenError('InvalidToken', "Invalid Token: 'Invalid token'");
    // AWS's answer for a token whose task has ended (answered, timed out, or its execution stopped).
    if (this.known.has(execution)) throw new TaskTokenError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    throw new TaskTokenError('TaskDoesNotExist', `Task Does Not Exist: no task of execution '${execution}' waits for this token here`);
  }

  private release(token: string, waiter: Waiter): void {
    if (this.waiting.get(token) === waiter) this.waiting.delete(token);
    this.activities.withdraw(token);
  }

  /** Bounded, so a server running for months does not keep every execution's name. */
  private remember(execution: string): void {
    if (this.known.has(execution)) return;
    if (this.known.size >= MAX_REMEMBERED) this.known.delete(this.known.values().next().value as string);
    this.known.add(execution);
  }
}

const MAX_REMEMBERED = 100_000;

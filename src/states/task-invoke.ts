// A Task's call to its integration, raced against its TimeoutSeconds deadline (ASL.md §7.2): the
// loser is aborted, so nothing outlives the state. Shared by request-response, .sync and the call
// a .waitForTaskToken task makes before it waits for its token.
import { linkSignal } from '../core/abort.js';
import { AslError, CancelledError } from '../core/errors.js';
import type { EventDetails } from '../core/events.js';
import type { JsonValue } from '../core/json.js';
import type { ParsedResource } from '../integrations/types.js';
import type { StateContext, Suspension } from './context.js';

/** Races the invocation against the deadline (if any); the loser is aborted so nothing outlives the state. */
export function invokeWithTimeout(
  ctx: StateContext,
  resource: ParsedResource,
  input: JsonValue,
  task: TaskSuspension,
  credentials: JsonValue | undefined,
  onSubmitted?: (response: JsonValue) => void,
): Promise<JsonValue> {
  return task.timeoutAt === undefined ? ctx.invoke(resource, input, ctx.signal, credentials, onSubmitted) : invokeWithDeadline(ctx, resource, input, task, task.timeoutAt, credentials, onSubmitted);
}

export type TaskSuspension = Extract<Suspension, { kind: 'task' }>;

async function invokeWithDeadline(
  ctx: StateContext,
  resource: ParsedResource,
  input: JsonValue,
  task: TaskSuspension,
  timeoutAt: number,
  credentials: JsonValue | undefined,
  onSubmitted: ((response: JsonValue) => void) | undefined,
): Promise<JsonValue> {
  const link = linkSignal(ctx.signal);
  const timer = ctx.clock.sleep(Math.max(0, timeoutAt - ctx.clock.now()), link.signal, task).then(
    () => 'timeout' as const,
    () => 'cancelled' as const,
  );
  const work = ctx.invoke(resource, input, link.signal, credentials, onSubmitted);
  try {
    const winner = await Promise.race([work.then((value) => ({ value })), timer]);
    if (winner === 'timeout') {
      // The work is told to stop; AWS does not wait for it, and neither do we.
      link.abort(new CancelledError('task timed out'));
      work.catch(() => undefined);
      throw new AslError('States.Timeout', '', false);
    }
    if (winner === 'cancelled') throw ctx.signal.reason;
    return winner.value;
  } finally {
    link.abort(TASK_SETTLED);
    link.dispose();
  }
}

/** Why a settled task's deadline is called off; nobody sees it, so one instance serves every task. */
const TASK_SETTLED = new CancelledError('task settled');

export function scheduledDetails(base: EventDetails | undefined, bare: boolean, input: JsonValue, region: string, timeout: number | undefined, heartbeat: number | undefined): EventDetails {
  return {
    ...base,
    ...(bare ? { input } : { region, parameters: input }),
    ...(timeout !== undefined ? { timeoutInSeconds: timeout } : {}),
    ...(heartbeat !== undefined && !bare ? { heartbeatInSeconds: heartbeat } : {}),
  };
}

export const taskEvents = { scheduled: 'TaskScheduled', started: 'TaskStarted', succeeded: 'TaskSucceeded', failed: 'TaskFailed', timedOut: 'TaskTimedOut' } as const;

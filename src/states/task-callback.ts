// Tasks that wait for their token (INTEGRATIONS.md §4, §5): a `.waitForTaskToken` Task calls its
// service with the token in its parameters (TaskSubmitted holds the response), an activity Task
// queues its input for a worker; then either waits for SendTaskSuccess / SendTaskFailure, with
// TimeoutSeconds (States.Timeout) and HeartbeatSeconds (States.HeartbeatTimeout, counted again from
// every SendTaskHeartbeat) as deadlines. The wait is registered before the token goes out: a
// service may answer before its call returns. A resumed task that had handed out its token waits
// for that same token again, without calling the service twice.
import { linkSignal } from '../core/abort.js';
import { AslError, CancelledError, isCancellation } from '../core/errors.js';
import type { EventDetails } from '../core/events.js';
import type { JsonValue } from '../core/json.js';
import type { ParsedResource } from '../integrations/types.js';
import type { StateContext, StepResult, Suspension, TaskOutcome, TokenWait } from './context.js';
import { invokeWithTimeout, scheduledDetails, taskEvents } from './task-invoke.js';

export interface CallbackTiming {
  readonly timeout: number | undefined;
  readonly heartbeat: number | undefined;
  readonly credentials: JsonValue | undefined;
}

type CallbackSuspension = Extract<Suspension, { kind: 'callback' }>;

const activityEvents = {
  scheduled: 'ActivityScheduled',
  started: 'ActivityStarted',
  succeeded: 'ActivitySucceeded',
  failed: 'ActivityFailed',
  timedOut: 'ActivityTimedOut',
} as const;

export async function runCallbackTask(resource: ParsedResource, input: JsonValue, ctx: StateContext, timing: CallbackTiming): Promise<StepResult> {
  const activity = resource.service === 'activity';
  const ids = activity ? activityEvents : taskEvents;
  const recording = ctx.recording;
  const base: EventDetails = activity ? {} : { resourceType: resource.historyResourceType, resource: resource.historyResource };
  const tokenOut = ctx.suspension?.kind === 'callback' ? ctx.suspension : undefined;
  const callInFlight = ctx.suspension?.kind === 'task' ? ctx.suspension : undefined;
  if (tokenOut === undefined && callInFlight === undefined) {
    ctx.emit(ids.scheduled, recording ? (activity ? activityScheduled(resource, input, timing) : scheduledDetails(base, false, input, ctx.region, timing.timeout, timing.heartbeat)) : undefined);
    if (!activity) ctx.emit(ids.started, base);
  }
  const now = ctx.clock.now();
  const since = tokenOut?.since ?? callInFlight?.since ?? now;
  const rank = tokenOut?.rank ?? callInFlight?.rank ?? ctx.lastEventId;
  const timeoutAt = tokenOut?.timeoutAt ?? callInFlight?.timeoutAt ?? (timing.timeout === undefined ? undefined : now + timing.timeout * 1000);
  const token = tokenOut?.token ?? ctx.taskToken;
  const wait = ctx.awaitToken(token);
  try {
    let waiting: CallbackSuspension = tokenOut ?? { kind: 'callback', token, timeoutAt, heartbeatAt: undefined, since, rank };
    const heartbeatFromNow = (): number | undefined => (timing.heartbeat === undefined ? undefined : ctx.clock.now() + timing.heartbeat * 1000);
    // Set while the task waits: makes it wait again, to a deadline that moved.
    const waker: Waker = { wake: undefined };
    wait.onHeartbeat = () => {
      if (timing.heartbeat === undefined) return;
      waiting = { ...waiting, heartbeatAt: heartbeatFromNow() };
      // While the service call is still in flight, the visit's suspension stays the call's.
      if (ctx.suspension?.kind === 'callback') ctx.suspension = waiting;
      waker.wake?.();
    };
    if (activity) {
      // HeartbeatSeconds counts from the moment a worker takes the task.
      wait.onWorker = (workerName) => {
        ctx.emit(ids.started, recording ? { workerName } : undefined);
        ctx.suspension = waiting = { ...waiting, heartbeatAt: heartbeatFromNow(), worker: workerName };
        waker.wake?.();
      };
      ctx.suspension = waiting;
      // A task a worker had taken before the restart stays with that worker; any other is queued (again).
      if (waiting.worker === undefined) ctx.offerActivity({ activityArn: resource.arn, token, input: JSON.stringify(input), ...(tokenOut === undefined ? {} : { resumed: true }) });
    } else if (tokenOut === undefined) {
      const call = callInFlight ?? { kind: 'task' as const, timeoutAt, since, rank };
      ctx.suspension = call;
      const response = await invokeWithTimeout(ctx, resource, input, call, timing.credentials);
      ctx.emit('TaskSubmitted', recording ? { ...base, output: response } : undefined);
      ctx.suspension = waiting = { ...waiting, heartbeatAt: heartbeatFromNow() };
    }
    const outcome = await answerOrDeadline(ctx, wait, () => waiting, waker);
    if (outcome.kind === 'failure') throw new AslError(outcome.error, outcome.cause, false);
    ctx.checkPayload(outcome.output, activity ? resource.arn : resource.historyResourceType);
    ctx.suspension = undefined;
    ctx.emit(ids.succeeded, recording ? { ...base, output: outcome.output } : undefined);
    return { result: outcome.output };
  } catch (error) {
    ctx.suspension = undefined;
    if (isCancellation(error) || !(error instanceof AslError)) throw error;
    const timedOut = error.error === 'States.Timeout' || error.error === 'States.HeartbeatTimeout';
    // As task.ts records them: a timeout carries its error only, a failure its cause too.
    ctx.emit(timedOut ? ids.timedOut : ids.failed, recording ? { ...base, error: error.error, ...(timedOut ? {} : { cause: error.cause ?? '' }) } : undefined);
    throw error;
  } finally {
    wait.dispose();
  }
}

function activityScheduled(resource: ParsedResource, input: JsonValue, timing: CallbackTiming): EventDetails {
  return {
    resource: resource.arn,
    input,
    ...(timing.timeout !== undefined ? { timeoutInSeconds: timing.timeout } : {}),
    ...(timing.heartbeat !== undefined ? { heartbeatInSeconds: timing.heartbeat } : {}),
  };
}

interface Waker {
  wake: (() => void) | undefined;
}

/**
 * Waits for the answer, or the earlier of TimeoutSeconds and HeartbeatSeconds; a heartbeat (or a
 * worker taking an activity task) moves the latter, and wakes the wait to wait again. Rejects with
 * the execution's reason when it stops.
 */
async function answerOrDeadline(ctx: StateContext, wait: TokenWait, current: () => CallbackSuspension, waker: Waker): Promise<TaskOutcome> {
  for (;;) {
    const link = linkSignal(ctx.signal);
    waker.wake = () => link.abort(HEARTBEAT);
    const { timeoutAt, heartbeatAt, since, rank } = current();
    const deadline = earliest(timeoutAt, heartbeatAt);
    const stopped = new Promise<'stopped'>((resolve) => link.signal.addEventListener('abort', () => resolve('stopped'), { once: true }));
    const timer =
      deadline === undefined
        ? stopped
        : ctx.clock.sleep(Math.max(0, deadline - ctx.clock.now()), link.signal, { since, rank }).then(
            () => 'due' as const,
            () => 'stopped' as const,
          );
    try {
      const winner = await Promise.race([wait.outcome, timer]);
      if (winner === 'due') {
        const timedOut = timeoutAt !== undefined && timeoutAt <= ctx.clock.now();
        throw new AslError(timedOut ? 'States.Timeout' : 'States.HeartbeatTimeout', '', false);
      }
      if (winner !== 'stopped') return winner;
      if (ctx.signal.aborted) throw ctx.signal.reason;
      // A heartbeat: wait again, to the new deadline.
    } finally {
      waker.wake = undefined;
      link.abort(SETTLED);
      link.dispose();
    }
  }
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

/** Why a wait is restarted (a heartbeat) or called off (the task settled); nobody sees them. */
const HEARTBEAT = new CancelledError('task heartbeat');
const SETTLED = new CancelledError('callback task settled');

// ASL.md §7.2: invoke the resource, with TimeoutSeconds as a deadline raced against the work,
// recording the events AWS records (Task* for integrations, LambdaFunction* for a bare ARN).
import { AslError, isCancellation } from '../core/errors.js';
import type { EventDetails } from '../core/events.js';
import type { JsonValue } from '../core/json.js';
import type { CompiledTask } from '../definition/compiled.js';
import { MAX_SECONDS } from '../definition/schema/common.js';
import type { CompiledPath } from '../paths/evaluate-types.js';
import type { StateContext, StepResult } from './context.js';
import { runCallbackTask } from './task-callback.js';
import { invokeWithTimeout, scheduledDetails, taskEvents } from './task-invoke.js';

export function runTask(state: CompiledTask, input: JsonValue, ctx: StateContext): Promise<StepResult> {
  const resource = ctx.resource(state.resource);
  // The *SecondsPath fields read the state input (after InputPath), not the Parameters result.
  const timeout = state.timeoutSeconds ?? seconds(state.timeoutSecondsPath, 'TimeoutSecondsPath', ctx.stateInput, ctx);
  const heartbeat = state.heartbeatSeconds ?? seconds(state.heartbeatSecondsPath, 'HeartbeatSecondsPath', ctx.stateInput, ctx);
  // Credentials ({"RoleArn": ...}) read the state input, like the *SecondsPath fields; the aws backend assumes the role.
  const credentials = state.credentials?.evaluate(ctx.data(ctx.stateInput));
  // A task that waits for its token (unless mocks answer it: then the mocked result is the result).
  if ((resource.pattern === 'waitForTaskToken' || resource.service === 'activity') && !ctx.mocked) {
    return runCallbackTask(resource, input, ctx, { timeout, heartbeat, credentials });
  }
  const bare = resource.functionArn !== undefined && resource.action === 'function';
  const ids = bare ? lambdaEvents : taskEvents;
  // Event details are only built when someone keeps or watches the history (a 10,000-item Map in
  // an Express run without history calls this 10,000 times).
  const recording = ctx.recording;
  const base: EventDetails | undefined = !recording ? undefined : bare ? { resource: resource.arn } : { resourceType: resource.historyResourceType, resource: resource.historyResource };
  // Resumed from a snapshot while in flight: the task is invoked again (at least once), and its
  // Scheduled and Started events, already in the history, are not recorded twice.
  const resumed = ctx.suspension?.kind === 'task' ? ctx.suspension : undefined;
  if (resumed === undefined) {
    ctx.emit(ids.scheduled, recording ? scheduledDetails(base, bare, input, ctx.region, timeout, heartbeat) : undefined);
    ctx.emit(ids.started, bare ? undefined : base);
  }
  const timeoutAt = resumed !== undefined ? resumed.timeoutAt : timeout === undefined ? undefined : ctx.clock.now() + timeout * 1000;
  // When the task began, and the id of its Started event: a resumed deadline keeps its place among
  // timers due at the same instant.
  const suspension = resumed ?? { kind: 'task' as const, timeoutAt, since: ctx.clock.now(), rank: ctx.lastEventId };
  ctx.suspension = suspension;
  const failed = (error: unknown): never => {
    ctx.suspension = undefined;
    if (isCancellation(error) || !(error instanceof AslError)) throw error;
    const timedOut = error.error === 'States.Timeout';
    ctx.emit(timedOut ? ids.timedOut : ids.failed, recording ? { ...(bare ? {} : base), error: error.error, ...(timedOut ? {} : { cause: error.cause ?? '' }) } : undefined);
    throw error;
  };
  // Promise callbacks rather than an async function: this runs once per item of a 10,000-item Map.
  // A .sync job records TaskSubmitted once it has started, once per attempt (not again when resumed).
  const onSubmitted =
    resource.pattern !== 'sync'
      ? undefined
      : (response: JsonValue): void => {
          const current = ctx.suspension;
          if (current?.kind !== 'task' || current.submitted === true) return;
          ctx.suspension = { ...current, submitted: true };
          ctx.emit('TaskSubmitted', recording ? { ...base, output: response } : undefined);
        };
  return invokeWithTimeout(ctx, resource, input, suspension, credentials, onSubmitted).then((result) => {
    ctx.suspension = undefined;
    try {
      ctx.checkPayload(result, bare ? resource.arn : resource.historyResourceType);
    } catch (error) {
      failed(error);
    }
    ctx.emit(ids.succeeded, recording ? { ...(bare ? {} : base), output: result } : undefined);
    return { result };
  }, failed);
}

const lambdaEvents = {
  scheduled: 'LambdaFunctionScheduled',
  started: 'LambdaFunctionStarted',
  succeeded: 'LambdaFunctionSucceeded',
  failed: 'LambdaFunctionFailed',
  timedOut: 'LambdaFunctionTimedOut',
} as const;

/** TimeoutSecondsPath / HeartbeatSecondsPath must name a positive integer of at most 99999999 (ASL.md §7.2). */
function seconds(path: CompiledPath | undefined, field: string, input: JsonValue, ctx: StateContext): number | undefined {
  if (!path) return undefined;
  const value = path.select(ctx.data(input));
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw AslError.runtime(`The ${field} field refers to value ${JSON.stringify(value)} which is not a positive integer: ${path.text}`);
  }
  if (value > MAX_SECONDS) {
    throw AslError.runtime(`The ${field} field refers to value ${value} which is larger than ${MAX_SECONDS}, the most a definition may state: ${path.text}`);
  }
  return value;
}

// Picks the integration for a Task Resource and calls it. This is the ONE place where foreign
// errors become ASL errors (ARCHITECTURE.md 1.6, habit 4): whatever an integration or a user's
// handler throws leaves here as an AslError, or as the cancellation that stopped it — so the
// runtime's Retry/Catch code never sees a raw Error.
import { AslError, isCancellation } from '../core/errors.js';
import type { JsonValue } from '../core/json.js';
import { createLambdaIntegration } from './lambda.js';
import type { Integration, LambdaHandler, ParsedResource, TaskContext, TaskRequest } from './types.js';

export interface IntegrationRegistry {
  /** The first integration, in registration order, that supports the resource. */
  resolve(resource: ParsedResource): Integration | undefined;
  /**
   * Invokes the resource's integration. Rejects with an AslError, or with the signal's reason
   * (a cancellation) when the task is stopped — also when the integration ignores the signal.
   */
  invoke(request: TaskRequest, context: TaskContext): Promise<JsonValue>;
}

/** Integrations are consulted in order, so user-supplied ones go before the built-in defaults. */
export function createIntegrationRegistry(integrations: readonly Integration[]): IntegrationRegistry {
  const resolve = (resource: ParsedResource): Integration | undefined => integrations.find((i) => i.supports(resource));
  return {
    resolve,
    async invoke(request, context) {
      const integration = resolve(request.resource);
      if (integration === undefined) throw unsupported(request.resource);
      const { signal } = context;
      if (signal.aborted) throw signal.reason;
      try {
        return await untilAborted(integration.invoke(request, context), signal);
      } catch (thrown) {
        if (signal.aborted && isCancellation(signal.reason)) throw signal.reason;
        throw isCancellation(thrown) ? thrown : toAslError(thrown);
      }
    },
  };
}

/**
 * Converts anything thrown by integration code into an AslError:
 * - an AslError passes through unchanged;
 * - an Error becomes error = its `name`, cause = its `message`. "Error" is kept as is rather than
 *   renamed: AWS reports a Node.js function's plain `throw new Error()` under errorType "Error"
 *   (INTEGRATIONS.md §2.3), and the recorded Python functions' errors arrive under their own
 *   errorType ("Exception", "CustomException"), which is their `name` here;
 * - any other thrown value becomes States.TaskFailed with the value's text as the cause.
 */
export function toAslError(thrown: unknown): AslError {
  if (thrown instanceof AslError) return thrown;
  if (thrown instanceof Error) return new AslError(thrown.name === '' ? 'Error' : thrown.name, thrown.message);
  return new AslError('States.TaskFailed', describe(thrown));
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function unsupported(resource: ParsedResource): AslError {
  const how =
    resource.service === 'lambda'
      ? 'register the function as a local handler (the `lambdas` option, or `asl run --lambda NAME=./module.js#export`)'
      : 'register an Integration for it (the `integrations` option)';
  return AslError.runtime(`The resource ${resource.arn} is not supported by asl-engine; ${how}.`);
}

/**
 * Settles with the work, or rejects with the signal's reason as soon as it aborts, so a handler
 * that ignores its signal cannot keep a timed-out or stopped task alive. The listener is removed
 * when the work settles: one Map over 10,000 tasks must not pile listeners onto a shared signal.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

export interface DefaultRegistryOptions {
  /** User integrations: consulted before the built-in ones, so they can override them. */
  readonly integrations?: readonly Integration[];
  /** Local Lambda functions by name or ARN (createLambdaIntegration). */
  readonly lambdas?: Readonly<Record<string, LambdaHandler>>;
  readonly region?: string;
  readonly accountId?: string;
}

/** The registry a state machine uses: the user's integrations, then the in-memory Lambda. */
export function createDefaultIntegrationRegistry(options: DefaultRegistryOptions = {}): IntegrationRegistry {
  const where = { ...(options.region === undefined ? {} : { region: options.region }), ...(options.accountId === undefined ? {} : { accountId: options.accountId }) };
  return createIntegrationRegistry([...(options.integrations ?? []), createLambdaIntegration(options.lambdas ?? {}, where)]);
}

// Picks the integration for a Task Resource and calls it. Foreign errors become ASL errors at this
// boundary (ARCHITECTURE.md 1.6, habit 4; the conversion is foreign-error.ts): whatever an
// integration or a user's handler throws leaves here as an AslError, or as the cancellation that
// stopped it — so the runtime's Retry/Catch code never sees a raw Error. Built-in integrations
// that settle their own calls (settlesOnAbort) convert with the same function.
import { addAbortCallback, isAborted, removeAbortCallback } from '../core/abort.js';
import { AslError, isCancellation } from '../core/errors.js';
import type { JsonValue } from '../core/json.js';
import { toAslError } from './foreign-error.js';
import { createAwsLambdaIntegration } from './aws-backend-lambda.js';
import type { ServiceBackend } from './backend.js';
import { createHttpIntegration } from './http.js';
import { createLambdaIntegration } from './lambda.js';
import { type BackendChooser, NO_BACKENDS } from './service-call.js';
import { createServiceIntegrations } from './services.js';
import type { Integration, LambdaHandler, ParsedResource, TaskContext, TaskRequest } from './types.js';

export { toAslError };

export interface IntegrationRegistry {
  /** The first integration, in registration order, that supports the resource. */
  resolve(resource: ParsedResource): Integration | undefined;
  /**
   * Invokes the resource's integration. Rejects with an AslError, or with the signal's reason
   * (a cancellation) when the task is stopped — also when the integration ignores the signal.
   */
  invoke(request: TaskRequest, context: TaskContext): Promise<JsonValue>;
  /** Whether mocks answer the Tasks of this state (a mocked registry); absent: none are mocked. */
  mocks?(stateName: string): boolean;
}

/** Integrations are consulted in order, so user-supplied ones go before the built-in defaults. */
export function createIntegrationRegistry(integrations: readonly Integration[]): IntegrationRegistry {
  const resolve = (resource: ParsedResource): Integration | undefined => integrations.find((i) => i.supports(resource));
  // Resources are parsed once per machine, so the same object comes back on every call.
  const resolved = new WeakMap<ParsedResource, Integration | undefined>();
  return {
    resolve,
    invoke(request, context) {
      const { resource } = request;
      let integration = resolved.get(resource);
      if (integration === undefined && !resolved.has(resource)) resolved.set(resource, (integration = resolve(resource)));
      if (integration === undefined) return Promise.reject(unsupported(resource));
      const { signal } = context;
      if (isAborted(signal)) return Promise.reject(signal.reason);
      let work: Promise<JsonValue>;
      try {
        work = integration.invoke(request, context);
      } catch (thrown) {
        work = Promise.reject(thrown);
      }
      return integration.settlesOnAbort === true ? work : untilAborted(work, signal);
    },
  };
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
 * that ignores its signal cannot keep a timed-out or stopped task alive. The abort callback is
 * removed when the work settles: one Map over 10,000 tasks must not pile them onto a shared signal.
 */
function untilAborted(work: Promise<JsonValue>, signal: AbortSignal): Promise<JsonValue> {
  return new Promise<JsonValue>((resolve, reject) => {
    addAbortCallback(signal, reject);
    work.then(
      (value) => {
        removeAbortCallback(signal, reject);
        resolve(value);
      },
      (thrown: unknown) => {
        removeAbortCallback(signal, reject);
        if (signal.aborted && isCancellation(signal.reason)) reject(signal.reason);
        else reject(isCancellation(thrown) ? thrown : toAslError(thrown));
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
  /**
   * The backend serving each AWS service (SDK client id: 'sns', 'dynamodb', ...) for the service
   * integrations; without it, service tasks fail with States.Runtime naming the ways out.
   */
  readonly backends?: BackendChooser;
  /** Lambda functions on this backend (the aws backend: real functions) instead of local handlers. */
  readonly lambdaBackend?: ServiceBackend;
}

/** The registry a state machine uses: the user's integrations, Lambda (local or aws), the service integrations, then the HTTP Task. */
export function createDefaultIntegrationRegistry(options: DefaultRegistryOptions = {}): IntegrationRegistry {
  const where = { ...(options.region === undefined ? {} : { region: options.region }), ...(options.accountId === undefined ? {} : { accountId: options.accountId }) };
  return createIntegrationRegistry([
    ...(options.integrations ?? []),
    options.lambdaBackend === undefined ? createLambdaIntegration(options.lambdas ?? {}, where) : createAwsLambdaIntegration(options.lambdaBackend),
    ...createServiceIntegrations(options.backends ?? NO_BACKENDS),
    // No connections here: pass createHttpIntegration({ connections }) in `integrations` to add some.
    createHttpIntegration(),
  ]);
}

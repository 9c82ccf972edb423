// Shared by the service integration tests: a scripted ServiceBackend that records each call and
// answers from per-action handlers, and a one-call runner that returns the result or the AslError.
import { VirtualClock } from '../../../src/core/clock.js';
import { AslError } from '../../../src/core/errors.js';
import type { JsonObject, JsonValue } from '../../../src/core/json.js';
import { type ServiceBackend, type ServiceCall, ServiceError, withResponseMetadata } from '../../../src/integrations/backend.js';
import { parseResource } from '../../../src/integrations/resource.js';
import { createServiceIntegrations } from '../../../src/integrations/services.js';
import type { TaskContext } from '../../../src/integrations/types.js';
import { createLocalWorld, type LocalWorld, type WorldSeed } from '../../../src/world/world.js';

export const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
export const EXECUTION_ARN = 'arn:aws:states:eu-west-1:222222222222:execution:Orders:run-1';

export type Handler = (input: JsonObject) => JsonObject;

export interface ScriptedBackend extends ServiceBackend {
  readonly calls: ServiceCall[];
}

/** Answers "<service> <Action>" from `handlers`; any other call is a ServiceError, as an unknown action would be. */
export function scriptedBackend(handlers: Record<string, Handler>, kind = 'local', served: readonly string[] = ['sns', 'sqs', 'dynamodb', 'eventbridge', 's3', 'sfn', 'secrets-manager']): ScriptedBackend {
  const calls: ServiceCall[] = [];
  return {
    kind,
    calls,
    serves: (service) => served.includes(service),
    call(call) {
      calls.push(call);
      const handler = handlers[`${call.service} ${call.action}`];
      if (handler === undefined) return Promise.reject(new ServiceError(call.service, 'InvalidAction', `no ${call.action}`));
      try {
        return Promise.resolve(handler(call.input));
      } catch (err) {
        return Promise.reject(err);
      }
    },
  };
}

/** A response carrying the backend's request id and status, as both backends attach them. */
export function replied(response: JsonObject, requestId = 'req-0001', httpStatusCode = 200): JsonObject {
  return withResponseMetadata(response, { requestId, httpStatusCode });
}

export function fails(service: string, code: string, message: string, status = 400, requestId = 'req-err'): Handler {
  return () => {
    throw new ServiceError(service, code, message, status, { requestId });
  };
}

export function taskContext(signal: AbortSignal = new AbortController().signal): TaskContext {
  return { signal, sleep: () => Promise.resolve(), now: () => NOW, executionArn: EXECUTION_ARN };
}

/** Runs one Task resource through the service integrations; resolves to its result or its AslError. */
export async function run(backend: ServiceBackend | undefined, arn: string, parameters: JsonValue, credentials?: JsonValue): Promise<JsonValue | AslError> {
  const resource = parseResource(arn);
  const integration = createServiceIntegrations(() => backend).find((i) => i.supports(resource));
  if (integration === undefined) throw new Error(`no integration supports ${arn}`);
  try {
    return await integration.invoke({ resource, parameters, stateName: 'Task', taskToken: undefined, credentials }, taskContext());
  } catch (err) {
    if (err instanceof AslError) return err;
    throw err;
  }
}

/** The AslError a run ended with (fails the test when it succeeded). */
export function asFailure(outcome: JsonValue | AslError): { error: string; cause: string | undefined } {
  if (!(outcome instanceof AslError)) throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`);
  return { error: outcome.error, cause: outcome.cause };
}

/** Whether any service integration takes this resource. */
export function supported(arn: string): boolean {
  const resource = parseResource(arn);
  return createServiceIntegrations(() => undefined).some((i) => i.supports(resource));
}

/** A real local world in eu-west-1, account 222222222222, on a virtual clock at NOW. */
export function localWorld(seed?: WorldSeed): LocalWorld {
  return createLocalWorld({ region: 'eu-west-1', accountId: '222222222222', clock: new VirtualClock({ startMs: NOW }), ...(seed ? { seed } : {}) });
}

export const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/222222222222/jobs';
export const TOPIC_ARN = 'arn:aws:sns:eu-west-1:222222222222:alerts';

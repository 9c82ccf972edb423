// Mocks as an integration decorator (ARCHITECTURE.md 1.10): a registry that answers the Tasks of
// mocked states from their responses and hands every other Task to the registry it wraps, so mocked
// and real states mix in one run and the runtime never knows which is which. One is made per
// execution, because Step Functions Local numbers a state's invocations across the whole execution:
// retries, loops back to the state, Map iterations and Parallel branches all count.
import { isAborted } from '../core/abort.js';
import { AslError } from '../core/errors.js';
import { cloneJson, isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import { responseFor, type StateMocks } from './mock-config.js';
import type { IntegrationRegistry } from './registry.js';
import type { ParsedResource } from './types.js';

/**
 * Wraps `inner` for one execution. `source` names where the mocks came from (a test case) for the
 * message of a state that runs out of responses.
 */
export function createMockedRegistry(inner: IntegrationRegistry, mocks: ReadonlyMap<string, StateMocks>, source: string): IntegrationRegistry {
  const invocations = new Map<string, number>();
  return {
    resolve: (resource) => inner.resolve(resource),
    mocks: (stateName) => mocks.has(stateName),
    invoke(request, context) {
      const stateMocks = mocks.get(request.stateName);
      if (stateMocks === undefined) return inner.invoke(request, context);
      const invocation = invocations.get(request.stateName) ?? 0;
      invocations.set(request.stateName, invocation + 1);
      if (isAborted(context.signal)) return Promise.reject(context.signal.reason);
      const response = responseFor(stateMocks, invocation);
      // Step Functions Local fails the execution when a mocked Task has no response for an
      // invocation; calling the real service instead would hide the gap in the test.
      if (response === undefined) {
        const last = stateMocks.ranges[stateMocks.ranges.length - 1]?.to ?? -1;
        return Promise.reject(
          AslError.runtime(`The state is mocked by ${stateMocks.label} (${source}), which has responses for invocations 0-${last} only; this is invocation ${invocation}.`),
        );
      }
      if ('Throw' in response) return Promise.reject(new AslError(response.Throw.Error, response.Throw.Cause));
      return Promise.resolve(mockedTaskResult(request.resource, cloneJson(response.Return)));
    },
  };
}

/**
 * A mocked Return stands for the service's API response, as in Step Functions Local's examples (a
 * Lambda Invoke response, a DescribeExecution). What AWS Step Functions itself adds on the way to
 * the task result is added here, so that a mocked task's result has the shape a real one has.
 */
export function mockedTaskResult(resource: ParsedResource, value: JsonValue): JsonValue {
  if (!isJsonObject(value)) return value;
  if (resource.service === 'lambda' && isInvokeResponse(value)) {
    // A bare function ARN's result is the function's own result; lambda:invoke keeps the envelope,
    // in which an unqualified call reports the version it ran.
    if (resource.action === 'function') return value['Payload'] ?? null;
    if (resource.action === 'invoke' && !('ExecutedVersion' in value)) return { ExecutedVersion: '$LATEST', ...value };
  }
  if (resource.service === 'states' && resource.action === 'startExecution' && resource.pattern === 'sync' && value['Status'] === 'SUCCEEDED' && !('RedriveStatus' in value)) {
    return { ...value, RedriveCount: 0, RedriveStatus: 'NOT_REDRIVABLE', RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven' };
  }
  return value;
}

/** The Lambda Invoke API response shape: a numeric StatusCode and the function's Payload. */
function isInvokeResponse(value: JsonObject): boolean {
  return typeof value['StatusCode'] === 'number' && 'Payload' in value;
}

// One service call from a Task, through whichever backend was chosen for the service (the local
// world or the aws backend: backend.ts). Integrations never know which one answers; they get the
// API response and the HTTP facts, or an AslError in Step Functions' words for that integration.
import { addAbortCallback, isAborted, removeAbortCallback } from '../core/abort.js';
import { AslError, isCancellation } from '../core/errors.js';
import { isJsonObject, type JsonObject } from '../core/json.js';
import { isServiceError, responseMetadata, roleArnOf, type ServiceBackend, type ServiceError, type ServiceId } from './backend.js';
import { derivedRequestId } from './lambda-response.js';
import { backendFailure, notServed } from './service-errors.js';
import type { TaskContext, TaskRequest } from './types.js';

/** The backend serving a service (SDK client id: 'sns', 'dynamodb', 'secrets-manager'), if any. */
export type BackendChooser = (service: ServiceId) => ServiceBackend | undefined;

/** A chooser with no backend at all: every service task fails with the two ways out. */
export const NO_BACKENDS: BackendChooser = () => undefined;

export interface ServiceReply {
  readonly response: JsonObject;
  readonly requestId: string;
  readonly statusCode: number;
}

/** Translates a service's own failure into the integration's ASL error. */
export type FailureWording = (error: ServiceError, requestId: string) => AslError;

export interface ServiceRequest {
  /** SDK client id. */
  readonly client: ServiceId;
  /** API action, PascalCase. */
  readonly action: string;
  readonly input: JsonObject;
  /** Passed on as ServiceCall.idempotencyKey. */
  readonly idempotencyKey?: string;
  /** The response's body as a stream, when the backend can (ServiceBackend.callStreaming). */
  readonly streamBody?: boolean;
}

/**
 * Calls the service. Rejects with the task's cancellation as is, with the wording's AslError for a
 * ServiceError, with States.Runtime when no backend serves the service, and with States.TaskFailed
 * when a backend throws anything else.
 */
export async function callService(
  backends: BackendChooser,
  task: TaskRequest,
  context: TaskContext,
  call: ServiceRequest,
  wording: FailureWording,
): Promise<ServiceReply> {
  const { client, action, input } = call;
  const backend = backends(client);
  if (backend === undefined || !backend.serves(client)) throw notServed(task.resource, client, backend?.kind);
  const { signal } = context;
  let response: JsonObject;
  try {
    const roleArn = roleArnOf(task.credentials);
    const request = {
      service: client,
      action,
      input,
      signal,
      ...(roleArn === undefined ? {} : { roleArn }),
      ...(call.idempotencyKey === undefined ? {} : { idempotencyKey: call.idempotencyKey }),
    };
    const answer = call.streamBody === true && backend.callStreaming !== undefined ? backend.callStreaming(request) : backend.call(request);
    response = await (backend.settlesOnAbort === true ? answer : settledOnAbort(answer, signal));
  } catch (thrown) {
    if (isCancellation(thrown) || thrown instanceof AslError) throw thrown;
    if (signal.aborted && thrown === signal.reason) throw thrown;
    if (isServiceError(thrown)) throw wording(thrown, thrown.requestId === '' ? fallbackRequestId(task, context, call) : thrown.requestId);
    throw backendFailure(backend.kind, client, action, thrown);
  }
  if (!isJsonObject(response)) throw backendFailure(backend.kind, client, action, `the response is not a JSON object: ${JSON.stringify(response)}`);
  const metadata = responseMetadata(response);
  const requestId = metadata === undefined || metadata.requestId === '' ? fallbackRequestId(task, context, call) : metadata.requestId;
  return { response, requestId, statusCode: metadata?.httpStatusCode ?? 200 };
}

/**
 * The backend's answer, or the signal's reason as soon as it aborts: a backend that may not settle
 * on abort (an SDK call stuck on a black-holed endpoint) cannot keep a stopped task alive. The
 * abort callback goes when the answer settles, so 1,000 calls do not pile up on one signal.
 */
function settledOnAbort(answer: Promise<JsonObject>, signal: AbortSignal): Promise<JsonObject> {
  if (isAborted(signal)) return Promise.reject(signal.reason);
  return new Promise<JsonObject>((resolve, reject) => {
    addAbortCallback(signal, reject);
    answer.then(
      (value) => {
        removeAbortCallback(signal, reject);
        resolve(value);
      },
      (thrown: unknown) => {
        removeAbortCallback(signal, reject);
        reject(thrown);
      },
    );
  });
}

/**
 * A request id for a backend that gives none, derived from the call (not drawn at random) so that
 * a run under the virtual clock replays byte for byte (ARCHITECTURE.md 1.8).
 */
function fallbackRequestId(task: TaskRequest, context: TaskContext, call: ServiceRequest): string {
  return derivedRequestId(String(context.now()), call.client, call.action, task.stateName, JSON.stringify(call.input));
}


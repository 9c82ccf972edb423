// arn:aws:states:::states:startExecution[.sync|.sync:2|.waitForTaskToken] (INTEGRATIONS.md §3, AWS
// connect-stepfunctions): Step Functions starting another execution. Request-response (and the call
// a .waitForTaskToken task makes before it waits for its token) gives {ExecutionArn, StartDate} plus
// the SDK metadata; .sync and .sync:2 wait for the child's end (states-execution.ts shapes the
// result). Failures are StepFunctions.<Exception> with the v1 SDK cause
// (recorded: test_task_service_sfn.py test_start_execution_no_such_arn).
//
// A durable parent resumed while its Task was in flight invokes it again: the call names the
// attempt (its task token, the same whenever the attempt runs), and the engine's backends answer a
// repeated attempt with the child it started. The child's name, when the state gives none, is
// derived from the attempt too, so that a backend that does not know attempts (aws) answers
// idempotently while the child runs, and the child is adopted as it stands when it has ended.
import { addAbortCallback, isAborted, removeAbortCallback } from '../core/abort.js';
import { AslError, ExecutionAbortedError, isCancellation } from '../core/errors.js';
import { jsonEqual, type JsonObject, type JsonValue } from '../core/json.js';
import { toAslError } from './foreign-error.js';
import { derivedRequestId } from './lambda-response.js';
import { type BackendChooser, callService, type ServiceRequest } from './service-call.js';
import { backendFailure, optimizedFailure, type OptimizedVocabulary } from './service-errors.js';
import { serviceRequest } from './service-parameters.js';
import { withSdkMetadata } from './service-result.js';
import { isServiceError, roleArnOf, type ServiceBackend } from './backend.js';
import { childFailure, describedObject, epochMs, executionArnOf, type ExecutionWatcher, isRunning, syncResult, watchesExecutions } from './states-execution.js';
import type { Integration, ParsedResource, TaskContext, TaskRequest } from './types.js';

const VOCABULARY: OptimizedVocabulary = { client: 'sfn', prefix: 'StepFunctions', serviceName: 'AWSStepFunctions', catchAll: 'AWSStepFunctionsException' };
const wording = optimizedFailure.bind(undefined, VOCABULARY);
/** The parameters Step Functions accepts for StartExecution (connect-stepfunctions). */
const FIELDS = { Input: 'text', Name: 'string', StateMachineArn: 'string' } as const;
/** How often a backend that cannot be watched (the aws backend) is asked for the child's status: from 1 s, doubling to 10 s. */
const FIRST_POLL_MS = 1000;
const MAX_POLL_MS = 10_000;

export function createStatesIntegration(backends: BackendChooser): Integration {
  return {
    name: 'states',
    supports: (resource) => resource.service === 'states' && resource.action === 'startExecution',
    // callService settles on abort; everything here throws AslErrors or the cancellation.
    settlesOnAbort: true,
    async invoke(request: TaskRequest, context: TaskContext): Promise<JsonValue> {
      try {
        const { resource } = request;
        const start = await startChild(backends, request, context);
        if (resource.pattern !== 'sync') {
          return withSdkMetadata(
            { ExecutionArn: start.executionArn, StartDate: start.startDate },
            { style: 'sqs-json', action: 'StartExecution', requestId: start.requestId, statusCode: 200, nowMs: context.now() },
          );
        }
        const started = { ExecutionArn: start.executionArn, StartDate: start.startDate };
        const metadata = { style: 'sqs-json', action: 'StartExecution', requestId: start.requestId, statusCode: 200, nowMs: context.now() } as const;
        // The job has started: the Task records the start call's response as TaskSubmitted, as AWS does.
        request.onSubmitted?.(withSdkMetadata(started, metadata));
        const parsed = isVersion2(resource);
        const described = await awaitChild(backends, request, context, start.executionArn);
        if (described['Status'] !== 'SUCCEEDED') throw childFailure(described, parsed);
        return syncResult(described, parsed);
      } catch (thrown) {
        throw isCancellation(thrown) ? thrown : toAslError(thrown);
      }
    },
  };
}

/** `.sync:2` (Output parsed) rather than `.sync`: the pattern is 'sync' for both, the suffix tells. */
function isVersion2(resource: ParsedResource): boolean {
  return resource.historyResource.endsWith('.sync:2');
}

interface StartedChild {
  readonly executionArn: string;
  readonly startDate: JsonValue;
  readonly requestId: string;
}

async function startChild(backends: BackendChooser, request: TaskRequest, context: TaskContext): Promise<StartedChild> {
  const input = serviceRequest(request.parameters, FIELDS);
  // AWS: "If you don't include any JSON input data, you still must include the two braces."
  if (input['Input'] === undefined) input['Input'] = '{}';
  const derived = input['Name'] === undefined;
  if (derived) input['Name'] = childName(request, context, input);
  const call: ServiceRequest = { client: 'sfn', action: 'StartExecution', input, ...(request.taskToken === undefined ? {} : { idempotencyKey: request.taskToken }) };
  try {
    const reply = await callService(backends, request, context, call, wording);
    return { executionArn: String(reply.response['ExecutionArn']), startDate: epochMs(reply.response['StartDate']), requestId: reply.requestId };
  } catch (thrown) {
    if (!derived || !(thrown instanceof AslError) || thrown.error !== 'StepFunctions.ExecutionAlreadyExistsException') throw thrown;
    // Our own name for this attempt is taken on a backend that does not know the attempt (aws): the
    // attempt ran before a restart and its child has ended since. The same child is the one this
    // attempt started; anything else is a clash.
    const adopted = await adoptChild(backends, request, context, input);
    if (adopted === undefined) throw thrown;
    return adopted;
  }
}

/** A name for the child that every run of this attempt derives alike (at most 80 characters, AWS's limit). */
function childName(request: TaskRequest, context: TaskContext, input: JsonObject): string {
  const attempt = request.taskToken ?? `${context.executionArn ?? ''}\u0000${request.stateName}\u0000${context.now()}`;
  return derivedRequestId('states:startExecution', attempt, JSON.stringify(input));
}

async function adoptChild(backends: BackendChooser, request: TaskRequest, context: TaskContext, input: JsonObject): Promise<StartedChild | undefined> {
  const executionArn = executionArnOf(String(input['StateMachineArn']), String(input['Name']));
  const reply = await callService(backends, request, context, { client: 'sfn', action: 'DescribeExecution', input: { ExecutionArn: executionArn } }, wording);
  const found = reply.response;
  if (found['StateMachineArn'] !== input['StateMachineArn'] || !sameInput(found['Input'], input['Input'])) return undefined;
  return { executionArn, startDate: epochMs(found['StartDate']), requestId: reply.requestId };
}

function sameInput(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return a === b;
  try {
    return jsonEqual(JSON.parse(a) as JsonValue, JSON.parse(b) as JsonValue);
  } catch {
    return a === b;
  }
}

/**
 * Waits for the child's end: the backend tells when it can (the engine's own executions), else it
 * is polled with DescribeExecution on the execution's clock. When the parent is stopped
 * (StopExecution / abort), the child is stopped too, as AWS does for the executions a .sync task
 * manages; a parent that is only suspended (its engine closing) leaves its child running.
 */
async function awaitChild(backends: BackendChooser, request: TaskRequest, context: TaskContext, executionArn: string): Promise<JsonObject> {
  const { signal } = context;
  const stopChild = (reason: unknown): void => {
    if (!(reason instanceof ExecutionAbortedError)) return;
    const cause = `The Task state in AWS Step Functions execution [${context.executionArn ?? ''}] which was managing this resource was aborted`;
    const roleArn = roleArnOf(request.credentials);
    const stop = backends('sfn')?.call({
      service: 'sfn',
      action: 'StopExecution',
      input: { ExecutionArn: executionArn, Cause: cause },
      signal: new AbortController().signal,
      ...(roleArn === undefined ? {} : { roleArn }),
    });
    // Best effort, as on AWS: a child that cannot be stopped (ended already) is no failure of the parent's.
    stop?.catch(() => undefined);
  };
  addAbortCallback(signal, stopChild);
  try {
    const backend = backends('sfn');
    if (watchesExecutions(backend)) return await watched(backend, executionArn, signal);
    const describe: ServiceRequest = { client: 'sfn', action: 'DescribeExecution', input: { ExecutionArn: executionArn } };
    for (let pause = FIRST_POLL_MS; ; pause = Math.min(pause * 2, MAX_POLL_MS)) {
      const described = describedObject((await callService(backends, request, context, describe, wording)).response);
      if (!isRunning(described)) return described;
      await context.sleep(pause, signal);
    }
  } finally {
    removeAbortCallback(signal, stopChild);
  }
}

/** The watching backend's answer, its failures in the words callService would give them. */
async function watched(backend: ServiceBackend & ExecutionWatcher, executionArn: string, signal: AbortSignal): Promise<JsonObject> {
  try {
    return await backend.awaitExecution(executionArn, signal);
  } catch (thrown) {
    if (isCancellation(thrown) || thrown instanceof AslError) throw thrown;
    if (isAborted(signal)) throw signal.reason;
    if (isServiceError(thrown)) throw wording(thrown, thrown.requestId === '' ? derivedRequestId('DescribeExecution', executionArn) : thrown.requestId);
    throw backendFailure(backend.kind, 'sfn', 'DescribeExecution', thrown);
  }
}

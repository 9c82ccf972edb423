// testState: AWS Step Functions' TestState API, offline. The definition is compiled as for a run,
// one execution runtime is built as createStateMachine builds one, and the state is visited once
// (test-state-visit.ts); the answer has the API's shape, payloads as JSON text.
import { newAbortController } from '../core/abort.js';
import { type Clock, SystemClock, VirtualClock } from '../core/clock.js';
import { AslError, CancelledError } from '../core/errors.js';
import { uuidV4 } from '../core/ids.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import { freshSeed, SeededRandom } from '../core/random.js';
import { parseRfc3339 } from '../core/timestamp.js';
import { lambdaOnAws } from '../integrations/aws-backend-lambda.js';
import { createDefaultIntegrationRegistry } from '../integrations/registry.js';
import { buildContextObject } from '../paths/context-object.js';
import { createStateMachine } from './execution.js';
import { CallbackHub } from './callbacks.js';
import { ExecutionRuntime } from './execution-runtime.js';
import { VariableScope } from './frame.js';
import { runScope } from './interpreter.js';
import { Thread } from './thread.js';
import { HistoryRecorder } from './history.js';
import { machineBackends } from './service-backends.js';
import { type HttpExchange, recordingHttpIntegration } from './test-state-http.js';
import { parseJsonField, parseMock, parseVariables, resolveDefinition } from './test-state-request.js';
import type { InspectionData, TestStateOptions, TestStateRequest, TestStateResponse } from './test-state-types.js';
import { TestStateRequestError } from './test-state-types.js';
import { type SeenValues, visitOnce, type VisitOutcome } from './test-state-visit.js';
import { DEFAULT_PAYLOAD_LIMIT_BYTES } from './types.js';
import { commitAssign } from './variables.js';

const LEVELS = new Set(['INFO', 'DEBUG', 'TRACE']);

/**
 * Tests one state as AWS's TestState API does. Resolves for every outcome of the state (status
 * SUCCEEDED, FAILED, RETRIABLE or CAUGHT_ERROR); rejects with TestStateRequestError for a request
 * AWS would refuse, and with DefinitionError for an invalid definition.
 */
export async function testState(request: TestStateRequest, options: TestStateOptions = {}): Promise<TestStateResponse> {
  const level = request.inspectionLevel ?? 'INFO';
  if (!LEVELS.has(level)) throw new TestStateRequestError('ValidationException', 'inspectionLevel', `inspectionLevel must be INFO, DEBUG or TRACE, not '${String(level)}'.`);
  const type = options.type ?? 'STANDARD';
  const { machine, state } = resolveDefinition(request.definition, request.stateName, type);
  const input = parseJsonField(request.input, 'input', {}) as JsonValue;
  const context = parseJsonField(request.context, 'context', undefined);
  if (context !== undefined && !isJsonObject(context)) throw new TestStateRequestError('ValidationException', 'context', "The field 'context' must be a JSON object (a context object).");
  const variables = parseVariables(request.variables);
  const mock = parseMock(request.mock, state, request.revealSecrets);
  const retriesMade = retriesFrom(request, context);

  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const name = options.name ?? 'StateMachine';
  const clock = options.clock ?? new VirtualClock({ autoAdvance: true, ...enteredAt(context) });
  const seed = options.seed ?? freshSeed();
  const random = new SeededRandom(seed);
  const executionName = uuidV4(random);
  const executionArn = `arn:aws:states:${region}:${accountId}:execution:${name}:${executionName}`;
  // TRACE shows an HTTP Task's request and response: a recording HTTP integration stands in for the built-in one.
  const exchange: HttpExchange = {};
  const integrations = [...(options.integrations ?? []), ...(level === 'TRACE' ? [recordingHttpIntegration(exchange)] : [])];
  const registry = createDefaultIntegrationRegistry({
    integrations,
    ...(options.lambdas ? { lambdas: options.lambdas } : {}),
    ...(options.awsBackend && lambdaOnAws(options.services, options.lambdas !== undefined) ? { lambdaBackend: options.awsBackend } : {}),
    region,
    accountId,
    backends: machineBackends(options, region, accountId, createStateMachine),
  });
  const generated = buildContextObject({
    execution: { id: executionArn, name: executionName, startTime: new Date(clock.now()).toISOString(), input, roleArn: request.roleArn ?? `arn:aws:iam::${accountId}:role/StepFunctionsRole` },
    stateMachine: { id: `arn:aws:states:${region}:${accountId}:stateMachine:${name}`, name },
    state: { name: '', enteredTime: '' },
  });
  const rt = new ExecutionRuntime({
    machine,
    clock,
    random,
    seed,
    recorder: new HistoryRecorder({ clock, keep: false, maxEvents: Infinity, onEvent: undefined }),
    region,
    executionArn,
    registry,
    // TestState runs one state: a token it hands out has no one to answer it but the caller's mocks.
    callbacks: new CallbackHub(),
    resources: new Map(),
    limits: { payloadBytes: options.payloadLimitBytes ?? DEFAULT_PAYLOAD_LIMIT_BYTES, maxTransitions: Infinity },
    contextBase: context === undefined ? generated : mergeContext(generated, context),
  });
  const controller = newAbortController();
  const frame = new Thread(rt, machine.root, undefined, 'root', 0, 0, new VariableScope(undefined), controller.signal, false, false, runScope, input);
  frame.state = state;
  commitAssign(rt, frame, variables);
  const seen: SeenValues = {};
  const outcome = await withTimeLimit(options.wallClock ?? BACKGROUND_SYSTEM_CLOCK, controller, () => visitOnce(rt, frame, { mock, retriesMade }, seen));
  const response = respond(outcome);
  if (level === 'INFO') return response;
  const inspectionData = inspection(input, seen, frame.variables.snapshot(), outcome);
  if (exchange.request) inspectionData.request = exchange.request;
  if (exchange.response) inspectionData.response = exchange.response;
  return { ...response, inspectionData };
}

/**
 * AWS stops a TestState call after five minutes with States.Timeout. Measured on the wall clock:
 * Waits and retry delays take no time on the virtual one, a hung integration still does.
 */
async function withTimeLimit(wallClock: Clock, controller: AbortController, visit: () => Promise<VisitOutcome>): Promise<VisitOutcome> {
  const timer = newAbortController();
  const expiry = wallClock.sleep(TIME_LIMIT_MS, timer.signal).then(
    () => controller.abort(new CancelledError(TIMED_OUT)),
    () => undefined,
  );
  try {
    return await visit();
  } catch (thrown) {
    if (!(controller.signal.reason instanceof CancelledError && controller.signal.reason.reason === TIMED_OUT)) throw thrown;
    return { status: 'FAILED', error: new AslError('States.Timeout', 'The state ran longer than 300 seconds, the most a TestState call may take.', false) };
  } finally {
    timer.abort(VISIT_SETTLED);
    await expiry;
  }
}

const TIME_LIMIT_MS = 300_000;
const TIMED_OUT = 'the TestState call ran 5 minutes';
const VISIT_SETTLED = new CancelledError('test state settled');
/** Times the limit without keeping the process alive for it. */
const BACKGROUND_SYSTEM_CLOCK = new SystemClock({ keepsProcessAlive: false });

/** How many retries were made already: stateConfiguration, else the context's State.RetryCount. */
function retriesFrom(request: TestStateRequest, context: JsonValue | undefined): number {
  const given = request.stateConfiguration?.retrierRetryCount;
  if (given !== undefined) {
    if (!Number.isInteger(given) || given < 0) throw new TestStateRequestError('ValidationException', 'stateConfiguration.retrierRetryCount', 'retrierRetryCount must be a non-negative integer.');
    return given;
  }
  const state = isJsonObject(context) ? context['State'] : undefined;
  const count = isJsonObject(state) ? state['RetryCount'] : undefined;
  return typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : 0;
}

/** A context's State.EnteredTime sets the virtual clock, so $$.State.EnteredTime and $now agree with it. */
function enteredAt(context: JsonValue | undefined): { startMs?: number } {
  const state = isJsonObject(context) ? context['State'] : undefined;
  const entered = isJsonObject(state) ? state['EnteredTime'] : undefined;
  const ms = typeof entered === 'string' ? parseRfc3339(entered) : undefined;
  return ms === undefined ? {} : { startMs: ms };
}

/** The given context's members over the generated ones (Execution and StateMachine member by member). */
function mergeContext(generated: JsonObject, given: JsonObject): JsonObject {
  const merged: JsonObject = { ...generated };
  for (const [key, value] of Object.entries(given)) {
    const base = merged[key];
    merged[key] = isJsonObject(base) && isJsonObject(value) ? { ...base, ...value } : value;
  }
  return merged;
}

function respond(outcome: VisitOutcome): TestStateResponse {
  switch (outcome.status) {
    case 'SUCCEEDED':
      return { status: 'SUCCEEDED', output: JSON.stringify(outcome.output), ...(outcome.next === undefined ? {} : { nextState: outcome.next }) };
    case 'CAUGHT_ERROR':
      return { status: 'CAUGHT_ERROR', output: JSON.stringify(outcome.output), ...errorFields(outcome.error), nextState: outcome.next };
    default:
      return { status: outcome.status, ...errorFields(outcome.error) };
  }
}

function errorFields(error: { readonly error: string; readonly cause: string | undefined }): { error?: string; cause?: string } {
  return { ...(error.error === '' ? {} : { error: error.error }), ...(error.cause === undefined ? {} : { cause: error.cause }) };
}

function inspection(input: JsonValue, seen: SeenValues, variables: Record<string, JsonValue>, outcome: VisitOutcome): InspectionData {
  const data: InspectionData = { input: JSON.stringify(input) };
  for (const key of ['afterInputPath', 'afterParameters', 'afterArguments', 'afterItemsPath', 'result', 'afterResultSelector', 'afterResultPath'] as const) {
    const value = seen[key];
    if (value !== undefined) data[key] = JSON.stringify(value);
  }
  for (const key of ['maxConcurrency', 'toleratedFailureCount', 'toleratedFailurePercentage'] as const) {
    const value = seen[key];
    if (value !== undefined) data[key] = value;
  }
  if (Object.keys(variables).length > 0) data.variables = JSON.stringify(variables);
  if (outcome.status === 'RETRIABLE') data.errorDetails = { retryIndex: outcome.retryIndex, retryBackoffIntervalSeconds: outcome.backoffSeconds };
  if (outcome.status === 'CAUGHT_ERROR') data.errorDetails = { catchIndex: outcome.catchIndex };
  return data;
}

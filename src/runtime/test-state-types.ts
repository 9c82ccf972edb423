// CONTRACT: the request and response of testState, in the shape of AWS Step Functions' TestState
// API (payloads are JSON text, as on the wire), plus the options that say where Tasks go.
import type { JsonValue } from '../core/json.js';
import type { StateMachineOptions } from './types.js';

export type InspectionLevel = 'INFO' | 'DEBUG' | 'TRACE';

export type TestStateStatus = 'SUCCEEDED' | 'FAILED' | 'RETRIABLE' | 'CAUGHT_ERROR';

export interface TestStateMock {
  /** JSON text: the result of the Task (before ResultSelector), or of the Map/Parallel (an array). */
  readonly result?: string;
  /** The error the state fails with instead. */
  readonly errorOutput?: { readonly error?: string; readonly cause?: string };
  /** Accepted for compatibility; the mocked result is not checked against the service's API model. */
  readonly fieldValidationMode?: 'STRICT' | 'PRESENT' | 'NONE';
}

export interface TestStateConfiguration {
  /** How many retries the matching Retrier has already made: at MaxAttempts the error goes on to Catch. */
  readonly retrierRetryCount?: number;
}

export interface TestStateRequest {
  /** One state (an object with `Type`), or a whole definition (with `States`) plus `stateName`; JSON or YAML text, or the value. */
  readonly definition: string | JsonValue;
  /** With a whole definition: the state to test (nested in a Parallel or Map too). Default: StartAt. */
  readonly stateName?: string;
  /** JSON text of the state's input. Default `{}`. */
  readonly input?: string;
  /** JSON text of a context object ($$); its members replace the generated ones. */
  readonly context?: string;
  /** JSON text of an object: the variables visible to the state. */
  readonly variables?: string;
  /** INFO (default): output, status, nextState, error; DEBUG adds inspectionData; TRACE too (and HTTP details). */
  readonly inspectionLevel?: InspectionLevel;
  readonly mock?: TestStateMock;
  readonly stateConfiguration?: TestStateConfiguration;
  /** Accepted for compatibility and ignored: nothing is assumed locally. */
  readonly roleArn?: string;
  /** Accepted for compatibility; a mock with revealSecrets is refused, as AWS does. */
  readonly revealSecrets?: boolean;
}

export interface InspectionErrorDetails {
  readonly retryIndex?: number;
  readonly retryBackoffIntervalSeconds?: number;
  readonly catchIndex?: number;
}

/** TRACE, HTTP Tasks: what was sent. */
export interface InspectionDataRequest {
  readonly protocol: string;
  readonly method: string;
  readonly url: string;
  /** JSON text of the header names and values. */
  readonly headers: string;
  readonly body: string;
}

/** TRACE, HTTP Tasks: what came back. */
export interface InspectionDataResponse {
  readonly protocol: string;
  readonly statusCode: string;
  readonly statusMessage: string;
  readonly headers: string;
  readonly body: string;
}

/** The data flow of the visit, each value as JSON text (DEBUG and TRACE). */
export interface InspectionData {
  input?: string;
  afterArguments?: string;
  afterInputPath?: string;
  afterParameters?: string;
  afterItemsPath?: string;
  /** Map: the MaxConcurrency and failure tolerance of the visit. */
  maxConcurrency?: number;
  toleratedFailureCount?: number;
  toleratedFailurePercentage?: number;
  result?: string;
  afterResultSelector?: string;
  afterResultPath?: string;
  variables?: string;
  request?: InspectionDataRequest;
  response?: InspectionDataResponse;
  errorDetails?: InspectionErrorDetails;
}

export interface TestStateResponse {
  readonly status: TestStateStatus;
  /** JSON text of the state's output (SUCCEEDED; CAUGHT_ERROR: the Catch's output). */
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  /** The state that would run next: Next, the Choice's pick, or the Catch's Next. */
  readonly nextState?: string;
  readonly inspectionData?: InspectionData;
}

/** Where unmocked Tasks go and how time passes: the options of createStateMachine that apply to one state. */
export type TestStateOptions = Pick<
  StateMachineOptions,
  'type' | 'clock' | 'wallClock' | 'seed' | 'lambdas' | 'integrations' | 'payloadLimitBytes' | 'name' | 'region' | 'accountId' | 'world' | 'services' | 'awsBackend' | 'stateMachines'
>;

/**
 * The request cannot be tested (AWS answers these with a 400): `code` is AWS's exception name and
 * `field` the request member at fault.
 */
export class TestStateRequestError extends Error {
  constructor(
    readonly code: 'ValidationException' | 'InvalidDefinition' | 'InvalidExecutionInput',
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'TestStateRequestError';
  }
}

// CONTRACT: service integrations (ARCHITECTURE.md 1.10). One module per service; each has an
// in-memory default and (later) an AWS SDK v3 implementation behind this same interface.
import type { JsonValue } from '../core/json.js';

export type IntegrationPattern = 'request-response' | 'sync' | 'waitForTaskToken';

/** A Task Resource, parsed once (integrations/resource.ts). */
export interface ParsedResource {
  readonly arn: string;
  /** 'lambda' for a bare function ARN or arn:aws:states:::lambda:invoke; 'sns', 'sqs', 'dynamodb', 'states', 'activity'... */
  readonly service: string;
  /** 'invoke', 'publish', 'sendMessage'...; for a bare function ARN: 'function'. */
  readonly action: string;
  readonly pattern: IntegrationPattern;
  /** For a bare Lambda ARN: the function ARN itself (history uses LambdaFunction* events). */
  readonly functionArn: string | undefined;
  /** The AWS resourceType/resource pair of TaskScheduled events, e.g. 'lambda' / 'invoke'. */
  readonly historyResourceType: string;
  readonly historyResource: string;
}

export interface TaskRequest {
  readonly resource: ParsedResource;
  /** The effective input (after InputPath/Parameters): the request payload. */
  readonly parameters: JsonValue;
  readonly stateName: string;
  /**
   * Present for .waitForTaskToken, and for states:startExecution (which derives the child's default
   * name from it): the same whenever this attempt runs, a resumed one included.
   */
  readonly taskToken: string | undefined;
  /** The Task's evaluated `Credentials` field ({"RoleArn": ...}), when it has one. */
  readonly credentials?: JsonValue | undefined;
  /**
   * A run-a-job (`.sync`) integration calls this once the job has started, with the start call's
   * response: the Task records it as TaskSubmitted, as AWS does.
   */
  readonly onSubmitted?: ((response: JsonValue) => void) | undefined;
}

export interface TaskContext {
  /** Aborts when the task times out, the execution stops, or a sibling fails. */
  readonly signal: AbortSignal;
  /** The execution's clock, for integrations that wait (a local Lambda that sleeps). */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Epoch ms now, from the execution's clock. */
  readonly now: () => number;
  /** The running execution's ARN (EventBridge's putEvents names it in each event's resources). */
  readonly executionArn?: string;
}

export interface Integration {
  readonly name: string;
  supports(resource: ParsedResource): boolean;
  /**
   * Returns the task result, or throws an AslError whose `error` is the ASL name (Lambda function
   * errors: the errorType; service errors: "<Service>.<Exception>").
   */
  invoke(request: TaskRequest, context: TaskContext): Promise<JsonValue>;
  /**
   * Set by built-in integrations that already settle as soon as the context's signal aborts and
   * throw only AslErrors or that cancellation: the registry then adds no race of its own.
   */
  readonly settlesOnAbort?: boolean;
}

/** A local Lambda function body: receives the payload, returns the function's result. */
export type LambdaHandler = (event: JsonValue, context: LambdaContext) => unknown;

export interface LambdaContext {
  readonly functionName: string;
  readonly invokedFunctionArn: string;
  readonly sleep: (ms: number) => Promise<void>;
  readonly signal: AbortSignal;
}

// CONTRACT: the port between an integration (which speaks ASL: resources, Parameters, task results
// and ASL error names) and the service that does the work. Both backends speak the AWS API itself:
// an action name as the SDK spells its command ("Publish", "SendMessage", "PutItem"), the request
// and response in the API's PascalCase JSON shape, and failures as the service's error code. The
// local world (src/world/) answers in-process; the aws backend sends the same request through the
// AWS SDK v3 client of that service. An integration therefore never knows which one it talks to.
import type { JsonObject, JsonValue } from '../core/json.js';

/** The service ids both backends understand, as the SDK names its packages (@aws-sdk/client-<id>). */
export type ServiceId = string;

export interface ServiceCall {
  /** SDK client id in lower case: 'sns', 'sqs', 'dynamodb', 's3', 'eventbridge', 'lambda', 'sfn', ... */
  readonly service: ServiceId;
  /** The API action in PascalCase, as the SDK's command is named without "Command": 'Publish'. */
  readonly action: string;
  /** The API request, PascalCase, JSON only (S3 bodies as strings). */
  readonly input: JsonObject;
  /** Aborts when the task is stopped or times out. */
  readonly signal: AbortSignal;
  /** The Task's `Credentials.RoleArn`: the aws backend assumes this role (STS) for the call; the local world ignores it. */
  readonly roleArn?: string;
  /**
   * Names the Task attempt that makes the call (states:startExecution: its task token). A local
   * backend that starts an execution remembers it, and answers the same attempt's call again with
   * that execution, whatever its name and state: a resumed execution invokes its in-flight Task
   * again. The aws backend ignores it.
   */
  readonly idempotencyKey?: string;
}

export interface ServiceBackend {
  /** Which backend this is, for error messages and the CLI ('local' | 'aws'). */
  readonly kind: string;
  /** True when this backend can serve the service at all (the local world serves five). */
  serves(service: ServiceId): boolean;
  /** The API response (PascalCase JSON), or a rejected ServiceError. */
  call(call: ServiceCall): Promise<JsonObject>;
  /**
   * Optional: S3 GetObject answered with its body as a byte stream, never read whole: the response
   * less Body, the stream attached (core/body-stream.ts withBodyStream); any other call as `call`.
   * A Distributed Map's ItemReader asks for it; without it the reader gets Body as text from `call`.
   */
  callStreaming?(call: ServiceCall): Promise<JsonObject>;
  /**
   * True when every call settles as soon as its signal aborts, rejecting with the signal's reason
   * (the local world: it answers in-process, and its only wait, SQS long polling, ends on abort).
   * Integrations then add no abort race of their own; without it they race each call against it.
   */
  readonly settlesOnAbort?: boolean;
}

/**
 * A failure reported by a service: the API's error code ("NotFound", "ResourceNotFoundException",
 * "AWS.SimpleQueueService.NonExistentQueue"), its message and HTTP status. Integrations turn it into
 * the ASL error name AWS Step Functions reports ("SNS.NotFoundException", ...). `retryable` marks
 * throttling and unreachable endpoints.
 */
export class ServiceError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly service: ServiceId;
  readonly requestId: string;
  readonly retryable: boolean;

  constructor(service: ServiceId, code: string, message: string, statusCode = 400, options: { requestId?: string; retryable?: boolean } = {}) {
    super(message);
    this.name = 'ServiceError';
    this.service = service;
    this.code = code;
    this.statusCode = statusCode;
    this.requestId = options.requestId ?? '';
    this.retryable = options.retryable ?? false;
  }
}

/** What AWS Step Functions reports as SdkResponseMetadata / SdkHttpMetadata.HttpStatusCode. */
export interface ResponseMetadata {
  readonly requestId: string;
  readonly httpStatusCode: number;
}

// Kept on the response under a non-enumerable symbol, so the response stays the API's own JSON
// (JSON.stringify, Object.keys, spreads and toEqual never see it). Not a WeakMap: one WeakMap entry
// per call cost more than the whole local SQS SendMessage (ephemeron upkeep in every GC).
const RESPONSE_METADATA = Symbol('responseMetadata');

/** Attaches the HTTP facts of a call to its response (a backend does this; the response is returned). */
export function withResponseMetadata(response: JsonObject, metadata: ResponseMetadata): JsonObject {
  Object.defineProperty(response, RESPONSE_METADATA, { value: metadata, configurable: true });
  return response;
}

/** The request id and HTTP status a backend attached to a response, if any. */
export function responseMetadata(response: JsonObject): ResponseMetadata | undefined {
  return (response as { [RESPONSE_METADATA]?: ResponseMetadata })[RESPONSE_METADATA];
}

/** The role a Task's evaluated `Credentials` field names ({"RoleArn": "arn:aws:iam::…:role/…"}), if any. */
export function roleArnOf(credentials: JsonValue | undefined): string | undefined {
  if (typeof credentials !== 'object' || credentials === null || Array.isArray(credentials)) return undefined;
  const roleArn = credentials['RoleArn'];
  return typeof roleArn === 'string' && roleArn !== '' ? roleArn : undefined;
}

export function isServiceError(value: unknown): value is ServiceError {
  return value instanceof ServiceError;
}

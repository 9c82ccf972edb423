// A service's failures in AWS Step Functions' words (INTEGRATIONS.md §3; the recorded cases are the
// tie-breaker). Optimized integrations run on the AWS SDK for Java v1 inside Step Functions, so
// their errors read "SNS.NotFoundException" with a v1 cause: "Topic does not exist (Service:
// AmazonSNS; Status Code: 404; Error Code: NotFound; Request ID: …; Proxy: null)". aws-sdk tasks run
// on SDK v2: "DynamoDb.ResourceNotFoundException", cause "Requested resource not found (Service:
// DynamoDb, Status Code: 400, Request ID: …)". An error the model does not declare becomes the
// SDK's catch-all (SQS.AmazonSQSException, DynamoDb.DynamoDbException); a request that never got a
// reply (unreachable endpoint, bad queue host) is an SdkClientException.
import { AslError } from '../core/errors.js';
import type { JsonValue } from '../core/json.js';
import type { ServiceError } from './backend.js';
import { modeledException } from './modeled-errors.js';
import type { ParsedResource } from './types.js';

/** How an optimized integration names one service's failures. */
export interface OptimizedVocabulary {
  /** The SDK client id whose modeled errors apply: 'sns'. */
  readonly client: string;
  /** The ASL error prefix: 'SNS', 'SQS', 'DynamoDB', 'EventBridge'. */
  readonly prefix: string;
  /** The service as the v1 SDK names it in causes: 'AmazonSNS', 'AmazonDynamoDBv2'. */
  readonly serviceName: string;
  /** The v1 SDK's catch-all exception: 'AmazonSNSException'. */
  readonly catchAll: string;
}

/** A reply that never came: the backend reports it with HTTP status 0 (see aws-backend-convert.ts). */
function isClientSide(error: ServiceError): boolean {
  return error.statusCode === 0 || error.code === 'SdkClientException';
}

/** A service error as an optimized integration reports it. */
export function optimizedFailure(vocabulary: OptimizedVocabulary, error: ServiceError, requestId: string): AslError {
  if (isClientSide(error)) return new AslError(`${vocabulary.prefix}.SdkClientException`, error.message);
  const exception = modeledException(vocabulary.client, error.code) ?? vocabulary.catchAll;
  const cause = `${error.message} (Service: ${vocabulary.serviceName}; Status Code: ${error.statusCode}; Error Code: ${error.code}; Request ID: ${requestId}; Proxy: null)`;
  return new AslError(`${vocabulary.prefix}.${exception}`, cause);
}

/**
 * A service error as an aws-sdk task reports it: `<prefix>.<Exception>`, the prefix being the
 * service's name in Step Functions' aws-sdk table (aws-sdk-names.ts).
 */
export function sdkFailure(prefix: string, client: string, error: ServiceError, requestId: string): AslError {
  if (isClientSide(error)) return new AslError(`${prefix}.SdkClientException`, error.message);
  const exception = modeledException(client, error.code) ?? `${prefix}Exception`;
  // S3 answers with a second id (x-amz-id-2), which the v2 SDK prints too (test_aws_sdk.py::test_no_such_bucket).
  const extended = client === 's3' ? `, Extended Request ID: ${Buffer.from(requestId).toString('base64')}` : '';
  const cause = `${error.message} (Service: ${prefix}, Status Code: ${error.statusCode}, Request ID: ${requestId}${extended}) (SDK Attempt Count: 1)`;
  return new AslError(`${prefix}.${exception}`, cause);
}

/**
 * Parameters Step Functions refuses before calling the service: States.Runtime "The Parameters
 * '<json>' could not be used to start the Task: [<reason>]" (INTEGRATIONS.md §3; the runtime adds
 * the "An error occurred while executing the state …" prefix).
 */
export function parameterFailure(parameters: JsonValue, reason: string): AslError {
  return AslError.runtime(`The Parameters '${JSON.stringify(parameters)}' could not be used to start the Task: [${reason}]`);
}

/** What to do when no backend serves a service: the two ways out, named. */
const WAYS_OUT = 'mock this state (a MockConfigFile: `asl run --mock-config FILE --test-case NAME`, or the `mocks`/`mockConfig` option), or run it on the aws backend (`asl run --services aws`, or the `services` and `awsBackend` options)';

/** The chosen backend does not serve the service (the local world serves five). */
export function notServed(resource: ParsedResource, client: string, backendKind: string | undefined): AslError {
  const who = backendKind === undefined ? 'No service backend is configured' : `The ${backendKind} backend does not serve '${client}'`;
  return AslError.runtime(`${who} for the resource ${resource.arn}; ${WAYS_OUT}.`);
}


/**
 * A backend that threw something other than a ServiceError: a bug in it or in user code behind it.
 * It still fails only the task (catchable), with a cause that says where it came from.
 */
export function backendFailure(backendKind: string, client: string, action: string, thrown: unknown): AslError {
  const message = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  return new AslError('States.TaskFailed', `The ${backendKind} backend failed on ${client}:${action}: ${message}`);
}

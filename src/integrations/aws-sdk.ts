// arn:aws:states:::aws-sdk:<service>:<action> (INTEGRATIONS.md §1, §3; AWS supported-services-awssdk):
// any API action of any service the AWS SDK has. The action is camelCase in the resource and
// PascalCase in the API; the parameters are the API request and the result is the API response as
// is — no SdkHttpMetadata (recorded: test_aws_sdk_task_service.py, aws-sdk:dynamodb:query in
// test_dynamodb_task_service.py). Errors are "<Prefix>.<Exception>" (aws-sdk-names.ts,
// service-errors.ts). `.sync` does not exist for aws-sdk tasks, so the registry reports it unsupported.
import { wantsBodyStream } from '../core/body-stream.js';
import { isCancellation } from '../core/errors.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import { toAslError } from './foreign-error.js';
import { packageSuffix } from './aws-backend-packages.js';
import { sdkActionName, sdkErrorPrefix } from './aws-sdk-names.js';
import { type BackendChooser, callService, type FailureWording } from './service-call.js';
import { parameterFailure, sdkFailure } from './service-errors.js';
import type { Integration, ParsedResource, TaskContext, TaskRequest } from './types.js';

const PREFIX = 'aws-sdk:';

/** What one aws-sdk resource calls, worked out once per resource. */
interface SdkTarget {
  /** The SDK client id ("secrets-manager" for aws-sdk:secretsmanager). */
  readonly client: string;
  /** The API action, PascalCase. */
  readonly action: string;
  readonly wording: FailureWording;
}

/**
 * Request members that the API types as a string of JSON, which Step Functions serialises when the
 * state gives it JSON instead (recorded: test_sfn_start_execution_implicit_json_serialisation).
 */
const JSON_TEXT_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  'sfn StartExecution': ['Input'],
  'sfn StartSyncExecution': ['Input'],
  'sfn SendTaskSuccess': ['Output'],
};

export function createAwsSdkIntegration(backends: BackendChooser): Integration {
  const targets = new WeakMap<ParsedResource, SdkTarget>();
  function targetOf(resource: ParsedResource): SdkTarget {
    let target = targets.get(resource);
    if (target === undefined) {
      const service = resource.service.slice(PREFIX.length);
      const client = packageSuffix(service);
      const prefix = sdkErrorPrefix(service);
      target = { client, action: sdkActionName(resource.action), wording: (error, requestId) => sdkFailure(prefix, client, error, requestId) };
      targets.set(resource, target);
    }
    return target;
  }

  return {
    name: 'aws-sdk',
    supports: (resource) => resource.service.startsWith(PREFIX) && resource.action !== '' && resource.pattern !== 'sync',
    // As the optimized integrations: callService settles on abort, and only AslErrors or the cancellation leave.
    settlesOnAbort: true,
    async invoke(request: TaskRequest, context: TaskContext): Promise<JsonValue> {
      try {
        const { resource } = request;
        const target = targetOf(resource);
        const input = sdkRequest(request.parameters, target);
        // A Distributed Map's ItemReader asks for S3 bodies as streams (core/body-stream.ts).
        const streamBody = wantsBodyStream(request.parameters);
        const reply = await callService(backends, request, context, { client: target.client, action: target.action, input, ...(streamBody ? { streamBody } : {}) }, target.wording);
        return reply.response;
      } catch (thrown) {
        throw isCancellation(thrown) ? thrown : toAslError(thrown);
      }
    },
  };
}

/**
 * The API request: the parameters, less null members (the SDK sends no member for them, so the
 * service reports what is missing — recorded: a null DynamoDB Item is "Value null at 'item'"),
 * with JSON given for a JSON-text member serialised.
 */
function sdkRequest(parameters: JsonValue, target: SdkTarget): JsonObject {
  if (!isJsonObject(parameters)) throw parameterFailure(parameters, 'The value of the Parameters field must be an object');
  const textMembers = JSON_TEXT_MEMBERS[`${target.client} ${target.action}`];
  const input: JsonObject = {};
  for (const key of Object.keys(parameters)) {
    const value = parameters[key] as JsonValue;
    if (value === null) continue;
    input[key] = textMembers?.includes(key) === true && typeof value !== 'string' ? JSON.stringify(value) : value;
  }
  return input;
}

// Lambda on the aws backend: bare function ARNs and arn:aws:states:::lambda:invoke call real
// functions through the Invoke API (@aws-sdk/client-lambda), and their answers take the shapes the
// local Lambda integration gives (lambda.ts): the result as is for a bare ARN, the response
// envelope for lambda:invoke, a function error under its errorType with the error payload as the
// Cause, and service errors as Lambda.<Exception> with the SDK's cause text.
import { AslError } from '../core/errors.js';
import type { JsonObject, JsonValue } from '../core/json.js';
import { type ServiceBackend, isServiceError, responseMetadata, roleArnOf } from './backend.js';
import { invokeParameters } from './lambda.js';
import { invokeEnvelope, serviceCause } from './lambda-response.js';
import type { Integration, ParsedResource, TaskContext, TaskRequest } from './types.js';

export function createAwsLambdaIntegration(backend: ServiceBackend): Integration {
  async function invoke(request: TaskRequest, context: TaskContext, input: JsonObject): Promise<JsonObject> {
    const roleArn = roleArnOf(request.credentials);
    try {
      return await backend.call({ service: 'lambda', action: 'Invoke', input, signal: context.signal, ...(roleArn === undefined ? {} : { roleArn }) });
    } catch (thrown) {
      throw isServiceError(thrown) ? lambdaServiceError(thrown.code, thrown.message, thrown.statusCode, thrown.requestId) : thrown;
    }
  }

  return {
    name: 'lambda',
    supports: (resource: ParsedResource) =>
      resource.service === 'lambda' && (resource.action === 'function' || (resource.action === 'invoke' && resource.pattern !== 'sync')),
    async invoke(request, context) {
      const { resource } = request;
      if (resource.functionArn !== undefined) {
        // A bare function ARN: the effective input is the event, sent as its JSON even when it is a string.
        const response = await invoke(request, context, { FunctionName: resource.functionArn, Payload: JSON.stringify(request.parameters) });
        const payload = functionPayload(response);
        return payload === '' ? null : payload;
      }
      const params = invokeParameters(request.parameters);
      const input = { ...(request.parameters as JsonObject) };
      if (params.payload === undefined || params.payload === null) delete input['Payload'];
      const response = await invoke(request, context, input);
      const statusCode = typeof response['StatusCode'] === 'number' ? response['StatusCode'] : 200;
      const payload = statusCode === 200 ? functionPayload(response) : '';
      return invokeEnvelope(payload, responseMetadata(response)?.requestId ?? '', context.now(), statusCode);
    },
  };
}

/** The function's result, or its failure: a function error is named by the error payload's errorType. */
function functionPayload(response: JsonObject): JsonValue {
  const text = typeof response['Payload'] === 'string' ? response['Payload'] : '';
  const parsed = parseJson(text);
  if (response['FunctionError'] !== undefined) {
    const errorType = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed['errorType'] : undefined;
    // No errorType: the runtime itself failed (crash, out of memory), which AWS reports as Lambda.Unknown.
    throw new AslError(typeof errorType === 'string' && errorType !== '' ? errorType : 'Lambda.Unknown', text);
  }
  return parsed;
}

function parseJson(text: string): JsonValue {
  if (text === '') return '';
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

/** Lambda.<Exception>, with the cause text of the AWS SDK for Java that Step Functions reports. */
function lambdaServiceError(code: string, message: string, statusCode: number, requestId: string): AslError {
  const cause = statusCode === 0 ? message : serviceCause(message, statusCode, code, requestId);
  return new AslError(`Lambda.${code}`, cause);
}

/**
 * Whether a machine's Lambda tasks go to the aws backend, given its `services` choice: `'aws'` or
 * `{ '*': 'aws' }` sends them there unless local handlers were given (the explicit choice wins);
 * `{ lambda: 'aws' }` always does.
 */
export function lambdaOnAws(services: string | Readonly<Record<string, string>> | undefined, hasLocalHandlers: boolean): boolean {
  if (services === undefined || typeof services === 'string') return services === 'aws' && !hasLocalHandlers;
  const own = services['lambda'];
  return own !== undefined ? own === 'aws' : services['*'] === 'aws' && !hasLocalHandlers;
}

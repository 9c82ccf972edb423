// What every optimized request-response integration does (sns.ts, sqs.ts, dynamodb.ts, events.ts
// each describe one service): check the parameters against the fields Step Functions supports,
// call the service's API action through the chosen backend, and give back the result — the API
// response plus SdkHttpMetadata/SdkResponseMetadata — or the service's failure in Step Functions'
// words. A service module only supplies the table and what is particular to it.
import { isCancellation } from '../core/errors.js';
import type { JsonObject, JsonValue } from '../core/json.js';
import { toAslError } from './foreign-error.js';
import { type BackendChooser, callService, type ServiceReply } from './service-call.js';
import { optimizedFailure, type OptimizedVocabulary } from './service-errors.js';
import { type FieldSpec, serviceRequest } from './service-parameters.js';
import { type HeaderStyle, withSdkMetadata } from './service-result.js';
import type { Integration, ParsedResource, TaskContext, TaskRequest } from './types.js';

export interface OptimizedAction {
  /** The API action, as the SDK names its command: 'Publish'. */
  readonly action: string;
  /** The parameters Step Functions accepts for it. */
  readonly fields: FieldSpec;
}

export interface OptimizedService {
  /** The service in the resource ARN: 'sns' in arn:aws:states:::sns:publish. */
  readonly service: string;
  readonly vocabulary: OptimizedVocabulary;
  readonly headers: HeaderStyle;
  /** Whether AWS offers the .waitForTaskToken form (DynamoDB's integration does not). */
  readonly callbacks: boolean;
  /** Keyed by the ARN's action: 'publish'. */
  readonly actions: Readonly<Record<string, OptimizedAction>>;
  /** Adjusts the checked request before the call (EventBridge names the execution in Resources). */
  readonly prepare?: (request: JsonObject, context: TaskContext) => JsonObject;
  /** Builds the task result; default: the response with the SDK metadata. */
  readonly finish?: (reply: ServiceReply, context: TaskContext) => JsonValue;
}

export function createOptimizedIntegration(spec: OptimizedService, backends: BackendChooser): Integration {
  const { vocabulary } = spec;
  const wording = optimizedFailure.bind(undefined, vocabulary);
  const actionOf = (resource: ParsedResource): OptimizedAction | undefined =>
    resource.service === spec.service && Object.prototype.hasOwnProperty.call(spec.actions, resource.action) ? spec.actions[resource.action] : undefined;

  return {
    name: spec.service,
    supports: (resource) =>
      actionOf(resource) !== undefined && (resource.pattern === 'request-response' || (spec.callbacks && resource.pattern === 'waitForTaskToken')),
    // callService races the backend against the signal unless the backend settles on abort itself
    // (the local world), and everything below throws AslErrors or the cancellation: the registry
    // need not add a race of its own to every call.
    settlesOnAbort: true,
    async invoke(request: TaskRequest, context: TaskContext): Promise<JsonValue> {
      try {
        const { resource } = request;
        const action = actionOf(resource);
        if (action === undefined) throw new Error(`${spec.service} integration called for ${resource.arn}`);
        let input = serviceRequest(request.parameters, action.fields);
        if (spec.prepare) input = spec.prepare(input, context);
        const reply = await callService(backends, request, context, { client: vocabulary.client, action: action.action, input }, wording);
        if (spec.finish) return spec.finish(reply, context);
        return withSdkMetadata(reply.response, {
          style: spec.headers,
          action: action.action,
          requestId: reply.requestId,
          statusCode: reply.statusCode,
          nowMs: context.now(),
        });
      } catch (thrown) {
        throw isCancellation(thrown) ? thrown : toAslError(thrown);
      }
    },
  };
}

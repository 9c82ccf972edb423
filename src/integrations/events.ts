// arn:aws:states:::events:putEvents (INTEGRATIONS.md §3, AWS connect-eventbridge), as recorded in
// services/test_events_task_service.py: each entry's Detail that is not a string is sent as its
// JSON text; Step Functions adds the state machine and the execution to each entry's Resources;
// the result is the API's {Entries, FailedEntryCount} alone (no SDK metadata); and when any entry
// failed, the task fails with EventBridge.FailedEntry, the cause being that result as JSON text.
import { AslError } from '../core/errors.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import type { OptimizedService } from './optimized.js';
import type { ServiceReply } from './service-call.js';
import { parameterFailure } from './service-errors.js';
import type { TaskContext } from './types.js';

export const EVENTS_INTEGRATION: OptimizedService = {
  service: 'events',
  vocabulary: { client: 'eventbridge', prefix: 'EventBridge', serviceName: 'AmazonEventBridge', catchAll: 'AmazonEventBridgeException' },
  headers: 'sqs-json',
  callbacks: true,
  actions: {
    putEvents: { action: 'PutEvents', fields: { EndpointId: 'string', Entries: 'array' } },
  },
  prepare: prepareEntries,
  finish: putEventsResult,
};

function prepareEntries(request: JsonObject, context: TaskContext): JsonObject {
  const entries = request['Entries'];
  if (!Array.isArray(entries)) return request;
  const origin = executionResources(context.executionArn);
  const prepared = entries.map((entry): JsonValue => {
    if (!isJsonObject(entry)) throw parameterFailure(request, "The value of the field 'Entries' has an invalid format");
    const out: JsonObject = { ...entry };
    const detail = entry['Detail'];
    if (detail === null) delete out['Detail'];
    else if (detail !== undefined && typeof detail !== 'string') out['Detail'] = JSON.stringify(detail);
    if (origin.length > 0) {
      const resources = entry['Resources'];
      out['Resources'] = Array.isArray(resources) ? [...resources, ...origin] : origin;
    }
    return out;
  });
  return { ...request, Entries: prepared };
}

/** The state machine's and the execution's ARNs, as AWS appends them to every event's resources. */
export function executionResources(executionArn: string | undefined): JsonValue[] {
  if (executionArn === undefined) return [];
  // arn:aws:states:<region>:<account>:execution:<machine>:<name> (Express: express:<machine>:<name>:<id>)
  const parts = executionArn.split(':');
  const machine = parts[6];
  if (parts.length < 8 || machine === undefined) return [executionArn];
  return [`${parts.slice(0, 5).join(':')}:stateMachine:${machine}`, executionArn];
}

function putEventsResult(reply: ServiceReply): JsonValue {
  const { response } = reply;
  const result: JsonObject = { Entries: response['Entries'] ?? [], FailedEntryCount: response['FailedEntryCount'] ?? 0 };
  const failed = result['FailedEntryCount'];
  if (typeof failed === 'number' && failed > 0) throw new AslError('EventBridge.FailedEntry', JSON.stringify(result));
  return result;
}

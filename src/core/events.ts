// History events in AWS GetExecutionHistory vocabulary (LIMITS.md §6). Internally an event keeps
// its payloads as JSON values (no per-transition JSON.stringify on the hot path); toAwsHistoryEvent
// renders the exact AWS shape, with payloads as JSON strings, when someone asks for it.
import type { JsonObject, JsonValue } from './json.js';

export type StateKind = 'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

export type HistoryEventType =
  | 'ExecutionStarted' | 'ExecutionSucceeded' | 'ExecutionFailed' | 'ExecutionAborted' | 'ExecutionTimedOut'
  | `${StateKind}StateEntered` | `${Exclude<StateKind, 'Fail'>}StateExited`
  | 'TaskStateAborted' | 'WaitStateAborted' | 'ParallelStateAborted' | 'MapStateAborted'
  | 'ParallelStateStarted' | 'ParallelStateSucceeded' | 'ParallelStateFailed'
  | 'MapStateStarted' | 'MapStateSucceeded' | 'MapStateFailed'
  | 'MapIterationStarted' | 'MapIterationSucceeded' | 'MapIterationFailed' | 'MapIterationAborted'
  | 'MapRunStarted' | 'MapRunSucceeded' | 'MapRunFailed' | 'MapRunAborted'
  | 'TaskScheduled' | 'TaskStarted' | 'TaskSubmitted' | 'TaskSucceeded' | 'TaskFailed' | 'TaskTimedOut'
  | 'LambdaFunctionScheduled' | 'LambdaFunctionStarted' | 'LambdaFunctionSucceeded' | 'LambdaFunctionFailed' | 'LambdaFunctionTimedOut'
  | 'ActivityScheduled' | 'ActivityStarted' | 'ActivitySucceeded' | 'ActivityFailed' | 'ActivityTimedOut' | 'ActivityScheduleFailed'
  | 'EvaluationFailed';

/** Event details, kept as values; which members are present depends on the type. */
export interface EventDetails {
  readonly name?: string;
  readonly input?: JsonValue;
  readonly output?: JsonValue;
  readonly error?: string;
  readonly cause?: string;
  readonly index?: number;
  readonly length?: number;
  readonly resourceType?: string;
  readonly resource?: string;
  readonly parameters?: JsonValue;
  readonly timeoutInSeconds?: number;
  readonly heartbeatInSeconds?: number;
  readonly mapRunArn?: string;
  readonly location?: string;
  readonly state?: string;
  readonly assignedVariables?: Readonly<Record<string, JsonValue>>;
  readonly roleArn?: string;
  /** ActivityStarted: the name the worker gave GetActivityTask. */
  readonly workerName?: string;
  /** ExecutionStarted: the seed of the execution's random streams (asl-engine's own; not in AWS's shape). */
  readonly seed?: number;
}

export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  /** Epoch milliseconds from the execution's clock. */
  readonly timestamp: number;
  readonly type: HistoryEventType;
  readonly details: EventDetails | undefined;
}

/** The member name AWS uses for each event type's details (e.g. stateEnteredEventDetails). */
function detailsKey(type: HistoryEventType): string | undefined {
  if (/StateEntered$/.test(type)) return 'stateEnteredEventDetails';
  if (/StateExited$/.test(type)) return 'stateExitedEventDetails';
  if (/^MapIteration/.test(type)) return `${lowerFirst(type)}EventDetails`;
  if (/State(Started|Succeeded|Failed|Aborted)$/.test(type)) return type === 'MapStateStarted' ? 'mapStateStartedEventDetails' : undefined;
  if (type === 'MapRunSucceeded' || type === 'MapRunAborted' || type === 'LambdaFunctionStarted') return undefined;
  return `${lowerFirst(type)}EventDetails`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

const PAYLOAD_FIELDS = ['input', 'output', 'parameters'] as const;

/** The event as GetExecutionHistory returns it: ISO timestamp, payloads as JSON strings. */
export function toAwsHistoryEvent(event: HistoryEvent): JsonObject {
  const out: JsonObject = {
    timestamp: new Date(event.timestamp).toISOString(),
    type: event.type,
    id: event.id,
    previousEventId: event.previousEventId,
  };
  const key = detailsKey(event.type);
  if (key === undefined || event.details === undefined) return out;
  const details: JsonObject = {};
  for (const [field, value] of Object.entries(event.details)) {
    if (value === undefined || field === 'seed') continue;
    if ((PAYLOAD_FIELDS as readonly string[]).includes(field)) {
      details[field] = JSON.stringify(value);
      details[`${field}Details`] = { truncated: false };
    } else if (field === 'assignedVariables') {
      const rendered: JsonObject = {};
      for (const [name, v] of Object.entries(value as Record<string, JsonValue>)) rendered[name] = JSON.stringify(v);
      details[field] = rendered;
      details['assignedVariablesDetails'] = { truncated: false };
    } else {
      details[field] = value as JsonValue;
    }
  }
  out[key] = details;
  return out;
}

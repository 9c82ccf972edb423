// What a `states:startExecution.sync` task makes of the child's DescribeExecution response
// (INTEGRATIONS.md §3; AWS connect-stepfunctions): the response in PascalCase with its keys in
// alphabetical order and dates in epoch milliseconds; `.sync` keeps Input and Output as JSON text,
// `.sync:2` parses them. A child that did not succeed fails the task with States.TaskFailed whose
// cause is that same description as JSON text (recorded: test_callback.py
// test_start_execution_sync_delegate_failure / _timeout). The recordings disagree on the Redrive*
// members, which AWS added in November 2023: the success results recorded since carry them, the
// failure causes (recorded before) do not, and each is reproduced as recorded.
import { AslError } from '../core/errors.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import type { ServiceBackend } from './backend.js';

/**
 * A Step Functions backend that can tell when an execution ends without being polled (the engine
 * itself, for its own executions). Resolves with the DescribeExecution response (SDK shape) once the
 * execution is no longer RUNNING; rejects with the signal's reason when it aborts first.
 */
export interface ExecutionWatcher {
  awaitExecution(executionArn: string, signal: AbortSignal): Promise<JsonObject>;
}

export function watchesExecutions(backend: ServiceBackend | undefined): backend is ServiceBackend & ExecutionWatcher {
  return backend !== undefined && typeof (backend as Partial<ExecutionWatcher>).awaitExecution === 'function';
}

/** The DescribeExecution members a .sync result carries (the rest — MapRunArn, TraceHeader — it leaves out). */
const RESULT_MEMBERS = [
  'Cause',
  'Error',
  'ExecutionArn',
  'Input',
  'InputDetails',
  'Name',
  'Output',
  'OutputDetails',
  'RedriveCount',
  'RedriveDate',
  'RedriveStatus',
  'RedriveStatusReason',
  'StartDate',
  'StateMachineAliasArn',
  'StateMachineArn',
  'StateMachineVersionArn',
  'Status',
  'StopDate',
] as const;

const DATES = new Set(['StartDate', 'StopDate', 'RedriveDate']);
const PAYLOADS = new Set(['Input', 'Output']);
const REDRIVE = new Set(['RedriveCount', 'RedriveDate', 'RedriveStatus', 'RedriveStatusReason']);

/** The task result of a .sync (`parsed` false) or .sync:2 task whose child succeeded. */
export function syncResult(described: JsonObject, parsed: boolean): JsonObject {
  return envelope(described, parsed, false);
}

/** The child did not succeed (FAILED, TIMED_OUT, ABORTED): the task fails with its description as cause. */
export function childFailure(described: JsonObject, parsed: boolean): AslError {
  return new AslError('States.TaskFailed', JSON.stringify(envelope(described, parsed, true)));
}

export function isRunning(described: JsonObject): boolean {
  const status = described['Status'];
  return status === 'RUNNING' || status === 'PENDING_REDRIVE';
}

function envelope(described: JsonObject, parsed: boolean, asCause: boolean): JsonObject {
  const out: JsonObject = {};
  for (const key of RESULT_MEMBERS) {
    const value = described[key];
    if (value === undefined || value === null) continue;
    if (asCause && REDRIVE.has(key)) continue;
    if (DATES.has(key)) out[key] = epochMs(value);
    else if (PAYLOADS.has(key)) out[key] = parsed ? parsedPayload(value) : value;
    else out[key] = value;
  }
  return out;
}

/** Epoch ms of an SDK date (ISO text from the backends, or a number already). */
export function epochMs(value: JsonValue | undefined): JsonValue {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return value ?? null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : ms;
}

function parsedPayload(value: JsonValue): JsonValue {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as JsonValue;
  } catch {
    return value;
  }
}

/** The ARN of the execution `name` of a state machine (arn:…:stateMachine:M → arn:…:execution:M:name). */
export function executionArnOf(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

export function describedObject(value: JsonValue): JsonObject {
  return isJsonObject(value) ? value : {};
}

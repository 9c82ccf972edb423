// Step Functions' own API answers as the AWS SDK v3 gives them (PascalCase members, dates as ISO
// text — what the aws backend's conversion makes of the SDK's Date objects), shared by the local
// backend of plain state machines (local-sfn.ts) and the engine's (service/engine-sfn.ts).
import type { JsonObject, JsonValue } from '../core/json.js';
import { ServiceError } from '../integrations/backend.js';

export type DescribedStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** What DescribeExecution reports of one execution. */
export interface ExecutionFacts {
  readonly arn: string;
  readonly machineArn: string;
  readonly name: string;
  readonly status: DescribedStatus;
  /** Epoch ms. */
  readonly startDate: number;
  readonly stopDate?: number | undefined;
  /** The input as JSON text. */
  readonly input: string;
  readonly output?: JsonValue | undefined;
  readonly error?: string | undefined;
  readonly cause?: string | undefined;
}

/** The DescribeExecution response. Redrive members as AWS reports them for an execution never redriven. */
export function describedExecution(facts: ExecutionFacts): JsonObject {
  const out: JsonObject = { ...executionListItem(facts), Input: facts.input, InputDetails: { Included: true } };
  if (facts.status === 'SUCCEEDED' && facts.output !== undefined) {
    out['Output'] = JSON.stringify(facts.output);
    out['OutputDetails'] = { Included: true };
  }
  if (facts.error !== undefined) out['Error'] = facts.error;
  // A failure without a cause (a Task's States.Timeout) is described without one (recorded:
  // test_callback.py::test_start_execution_sync_delegate_timeout).
  if (facts.cause !== undefined && facts.cause !== '') out['Cause'] = facts.cause;
  out['RedriveCount'] = 0;
  if (facts.status === 'RUNNING' || facts.status === 'SUCCEEDED') {
    out['RedriveStatus'] = 'NOT_REDRIVABLE';
    out['RedriveStatusReason'] = `Execution is ${facts.status} and cannot be redriven`;
  } else {
    out['RedriveStatus'] = 'REDRIVABLE';
  }
  return out;
}

/** One ListExecutions item. */
export function executionListItem(facts: ExecutionFacts): JsonObject {
  const out: JsonObject = {
    ExecutionArn: facts.arn,
    StateMachineArn: facts.machineArn,
    Name: facts.name,
    Status: facts.status,
    StartDate: new Date(facts.startDate).toISOString(),
  };
  if (facts.stopDate !== undefined) out['StopDate'] = new Date(facts.stopDate).toISOString();
  return out;
}

export function sfnError(code: string, message: string): ServiceError {
  return new ServiceError('sfn', code, message);
}

export function missingMember(member: string): ServiceError {
  return sfnError('ValidationException', `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
}

/** A member given as text, or undefined (absent, or not text). */
export function optionalText(input: JsonObject, member: string): string | undefined {
  const value = input[member];
  return typeof value === 'string' ? value : undefined;
}

export function requiredText(input: JsonObject, member: string): string {
  const value = input[member.charAt(0).toUpperCase() + member.slice(1)];
  if (typeof value !== 'string') throw missingMember(member);
  return value;
}

export function machineDoesNotExist(arn: string): ServiceError {
  return sfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
}

export function executionDoesNotExist(arn: string): ServiceError {
  return sfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
}

export function executionAlreadyExists(arn: string): ServiceError {
  return sfnError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
}

/** The execution input: a JSON text (AWS's default is "{}"); InvalidExecutionInput when it is no JSON. */
export function executionInput(input: JsonValue | undefined): { readonly value: JsonValue; readonly text: string } {
  if (input === undefined) return { value: {}, text: '{}' };
  if (typeof input !== 'string') return { value: input, text: JSON.stringify(input) };
  try {
    return { value: JSON.parse(input) as JsonValue, text: input };
  } catch (err) {
    throw sfnError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${err instanceof Error ? err.message : String(err)}'`);
  }
}

/** ListExecutions' page: `MaxResults` items (default 100, as AWS) from the offset `NextToken` names. */
export function pageOf(items: readonly JsonObject[], input: JsonObject): JsonObject {
  const max = typeof input['MaxResults'] === 'number' && input['MaxResults'] > 0 ? Math.min(input['MaxResults'], 1000) : 100;
  const token = input['NextToken'];
  const from = typeof token === 'string' && /^\d+$/.test(token) ? Number(token) : 0;
  if (typeof token === 'string' && !/^\d+$/.test(token)) throw sfnError('InvalidToken', `Invalid Token: '${token}'`);
  const out: JsonObject = { Executions: items.slice(from, from + max) };
  if (from + max < items.length) out['NextToken'] = String(from + max);
  return out;
}

/** The status filter of ListExecutions, if any. */
export function statusFilter(input: JsonObject): string | undefined {
  const filter = input['StatusFilter'];
  return typeof filter === 'string' ? filter : undefined;
}

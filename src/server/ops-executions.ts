// Execution operations: StartExecution, DescribeExecution, ListExecutions, GetExecutionHistory and
// StopExecution, in the field names of AWS's API reference.
import { toAwsHistoryEvent } from '../core/events.js';
import { isJsonObject, jsonEqual, type JsonObject, type JsonValue } from '../core/json.js';
import type { Engine } from '../service/engine.js';
import { StoreConflictError } from '../store/errors.js';
import type { ExecutionRecord, ExecutionSummary, StoredStatus } from '../store/types.js';
import { ApiError, checkArn, checkName, decodeOffset, encodeOffset, epochSeconds, optionalBoolean, optionalString, pageSize, requiredString, type Operation } from './wire.js';

const STATUSES: readonly StoredStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];
/** History event detail members that carry execution data (dropped when includeExecutionData is false). */
const DATA_FIELDS = ['input', 'inputDetails', 'output', 'outputDetails'];

export function executionOperations(engine: Engine): Record<string, Operation> {
  async function machineExists(arn: string): Promise<void> {
    checkArn(arn, 'stateMachine');
    if ((await engine.store.getMachine(arn)) === undefined) throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
  }

  async function record(arn: string): Promise<ExecutionRecord> {
    checkArn(arn, 'execution');
    const found = await engine.describe(arn);
    if (found === undefined) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return found;
  }

  return {
    async StartExecution(body) {
      const machineArn = requiredString(body, 'stateMachineArn');
      const name = optionalString(body, 'name');
      const input = parseInput(optionalString(body, 'input'));
      if (name !== undefined) checkName(name);
      await machineExists(machineArn);
      if (name !== undefined) {
        const previous = await engine.describe(`${machineArn.replace(':stateMachine:', ':execution:')}:${name}`);
        if (previous !== undefined) {
          // AWS: a STANDARD start repeating a running execution's name and input is idempotent.
          if (previous.status === 'RUNNING' && jsonEqual(previous.input, input)) return { executionArn: previous.arn, startDate: epochSeconds(previous.startDate) };
          throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${previous.arn}'`);
        }
      }
      let execution;
      try {
        execution = await engine.start(machineArn, input, name === undefined ? {} : { name });
      } catch (error) {
        // Two starts with one name racing past the check above: the store keeps only the first.
        if (error instanceof StoreConflictError) throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${name ?? ''}'`);
        throw error;
      }
      return { executionArn: execution.arn, startDate: epochSeconds(execution.startDate) };
    },

    async DescribeExecution(body) {
      const found = await record(requiredString(body, 'executionArn'));
      const out: JsonObject = {
        ...summary(found),
        input: JSON.stringify(found.input),
        inputDetails: { included: true },
      };
      if (found.status === 'SUCCEEDED' && found.output !== undefined) {
        out['output'] = JSON.stringify(found.output);
        out['outputDetails'] = { included: true };
      }
      if (found.error !== undefined) out['error'] = found.error;
      if (found.cause !== undefined) out['cause'] = found.cause;
      return out;
    },

    async ListExecutions(body) {
      const machineArn = requiredString(body, 'stateMachineArn');
      const status = statusFilter(body);
      await machineExists(machineArn);
      const after = optionalString(body, 'nextToken');
      let page;
      try {
        page = await engine.list({ machineArn, limit: pageSize(body), ...(status === undefined ? {} : { status }), ...(after === undefined ? {} : { after }) });
      } catch (error) {
        if (after !== undefined && !(error instanceof ApiError)) throw new ApiError('InvalidToken', `Invalid Token: '${after}'`);
        throw error;
      }
      const out: JsonObject = { executions: page.executions.map(summary) };
      if (page.next !== undefined) out['nextToken'] = page.next;
      return out;
    },

    async GetExecutionHistory(body) {
      const found = await record(requiredString(body, 'executionArn'));
      const reverse = optionalBoolean(body, 'reverseOrder') ?? false;
      const includeData = optionalBoolean(body, 'includeExecutionData') ?? true;
      const offset = decodeOffset(optionalString(body, 'nextToken'));
      const limit = pageSize(body);
      // Paged here by position: the store's afterId cursor only runs forwards.
      const events = [...(await engine.history(found.arn))];
      if (reverse) events.reverse();
      const page = events.slice(offset, offset + limit).map((event) => wireEvent(toAwsHistoryEvent(event), includeData));
      const out: JsonObject = { events: page };
      if (offset + limit < events.length) out['nextToken'] = encodeOffset(offset + limit);
      return out;
    },

    async StopExecution(body) {
      const found = await record(requiredString(body, 'executionArn'));
      const error = optionalString(body, 'error');
      const cause = optionalString(body, 'cause');
      if (found.status !== 'RUNNING') return { stopDate: epochSeconds(found.stopDate ?? found.startDate) };
      const running = engine.execution(found.arn);
      if (running === undefined) throw new ApiError('ValidationException', `Execution is not driven by this server: '${found.arn}'`);
      running.abort(error, cause);
      // `result` settles once the final commit is in the store, so the record below shows ABORTED.
      await running.result;
      const stopped = await record(found.arn);
      return { stopDate: epochSeconds(stopped.stopDate ?? stopped.startDate) };
    },
  };
}

function summary(execution: ExecutionSummary): JsonObject {
  const out: JsonObject = {
    executionArn: execution.arn,
    stateMachineArn: execution.machineArn,
    name: execution.name,
    status: execution.status,
    startDate: epochSeconds(execution.startDate),
  };
  if (execution.stopDate !== undefined) out['stopDate'] = epochSeconds(execution.stopDate);
  return out;
}

function parseInput(text: string | undefined): JsonValue {
  if (text === undefined) return {};
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new ApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${error instanceof Error ? error.message : String(error)}'`);
  }
}

function statusFilter(body: JsonObject): StoredStatus | undefined {
  const value = optionalString(body, 'statusFilter');
  if (value === undefined) return undefined;
  const status = STATUSES.find((s) => s === value);
  if (status === undefined) throw new ApiError('ValidationException', `Value '${value}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [${STATUSES.join(', ')}]`);
  return status;
}

/** An AWS history event on the wire: epoch-seconds timestamp, payloads dropped on request. */
function wireEvent(event: JsonObject, includeData: boolean): JsonObject {
  const timestamp = event['timestamp'];
  const out: JsonObject = { ...event, timestamp: typeof timestamp === 'string' ? epochSeconds(Date.parse(timestamp)) : (timestamp ?? 0) };
  if (includeData) return out;
  for (const [key, value] of Object.entries(out)) {
    if (!key.endsWith('EventDetails') || !isJsonObject(value)) continue;
    const details: JsonObject = {};
    for (const [field, member] of Object.entries(value)) if (!DATA_FIELDS.includes(field)) details[field] = member;
    out[key] = details;
  }
  return out;
}

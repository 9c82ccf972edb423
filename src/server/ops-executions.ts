// Execution operations: StartExecution, DescribeExecution, ListExecutions, GetExecutionHistory and
// StopExecution, in the field names of AWS's API reference.
import { jsonEqual, type JsonObject } from '../core/json.js';
import type { Engine } from '../service/engine.js';
import { StoreConflictError } from '../store/errors.js';
import type { ExecutionRecord, ExecutionSummary, StoredStatus } from '../store/types.js';
import { historyPage } from './history-page.js';
import { childExecutionFields, listMapRunExecutions } from './ops-map-runs.js';
import { MachineRegistry } from './machine-registry.js';
import { STARTED_WITH, startedWith } from './ops-machine-changes.js';
import { splitTestCase } from './ops-sync.js';
import { ApiError, checkArn, checkLength, checkName, epochSeconds, type Operation, optionalBoolean, optionalString, pageSize, parseInput, requiredString } from './wire.js';

/** AWS's statusFilter values; PENDING_REDRIVE (a redrivable failed execution) matches none here. */
const STATUS_FILTERS = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'] as const;
/** AWS's limit on an execution's input: 262,144 bytes of UTF-8 (its length constraint counts bytes). */
const MAX_INPUT_BYTES = 256 * 1024;

export function executionOperations(engine: Engine): Record<string, Operation> {
  const registry = new MachineRegistry(engine);

  async function record(arn: string): Promise<ExecutionRecord> {
    checkArn(arn, 'execution');
    const found = await engine.describe(arn);
    if (found === undefined) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return found;
  }

  return {
    async StartExecution(body) {
      // `ARN#TestCase`: Step Functions Local's pick of a mock test case (ops-sync.ts).
      const { machineArn, testCase } = splitTestCase(requiredString(body, 'stateMachineArn'));
      const name = optionalString(body, 'name');
      if (name !== undefined) checkName(name);
      const text = optionalString(body, 'input');
      if (text !== undefined && Buffer.byteLength(text, 'utf8') > MAX_INPUT_BYTES) {
        throw new ApiError('ValidationException', `1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to ${MAX_INPUT_BYTES}`);
      }
      const input = parseInput(text);
      // A deleting machine refuses new executions (StateMachineDeleting).
      const machine = await registry.requireActive(machineArn);
      let execution;
      try {
        // The execution keeps the role and settings of the machine's revision it starts on (DescribeStateMachineForExecution).
        const attributes = { [STARTED_WITH]: startedWith(machine) };
        execution = await engine.start(machineArn, input, { attributes, ...(name === undefined ? {} : { name }), ...(testCase === undefined ? {} : { testCase }) });
      } catch (error) {
        // The engine refuses a name it or its store has, before running anything.
        if (!(error instanceof StoreConflictError) || name === undefined) throw error;
        const arn = `${machineArn.replace(':stateMachine:', ':execution:')}:${name}`;
        // A start of the same name in this turn may not be in the store yet (its first commit is the next turn's).
        await engine.stored(arn);
        const previous = await engine.describe(arn);
        // AWS: a STANDARD start repeating a running execution's name and input is idempotent.
        if (previous !== undefined && previous.status === 'RUNNING' && jsonEqual(previous.input, input)) return { executionArn: previous.arn, startDate: epochSeconds(previous.startDate) };
        throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
      }
      return { executionArn: execution.arn, startDate: epochSeconds(execution.startDate) };
    },

    async DescribeExecution(body) {
      const found = await record(requiredString(body, 'executionArn'));
      const out: JsonObject = {
        ...summary(found),
        // A Map Run's child shows its own state machine (`<machine>/<label>`) and its Map Run.
        ...childExecutionFields(found),
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
      const machineArn = optionalString(body, 'stateMachineArn');
      // AWS: a Map Run's child executions are listed by its ARN instead of a machine's (ops-map-runs.ts).
      const mapRunArn = optionalString(body, 'mapRunArn');
      const status = statusFilter(body);
      if (machineArn !== undefined && mapRunArn !== undefined) throw new ApiError('ValidationException', '1 validation error detected: Provide either a StateMachine ARN or a MapRun ARN, not both');
      if (machineArn !== undefined) await registry.require(machineArn);
      else if (mapRunArn === undefined) throw new ApiError('ValidationException', '1 validation error detected: Must provide a StateMachine ARN or MapRun ARN');
      const after = optionalString(body, 'nextToken');
      if (after !== undefined) checkLength(after, 'nextToken', 1, 3096);
      const request = { limit: pageSize(body), ...(after === undefined ? {} : { after }) };
      let page: { readonly executions: readonly JsonObject[]; readonly next?: string | undefined };
      try {
        if (mapRunArn !== undefined) page = await listMapRunExecutions(engine, mapRunArn, { ...request, ...(status === undefined ? {} : { status }) });
        else if (status === 'PENDING_REDRIVE' || machineArn === undefined) page = { executions: [] };
        else {
          const stored = await engine.list({ ...request, machineArn, ...(status === undefined ? {} : { status }) });
          page = { executions: stored.executions.map(summary), next: stored.next };
        }
      } catch (error) {
        if (after !== undefined && !(error instanceof ApiError)) throw new ApiError('InvalidToken', `Invalid Token: '${after}'`);
        throw error;
      }
      const out: JsonObject = { executions: [...page.executions] };
      if (page.next !== undefined) out['nextToken'] = page.next;
      return out;
    },

    async GetExecutionHistory(body) {
      const arn = requiredString(body, 'executionArn');
      checkArn(arn, 'execution');
      const nextToken = optionalString(body, 'nextToken');
      const page = await historyPage(engine, arn, {
        reverse: optionalBoolean(body, 'reverseOrder') ?? false,
        includeData: optionalBoolean(body, 'includeExecutionData') ?? true,
        limit: pageSize(body),
        ...(nextToken === undefined ? {} : { nextToken }),
      });
      if (page === undefined) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
      const out: JsonObject = { events: page.events };
      if (page.nextToken !== undefined) out['nextToken'] = page.nextToken;
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


function statusFilter(body: JsonObject): StoredStatus | 'PENDING_REDRIVE' | undefined {
  const value = optionalString(body, 'statusFilter');
  if (value === undefined) return undefined;
  const status = STATUS_FILTERS.find((s) => s === value);
  if (status === undefined) {
    throw new ApiError('ValidationException', `1 validation error detected: Value '${value}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [${STATUS_FILTERS.join(', ')}]`);
  }
  return status;
}

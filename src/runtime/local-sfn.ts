// Step Functions' own API on the local backend of plain state machines (createStateMachine, `asl
// run`): the engine is the service here, so this lives in the runtime, not in the world. The
// executions are those of the other state machines the machine was given (`stateMachines`), which
// run alongside it on the same clock and world, each with its own history (recorded:
// test_aws_sdk_task_service.py::test_sfn_start_execution_implicit_json_serialisation):
// - StartExecution, idempotent as on AWS (the same name and input while that execution runs give
//   the same answer; otherwise a name is used once: ExecutionAlreadyExists);
// - DescribeExecution, StopExecution, ListExecutions;
// - awaitExecution, which tells a .sync task of the end of a child without polling;
// - the task-token calls, answered by the hub the tokens wait in (callbacks.ts), or as AWS does
//   for a token it never issued (recorded: test_sfn_send_task_outcome_with_no_such_token).
// Other actions fail with the two ways out. The engine's backend is service/engine-sfn.ts.
import { addAbortCallback, isAborted, removeAbortCallback } from '../core/abort.js';
import { jsonEqual, type JsonObject, type JsonValue } from '../core/json.js';
import { type ServiceBackend, type ServiceCall, ServiceError } from '../integrations/backend.js';
import { derivedRequestId } from '../integrations/lambda-response.js';
import { executionArnOf, type ExecutionWatcher } from '../integrations/states-execution.js';
import {
  describedExecution,
  type DescribedStatus,
  type ExecutionFacts,
  executionAlreadyExists,
  executionDoesNotExist,
  executionInput,
  executionListItem,
  machineDoesNotExist,
  pageOf,
  requiredText,
  statusFilter,
} from './sfn-describe.js';
import type { CallbackHub } from './callbacks.js';
import { answerToken, TOKEN_ACTIONS } from './sfn-tokens.js';
import type { Execution, ExecutionResult, StateMachine } from './types.js';

/** Finds another state machine by ARN, or undefined when there is none. */
export type MachineLookup = (stateMachineArn: string) => StateMachine | undefined;

/** One execution this backend started. */
interface Started {
  readonly execution: Execution;
  readonly machineArn: string;
  readonly input: JsonValue;
  readonly inputText: string;
  /** The Task attempt that started it (ServiceCall.idempotencyKey), if one was named. */
  readonly startedBy: string | undefined;
  result: ExecutionResult | undefined;
  stopDate: number | undefined;
  /** Settles once `result` and `stopDate` are set. */
  readonly ended: Promise<void>;
}

/**
 * `now`: the machines' clock (a stop date is read from it); `callbacks`: the hub their task tokens
 * wait in (without one, every token is unknown).
 */
export function createLocalStepFunctions(machines: MachineLookup, now: () => number, callbacks?: CallbackHub): ServiceBackend & ExecutionWatcher {
  const started = new Map<string, Started>();
  /** Executions started per machine, in order (ListExecutions, and unnamed starts). */
  const byMachine = new Map<string, string[]>();

  function facts(arn: string, entry: Started): ExecutionFacts {
    const result = entry.result;
    const status: DescribedStatus = result === undefined || result.status === 'SUSPENDED' ? 'RUNNING' : result.status;
    return {
      arn,
      machineArn: entry.machineArn,
      name: entry.execution.name,
      status,
      startDate: entry.execution.startDate,
      stopDate: status === 'RUNNING' ? undefined : entry.stopDate,
      input: entry.inputText,
      output: result?.status === 'SUCCEEDED' ? result.output : undefined,
      error: result !== undefined && result.status !== 'SUCCEEDED' ? result.error : undefined,
      cause: result !== undefined && result.status !== 'SUCCEEDED' ? result.cause : undefined,
    };
  }

  function entryOf(arn: string): Started {
    const entry = started.get(arn);
    if (entry === undefined) throw executionDoesNotExist(arn);
    return entry;
  }

  function startExecution(input: JsonObject, startedBy: string | undefined): JsonObject {
    const machineArn = requiredText(input, 'stateMachineArn');
    const machine = machines(machineArn);
    if (machine === undefined) throw machineDoesNotExist(machineArn);
    const arns = byMachine.get(machineArn) ?? [];
    byMachine.set(machineArn, arns);
    const given = input['Name'];
    // Without a Name, AWS draws a UUID; ours is derived from the count, so runs replay exactly.
    const name = typeof given === 'string' ? given : derivedRequestId(machineArn, String(arns.length));
    const { value, text } = executionInput(input['Input']);
    const arn = executionArnOf(machineArn, name);
    const previous = started.get(arn);
    if (previous !== undefined) {
      // AWS: repeating a running execution's name and input is idempotent; anything else is refused,
      // but for the attempt that started it, asking again (resumed from a snapshot).
      if (startedBy !== undefined && previous.startedBy === startedBy) return startAnswer(previous.execution);
      if (previous.result === undefined && jsonEqual(previous.input, value)) return startAnswer(previous.execution);
      throw executionAlreadyExists(arn);
    }
    const execution = machine.start(value, { name });
    const entry: Started = {
      execution,
      machineArn,
      input: value,
      inputText: text,
      startedBy,
      result: undefined,
      stopDate: undefined,
      ended: execution.result.then((result) => {
        entry.stopDate = now();
        entry.result = result;
      }),
    };
    started.set(execution.arn, entry);
    arns.push(execution.arn);
    return startAnswer(execution);
  }

  async function stopExecution(input: JsonObject): Promise<JsonObject> {
    const entry = entryOf(requiredText(input, 'executionArn'));
    if (entry.result === undefined) {
      const error = input['Error'];
      const cause = input['Cause'];
      entry.execution.abort(typeof error === 'string' ? error : undefined, typeof cause === 'string' ? cause : undefined);
      await entry.ended;
    }
    return { StopDate: new Date(entry.stopDate ?? now()).toISOString() };
  }

  function listExecutions(input: JsonObject): JsonObject {
    const machineArn = requiredText(input, 'stateMachineArn');
    if (machines(machineArn) === undefined) throw machineDoesNotExist(machineArn);
    const filter = statusFilter(input);
    const items = (byMachine.get(machineArn) ?? [])
      .map((arn) => executionListItem(facts(arn, entryOf(arn))))
      .filter((item) => filter === undefined || item['Status'] === filter)
      .reverse();
    return pageOf(items, input);
  }

  async function answer(call: ServiceCall): Promise<JsonObject> {
    switch (call.action) {
      case 'StartExecution':
        return startExecution(call.input, call.idempotencyKey);
      case 'DescribeExecution': {
        const arn = requiredText(call.input, 'executionArn');
        return describedExecution(facts(arn, entryOf(arn)));
      }
      case 'StopExecution':
        return stopExecution(call.input);
      case 'ListExecutions':
        return listExecutions(call.input);
      default:
        if (TOKEN_ACTIONS.has(call.action)) return answerToken(call.action, call.input, callbacks);
        throw new ServiceError(
          'sfn',
          'UnsupportedOperation',
          `The local backend does not implement sfn:${call.action} yet; mock this state (--mock-config) or run it on the aws backend (--services aws).`,
        );
    }
  }

  return {
    kind: 'local',
    serves: (service) => service === 'sfn',
    call: answer,
    async awaitExecution(executionArn: string, signal: AbortSignal): Promise<JsonObject> {
      const entry = entryOf(executionArn);
      await untilSettledOrAborted(entry.ended, signal);
      return describedExecution(facts(executionArn, entry));
    },
  };
}

function startAnswer(execution: Execution): JsonObject {
  return { ExecutionArn: execution.arn, StartDate: new Date(execution.startDate).toISOString() };
}

/** Settles with `work`, or rejects with the signal's reason once it aborts (the callback is removed either way). */
export function untilSettledOrAborted(work: Promise<void>, signal: AbortSignal): Promise<void> {
  if (isAborted(signal)) return Promise.reject(signal.reason as unknown);
  return new Promise<void>((resolve, reject) => {
    addAbortCallback(signal, reject);
    work.then(
      () => {
        removeAbortCallback(signal, reject);
        resolve();
      },
      (error: unknown) => {
        removeAbortCallback(signal, reject);
        reject(error);
      },
    );
  });
}

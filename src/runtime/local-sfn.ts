// Step Functions' own API on the local backend, for aws-sdk:sfn tasks. The engine is the service
// here, so this lives in the runtime, not in the world. What exists so far:
// - StartExecution of the other state machines the machine was given (`stateMachines`), which
//   then run alongside it on the same clock and world (recorded:
//   test_aws_sdk_task_service.py::test_sfn_start_execution_implicit_json_serialisation);
// - the task-token calls, which answer as AWS does for a token it never issued — no local task
//   waits for a callback yet (recorded: test_sfn_send_task_outcome_with_no_such_token).
// Other actions fail with the two ways out.
import type { JsonObject, JsonValue } from '../core/json.js';
import { type ServiceBackend, type ServiceCall, ServiceError } from '../integrations/backend.js';
import { derivedRequestId } from '../integrations/lambda-response.js';
import type { StateMachine } from './types.js';

const TOKEN_ACTIONS = new Set(['SendTaskSuccess', 'SendTaskFailure', 'SendTaskHeartbeat']);

/** Finds another state machine by ARN, or undefined when there is none. */
export type MachineLookup = (stateMachineArn: string) => StateMachine | undefined;

export function createLocalStepFunctions(machines: MachineLookup): ServiceBackend {
  const names = new Map<string, Set<string>>();

  function startExecution(input: JsonObject): JsonObject {
    const arn = input['StateMachineArn'];
    if (typeof arn !== 'string') throw validation('stateMachineArn');
    const machine = machines(arn);
    if (machine === undefined) throw new ServiceError('sfn', 'StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    const used = names.get(arn) ?? new Set<string>();
    names.set(arn, used);
    const given = input['Name'];
    // Without a Name, AWS draws a UUID; ours is derived from the count, so runs replay exactly.
    const name = typeof given === 'string' ? given : derivedRequestId(arn, String(used.size));
    if (used.has(name)) throw new ServiceError('sfn', 'ExecutionAlreadyExists', `Execution Already Exists: '${arn.replace(':stateMachine:', ':execution:')}:${name}'`);
    used.add(name);
    const execution = machine.start(executionInput(input['Input']), { name });
    return { ExecutionArn: execution.arn, StartDate: new Date(execution.startDate).toISOString() };
  }

  return {
    kind: 'local',
    serves: (service) => service === 'sfn',
    call(call: ServiceCall): Promise<JsonObject> {
      try {
        if (call.action === 'StartExecution') return Promise.resolve(startExecution(call.input));
        if (TOKEN_ACTIONS.has(call.action)) {
          if (typeof call.input['TaskToken'] !== 'string') throw validation('taskToken');
          throw new ServiceError('sfn', 'InvalidToken', "Invalid Token: 'Invalid token'");
        }
        throw new ServiceError(
          'sfn',
          'UnsupportedOperation',
          `The local backend does not implement sfn:${call.action} yet; mock this state (--mock-config) or run it on the aws backend (--services aws).`,
        );
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}

function validation(member: string): ServiceError {
  return new ServiceError('sfn', 'ValidationException', `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
}

/** The execution input: a JSON text (AWS's default is "{}"). */
function executionInput(input: JsonValue | undefined): JsonValue {
  if (input === undefined) return {};
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input) as JsonValue;
  } catch (err) {
    throw new ServiceError('sfn', 'InvalidExecutionInput', `Invalid State Machine Execution Input: '${err instanceof Error ? err.message : String(err)}'`);
  }
}

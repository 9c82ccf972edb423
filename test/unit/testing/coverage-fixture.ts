// A machine with something of every kind to cover: a Choice with rules and a Default, a Task with
// two retriers and two catchers, a Map whose item processor has its own Choice, and a Parallel
// whose second branch waits. Kept as text so Istanbul positions can be checked against its lines.
import { createStateMachine, type ExecutionResult, type HistoryEvent, type JsonValue, type MockConfig, VirtualClock } from '../../../src/index.js';
import type { ExecutionProbe } from '../../../src/testing/index.js';

export const ORDER_FILE = 'order.asl.json';

export const ORDER_TEXT = `{
  "StartAt": "Route",
  "States": {
    "Route": {
      "Type": "Choice",
      "Choices": [
        { "Variable": "$.kind", "StringEquals": "single", "Next": "Charge" },
        { "Variable": "$.kind", "StringEquals": "batch", "Next": "Fan" },
        { "Variable": "$.kind", "StringEquals": "both", "Next": "Both" }
      ],
      "Default": "Reject"
    },
    "Charge": {
      "Type": "Task",
      "Resource": "arn:aws:lambda:us-east-1:123456789012:function:charge",
      "Retry": [
        { "ErrorEquals": ["Throttled"], "MaxAttempts": 2, "IntervalSeconds": 1 },
        { "ErrorEquals": ["States.Timeout"], "MaxAttempts": 1 }
      ],
      "Catch": [
        { "ErrorEquals": ["Declined"], "Next": "Refund" },
        { "ErrorEquals": ["States.ALL"], "Next": "Reject" }
      ],
      "Next": "Done"
    },
    "Refund": { "Type": "Pass", "Next": "Done" },
    "Fan": {
      "Type": "Map",
      "ItemsPath": "$.items",
      "ItemProcessor": {
        "StartAt": "Item",
        "States": {
          "Item": {
            "Type": "Choice",
            "Choices": [{ "Variable": "$", "NumericGreaterThan": 10, "Next": "Big" }],
            "Default": "Small"
          },
          "Big": { "Type": "Pass", "End": true },
          "Small": { "Type": "Pass", "End": true }
        }
      },
      "Next": "Done"
    },
    "Both": {
      "Type": "Parallel",
      "Branches": [
        { "StartAt": "Left", "States": { "Left": { "Type": "Pass", "End": true } } },
        { "StartAt": "Right", "States": { "Right": { "Type": "Wait", "Seconds": 5, "End": true } } }
      ],
      "Next": "Done"
    },
    "Reject": { "Type": "Fail", "Error": "Rejected" },
    "Done": { "Type": "Succeed" }
  }
}
`;

export const ok = (value: JsonValue): { Return: JsonValue } => ({ Return: value });
export const fail = (error: string): { Throw: { Error: string } } => ({ Throw: { Error: error } });

/** Runs the order machine once with a fixed seed and a virtual clock that jumps over waits. */
export async function runOrder(
  input: JsonValue,
  mocks: MockConfig = {},
  probe?: ExecutionProbe,
): Promise<{ readonly result: ExecutionResult; readonly history: readonly HistoryEvent[] }> {
  const machine = createStateMachine(ORDER_TEXT, {
    fileName: ORDER_FILE,
    clock: new VirtualClock({ startMs: Date.UTC(2026, 0, 1), autoAdvance: true }),
    seed: 7,
    mocks,
    ...(probe === undefined ? {} : { probe }),
  });
  const execution = machine.start(input);
  const result = await execution.result;
  return { result, history: execution.history };
}

/** The 1-based line of the first line of ORDER_TEXT containing `needle`. */
export function lineOf(needle: string): number {
  const index = ORDER_TEXT.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`not in the fixture: ${needle}`);
  return index + 1;
}

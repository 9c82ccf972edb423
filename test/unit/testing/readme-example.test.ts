// The example of the README's "Testing your state machines": a property check that finds a real bug
// (ChargeCard has no Catch for the errors it does not expect) and prints its shrunk trace.
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../src/core/json.js';
import { checkMachine, inputFrom, neverFailsUnhandled, PropertyFailure, taskOutcomes } from '../../../src/testing/index.js';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:';

function orderMachine(chargeCatches: JsonValue[]): JsonValue {
  return {
    StartAt: 'ReserveStock',
    States: {
      ReserveStock: {
        Type: 'Task',
        Resource: `${LAMBDA}reserve-stock`,
        Retry: [{ ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 }],
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Rejected' }],
        ResultPath: '$.reservation',
        Next: 'ChargeCard',
      },
      ChargeCard: {
        Type: 'Task',
        Resource: `${LAMBDA}charge-card`,
        Retry: [{ ErrorEquals: ['States.Timeout'], IntervalSeconds: 2, MaxAttempts: 2 }],
        Catch: chargeCatches,
        ResultPath: '$.payment',
        Next: 'Done',
      },
      Done: { Type: 'Succeed' },
      Rejected: { Type: 'Fail', Error: 'OrderRejected' },
    },
  };
}

// The bug: only a declined card is caught; any other ChargeCard error fails the whole execution.
const buggy = orderMachine([{ ErrorEquals: ['Payment.Declined'], ResultPath: '$.error', Next: 'Rejected' }]);
const fixed = orderMachine([
  { ErrorEquals: ['Payment.Declined'], ResultPath: '$.error', Next: 'Rejected' },
  { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Rejected' },
]);
const input = inputFrom({ type: 'object', properties: { orderId: { type: 'string', minLength: 1 }, total: { type: 'number', minimum: 0 } }, required: ['orderId', 'total'] });

describe('README: Testing your state machines', () => {
  it('finds the missing Catch and prints the shrunk counterexample with its replay', async () => {
    const failure = await checkMachine(buggy, { input, outcomes: taskOutcomes(buggy), property: neverFailsUnhandled(), runs: 500, seed: 42 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PropertyFailure);
    const message = (failure as PropertyFailure).message;
    expect(message).toContain('property neverFailsUnhandled failed');
    expect(message).toContain('the execution FAILED with States.TaskFailed in ChargeCard (Task), which has no Catch for it.');
    // Shrunk: one harmless input, ReserveStock succeeds, the first ChargeCard call fails.
    expect(message).toContain(
      [
        'input: {"orderId":" ","total":0}',
        'trace:',
        '  +0ms       enter ReserveStock (Task)',
        '  +0ms       ReserveStock invocation #1 returns {}',
        '  +0ms       enter ChargeCard (Task)',
        '  +0ms       ChargeCard invocation #1 throws States.TaskFailed',
        'result: FAILED with States.TaskFailed: Injected by the test schedule: invocation 1 of ChargeCard.',
      ].join('\n'),
    );
    expect(message).toMatch(/replay: checkMachine\(definition, \{ \.\.\., seed: 42, path: '[\d:]+' \}\)/);
  });

  it('passes once ChargeCard catches everything else', async () => {
    const summary = await checkMachine(fixed, { input, outcomes: taskOutcomes(fixed), property: neverFailsUnhandled(), runs: 500, seed: 42 });
    expect(summary.runs).toBe(500);
  });
});

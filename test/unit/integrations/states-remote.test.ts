// states:startExecution on a backend that cannot tell when an execution ends (the aws backend): the
// .sync task polls DescribeExecution on the execution's clock, and stops the child through the
// backend when the parent is stopped. And .waitForTaskToken: the call is a plain StartExecution,
// and the parent waits for the child to send its token back.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import { ExecutionAbortedError, ExecutionSuspendedError } from '../../../src/core/errors.js';
import type { JsonObject } from '../../../src/core/json.js';
import { parseResource } from '../../../src/integrations/resource.js';
import { createServiceIntegrations } from '../../../src/integrations/services.js';
import { createStateMachine } from '../../../src/runtime/execution.js';
import { replied, scriptedBackend } from './service-support.js';
import { CHILD, runOut, settle, START } from './states-support.js';

const RUN = 'arn:aws:states:us-east-1:123456789012:execution:Child:run';

function described(status: string): JsonObject {
  return replied({ ExecutionArn: RUN, StateMachineArn: CHILD, Name: 'run', Status: status, StartDate: new Date(START).toISOString(), Input: '{}', InputDetails: { Included: true } });
}

function remote(statuses: string[]) {
  return scriptedBackend(
    {
      'sfn StartExecution': () => replied({ ExecutionArn: RUN, StartDate: new Date(START).toISOString() }, 'req-start'),
      'sfn DescribeExecution': () => described(statuses.shift() ?? 'RUNNING'),
      'sfn StopExecution': () => replied({ StopDate: new Date(START).toISOString() }),
    },
    'aws',
  );
}

function invokeSync(backend: ReturnType<typeof remote>, clock: VirtualClock, signal: AbortSignal) {
  const resource = parseResource('arn:aws:states:::states:startExecution.sync');
  const integration = createServiceIntegrations(() => backend).find((i) => i.supports(resource));
  return integration?.invoke(
    { resource, parameters: { StateMachineArn: CHILD, Name: 'run' }, stateName: 'Nest', taskToken: undefined },
    { signal, sleep: (ms, other) => clock.sleep(ms, other ?? signal), now: () => clock.now(), executionArn: 'arn:aws:states:us-east-1:123456789012:execution:Parent:p' },
  );
}

describe('states:startExecution.sync on the aws backend', () => {
  it('polls DescribeExecution on the virtual clock, backing off, until the child ends', async () => {
    const clock = new VirtualClock({ startMs: START, autoAdvance: true });
    const backend = remote(['RUNNING', 'RUNNING', 'RUNNING', 'SUCCEEDED']);
    const result = await invokeSync(backend, clock, new AbortController().signal);
    expect(result).toMatchObject({ ExecutionArn: RUN, Status: 'SUCCEEDED', StartDate: START });
    expect(backend.calls.map((c) => c.action)).toEqual(['StartExecution', 'DescribeExecution', 'DescribeExecution', 'DescribeExecution', 'DescribeExecution']);
    // Waits of 1 s, 2 s and 4 s between the four looks.
    expect(clock.now()).toBe(START + 7_000);
  });

  it('stops the child through the backend when the parent is stopped, and not when it is suspended', async () => {
    for (const [reason, stops] of [
      [new ExecutionAbortedError(), true],
      [new ExecutionSuspendedError(), false],
    ] as const) {
      const clock = new VirtualClock({ startMs: START });
      const backend = remote([]);
      const controller = new AbortController();
      const call = invokeSync(backend, clock, controller.signal);
      await settle();
      controller.abort(reason);
      await expect(call).rejects.toBe(reason);
      await settle();
      const stop = backend.calls.find((c) => c.action === 'StopExecution');
      expect(stop?.input).toEqual(stops ? { ExecutionArn: RUN, Cause: 'The Task state in AWS Step Functions execution [arn:aws:states:us-east-1:123456789012:execution:Parent:p] which was managing this resource was aborted' } : undefined);
    }
  });
});

describe('states:startExecution.waitForTaskToken', () => {
  it('starts the child with the token and goes on with what the child sends back', async () => {
    const clock = new VirtualClock({ startMs: START, autoAdvance: true });
    const child = {
      StartAt: 'Reply',
      States: {
        Reply: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:sfn:sendTaskSuccess',
          Parameters: { 'TaskToken.$': '$.token', Output: { 'answer.$': 'States.MathAdd($.n, 1)' } },
          End: true,
        },
      },
    };
    const parent = createStateMachine(
      {
        StartAt: 'Ask',
        States: {
          Ask: {
            Type: 'Task',
            Resource: 'arn:aws:states:::states:startExecution.waitForTaskToken',
            Parameters: { StateMachineArn: CHILD, Input: { n: 41, 'token.$': '$$.Task.Token' } },
            TimeoutSeconds: 300,
            End: true,
          },
        },
      },
      { clock, seed: 5, stateMachines: { [CHILD]: child } },
    );
    const execution = parent.start({});
    await runOut(execution, clock);
    expect(await execution.result).toEqual({ status: 'SUCCEEDED', output: { answer: 42 } });
    expect(execution.history.map((e) => e.type)).toContain('TaskSubmitted');
  });
});

// TimeoutSecondsPath and HeartbeatSecondsPath read the state input after InputPath, not the
// Parameters result (issue 9, AWS's behaviour); a task outlasting the timeout fails with States.Timeout.
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../src/index.js';
import { runDefinition, scriptedLambdas } from '../../support/run.js';

function task(fields: Record<string, JsonValue>): JsonValue {
  return {
    StartAt: 'T',
    States: {
      T: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        // The Parameters result holds no timeout at all: only the input does.
        Parameters: { FunctionName: 'work', 'Payload.$': '$.payload' },
        ...fields,
        End: true,
      },
    },
  };
}

const slow = scriptedLambdas({ work: [{ sleepSeconds: 30, return: 'done' }] });

describe('TimeoutSecondsPath', () => {
  it('reads the state input, so a task outlasting it fails with States.Timeout', async () => {
    const { result, history, elapsedMs } = await runDefinition(task({ TimeoutSecondsPath: '$.limits.timeout' }), { payload: {}, limits: { timeout: 5 } }, { lambdas: slow });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(elapsedMs).toBe(5_000);
    expect(history.find((e) => e.type === 'TaskScheduled')?.details?.timeoutInSeconds).toBe(5);
    expect(history.map((e) => e.type)).toContain('TaskTimedOut');
  });

  it('reads the input after InputPath', async () => {
    const definition = task({ InputPath: '$.job', TimeoutSecondsPath: '$.timeout' });
    const { result, elapsedMs } = await runDefinition(definition, { job: { payload: {}, timeout: 2 }, timeout: 3600 }, { lambdas: slow });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(elapsedMs).toBe(2_000);
  });

  it('lets a task that finishes in time succeed', async () => {
    const { result, elapsedMs } = await runDefinition(task({ TimeoutSecondsPath: '$.timeout' }), { payload: {}, timeout: 60 }, { lambdas: slow });
    expect(result.status).toBe('SUCCEEDED');
    expect(elapsedMs).toBe(30_000);
  });

  it('is caught as States.Timeout with an empty Cause', async () => {
    const definition = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'work' },
          TimeoutSecondsPath: '$.timeout',
          Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: 'Done' }],
          Next: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    };
    const { result } = await runDefinition(definition, { timeout: 1 }, { lambdas: slow });
    expect(result).toEqual({ status: 'SUCCEEDED', output: { timeout: 1, error: { Error: 'States.Timeout', Cause: '' } } });
  });

  it('is a States.Runtime when the input has no such value, even if Parameters builds one', async () => {
    const definition = task({ TimeoutSecondsPath: '$.timeout', Parameters: { FunctionName: 'work', timeout: 5 } });
    const { result } = await runDefinition(definition, { payload: {} }, { lambdas: slow });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });
});

describe('HeartbeatSecondsPath', () => {
  it('reads the state input after InputPath and records it on TaskScheduled', async () => {
    const definition = task({ InputPath: '$.job', HeartbeatSecondsPath: '$.heartbeat', TimeoutSeconds: 100 });
    const fast = scriptedLambdas({ work: [{ return: 'done' }] });
    const { result, history } = await runDefinition(definition, { job: { payload: {}, heartbeat: 7 } }, { lambdas: fast });
    expect(result.status).toBe('SUCCEEDED');
    expect(history.find((e) => e.type === 'TaskScheduled')?.details).toMatchObject({ timeoutInSeconds: 100, heartbeatInSeconds: 7 });
  });
});

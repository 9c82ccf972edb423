import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/core/json.js';
import { ServiceError } from '../../../src/integrations/backend.js';
import { createStateMachine } from '../../../src/runtime/execution.js';
import { createLocalStepFunctions } from '../../../src/runtime/local-sfn.js';
import type { StateMachine } from '../../../src/runtime/types.js';
import { VirtualClock } from '../../../src/core/clock.js';

const ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:Child';

function backend(): { call: (action: string, input: JsonObject) => Promise<JsonObject>; started: () => StateMachine } {
  const child = createStateMachine({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, { name: 'Child', clock: new VirtualClock({ autoAdvance: true }), seed: 1 });
  const sfn = createLocalStepFunctions((arn) => (arn === ARN ? child : undefined));
  return { call: (action, input) => sfn.call({ service: 'sfn', action, input, signal: new AbortController().signal }), started: () => child };
}

async function serviceError(promise: Promise<unknown>): Promise<[string, string]> {
  const err: unknown = await promise.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof ServiceError)) throw new Error(`expected a ServiceError, got ${String(err)}`);
  return [err.code, err.message];
}

describe('Step Functions API on the local backend', () => {
  it('starts a known machine with a derived name, and refuses the same name twice', async () => {
    const sfn = backend();
    const first = await sfn.call('StartExecution', { StateMachineArn: ARN, Input: '{"a":1}' });
    expect(first).toEqual({ ExecutionArn: expect.stringMatching(/^arn:aws:states:us-east-1:123456789012:execution:Child:[0-9a-f-]{36}$/), StartDate: '2026-01-01T00:00:00.000Z' });
    expect(await sfn.call('StartExecution', { StateMachineArn: ARN, Name: 'run-1' })).toMatchObject({ ExecutionArn: 'arn:aws:states:us-east-1:123456789012:execution:Child:run-1' });
    expect(await serviceError(sfn.call('StartExecution', { StateMachineArn: ARN, Name: 'run-1' }))).toEqual([
      'ExecutionAlreadyExists',
      "Execution Already Exists: 'arn:aws:states:us-east-1:123456789012:execution:Child:run-1'",
    ]);
  });

  it.each([
    [{ StateMachineArn: `${ARN}2` }, 'StateMachineDoesNotExist'],
    [{ StateMachineArn: ARN, Input: '{not json' }, 'InvalidExecutionInput'],
    [{}, 'ValidationException'],
  ])('refuses StartExecution %j with %s', async (input, code) => {
    expect((await serviceError(backend().call('StartExecution', input)))[0]).toBe(code);
  });

  it('knows no task token (no local task waits for a callback yet)', async () => {
    expect(await serviceError(backend().call('SendTaskSuccess', { TaskToken: 't', Output: '{}' }))).toEqual(['InvalidToken', "Invalid Token: 'Invalid token'"]);
    expect((await serviceError(backend().call('SendTaskFailure', {})))[0]).toBe('ValidationException');
  });

  it('names the ways out for the actions it does not implement', async () => {
    expect(await serviceError(backend().call('DescribeExecution', { ExecutionArn: 'x' }))).toEqual(['UnsupportedOperation', expect.stringContaining('--services aws')]);
  });
});

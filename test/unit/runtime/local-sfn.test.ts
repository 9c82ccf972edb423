import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/core/json.js';
import { ServiceError } from '../../../src/integrations/backend.js';
import { createStateMachine } from '../../../src/runtime/execution.js';
import { CallbackHub, taskToken } from '../../../src/runtime/callbacks.js';
import { createLocalStepFunctions } from '../../../src/runtime/local-sfn.js';
import type { StateMachine } from '../../../src/runtime/types.js';
import { VirtualClock } from '../../../src/core/clock.js';

const ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:Child';

const PASS = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
const WAIT = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10, End: true } } };

function backend(definition: JsonObject = PASS): { call: (action: string, input: JsonObject) => Promise<JsonObject>; started: () => StateMachine } {
  const clock = new VirtualClock({ autoAdvance: definition === PASS });
  const child = createStateMachine(definition, { name: 'Child', clock, seed: 1 });
  const sfn = createLocalStepFunctions((arn) => (arn === ARN ? child : undefined), () => clock.now());
  return { call: (action, input) => sfn.call({ service: 'sfn', action, input, signal: new AbortController().signal }), started: () => child };
}

async function serviceError(promise: Promise<unknown>): Promise<[string, string]> {
  const err: unknown = await promise.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof ServiceError)) throw new Error(`expected a ServiceError, got ${String(err)}`);
  return [err.code, err.message];
}

describe('Step Functions API on the local backend', () => {
  it('starts a known machine with a derived name; the same name again is idempotent only with the same input', async () => {
    const sfn = backend();
    const first = await sfn.call('StartExecution', { StateMachineArn: ARN, Input: '{"a":1}' });
    expect(first).toEqual({ ExecutionArn: expect.stringMatching(/^arn:aws:states:us-east-1:123456789012:execution:Child:[0-9a-f-]{36}$/), StartDate: '2026-01-01T00:00:00.000Z' });
    const named = await sfn.call('StartExecution', { StateMachineArn: ARN, Name: 'run-1' });
    expect(named).toMatchObject({ ExecutionArn: 'arn:aws:states:us-east-1:123456789012:execution:Child:run-1' });
    // While it runs, the same name and input give the same answer (AWS's idempotent StartExecution).
    expect(await sfn.call('StartExecution', { StateMachineArn: ARN, Name: 'run-1', Input: '{}' })).toEqual(named);
    expect(await serviceError(sfn.call('StartExecution', { StateMachineArn: ARN, Name: 'run-1', Input: '{"other":true}' }))).toEqual([
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

  it('knows no task token without a hub', async () => {
    expect(await serviceError(backend().call('SendTaskSuccess', { TaskToken: 't', Output: '{}' }))).toEqual(['InvalidToken', "Invalid Token: 'Invalid token'"]);
    expect((await serviceError(backend().call('SendTaskFailure', {})))[0]).toBe('ValidationException');
  });

  it('describes, lists (newest first, by status, a page at a time) and stops what it started', async () => {
    const sfn = backend(WAIT);
    for (const name of ['a', 'b', 'c']) await sfn.call('StartExecution', { StateMachineArn: ARN, Name: name });
    const first = await sfn.call('ListExecutions', { StateMachineArn: ARN, MaxResults: 2 });
    expect((first['Executions'] as JsonObject[]).map((e) => e['Name'])).toEqual(['c', 'b']);
    const rest = await sfn.call('ListExecutions', { StateMachineArn: ARN, MaxResults: 2, NextToken: first['NextToken'] as string });
    expect((rest['Executions'] as JsonObject[]).map((e) => e['Name'])).toEqual(['a']);
    const a = `${ARN.replace(':stateMachine:', ':execution:')}:a`;
    await sfn.call('StopExecution', { ExecutionArn: a, Error: 'Halt', Cause: 'enough' });
    expect(await sfn.call('DescribeExecution', { ExecutionArn: a })).toMatchObject({ Status: 'ABORTED', Error: 'Halt', Cause: 'enough', RedriveStatus: 'REDRIVABLE', Input: '{}' });
    const aborted = await sfn.call('ListExecutions', { StateMachineArn: ARN, StatusFilter: 'ABORTED' });
    expect((aborted['Executions'] as JsonObject[]).map((e) => e['Name'])).toEqual(['a']);
    expect((await serviceError(sfn.call('DescribeExecution', { ExecutionArn: `${a}x` })))[0]).toBe('ExecutionDoesNotExist');
    expect((await serviceError(sfn.call('ListExecutions', { StateMachineArn: `${ARN}2` })))[0]).toBe('StateMachineDoesNotExist');
  });

  it('answers the tasks waiting in its hub, with AWS\'s errors for bad tokens and output', async () => {
    const clock = new VirtualClock({ autoAdvance: true });
    const hub = new CallbackHub();
    const sfn = createLocalStepFunctions(() => undefined, () => clock.now(), hub);
    const call = (action: string, input: JsonObject) => sfn.call({ service: 'sfn', action, input, signal: new AbortController().signal });
    const token = taskToken('arn:aws:states:us-east-1:123456789012:execution:P:p1', '', 1, 0);
    const wait = hub.awaitToken(token);
    expect((await serviceError(call('SendTaskSuccess', { TaskToken: token, Output: 'not json' })))[0]).toBe('InvalidOutput');
    expect((await serviceError(call('SendTaskSuccess', { TaskToken: 'forged', Output: 'not json' })))[0]).toBe('InvalidToken');
    expect(await call('SendTaskSuccess', { TaskToken: token, Output: '{"ok":1}' })).toEqual({});
    expect(await wait.outcome).toEqual({ kind: 'success', output: { ok: 1 } });
    expect((await serviceError(call('SendTaskFailure', { TaskToken: token, Error: 'E' })))[0]).toBe('TaskTimedOut');
  });

  it('names the ways out for the actions it does not implement', async () => {
    expect(await serviceError(backend().call('CreateStateMachine', { name: 'x' }))).toEqual(['UnsupportedOperation', expect.stringContaining('--services aws')]);
  });
});

// A .sync parent and its child over the parent's life: stopping the parent stops the child (AWS
// stops the executions a .sync task manages), suspending it does not, and a parent resumed from a
// snapshot while its Task was in flight finds the child it had started instead of starting another.
import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../../src/core/json.js';
import { createStateMachine } from '../../../src/runtime/execution.js';
import { CHILD, family, runOut, settle, SLOW_CHILD, START } from './states-support.js';

const SYNC = { Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: CHILD, Input: { n: 1 } }, End: true };

async function onlyChild(call: (action: string, input: JsonObject) => Promise<JsonObject>): Promise<JsonObject> {
  const { Executions } = (await call('ListExecutions', { StateMachineArn: CHILD })) as { Executions: JsonObject[] };
  expect(Executions).toHaveLength(1);
  return Executions[0] as JsonObject;
}

describe('a .sync child over its parent’s life', () => {
  it('is stopped when the parent is stopped, with the cause AWS gives', async () => {
    const { clock, parent, call } = family(SLOW_CHILD);
    const execution = parent(SYNC).start({}, { name: 'p1' });
    await settle();
    clock.advance(10_000);
    await settle();
    execution.abort('Operator', 'enough');
    await runOut(execution, clock);
    expect(await execution.result).toMatchObject({ status: 'ABORTED' });
    const child = await onlyChild(call);
    expect(await call('DescribeExecution', { ExecutionArn: child['ExecutionArn'] as string })).toMatchObject({
      Status: 'ABORTED',
      StopDate: new Date(START + 10_000).toISOString(),
      Cause: `The Task state in AWS Step Functions execution [${execution.arn}] which was managing this resource was aborted`,
    });
  });

  it('runs on when the parent is only suspended (an engine closing)', async () => {
    const { clock, parent, call } = family(SLOW_CHILD);
    const execution = parent(SYNC).start({});
    await settle();
    execution.suspend();
    expect(await execution.result).toMatchObject({ status: 'SUSPENDED' });
    const child = await onlyChild(call);
    expect(child['Status']).toBe('RUNNING');
    clock.advance(60_000);
    await settle();
    expect(await call('DescribeExecution', { ExecutionArn: child['ExecutionArn'] as string })).toMatchObject({ Status: 'SUCCEEDED' });
  });

  it('is found again, not started twice, by a parent resumed from a snapshot while the child runs', async () => {
    const { clock, parent, call } = family(SLOW_CHILD);
    const machine = parent(SYNC);
    const first = machine.start({}, { name: 'p1' });
    await settle();
    clock.advance(20_000);
    await settle();
    const snapshot = JSON.parse(JSON.stringify(first.snapshot())) as JsonValue;
    first.suspend();
    const started = (await onlyChild(call))['ExecutionArn'];
    const second = machine.resume(snapshot);
    await runOut(second, clock);
    const result = await second.result;
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { ExecutionArn: started, Status: 'SUCCEEDED', StopDate: START + 60_000 } });
    expect((await onlyChild(call))['ExecutionArn']).toBe(started);
    // TaskSubmitted was recorded before the snapshot; the resumed call does not record it again.
    expect(first.history.filter((e) => e.type === 'TaskSubmitted')).toHaveLength(1);
    expect(second.history.map((e) => e.type)).toEqual(['TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
  });

  it('is adopted as it ended by a parent resumed after the child finished', async () => {
    const { clock, parent, call } = family(SLOW_CHILD);
    const machine = parent(SYNC);
    const first = machine.start({}, { name: 'p1' });
    await settle();
    const snapshot = JSON.parse(JSON.stringify(first.snapshot())) as JsonValue;
    first.suspend();
    clock.advance(60_000);
    await settle();
    expect((await onlyChild(call))['Status']).toBe('SUCCEEDED');
    const second = machine.resume(snapshot);
    await runOut(second, clock);
    expect(await second.result).toMatchObject({ status: 'SUCCEEDED', output: { Output: { got: { n: 1 }, greeting: 'hello' } } });
    await onlyChild(call);
  });

  it('is adopted, even under a name the state gave, by the attempt that started it', async () => {
    const { clock, parent, call } = family(SLOW_CHILD);
    const machine = parent({ ...SYNC, Parameters: { ...SYNC.Parameters, Name: 'kid-1' } });
    const first = machine.start({}, { name: 'p1' });
    await settle();
    const snapshot = JSON.parse(JSON.stringify(first.snapshot())) as JsonValue;
    first.suspend();
    clock.advance(60_000);
    await settle();
    const second = machine.resume(snapshot);
    await runOut(second, clock);
    expect(await second.result).toMatchObject({ status: 'SUCCEEDED', output: { Name: 'kid-1', Status: 'SUCCEEDED' } });
    // Another execution (another attempt) asking for that name is refused, as on AWS.
    const other = machine.start({}, { name: 'p2' });
    await runOut(other, clock);
    expect(await other.result).toMatchObject({ status: 'FAILED', error: 'StepFunctions.ExecutionAlreadyExistsException' });
    await onlyChild(call);
  });

  it('gets a new child on a new attempt (a retry), since each attempt names its own', async () => {
    const flaky = { StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Broken' } } };
    const { clock, parent, call } = family(flaky);
    const execution = parent({ ...SYNC, Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 1, IntervalSeconds: 1 }] }).start({});
    await runOut(execution, clock);
    expect(await execution.result).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
    const { Executions } = (await call('ListExecutions', { StateMachineArn: CHILD })) as { Executions: JsonObject[] };
    expect(Executions.map((e) => e['Status'])).toEqual(['FAILED', 'FAILED']);
    expect(new Set(Executions.map((e) => e['Name'])).size).toBe(2);
  });
});

describe('aws-sdk:sfn tasks on the local backend', () => {
  it('start, stop, describe and list the executions of the machines given as stateMachines', async () => {
    const { clock } = family(SLOW_CHILD);
    const sdk = (action: string, parameters: JsonObject, next: string) => ({ Type: 'Task', Resource: `arn:aws:states:::aws-sdk:sfn:${action}`, Parameters: parameters, Next: next });
    const machine = createStateMachine(
      {
        StartAt: 'Start',
        States: {
          Start: { ...sdk('startExecution', { StateMachineArn: CHILD, Name: 'kid', Input: { n: 2 } }, 'Stop'), ResultPath: '$.started' },
          Stop: { ...sdk('stopExecution', { 'ExecutionArn.$': '$.started.ExecutionArn', Error: 'Halt' }, 'Describe'), ResultPath: null },
          Describe: { ...sdk('describeExecution', { 'ExecutionArn.$': '$.started.ExecutionArn' }, 'List'), ResultSelector: { 'Status.$': '$.Status', 'Error.$': '$.Error' }, ResultPath: '$.described' },
          List: { ...sdk('listExecutions', { StateMachineArn: CHILD }, 'Done'), ResultSelector: { 'names.$': '$.Executions[*].Name' }, ResultPath: '$.listed' },
          Done: { Type: 'Succeed' },
        },
      },
      { clock, seed: 1, stateMachines: { [CHILD]: SLOW_CHILD } },
    );
    const execution = machine.start({});
    await runOut(execution, clock);
    expect(await execution.result).toMatchObject({ status: 'SUCCEEDED', output: { described: { Status: 'ABORTED', Error: 'Halt' }, listed: { names: ['kid'] } } });
    expect(clock.now()).toBe(START);
  });
});

// states:startExecution in its three forms, on the local Step Functions backend: the child is a
// real execution with its own history, and the parent gets what AWS gives (connect-stepfunctions).
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/core/json.js';
import { CHILD, family, runOut, SLOW_CHILD, START } from './states-support.js';

const CHILD_EXECUTION = `${CHILD.replace(':stateMachine:', ':execution:')}:kid-1`;

describe('states:startExecution (request-response)', () => {
  it('starts the child and goes on at once with its ARN, start date and the SDK metadata', async () => {
    const { clock, parent, call, childEvents } = family(SLOW_CHILD);
    const execution = parent({ Resource: 'arn:aws:states:::states:startExecution', Parameters: { StateMachineArn: CHILD, Name: 'kid-1', Input: { n: 1 } }, End: true }).start({});
    await runOut(execution, clock, 0);
    const result = await execution.result;
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { ExecutionArn: CHILD_EXECUTION, StartDate: START, SdkResponseMetadata: { RequestId: expect.any(String) } } });
    expect(Object.keys(result.status === 'SUCCEEDED' ? (result.output as JsonObject) : {})).toEqual(['ExecutionArn', 'SdkHttpMetadata', 'SdkResponseMetadata', 'StartDate']);
    // The parent did not wait: the child is still running, on its own history.
    expect(await call('DescribeExecution', { ExecutionArn: CHILD_EXECUTION })).toMatchObject({ Status: 'RUNNING', Input: '{"n":1}', Name: 'kid-1' });
    expect(childEvents).toEqual(['ExecutionStarted', 'WaitStateEntered']);
    clock.advance(60_000);
    await runOut(execution, clock, 0);
    expect(await call('DescribeExecution', { ExecutionArn: CHILD_EXECUTION })).toMatchObject({ Status: 'SUCCEEDED', Output: '{"got":{"n":1},"greeting":"hello"}', StopDate: new Date(START + 60_000).toISOString() });
    expect(childEvents.at(-1)).toBe('ExecutionSucceeded');
  });

  it('fails with StepFunctions.StateMachineDoesNotExistException for an unknown machine, in the v1 SDK words', async () => {
    const { clock, parent } = family(SLOW_CHILD);
    const missing = `${CHILD}Gone`;
    const execution = parent({ Resource: 'arn:aws:states:::states:startExecution', Parameters: { StateMachineArn: missing }, End: true }).start({});
    await runOut(execution, clock);
    const result = await execution.result;
    expect(result).toMatchObject({ status: 'FAILED', error: 'StepFunctions.StateMachineDoesNotExistException' });
    expect(result.status === 'FAILED' ? result.cause : '').toMatch(
      new RegExp(`^State Machine Does Not Exist: '${missing}' \\(Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist; Request ID: [0-9a-f-]+; Proxy: null\\)$`),
    );
  });

  it('refuses a name already taken with other input (catchable as StepFunctions.ExecutionAlreadyExistsException)', async () => {
    const { clock, parent } = family(SLOW_CHILD);
    const start = (input: number) => ({ Type: 'Task', Resource: 'arn:aws:states:::states:startExecution', Parameters: { StateMachineArn: CHILD, Name: 'kid-1', Input: { n: input } } });
    const execution = parent(
      { ...start(1), ResultPath: null, Next: 'Again' },
      {
        Again: { ...start(2), Catch: [{ ErrorEquals: ['StepFunctions.ExecutionAlreadyExistsException'], ResultPath: '$.refused', Next: 'Done' }], End: true },
        Done: { Type: 'Succeed' },
      },
    ).start({});
    await runOut(execution, clock);
    const result = await execution.result;
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { refused: { Error: 'StepFunctions.ExecutionAlreadyExistsException' } } });
  });

  it('names the child after the attempt when the state gives no Name, and passes the input through as given', async () => {
    const { clock, parent, call } = family(SLOW_CHILD);
    const machine = parent({
      Resource: 'arn:aws:states:::states:startExecution',
      Parameters: { StateMachineArn: CHILD, Input: { 'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id' } },
      End: true,
    });
    const execution = machine.start({}, { name: 'p1' });
    await runOut(execution, clock, 0);
    const { output } = (await execution.result) as { output: JsonObject };
    expect(output['ExecutionArn']).toMatch(/^arn:aws:states:us-east-1:123456789012:execution:Child:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    const child = await call('DescribeExecution', { ExecutionArn: output['ExecutionArn'] as string });
    expect(JSON.parse(child['Input'] as string)).toEqual({ AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: execution.arn });
  });
});

describe('states:startExecution.sync and .sync:2', () => {
  const sync = (suffix: string) => ({ Resource: `arn:aws:states:::states:startExecution${suffix}`, Parameters: { StateMachineArn: CHILD, Name: 'kid-1', Input: { n: 1 } }, End: true });

  it('.sync waits for the child on the virtual clock and gives its description, Input and Output as JSON text', async () => {
    const { clock, parent, childEvents } = family(SLOW_CHILD);
    const execution = parent(sync('.sync')).start({});
    await runOut(execution, clock);
    expect(await execution.result).toEqual({
      status: 'SUCCEEDED',
      output: {
        ExecutionArn: CHILD_EXECUTION,
        Input: '{"n":1}',
        InputDetails: { Included: true },
        Name: 'kid-1',
        Output: '{"got":{"n":1},"greeting":"hello"}',
        OutputDetails: { Included: true },
        RedriveCount: 0,
        RedriveStatus: 'NOT_REDRIVABLE',
        RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
        StartDate: START,
        StateMachineArn: CHILD,
        Status: 'SUCCEEDED',
        StopDate: START + 60_000,
      },
    });
    expect(clock.now()).toBe(START + 60_000);
    // As on AWS, the started job is recorded (TaskSubmitted, with the StartExecution response) before the wait.
    expect(execution.history.map((e) => e.type).slice(2, 6)).toEqual(['TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded']);
    expect(execution.history[4]?.details).toMatchObject({ resourceType: 'states', resource: 'startExecution.sync', output: { ExecutionArn: CHILD_EXECUTION, StartDate: START } });
    expect(childEvents).toEqual(['ExecutionStarted', 'WaitStateEntered', 'WaitStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  });

  it('.sync:2 gives Input and Output as JSON', async () => {
    const { clock, parent } = family(SLOW_CHILD);
    const execution = parent(sync('.sync:2')).start({});
    await runOut(execution, clock);
    const result = await execution.result;
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { Input: { n: 1 }, Output: { got: { n: 1 }, greeting: 'hello' }, Status: 'SUCCEEDED' } });
  });

  it('fails with States.TaskFailed and the failed child described as the cause', async () => {
    const failing = { StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Broken', Cause: 'the child broke' } } };
    for (const [suffix, input] of [['.sync', '{"n":1}'], ['.sync:2', { n: 1 }]] as const) {
      const { clock, parent } = family(failing);
      const execution = parent(sync(suffix)).start({});
      await runOut(execution, clock);
      const result = await execution.result;
      expect(result).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
      expect(JSON.parse(result.status === 'FAILED' ? (result.cause ?? '') : '')).toEqual({
        Cause: 'the child broke',
        Error: 'Broken',
        ExecutionArn: CHILD_EXECUTION,
        Input: input,
        InputDetails: { Included: true },
        Name: 'kid-1',
        StartDate: START,
        StateMachineArn: CHILD,
        Status: 'FAILED',
        StopDate: START,
      });
    }
  });

  it('fails with States.TaskFailed when the child times out, its status TIMED_OUT', async () => {
    const { clock, parent } = family({ ...SLOW_CHILD, TimeoutSeconds: 10 });
    const execution = parent(sync('.sync')).start({});
    await runOut(execution, clock);
    const result = await execution.result;
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
    expect(JSON.parse(result.status === 'FAILED' ? (result.cause ?? '') : '')).toMatchObject({ Status: 'TIMED_OUT', Error: 'States.Timeout', StopDate: START + 10_000 });
  });

  it("leaves the child running when the parent's Task times out (States.Timeout)", async () => {
    const { clock, parent, call } = family(SLOW_CHILD);
    const execution = parent({ ...sync('.sync'), TimeoutSeconds: 5 }).start({});
    await runOut(execution, clock, 1);
    expect(await execution.result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(await call('DescribeExecution', { ExecutionArn: CHILD_EXECUTION })).toMatchObject({ Status: 'RUNNING' });
  });
});

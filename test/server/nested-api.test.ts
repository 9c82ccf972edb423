// Nested executions through `asl serve`, driven by the real AWS SDK: a parent's
// states:startExecution.sync:2 task runs a child that the API lists and describes like any other
// execution, and StopExecution on the parent stops the child it waits for.
import {
  CreateStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import { ROLE, serve, settled, type Served } from './fixture.js';

let served: Served | undefined;
afterEach(async () => {
  await served?.stop();
  served = undefined;
});

const CHILD = 'arn:aws:states:us-east-1:123456789012:stateMachine:Child';

const child = JSON.stringify({
  StartAt: 'Pause',
  States: { Pause: { Type: 'Wait', Seconds: 30, Next: 'Answer' }, Answer: { Type: 'Pass', Parameters: { 'doubled.$': 'States.MathAdd($.n, $.n)' }, End: true } },
});

const parent = JSON.stringify({
  StartAt: 'Nest',
  States: {
    Nest: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: CHILD, 'Input.$': '$' }, ResultSelector: { 'out.$': '$.Output', 'arn.$': '$.ExecutionArn' }, End: true },
  },
});

async function createBoth(s: Served): Promise<string> {
  await s.client.send(new CreateStateMachineCommand({ name: 'Child', definition: child, roleArn: ROLE }));
  return (await s.client.send(new CreateStateMachineCommand({ name: 'Parent', definition: parent, roleArn: ROLE }))).stateMachineArn ?? '';
}

describe('asl serve: nested executions', () => {
  it('runs a .sync:2 child as an execution of its own, listed and with its history', async () => {
    served = await serve();
    const parentArn = await createBoth(served);
    const { executionArn } = await served.client.send(new StartExecutionCommand({ stateMachineArn: parentArn, input: '{"n":21}' }));
    const done = await settled(served.client, executionArn ?? '');
    expect(done.status).toBe('SUCCEEDED');
    const output = JSON.parse(done.output ?? 'null') as { out: unknown; arn: string };
    expect(output.out).toEqual({ doubled: 42 });
    const listed = await served.client.send(new ListExecutionsCommand({ stateMachineArn: CHILD }));
    expect(listed.executions?.map((e) => [e.executionArn, e.status])).toEqual([[output.arn, 'SUCCEEDED']]);
    const history = await served.client.send(new GetExecutionHistoryCommand({ executionArn: output.arn }));
    expect(history.events?.map((e) => e.type)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'WaitStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  });

  it('stops the child when the parent is stopped', async () => {
    served = await serve(false);
    const parentArn = await createBoth(served);
    const { executionArn } = await served.client.send(new StartExecutionCommand({ stateMachineArn: parentArn, input: '{"n":1}' }));
    let running: string | undefined;
    for (let turn = 0; turn < 200 && running === undefined; turn++) {
      running = (await served.client.send(new ListExecutionsCommand({ stateMachineArn: CHILD }))).executions?.[0]?.executionArn;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await served.client.send(new StopExecutionCommand({ executionArn }));
    expect((await settled(served.client, executionArn ?? '')).status).toBe('ABORTED');
    const stopped = await settled(served.client, running ?? '');
    expect(stopped.status).toBe('ABORTED');
    expect(stopped.cause).toBe(`The Task state in AWS Step Functions execution [${executionArn}] which was managing this resource was aborted`);
  });
});

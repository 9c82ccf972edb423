// `asl serve` driven by the real AWS SDK: what a client of AWS Step Functions sees, locally.
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  ValidateStateMachineDefinitionCommand,
} from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import { failDefinition, passDefinition, ROLE, rejection, serve, settled, waitDefinition, type Served } from './fixture.js';

let served: Served | undefined;
afterEach(async () => {
  await served?.stop();
  served = undefined;
});

async function create(s: Served, name: string, definition = passDefinition): Promise<string> {
  const created = await s.client.send(new CreateStateMachineCommand({ name, definition, roleArn: ROLE }));
  return created.stateMachineArn ?? '';
}

describe('asl serve: state machines', () => {
  it('creates, describes and lists state machines', async () => {
    served = await serve();
    const created = await served.client.send(new CreateStateMachineCommand({ name: 'Hello', definition: passDefinition, roleArn: ROLE, type: 'EXPRESS' }));
    expect(created.stateMachineArn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:Hello');
    expect(created.creationDate).toEqual(new Date(Date.UTC(2026, 0, 1)));
    const described = await served.client.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    expect(described).toMatchObject({ name: 'Hello', status: 'ACTIVE', definition: passDefinition, roleArn: ROLE, type: 'EXPRESS' });
    await create(served, 'Second');
    await create(served, 'Third');
    const first = await served.client.send(new ListStateMachinesCommand({ maxResults: 2 }));
    expect(first.stateMachines?.map((m) => m.name)).toEqual(['Hello', 'Second']);
    const rest = await served.client.send(new ListStateMachinesCommand({ maxResults: 2, nextToken: first.nextToken }));
    expect(rest.stateMachines?.map((m) => m.name)).toEqual(['Third']);
    expect(rest.nextToken).toBeUndefined();
  });

  it('is idempotent for the same definition and refuses a different one under the same name', async () => {
    served = await serve();
    const arn = await create(served, 'Same');
    expect(await create(served, 'Same')).toBe(arn);
    // A different role is ignored on the idempotent path, as AWS does: the first one stays.
    await served.client.send(new CreateStateMachineCommand({ name: 'Same', definition: passDefinition, roleArn: 'arn:aws:iam::123456789012:role/other' }));
    expect((await served.client.send(new DescribeStateMachineCommand({ stateMachineArn: arn }))).roleArn).toBe(ROLE);
    const conflict = await rejection(create(served, 'Same', failDefinition));
    expect(conflict.name).toBe('StateMachineAlreadyExists');
    expect(conflict.message).toContain(arn);
  });

  it('rejects invalid definitions with their diagnostics, and validates without creating', async () => {
    served = await serve();
    const broken = JSON.stringify({ StartAt: 'Missing', States: { Only: { Type: 'Pass', End: true } } });
    const invalid = await rejection(create(served, 'Broken', broken));
    expect(invalid.name).toBe('InvalidDefinition');
    expect(invalid.message).toContain('MISSING_TRANSITION_TARGET');
    expect(invalid.$metadata?.httpStatusCode).toBe(400);
    const report = await served.client.send(new ValidateStateMachineDefinitionCommand({ definition: broken }));
    expect(report.result).toBe('FAIL');
    expect(report.diagnostics?.some((d) => d.code === 'MISSING_TRANSITION_TARGET' && d.severity === 'ERROR')).toBe(true);
    const ok = await served.client.send(new ValidateStateMachineDefinitionCommand({ definition: passDefinition }));
    expect(ok).toMatchObject({ result: 'OK', diagnostics: [] });
    expect((await served.client.send(new ListStateMachinesCommand({}))).stateMachines).toEqual([]);
  });

  it('names unknown machines and bad names as AWS does', async () => {
    served = await serve();
    const missing = 'arn:aws:states:us-east-1:123456789012:stateMachine:Nope';
    expect((await rejection(served.client.send(new DescribeStateMachineCommand({ stateMachineArn: missing })))).name).toBe('StateMachineDoesNotExist');
    expect((await rejection(served.client.send(new StartExecutionCommand({ stateMachineArn: missing })))).name).toBe('StateMachineDoesNotExist');
    expect((await rejection(served.client.send(new DescribeStateMachineCommand({ stateMachineArn: 'not-an-arn' })))).name).toBe('InvalidArn');
    expect((await rejection(create(served, 'has space'))).name).toBe('InvalidName');
  });
});

describe('asl serve: lifecycle', () => {
  it('closes while an SDK client still holds a keep-alive connection, leaving the engine open', async () => {
    const s = await serve();
    await create(s, 'Hello');
    await s.server.close();
    expect((await s.engine.store.listMachines()).map((m) => m.name)).toEqual(['Hello']);
    s.client.destroy();
    await s.engine.close();
  });
});

describe('asl serve: executions', () => {
  it('starts an execution, describes it until SUCCEEDED and reads its history', async () => {
    served = await serve();
    const stateMachineArn = await create(served, 'Hello');
    const started = await served.client.send(new StartExecutionCommand({ stateMachineArn, name: 'run-1', input: '{"who":"world"}' }));
    expect(started.executionArn).toBe('arn:aws:states:us-east-1:123456789012:execution:Hello:run-1');
    expect(started.startDate).toBeInstanceOf(Date);
    const done = await settled(served.client, started.executionArn ?? '');
    expect(done).toMatchObject({ status: 'SUCCEEDED', name: 'run-1', stateMachineArn, input: '{"who":"world"}' });
    expect(JSON.parse(done.output ?? 'null')).toEqual({ greeting: 'hello world' });
    expect(done.stopDate).toBeInstanceOf(Date);

    const history = await served.client.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn }));
    const types = history.events?.map((e) => e.type);
    expect(types?.[0]).toBe('ExecutionStarted');
    expect(types?.at(-1)).toBe('ExecutionSucceeded');
    expect(history.events?.[0]?.timestamp).toBeInstanceOf(Date);
    expect(history.events?.[0]?.executionStartedEventDetails?.input).toBe('{"who":"world"}');
    const lean = await served.client.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn, includeExecutionData: false, reverseOrder: true, maxResults: 1 }));
    expect(lean.events?.map((e) => e.type)).toEqual(['ExecutionSucceeded']);
    expect(lean.events?.[0]?.executionSucceededEventDetails?.output).toBeUndefined();
    expect(lean.nextToken).toBeDefined();
    const next = await served.client.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn, reverseOrder: true, maxResults: 1, nextToken: lean.nextToken }));
    expect(next.events?.[0]?.id).toBe((history.events?.length ?? 0) - 1);
  });

  it('reports a failed execution with its error and cause and no output', async () => {
    served = await serve();
    const stateMachineArn = await create(served, 'Fails', failDefinition);
    const { executionArn } = await served.client.send(new StartExecutionCommand({ stateMachineArn }));
    const done = await settled(served.client, executionArn ?? '');
    expect(done).toMatchObject({ status: 'FAILED', error: 'Custom.Broken', cause: 'it broke' });
    expect(done.output).toBeUndefined();
  });

  it('lists executions newest first with a status filter and paging', async () => {
    served = await serve();
    const stateMachineArn = await create(served, 'Hello');
    for (const name of ['a', 'b', 'c']) {
      const { executionArn } = await served.client.send(new StartExecutionCommand({ stateMachineArn, name, input: '{"who":"x"}' }));
      await settled(served.client, executionArn ?? '');
    }
    const first = await served.client.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 2 }));
    expect(first.executions).toHaveLength(2);
    const rest = await served.client.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 2, nextToken: first.nextToken }));
    const names = [...(first.executions ?? []), ...(rest.executions ?? [])].map((e) => e.name).sort();
    expect(names).toEqual(['a', 'b', 'c']);
    expect(rest.nextToken).toBeUndefined();
    expect((await served.client.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'FAILED' }))).executions).toEqual([]);
    expect((await rejection(served.client.send(new ListExecutionsCommand({ stateMachineArn, nextToken: 'garbage' })))).name).toBe('InvalidToken');
  });

  it('refuses bad input, a reused name and unknown executions', async () => {
    served = await serve();
    const stateMachineArn = await create(served, 'Hello');
    expect((await rejection(served.client.send(new StartExecutionCommand({ stateMachineArn, input: '{not json' })))).name).toBe('InvalidExecutionInput');
    const { executionArn } = await served.client.send(new StartExecutionCommand({ stateMachineArn, name: 'once', input: '{"who":"x"}' }));
    await settled(served.client, executionArn ?? '');
    const again = await rejection(served.client.send(new StartExecutionCommand({ stateMachineArn, name: 'once', input: '{"who":"x"}' })));
    expect(again.name).toBe('ExecutionAlreadyExists');
    const unknown = 'arn:aws:states:us-east-1:123456789012:execution:Hello:never';
    expect((await rejection(served.client.send(new GetExecutionHistoryCommand({ executionArn: unknown })))).name).toBe('ExecutionDoesNotExist');
  });

  it('stops a running execution: the store shows it ABORTED with the given error and cause', async () => {
    served = await serve(false);
    const stateMachineArn = await create(served, 'Waits', waitDefinition);
    const { executionArn } = await served.client.send(new StartExecutionCommand({ stateMachineArn, name: 'long' }));
    expect((await served.client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    // While it runs, the same name and input is an idempotent start; another input is a conflict.
    expect((await served.client.send(new StartExecutionCommand({ stateMachineArn, name: 'long' }))).executionArn).toBe(executionArn);
    expect((await rejection(served.client.send(new StartExecutionCommand({ stateMachineArn, name: 'long', input: '{"other":1}' })))).name).toBe('ExecutionAlreadyExists');
    const stopped = await served.client.send(new StopExecutionCommand({ executionArn, error: 'Operator.Stop', cause: 'no longer needed' }));
    expect(stopped.stopDate).toBeInstanceOf(Date);
    const described = await settled(served.client, executionArn ?? '');
    expect(described).toMatchObject({ status: 'ABORTED', error: 'Operator.Stop', cause: 'no longer needed' });
    const history = await served.client.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 1 }));
    expect(history.events?.[0]?.type).toBe('ExecutionAborted');
  });
});

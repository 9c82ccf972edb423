// `asl serve`: GetExecutionHistory's pages in both directions and without execution data, and
// ListExecutions' filters and pages, through the real AWS SDK.
import {
  CreateStateMachineCommand, DeleteStateMachineCommand, GetExecutionHistoryCommand, ListExecutionsCommand, StartExecutionCommand,
  type HistoryEvent, type ListExecutionsCommandInput,
} from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import type { LambdaHandler } from '../../src/index.js';
import type { HistoryQuery } from '../../src/store/types.js';
import { passChain, serveEngine } from './api-fixture.js';
import { failDefinition, passDefinition, rejection, ROLE, settled, type Served } from './fixture.js';

let served: Served | undefined;
afterEach(async () => {
  await served?.stop();
  served = undefined;
});

async function run(s: Served, name: string, definition: string, input = '{}'): Promise<string> {
  const { stateMachineArn } = await s.client.send(new CreateStateMachineCommand({ name, definition, roleArn: ROLE }));
  const { executionArn } = await s.client.send(new StartExecutionCommand({ stateMachineArn, input }));
  await settled(s.client, executionArn ?? '');
  return executionArn ?? '';
}

/** Every page of the history at `maxResults` a page, and the number of pages. */
async function allPages(s: Served, executionArn: string, maxResults: number, reverseOrder: boolean): Promise<{ ids: number[]; pages: number }> {
  const ids: number[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await s.client.send(new GetExecutionHistoryCommand({ executionArn, maxResults, reverseOrder, nextToken }));
    ids.push(...(page.events ?? []).map((e: HistoryEvent) => e.id ?? -1));
    nextToken = page.nextToken;
    pages++;
  } while (nextToken !== undefined && pages < 100);
  return { ids, pages };
}

describe('GetExecutionHistory', () => {
  it('pages forwards and in reverse, with no token after the last page, reading one page at a time', async () => {
    served = await serveEngine();
    const queries: HistoryQuery[] = [];
    const engine = served.engine;
    const read = engine.history.bind(engine);
    engine.history = (arn, query) => {
      if (query !== undefined) queries.push(query);
      return read(arn, query);
    };
    // 20 Pass states: 42 events, so 6 pages of 7 exactly (the last page must not promise another).
    const executionArn = await run(served, 'Chain', passChain(20));
    const whole = (await served.client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];
    const all = whole.map((e) => e.id);
    expect(all).toEqual(Array.from({ length: 42 }, (_, i) => i + 1));
    queries.length = 0;
    expect(await allPages(served, executionArn, 7, false)).toEqual({ ids: all, pages: 6 });
    expect(await allPages(served, executionArn, 7, true)).toEqual({ ids: [...all].reverse(), pages: 6 });
    expect(await allPages(served, executionArn, 5, true)).toEqual({ ids: [...all].reverse(), pages: 9 });
    expect(queries.every((query) => query.limit !== undefined && query.limit <= 8)).toBe(true);
    const first = await served.client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 7 }));
    expect(first.events).toEqual(whole.slice(0, 7));
  });

  it('refuses tokens it did not make, or made for the other direction', async () => {
    served = await serveEngine();
    const executionArn = await run(served, 'Chain', passChain(3));
    const forward = await served.client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 2 }));
    const refused = async (nextToken: string, reverseOrder = false): Promise<string> =>
      (await rejection(served!.client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 2, nextToken, reverseOrder })))).name;
    expect(await refused('garbage')).toBe('InvalidToken');
    expect(await refused(forward.nextToken ?? '', true)).toBe('InvalidToken');
    expect(await refused(Buffer.from('{"after":-1}').toString('base64url'))).toBe('InvalidToken');
    const bad = await rejection(served.client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1001 })));
    expect(bad.name).toBe('ValidationException');
    const missing = `${executionArn}x`;
    expect((await rejection(served.client.send(new GetExecutionHistoryCommand({ executionArn: missing })))).name).toBe('ExecutionDoesNotExist');
    expect((await rejection(served.client.send(new GetExecutionHistoryCommand({ executionArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Chain' })))).name).toBe('InvalidArn');
  });

  it('leaves out inputs, outputs, task parameters and assigned variables when includeExecutionData is false', async () => {
    const echo: LambdaHandler = async (event) => event;
    served = await serveEngine({ lambdas: { echo } });
    const definition = JSON.stringify({
      StartAt: 'Call',
      States: {
        Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'echo', 'Payload.$': '$' }, Next: 'Keep' },
        Keep: { Type: 'Pass', Assign: { kept: 1 }, End: true },
      },
    });
    const executionArn = await run(served, 'Calls', definition, '{"secret":"s3cr3t"}');
    const full = (await served.client.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? [];
    const lean = (await served.client.send(new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false }))).events ?? [];
    expect(JSON.stringify(full)).toContain('s3cr3t');
    expect(JSON.stringify(lean)).not.toContain('s3cr3t');
    expect(lean.map((e) => e.type)).toEqual(full.map((e) => e.type));
    const scheduled = lean.find((e) => e.type === 'TaskScheduled')?.taskScheduledEventDetails;
    expect(scheduled).toMatchObject({ resourceType: 'lambda', resource: 'invoke' });
    expect(scheduled?.parameters).toBeUndefined();
    const exited = lean.find((e) => e.type === 'PassStateExited')?.stateExitedEventDetails;
    expect(exited).toEqual({ name: 'Keep' });
    expect(full.find((e) => e.type === 'PassStateExited')?.stateExitedEventDetails?.assignedVariables).toEqual({ kept: '1' });
  });
});

describe('ListExecutions', () => {
  it('filters by status and pages with an opaque token', async () => {
    served = await serveEngine();
    const { stateMachineArn } = await served.client.send(new CreateStateMachineCommand({ name: 'Mixed', definition: passDefinition, roleArn: ROLE }));
    const { stateMachineArn: failing } = await served.client.send(new CreateStateMachineCommand({ name: 'Failing', definition: failDefinition, roleArn: ROLE }));
    for (let i = 0; i < 5; i++) {
      const { executionArn } = await served.client.send(new StartExecutionCommand({ stateMachineArn, name: `ok-${i}`, input: '{"who":"x"}' }));
      await settled(served.client, executionArn ?? '');
    }
    const { executionArn } = await served.client.send(new StartExecutionCommand({ stateMachineArn: failing, name: 'bad' }));
    await settled(served.client, executionArn ?? '');
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await served.client.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 2, nextToken }));
      expect(page.executions?.length).toBeLessThanOrEqual(2);
      names.push(...(page.executions ?? []).map((e) => e.name ?? ''));
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    expect(names.sort()).toEqual(['ok-0', 'ok-1', 'ok-2', 'ok-3', 'ok-4']);
    const failed = await served.client.send(new ListExecutionsCommand({ stateMachineArn: failing, statusFilter: 'FAILED' }));
    expect(failed.executions?.map((e) => [e.name, e.status])).toEqual([['bad', 'FAILED']]);
    expect((await served.client.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'SUCCEEDED' }))).executions).toHaveLength(5);
    expect((await served.client.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'PENDING_REDRIVE' }))).executions).toEqual([]);
  });

  it('names what is wrong with a request as AWS does', async () => {
    served = await serveEngine();
    const { stateMachineArn } = await served.client.send(new CreateStateMachineCommand({ name: 'Hello', definition: passDefinition, roleArn: ROLE }));
    const refusal = async (input: ListExecutionsCommandInput): Promise<Error> => rejection(served!.client.send(new ListExecutionsCommand(input)));
    const noArn = await refusal({});
    expect(noArn.name).toBe('ValidationException');
    expect(noArn.message).toContain('Must provide a StateMachine ARN or MapRun ARN');
    expect((await refusal({ stateMachineArn, statusFilter: 'DONE' as 'RUNNING' })).name).toBe('ValidationException');
    expect((await refusal({ stateMachineArn, nextToken: 'not-a-token' })).name).toBe('InvalidToken');
    expect((await refusal({ stateMachineArn: 'arn:aws:states:us-east-1:123456789012:activity:A' })).name).toBe('InvalidArn');
    await served.client.send(new DeleteStateMachineCommand({ stateMachineArn }));
    expect((await refusal({ stateMachineArn })).name).toBe('StateMachineDoesNotExist');
  });
});

// Map Runs through `asl serve`, beyond the happy path: live counts while the Map runs, a stopped
// execution's Map Run, ListMapRuns paging (oldest first), an unlabelled Map's child state machine,
// UpdateMapRun, what a restarted server still knows from its SQLite store, and AWS's errors for
// unknown and malformed ARNs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeMapRunCommand,
  DescribeStateMachineForExecutionCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  UpdateMapRunCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import { rejection, ROLE, serve, serveEngine, settled, type Served } from './fixture.js';

const ACCOUNT = 'arn:aws:states:us-east-1:123456789012';

let served: Served | undefined;
let dir: string | undefined;
afterEach(async () => {
  await served?.stop();
  served = undefined;
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function distributed(name: string, states: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: name, States: states }, ...extra };
}

const echo = { Echo: { Type: 'Pass', End: true } };

async function runToEnd(s: Served, name: string, definition: unknown, input: unknown): Promise<string> {
  const { stateMachineArn } = await s.client.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE }));
  const { executionArn } = await s.client.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
  expect((await settled(s.client, executionArn ?? '')).status).toBe('SUCCEEDED');
  return executionArn ?? '';
}

async function onlyMapRun(client: SFNClient, executionArn: string): Promise<string> {
  const { mapRuns } = await client.send(new ListMapRunsCommand({ executionArn }));
  expect(mapRuns).toHaveLength(1);
  return mapRuns?.[0]?.mapRunArn ?? '';
}

describe('asl serve: Map Runs while they run', () => {
  it('gives live counts, takes UpdateMapRun up at once, then an aborted Map Run once the execution is stopped', async () => {
    // Without auto-advance the children's Wait stays pending: two run (MaxConcurrency 2), one waits.
    served = await serve(false);
    const { stateMachineArn } = await served.client.send(new CreateStateMachineCommand({
      name: 'Slow',
      definition: JSON.stringify({ StartAt: 'Each', States: { Each: { ...distributed('Nap', { Nap: { Type: 'Wait', Seconds: 60, End: true } }), Label: 'naps', MaxConcurrency: 2, End: true } } }),
      roleArn: ROLE,
    }));
    const { executionArn } = await served.client.send(new StartExecutionCommand({ stateMachineArn, input: '[1, 2, 3]' }));
    let mapRunArn: string | undefined;
    let running = 0;
    for (let turn = 0; turn < 200 && running < 2; turn++) {
      mapRunArn ??= (await served.client.send(new ListMapRunsCommand({ executionArn }))).mapRuns?.[0]?.mapRunArn;
      if (mapRunArn !== undefined) running = (await served.client.send(new DescribeMapRunCommand({ mapRunArn }))).executionCounts?.running ?? 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const live = await served.client.send(new DescribeMapRunCommand({ mapRunArn }));
    expect(live.status).toBe('RUNNING');
    expect(live.stopDate).toBeUndefined();
    expect(live.executionCounts).toMatchObject({ pending: 1, running: 2, succeeded: 0, total: 3 });
    expect((await served.client.send(new ListExecutionsCommand({ mapRunArn, statusFilter: 'RUNNING' }))).executions).toHaveLength(2);

    // UpdateMapRun reaches the Map while it runs: the third child starts at once.
    await served.client.send(new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 3 }));
    let widened = 0;
    for (let turn = 0; turn < 200 && widened < 3; turn++) {
      widened = (await served.client.send(new DescribeMapRunCommand({ mapRunArn }))).executionCounts?.running ?? 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(widened).toBe(3);
    expect((await served.client.send(new DescribeMapRunCommand({ mapRunArn }))).maxConcurrency).toBe(3);

    await served.client.send(new StopExecutionCommand({ executionArn }));
    expect((await settled(served.client, executionArn ?? '')).status).toBe('ABORTED');
    const stopped = await served.client.send(new DescribeMapRunCommand({ mapRunArn }));
    expect(stopped.status).toBe('ABORTED');
    expect(stopped.stopDate).toBeInstanceOf(Date);
    expect(stopped.executionCounts?.running).toBe(0);
  });
});

describe('asl serve: Map Runs after they ran', () => {
  it('pages ListMapRuns oldest first, and finds an unlabelled Map’s ItemProcessor for its children', async () => {
    served = await serve();
    const second = distributed('Double', { Double: { Type: 'Pass', Parameters: { 'twice.$': 'States.MathAdd($, $)' }, End: true } });
    const definition = { StartAt: 'First', States: { First: { ...distributed('Echo', echo), Label: 'first', Next: 'Second' }, Second: { ...second, End: true } } };
    const executionArn = await runToEnd(served, 'Twice', definition, [1, 2]);
    const first = await served.client.send(new ListMapRunsCommand({ executionArn, maxResults: 1 }));
    expect(first.mapRuns?.map((run) => run.stateMachineArn)).toEqual([`${ACCOUNT}:stateMachine:Twice/first`]);
    const rest = await served.client.send(new ListMapRunsCommand({ executionArn, maxResults: 1, nextToken: first.nextToken }));
    expect(rest.nextToken).toBeUndefined();
    const unlabelled = rest.mapRuns?.[0];
    expect(unlabelled?.stateMachineArn).toMatch(/^arn:aws:states:us-east-1:123456789012:stateMachine:Twice\/[0-9a-f-]{36}$/);
    const child = (await served.client.send(new ListExecutionsCommand({ mapRunArn: unlabelled?.mapRunArn }))).executions?.[0];
    const machine = await served.client.send(new DescribeStateMachineForExecutionCommand({ executionArn: child?.executionArn }));
    expect(machine.stateMachineArn).toBe(unlabelled?.stateMachineArn);
    expect(machine.label).toBe(unlabelled?.stateMachineArn?.split('/')[1]);
    expect(JSON.parse(machine.definition ?? 'null')).toEqual(second['ItemProcessor']);
  });

  it('gives each child of a batching Map the number of items in its batch', async () => {
    served = await serve();
    const batched = { ...distributed('Echo', echo), ItemBatcher: { MaxItemsPerBatch: 2 }, Label: 'pairs', End: true };
    const mapRunArn = await onlyMapRun(served.client, await runToEnd(served, 'Pairs', { StartAt: 'Each', States: { Each: batched } }, ['a', 'b', 'c']));
    const described = await served.client.send(new DescribeMapRunCommand({ mapRunArn }));
    expect([described.executionCounts?.total, described.itemCounts?.total]).toEqual([2, 3]);
    const children = (await served.client.send(new ListExecutionsCommand({ mapRunArn }))).executions ?? [];
    expect(children.map((child) => child.itemCount).sort()).toEqual([1, 2]);
  });

  it('stores what UpdateMapRun changes, and refuses values out of range', async () => {
    served = await serve();
    const mapRunArn = await onlyMapRun(served.client, await runToEnd(served, 'Tuned', { StartAt: 'Each', States: { Each: { ...distributed('Echo', echo), End: true } } }, [1]));
    await served.client.send(new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 7, toleratedFailurePercentage: 12.5 }));
    const described = await served.client.send(new DescribeMapRunCommand({ mapRunArn }));
    expect([described.maxConcurrency, described.toleratedFailurePercentage, described.toleratedFailureCount]).toEqual([7, 12.5, 0]);
    expect((await rejection(served.client.send(new UpdateMapRunCommand({ mapRunArn })))).name).toBe('ValidationException');
    expect((await rejection(served.client.send(new UpdateMapRunCommand({ mapRunArn, toleratedFailurePercentage: 101 })))).name).toBe('ValidationException');
    expect((await rejection(served.client.send(new UpdateMapRunCommand({ mapRunArn, toleratedFailureCount: -1 })))).name).toBe('ValidationException');
  });

  it('still describes and lists a Map Run and its children after the server restarts on its store', async () => {
    dir = mkdtempSync(join(tmpdir(), 'asl-map-runs-'));
    const store = join(dir, 'store.db');
    served = await serveEngine({ store });
    const executionArn = await runToEnd(served, 'Kept', { StartAt: 'Each', States: { Each: { ...distributed('Echo', echo), Label: 'kept', End: true } } }, ['x', 'y']);
    const mapRunArn = await onlyMapRun(served.client, executionArn);
    const { $metadata: _before, ...before } = await served.client.send(new DescribeMapRunCommand({ mapRunArn }));
    await served.stop();
    served = await serveEngine({ store });
    const { $metadata: _after, ...after } = await served.client.send(new DescribeMapRunCommand({ mapRunArn }));
    expect(after).toEqual(before);
    expect(after.executionCounts).toMatchObject({ succeeded: 2, total: 2 });
    const children = await served.client.send(new ListExecutionsCommand({ mapRunArn }));
    expect(children.executions?.map((e) => [e.status, e.stateMachineArn])).toEqual([
      ['SUCCEEDED', `${ACCOUNT}:stateMachine:Kept/kept`],
      ['SUCCEEDED', `${ACCOUNT}:stateMachine:Kept/kept`],
    ]);
  });
});

describe('asl serve: Map Run errors', () => {
  it('answers InvalidArn, ResourceNotFound and ExecutionDoesNotExist as AWS does', async () => {
    served = await serve();
    const { client } = served;
    const unknownRun = `${ACCOUNT}:mapRun:Orders/ship:0f0e0d0c-0b0a-4000-8000-000000000000`;
    const unknownExecution = `${ACCOUNT}:execution:Orders:none`;
    const errorOf = async (call: Promise<unknown>): Promise<[string, number | undefined]> => {
      const error = await rejection(call);
      return [error.name, error.$metadata?.httpStatusCode];
    };
    expect(await errorOf(client.send(new DescribeMapRunCommand({ mapRunArn: 'not-an-arn' })))).toEqual(['InvalidArn', 400]);
    expect(await errorOf(client.send(new DescribeMapRunCommand({ mapRunArn: unknownExecution })))).toEqual(['InvalidArn', 400]);
    expect(await errorOf(client.send(new DescribeMapRunCommand({ mapRunArn: `${ACCOUNT}:mapRun:Orders/ship` })))).toEqual(['InvalidArn', 400]);
    expect(await errorOf(client.send(new DescribeMapRunCommand({ mapRunArn: unknownRun })))).toEqual(['ResourceNotFound', 400]);
    expect(await errorOf(client.send(new UpdateMapRunCommand({ mapRunArn: unknownRun, maxConcurrency: 1 })))).toEqual(['ResourceNotFound', 400]);
    expect(await errorOf(client.send(new ListMapRunsCommand({ executionArn: unknownRun })))).toEqual(['InvalidArn', 400]);
    expect(await errorOf(client.send(new ListMapRunsCommand({ executionArn: unknownExecution })))).toEqual(['ExecutionDoesNotExist', 400]);
    expect(await errorOf(client.send(new ListExecutionsCommand({ mapRunArn: unknownRun })))).toEqual(['ResourceNotFound', 400]);
    expect(await errorOf(client.send(new ListExecutionsCommand({ mapRunArn: unknownExecution })))).toEqual(['InvalidArn', 400]);
    expect(await errorOf(client.send(new ListExecutionsCommand({ mapRunArn: unknownRun, stateMachineArn: `${ACCOUNT}:stateMachine:Orders` })))).toEqual(['ValidationException', 400]);
  });
});

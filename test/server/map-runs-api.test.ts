// Map Runs through `asl serve`, driven by the real AWS SDK: a STANDARD machine whose Distributed Map
// (Label, ToleratedFailureCount) runs one child execution per order, one of which fails. The Map Run
// is described with exact counts and listed, its children are listed by mapRunArn, and a child is
// an execution of its own: described (its state machine is `<machine>/<label>`), with its own
// history and its own state machine (the Map's ItemProcessor).
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE, serve, settled, type Served } from './fixture.js';

const ACCOUNT = 'arn:aws:states:us-east-1:123456789012';
const MACHINE_ARN = `${ACCOUNT}:stateMachine:Orders`;
const CHILD_MACHINE_ARN = `${MACHINE_ARN}/ship`;

const itemProcessor = {
  ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
  StartAt: 'Check',
  States: {
    Check: { Type: 'Choice', Choices: [{ Variable: '$.qty', NumericGreaterThan: 0, Next: 'Pack' }], Default: 'Refuse' },
    Pack: { Type: 'Pass', Parameters: { 'packed.$': '$.id' }, End: true },
    Refuse: { Type: 'Fail', Error: 'Order.Empty', Cause: 'nothing to ship' },
  },
};

const definition = JSON.stringify({
  StartAt: 'Ship',
  States: { Ship: { Type: 'Map', Label: 'ship', ItemsPath: '$.orders', MaxConcurrency: 2, ToleratedFailureCount: 1, ItemProcessor: itemProcessor, End: true } },
});

const ORDERS = [
  { id: 'a', qty: 1 },
  { id: 'b', qty: 0 },
  { id: 'c', qty: 2 },
];

const zeroCounts = { pending: 0, running: 0, succeeded: 0, failed: 0, timedOut: 0, aborted: 0, total: 0, resultsWritten: 0, failuresNotRedrivable: 0, pendingRedrive: 0 };

let served: Served;
let executionArn: string;
let mapRunArn: string;
/** Child execution ARNs by the order id each processed. */
const childOf = new Map<string, string>();

beforeAll(async () => {
  served = await serve();
  await served.client.send(new CreateStateMachineCommand({ name: 'Orders', definition, roleArn: ROLE }));
  executionArn = (await served.client.send(new StartExecutionCommand({ stateMachineArn: MACHINE_ARN, name: 'week-1', input: JSON.stringify({ orders: ORDERS }) }))).executionArn ?? '';
  expect((await settled(served.client, executionArn)).status).toBe('SUCCEEDED');
});
afterAll(() => served.stop());

describe('asl serve: Map Runs', () => {
  it('lists the execution’s Map Run under the child state machine `<machine>/<label>`', async () => {
    const listed = await served.client.send(new ListMapRunsCommand({ executionArn }));
    expect(listed.nextToken).toBeUndefined();
    expect(listed.mapRuns).toHaveLength(1);
    const run = listed.mapRuns?.[0];
    mapRunArn = run?.mapRunArn ?? '';
    expect(mapRunArn).toMatch(/^arn:aws:states:us-east-1:123456789012:mapRun:Orders\/ship:[0-9a-f-]{36}$/);
    expect(run).toEqual({ executionArn, mapRunArn, stateMachineArn: CHILD_MACHINE_ARN, startDate: expect.any(Date), stopDate: expect.any(Date) });
  });

  it('describes the Map Run with its settings and exact counts', async () => {
    const { $metadata: _, ...described } = await served.client.send(new DescribeMapRunCommand({ mapRunArn }));
    // resultsWritten is asserted on its own below.
    const counts = { ...zeroCounts, succeeded: 2, failed: 1, total: 3, resultsWritten: expect.any(Number) as number };
    expect(described).toEqual({
      mapRunArn,
      executionArn,
      status: 'SUCCEEDED',
      startDate: expect.any(Date),
      stopDate: expect.any(Date),
      maxConcurrency: 2,
      toleratedFailurePercentage: 0,
      toleratedFailureCount: 1,
      itemCounts: counts,
      executionCounts: counts,
      redriveCount: 0,
    });
    expect((described.stopDate ?? new Date(0)).getTime()).toBeGreaterThanOrEqual((described.startDate ?? new Date(0)).getTime());
  });

  it('counts each finished child as a result written, as AWS does for a Map without a ResultWriter', async () => {
    // AWS-recorded (LocalStack's validated snapshot of DescribeMapRun, test_sfn_api_map_run): a
    // Distributed Map without ResultWriter over 2 items gives resultsWritten 2; with a ResultWriter,
    // AWS counts the failed children's results too (AWS's Distributed Map workshop output).
    const described = await served.client.send(new DescribeMapRunCommand({ mapRunArn }));
    expect([described.executionCounts?.resultsWritten, described.itemCounts?.resultsWritten]).toEqual([3, 3]);
  });

  it('lists the children by mapRunArn, each with its status, Map Run and item count', async () => {
    const listed = await served.client.send(new ListExecutionsCommand({ mapRunArn }));
    expect(listed.executions).toHaveLength(3);
    for (const child of listed.executions ?? []) {
      expect(child).toMatchObject({ stateMachineArn: CHILD_MACHINE_ARN, mapRunArn, itemCount: 1 });
      expect(child.executionArn).toBe(`${ACCOUNT}:execution:Orders/ship:${child.name ?? ''}`);
      const described = await served.client.send(new DescribeExecutionCommand({ executionArn: child.executionArn }));
      const order = JSON.parse(described.input ?? 'null') as { id: string };
      childOf.set(order.id, child.executionArn ?? '');
      expect(child.status).toBe(order.id === 'b' ? 'FAILED' : 'SUCCEEDED');
    }
    expect([...childOf.keys()].sort()).toEqual(['a', 'b', 'c']);
    const failed = await served.client.send(new ListExecutionsCommand({ mapRunArn, statusFilter: 'FAILED' }));
    expect(failed.executions?.map((e) => e.executionArn)).toEqual([childOf.get('b')]);
    const paged = await served.client.send(new ListExecutionsCommand({ mapRunArn, maxResults: 2 }));
    expect(paged.executions).toHaveLength(2);
    const rest = await served.client.send(new ListExecutionsCommand({ mapRunArn, maxResults: 2, nextToken: paged.nextToken }));
    expect(rest.nextToken).toBeUndefined();
    expect([...(paged.executions ?? []), ...(rest.executions ?? [])].map((e) => e.executionArn).sort()).toEqual([...childOf.values()].sort());
  });

  it('keeps the children out of the listing of the parent machine', async () => {
    const listed = await served.client.send(new ListExecutionsCommand({ stateMachineArn: MACHINE_ARN }));
    expect(listed.executions?.map((e) => e.executionArn)).toEqual([executionArn]);
  });

  it('describes a child as an execution of the child state machine, with its Map Run', async () => {
    const { $metadata: _, ...failed } = await served.client.send(new DescribeExecutionCommand({ executionArn: childOf.get('b') }));
    expect(failed).toMatchObject({
      executionArn: childOf.get('b'),
      stateMachineArn: CHILD_MACHINE_ARN,
      mapRunArn,
      status: 'FAILED',
      input: JSON.stringify({ id: 'b', qty: 0 }),
      error: 'Order.Empty',
      cause: 'nothing to ship',
    });
    const succeeded = await served.client.send(new DescribeExecutionCommand({ executionArn: childOf.get('c') }));
    expect(JSON.parse(succeeded.output ?? 'null')).toEqual({ packed: 'c' });
  });

  it('gives a child its own history', async () => {
    const history = await served.client.send(new GetExecutionHistoryCommand({ executionArn: childOf.get('b') }));
    expect(history.events?.map((e) => e.type)).toEqual(['ExecutionStarted', 'ChoiceStateEntered', 'ChoiceStateExited', 'FailStateEntered', 'ExecutionFailed']);
    expect(history.events?.[0]?.executionStartedEventDetails?.input).toBe(JSON.stringify({ id: 'b', qty: 0 }));
    const ok = await served.client.send(new GetExecutionHistoryCommand({ executionArn: childOf.get('a') }));
    expect(ok.events?.at(-1)?.executionSucceededEventDetails?.output).toBe(JSON.stringify({ packed: 'a' }));
  });

  it("describes a child's state machine: the Map Run's, with its label and the ItemProcessor as definition", async () => {
    const { $metadata: _, ...machine } = await served.client.send(new DescribeStateMachineForExecutionCommand({ executionArn: childOf.get('a') }));
    expect(machine).toMatchObject({ stateMachineArn: CHILD_MACHINE_ARN, name: 'Orders/ship', mapRunArn, label: 'ship', roleArn: ROLE });
    expect(JSON.parse(machine.definition ?? 'null')).toEqual(itemProcessor);
    const parent = await served.client.send(new DescribeStateMachineForExecutionCommand({ executionArn }));
    expect(parent.stateMachineArn).toBe(MACHINE_ARN);
    expect(parent.mapRunArn).toBeUndefined();
    expect(parent.label).toBeUndefined();
  });
});

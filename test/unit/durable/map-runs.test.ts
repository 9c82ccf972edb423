// Distributed Map children in the engine: STANDARD children are stored executions under their Map
// Run (listed by its ARN, each with its own history), the Map Run is stored with its counts, and a
// durable parent resumed after a close finds its children again: finished ones are not run twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/index.js';
import type { JsonValue } from '../../../src/index.js';
import { openEngine } from '../../../src/service/engine.js';

const START = Date.UTC(2026, 0, 1);

/** Each item waits its own number of seconds, then a Lambda counts it. */
const machine = (executionType: string): JsonValue => ({
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      Label: 'Items',
      MaxConcurrency: 2,
      ToleratedFailureCount: 1,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: executionType },
        StartAt: 'Pause',
        States: {
          Pause: { Type: 'Wait', SecondsPath: '$.wait', Next: 'Count' },
          Count: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:count', End: true },
        },
      },
      End: true,
    },
  },
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'asl-map-runs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function turns(n = 30): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

function counter(): { calls: Map<JsonValue, number>; lambdas: Record<string, (event: JsonValue) => JsonValue> } {
  const calls = new Map<JsonValue, number>();
  const count = (event: JsonValue): JsonValue => {
    const item = (event as { id: JsonValue }).id;
    calls.set(item, (calls.get(item) ?? 0) + 1);
    if (item === 'bad') throw Object.assign(new Error('no good'), { name: 'Item.Bad' });
    return { done: item };
  };
  return { calls, lambdas: { count } };
}

describe('Distributed Map children in the engine', () => {
  it('stores STANDARD children under the Map Run, each with its own history, and the Map Run with its counts', async () => {
    const { lambdas } = counter();
    const engine = await openEngine({ clock: new VirtualClock({ startMs: START, autoAdvance: true }), lambdas });
    await engine.register('Orders', machine('STANDARD'));
    const items = [
      { id: 'a', wait: 1 },
      { id: 'bad', wait: 2 },
      { id: 'c', wait: 3 },
    ];
    const execution = await engine.start('Orders', items, { name: 'o1' });
    const result = await execution.result;
    expect(result.status).toBe('SUCCEEDED');
    const [run] = await engine.listMapRuns(execution.arn);
    expect(run?.arn).toMatch(/^arn:aws:states:us-east-1:123456789012:mapRun:Orders\/Items:[0-9a-f-]{36}$/);
    expect(run).toMatchObject({
      executionArn: execution.arn,
      childMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders/Items',
      status: 'SUCCEEDED',
      startDate: START,
      maxConcurrency: 2,
      toleratedFailureCount: 1,
      executionCounts: { total: 3, succeeded: 2, failed: 1, running: 0, pending: 0 },
      itemCounts: { total: 3, succeeded: 2, failed: 1 },
    });
    expect(await engine.describeMapRun(run?.arn ?? '')).toEqual(run);
    const children = (await engine.list({ machineArn: run?.arn ?? '' })).executions;
    expect(children.map((child) => child.status).sort()).toEqual(['FAILED', 'SUCCEEDED', 'SUCCEEDED']);
    const first = children.find((child) => child.status === 'SUCCEEDED');
    expect(first?.arn).toMatch(/^arn:aws:states:us-east-1:123456789012:execution:Orders\/Items:[0-9a-f-]{36}$/);
    expect((await engine.history(first?.arn ?? '')).map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'WaitStateExited',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    // The parent's own history holds no child's event, and its machine lists only the parent.
    expect((await engine.history(execution.arn)).map((event) => event.type)).not.toContain('WaitStateEntered');
    expect((await engine.list({ machineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders' })).executions.map((e) => e.arn)).toEqual([execution.arn]);
    await engine.close();
  });

  it('keeps EXPRESS children out of the store, as AWS keeps no history for them', async () => {
    const { lambdas } = counter();
    const engine = await openEngine({ clock: new VirtualClock({ startMs: START, autoAdvance: true }), lambdas });
    await engine.register('Orders', machine('EXPRESS'));
    const execution = await engine.start('Orders', [{ id: 'a', wait: 0 }]);
    expect(await execution.result).toEqual({ status: 'SUCCEEDED', output: [{ done: 'a' }] });
    const [run] = await engine.listMapRuns(execution.arn);
    expect(run?.executionCounts).toMatchObject({ total: 1, succeeded: 1 });
    expect((await engine.list({ machineArn: run?.arn ?? '' })).executions).toEqual([]);
    await engine.close();
  });

  it("runs the STANDARD children of an Express execution (StartSyncExecution) in memory, as it keeps nothing of its parent", async () => {
    const { lambdas } = counter();
    const engine = await openEngine({ clock: new VirtualClock({ startMs: START, autoAdvance: true }), lambdas });
    await engine.register('Orders', machine('STANDARD'), { type: 'EXPRESS' });
    const execution = await engine.startExpress('Orders', [{ id: 'a', wait: 0 }, { id: 'b', wait: 0 }]);
    expect((await execution.outcome).result).toEqual({ status: 'SUCCEEDED', output: [{ done: 'a' }, { done: 'b' }] });
    expect((await engine.list({})).executions).toEqual([]);
    await engine.close();
  });

  it('runs a Distributed Map inside a child: the grandchildren are stored under the child\'s own Map Run', async () => {
    const inner = { Type: 'Map', Label: 'Inner', ItemsPath: '$.xs', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'machine.$': '$$.StateMachine.Id' }, End: true } } }, End: true };
    const nested = { StartAt: 'Outer', States: { Outer: { Type: 'Map', Label: 'Outer', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'In', States: { In: inner } }, End: true } } };
    const engine = await openEngine({ clock: new VirtualClock({ startMs: START, autoAdvance: true }) });
    await engine.register('N', nested);
    const execution = await engine.start('N', [{ xs: [1] }, { xs: [2, 3] }]);
    const machineOfGrandchildren = { machine: 'arn:aws:states:us-east-1:123456789012:stateMachine:N/Outer/Inner' };
    expect(await execution.result).toEqual({ status: 'SUCCEEDED', output: [[machineOfGrandchildren], [machineOfGrandchildren, machineOfGrandchildren]] });
    const [outer] = await engine.listMapRuns(execution.arn);
    const children = (await engine.list({ machineArn: outer?.arn ?? '' })).executions;
    const innerRuns = await Promise.all(children.map((child) => engine.listMapRuns(child.arn)));
    expect(innerRuns.map((runs) => runs.map((run) => run.executionCounts['succeeded'])).sort()).toEqual([[1], [2]]);
    expect(innerRuns.flat().every((run) => run.arn.includes(':mapRun:N/Outer/Inner:'))).toBe(true);
    await engine.close();
  });

  it('goes on after a close and a reopen without running a finished child again', async () => {
    const file = join(dir, 'executions.db');
    const clock = new VirtualClock({ startMs: START });
    const firstCount = counter();
    const first = await openEngine({ store: file, clock, lambdas: firstCount.lambdas });
    await first.register('Orders', machine('STANDARD'));
    const items = [
      { id: 'a', wait: 10 },
      { id: 'b', wait: 100 },
      { id: 'c', wait: 5 },
    ];
    const execution = await first.start('Orders', items, { name: 'o1' });
    await turns();
    clock.advance(12_000);
    await turns();
    // a ended at 10 s, c started then (and waits until 15 s); b waits until 100 s.
    expect([...firstCount.calls.keys()]).toEqual(['a']);
    await first.close();
    expect((await execution.result).status).toBe('SUSPENDED');
    const secondCount = counter();
    const second = await openEngine({ store: file, clock: new VirtualClock({ startMs: START + 12_000, autoAdvance: true }), lambdas: secondCount.lambdas });
    const resumed = second.execution(execution.arn);
    expect(resumed).toBeDefined();
    expect(await resumed?.result).toEqual({ status: 'SUCCEEDED', output: [{ done: 'a' }, { done: 'b' }, { done: 'c' }] });
    // The finished child (a) was not run again; b and c each ran once, in the resumed engine.
    expect(Object.fromEntries(secondCount.calls)).toEqual({ b: 1, c: 1 });
    const [run] = await second.listMapRuns(execution.arn);
    expect(run).toMatchObject({ status: 'SUCCEEDED', executionCounts: { total: 3, succeeded: 3, running: 0 } });
    expect((await second.list({ machineArn: run?.arn ?? '' })).executions.map((child) => child.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    await second.close();
  });
});

// Distributed Map children are executions of their own: their own ARN and name (named as AWS names
// them), $$.Execution and $$.StateMachine, history, limits (EXPRESS: 5 minutes), and a Map Run
// whose counts the machine's port is told.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import type { HistoryEvent } from '../../../src/core/events.js';
import type { JsonValue } from '../../../src/core/json.js';
import { createStateMachine } from '../../../src/runtime/execution.js';
import { inProcessMapChildren, type MapChildLaunch, type MapChildPort } from '../../../src/runtime/map-children.js';
import type { MapRunRecord } from '../../../src/states/map-run.js';

const START = Date.UTC(2026, 0, 1);

function distributedMap(processorStates: Record<string, JsonValue>, extra: Record<string, JsonValue> = {}, executionType = 'STANDARD'): JsonValue {
  return {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: executionType }, StartAt: 'Work', States: processorStates },
        End: true,
        ...extra,
      },
    },
  };
}

const whoAmI = { Work: { Type: 'Pass', Parameters: { 'id.$': '$$.Execution.Id', 'name.$': '$$.Execution.Name', 'machine.$': '$$.StateMachine.Id', 'input.$': '$$.Execution.Input', 'item.$': '$' }, End: true } };

describe('Distributed Map children as executions', () => {
  it('gives each child its own ARN, name, $$.Execution and $$.StateMachine under the Map Run label', async () => {
    const machine = createStateMachine(distributedMap(whoAmI, { Label: 'Orders' }), { name: 'Shop', clock: new VirtualClock({ autoAdvance: true }), seed: 1 });
    const result = await machine.start([10, 20], { name: 'run-1' }).result;
    expect(result.status).toBe('SUCCEEDED');
    const output = (result as { output: Array<Record<string, JsonValue>> }).output;
    expect(output).toHaveLength(2);
    const [first, second] = output as [Record<string, JsonValue>, Record<string, JsonValue>];
    expect(first['machine']).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:Shop/Orders');
    expect(first['id']).toBe(`arn:aws:states:us-east-1:123456789012:execution:Shop/Orders:${String(first['name'])}`);
    expect(first['name']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second['name']).not.toBe(first['name']);
    expect(first['input']).toBe(10);
    expect(second['item']).toBe(20);
  });

  it('names the same children on every run of the same execution, so a resumed Map finds them', async () => {
    const run = async (): Promise<JsonValue> => {
      const machine = createStateMachine(distributedMap(whoAmI), { name: 'Shop', clock: new VirtualClock({ autoAdvance: true }), seed: 7 });
      return ((await machine.start([1, 2, 3], { name: 'same' }).result) as { output: JsonValue }).output;
    };
    expect(await run()).toEqual(await run());
  });

  it('names an EXPRESS child with the express ARN form and a Map Run without Label by a UUID', async () => {
    const machine = createStateMachine(distributedMap(whoAmI, {}, 'EXPRESS'), { name: 'Shop', clock: new VirtualClock({ autoAdvance: true }) });
    const result = (await machine.start([1]).result) as { output: Array<Record<string, string>> };
    const child = result.output[0] as Record<string, string>;
    expect(child['id']).toMatch(/^arn:aws:states:us-east-1:123456789012:express:Shop\/[0-9a-f-]{36}:[0-9a-f-]{36}:[0-9a-f-]{36}$/);
    expect(child['machine']).toMatch(/^arn:aws:states:us-east-1:123456789012:stateMachine:Shop\/[0-9a-f-]{36}$/);
  });

  it("keeps the children's events out of the parent's history and out of the machine's onEvent", async () => {
    const seen: HistoryEvent[] = [];
    const machine = createStateMachine(distributedMap({ Work: { Type: 'Pass', End: true } }), { clock: new VirtualClock({ autoAdvance: true }), onEvent: (event) => seen.push(event) });
    const execution = machine.start([1, 2]);
    await execution.result;
    const types = execution.history.map((event) => event.type);
    expect(types).toEqual(['ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'MapRunStarted', 'MapRunSucceeded', 'MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
    expect(seen.map((event) => event.type)).toEqual(types);
  });

  it('hands each child to the port with a start that records the child its own history', async () => {
    const histories: string[][] = [];
    const port: MapChildPort = {
      async run(child: MapChildLaunch, signal: AbortSignal) {
        const events: string[] = [];
        histories[child.index] = events;
        return inProcessMapChildren.run({ ...child, start: (options) => child.start({ ...options, onEvent: (event) => events.push(event.type) }) }, signal);
      },
    };
    const machine = createStateMachine(distributedMap({ Work: { Type: 'Pass', End: true } }), { clock: new VirtualClock({ autoAdvance: true }), mapChildren: port });
    expect((await machine.start(['a', 'b']).result).status).toBe('SUCCEEDED');
    expect(histories).toEqual([
      ['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded'],
      ['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded'],
    ]);
  });

  it('times an EXPRESS child out after 5 minutes, which the Map counts as a failed child', async () => {
    const runs: MapRunRecord[] = [];
    const port: MapChildPort = { ...inProcessMapChildren, mapRunEnded: (run) => runs.push(run) };
    const slow = { Work: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 2, Next: 'Long' }], Default: 'Done' }, Long: { Type: 'Wait', Seconds: 400, Next: 'Done' }, Done: { Type: 'Succeed' } };
    const machine = createStateMachine(distributedMap(slow, { ToleratedFailureCount: 1 }, 'EXPRESS'), { clock: new VirtualClock({ autoAdvance: true }), mapChildren: port });
    const result = await machine.start([1, 2, 3]).result;
    expect(result).toEqual({ status: 'SUCCEEDED', output: [1, { Error: 'States.Timeout', Cause: 'The execution timed out after 300 seconds.' }, 3] });
    const run = runs[0] as MapRunRecord;
    expect(run.status).toBe('SUCCEEDED');
    expect(run.executionCounts).toMatchObject({ total: 3, succeeded: 2, timedOut: 1, failed: 0, running: 0, pending: 0 });
  });

  it("gives a STANDARD child its own 25,000-event limit: the parent's history stays short", async () => {
    const loop = { Work: { Type: 'Pass', Next: 'Again' }, Again: { Type: 'Choice', Choices: [{ Variable: '$', StringEquals: 'never', Next: 'Out' }], Default: 'Work' }, Out: { Type: 'Succeed' } };
    const machine = createStateMachine(distributedMap(loop, { ToleratedFailureCount: 1 }), { clock: new VirtualClock({ autoAdvance: true }), maxHistoryEvents: 50 });
    const execution = machine.start([1]);
    const result = await execution.result;
    expect(result.status).toBe('SUCCEEDED');
    expect((result as { output: Array<Record<string, string>> }).output[0]).toMatchObject({ Error: 'States.Runtime' });
    expect(execution.history.length).toBeLessThan(10);
  });

  it('tells the port when the Map Run starts and ends, with its settings and counts', async () => {
    const started: Array<Pick<MapRunRecord, 'arn' | 'status'>> = [];
    const ended: MapRunRecord[] = [];
    const port: MapChildPort = { ...inProcessMapChildren, mapRunStarted: (run) => started.push({ arn: run.arn, status: run.status }), mapRunEnded: (run) => ended.push(run) };
    const failing = { Work: { Type: 'Choice', Choices: [{ Variable: '$', NumericGreaterThan: 2, Next: 'Bad' }], Default: 'Ok' }, Bad: { Type: 'Fail', Error: 'Too.Big' }, Ok: { Type: 'Succeed' } };
    const machine = createStateMachine(distributedMap(failing, { Label: 'Check', MaxConcurrency: 1 }), { name: 'M', clock: new VirtualClock({ startMs: START, autoAdvance: true }), mapChildren: port });
    const result = await machine.start([1, 2, 3, 4], { name: 'e' }).result;
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
    expect(started).toEqual([{ arn: expect.stringMatching(/^arn:aws:states:us-east-1:123456789012:mapRun:M\/Check:[0-9a-f-]{36}$/), status: 'RUNNING' }]);
    const run = ended[0] as MapRunRecord;
    expect(run.arn).toBe(started[0]?.arn);
    expect(run.executionArn).toBe('arn:aws:states:us-east-1:123456789012:execution:M:e');
    expect(run.childMachineArn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:M/Check');
    expect(run.status).toBe('FAILED');
    expect(run.settings).toEqual({ maxConcurrency: 1, toleratedFailureCount: 0, toleratedFailurePercentage: 0 });
    // One at a time: two succeeded, the third failed and ended the run; the fourth never started.
    expect(run.executionCounts).toMatchObject({ total: 4, succeeded: 2, failed: 1, pending: 1, running: 0 });
    expect(run.startDate).toBe(START);
  });
});

describe('a Distributed Map resumed from a snapshot', () => {
  const waiting = { Work: { Type: 'Wait', SecondsPath: '$', Next: 'Done' }, Done: { Type: 'Pass', Parameters: { 'waited.$': '$', 'name.$': '$$.Execution.Name' }, End: true } };
  const definition = distributedMap(waiting, { MaxConcurrency: 2 });
  const machineOn = (clock: VirtualClock): ReturnType<typeof createStateMachine> => createStateMachine(definition, { name: 'M', clock, seed: 3 });

  it('keeps the children in flight (their inputs and snapshots) in the snapshot and resumes them exactly', async () => {
    const uninterrupted = machineOn(new VirtualClock({ startMs: START, autoAdvance: true })).start([5, 10, 1, 2], { name: 'e' });
    const expected = await uninterrupted.result;
    const clock = new VirtualClock({ startMs: START });
    const first = machineOn(clock).start([5, 10, 1, 2], { name: 'e' });
    await new Promise((resolve) => setImmediate(resolve));
    clock.advanceToNext();
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    const snapshot = JSON.parse(JSON.stringify(first.snapshot())) as { root: { visit: { children: { launched?: Array<[number, JsonValue, { executionArn: string; mapChild: JsonValue }]>; results: Array<[number, JsonValue]> } } } };
    first.suspend();
    // After 5 s the first child ended and the third began; the second (10 s) and third (1 s) are in
    // flight, each with its input and its own snapshot (it resumes where it stood, not from the start).
    expect(snapshot.root.visit.children.results.map(([index]) => index)).toEqual([0]);
    const launched = snapshot.root.visit.children.launched ?? [];
    expect(launched.map(([index, input]) => [index, input])).toEqual([
      [1, 10],
      [2, 1],
    ]);
    expect(launched.map(([, , child]) => child.executionArn)).toEqual([expect.stringContaining(':execution:M/'), expect.stringContaining(':execution:M/')]);
    expect(launched[0]?.[2].mapChild).toMatchObject({ scope: 1 });
    const resumedClock = new VirtualClock({ startMs: START + 5_000, autoAdvance: true });
    const second = machineOn(resumedClock).resume(snapshot as unknown as JsonValue);
    expect(await second.result).toEqual(expected);
    expect([...first.history, ...second.history].map((event) => event.type)).toEqual(uninterrupted.history.map((event) => event.type));
  });
});

describe('a running Map Run updated (UpdateMapRun)', () => {
  const slow = { Work: { Type: 'Wait', Seconds: 10, Next: 'Check' }, Check: { Type: 'Choice', Choices: [{ Variable: '$', NumericGreaterThan: 2, Next: 'Bad' }], Default: 'Ok' }, Bad: { Type: 'Fail', Error: 'Too.Big' }, Ok: { Type: 'Succeed' } };
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  };

  it('runs more children at once after MaxConcurrency goes up, and tolerates failures after the count goes up', async () => {
    let run: MapRunRecord | undefined;
    const port: MapChildPort = { ...inProcessMapChildren, mapRunStarted: (started) => (run = started) };
    const clock = new VirtualClock({ startMs: START });
    const machine = createStateMachine(distributedMap(slow, { MaxConcurrency: 1 }), { clock, mapChildren: port });
    const execution = machine.start([1, 2, 3, 4, 5, 6]);
    await settle();
    expect(run?.executionCounts.running).toBe(1);
    run?.update({ maxConcurrency: 3, toleratedFailureCount: 4 });
    await settle();
    expect(run?.executionCounts.running).toBe(3);
    expect(run?.settings).toEqual({ maxConcurrency: 3, toleratedFailureCount: 4, toleratedFailurePercentage: 0 });
    // 10 s later the first three end (items 1 and 2 succeed, 3 fails but is tolerated now) and the next three start.
    clock.advance(10_000);
    await settle();
    expect(run?.executionCounts).toMatchObject({ succeeded: 2, failed: 1, running: 3 });
    clock.advance(10_000);
    await settle();
    const tooBig = { Error: 'Too.Big' };
    expect(await execution.result).toEqual({ status: 'SUCCEEDED', output: [1, 2, tooBig, tooBig, tooBig, tooBig] });
  });

  it('lets workers go when MaxConcurrency goes down', async () => {
    let run: MapRunRecord | undefined;
    const port: MapChildPort = { ...inProcessMapChildren, mapRunStarted: (started) => (run = started) };
    const clock = new VirtualClock({ startMs: START });
    const machine = createStateMachine(distributedMap(slow, { MaxConcurrency: 3, ToleratedFailureCount: 10 }), { clock, mapChildren: port });
    const execution = machine.start([1, 1, 1, 1, 1, 1]);
    await settle();
    expect(run?.executionCounts.running).toBe(3);
    run?.update({ maxConcurrency: 1 });
    clock.advance(10_000);
    await settle();
    // The three ended; only one worker went on.
    expect(run?.executionCounts).toMatchObject({ succeeded: 3, running: 1 });
    for (let i = 0; i < 3; i++) {
      clock.advance(10_000);
      await settle();
    }
    expect((await execution.result).status).toBe('SUCCEEDED');
  });
});

describe('a snapshot taken while a Map child starts', () => {
  it('is refused as mid-step when it is taken inside the child\'s first Task call, and accepted once the child waits', async () => {
    const outcomes: string[] = [];
    // The handler snapshots the parent, which exists only once start() returned.
    const held: { parent?: ReturnType<ReturnType<typeof createStateMachine>['start']> } = {};
    const tryToSnapshot = (): void => {
      try {
        held.parent?.snapshot();
        outcomes.push('taken');
      } catch (error) {
        outcomes.push((error as Error).name);
      }
    };
    const call = { Call: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:probe', Next: 'Pause' }, Pause: { Type: 'Wait', Seconds: 5, End: true } };
    const clock = new VirtualClock({ startMs: START });
    const machine = createStateMachine(
      { StartAt: 'Gate', States: { Gate: { Type: 'Wait', Seconds: 1, Next: 'Each' }, Each: { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'Call', States: call }, End: true } } },
      { clock, lambdas: { probe: (event: JsonValue) => (tryToSnapshot(), event) } },
    );
    const parent = (held.parent = machine.start([1]));
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
    clock.advanceToNext();
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    // Inside the child's first call (it runs inside start()): mid-step. Once it waits: a snapshot.
    expect(outcomes).toEqual(['SnapshotError']);
    tryToSnapshot();
    expect(outcomes).toEqual(['SnapshotError', 'taken']);
    parent.abort();
    expect((await parent.result).status).toBe('ABORTED');
  });
});

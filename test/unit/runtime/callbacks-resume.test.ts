import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import type { JsonObject, JsonValue } from '../../../src/core/json.js';
import { createStateMachine } from '../../../src/runtime/execution.js';
import { createLocalWorld, type LocalWorld } from '../../../src/world/world.js';

const QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs';
const ACTIVITY = 'arn:aws:states:us-east-1:123456789012:activity:review';
const signal = new AbortController().signal;

const viaQueue: JsonValue = {
  StartAt: 'Ask',
  States: {
    Ask: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: QUEUE, MessageBody: { 'token.$': '$$.Task.Token' } }, HeartbeatSeconds: 60, End: true },
  },
};

const review: JsonValue = {
  StartAt: 'Review',
  States: { Review: { Type: 'Task', Resource: ACTIVITY, TimeoutSeconds: 300, HeartbeatSeconds: 30, End: true } },
};

async function queueWorld(clock: VirtualClock): Promise<LocalWorld> {
  const world = createLocalWorld({ clock });
  await world.call({ service: 'sqs', action: 'CreateQueue', input: { QueueName: 'jobs' }, signal });
  return world;
}

async function tokensIn(world: LocalWorld): Promise<string[]> {
  const reply = await world.call({ service: 'sqs', action: 'ReceiveMessage', input: { QueueUrl: QUEUE, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }, signal });
  return ((reply['Messages'] ?? []) as JsonObject[]).map((m) => String((JSON.parse(String(m['Body'])) as JsonObject)['token']));
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

describe('a callback task across a snapshot', () => {
  it('waits for the same token after a resume, without sending it again, and keeps its heartbeat deadline', async () => {
    const clock = new VirtualClock();
    const world = await queueWorld(clock);
    const first = createStateMachine(viaQueue, { clock, world, seed: 1 });
    const execution = first.start({});
    await settle();
    const [token] = await tokensIn(world);
    clock.advance(20_000);
    const snapshot = execution.snapshot();
    execution.suspend();
    expect(await execution.result).toEqual({ status: 'SUSPENDED' });
    expect(first.callbacks.waitingTokens).toEqual([]);

    const second = createStateMachine(viaQueue, { clock, world, seed: 1 });
    const resumed = second.resume(JSON.parse(JSON.stringify(snapshot)) as JsonValue);
    await settle();
    expect(second.callbacks.waitingTokens).toEqual([token]);
    expect(await tokensIn(world)).toEqual([token]);
    // The heartbeat deadline counts from the submission, not from the resume: 40 s are left.
    clock.advance(39_000);
    await settle();
    expect(resumed.status).toBe('RUNNING');
    second.callbacks.sendTaskSuccess(String(token), { approved: true });
    expect(await resumed.result).toEqual({ status: 'SUCCEEDED', output: { approved: true } });
    expect(resumed.history.map((e) => e.type)).toEqual(['TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
  });
});

describe('activities', () => {
  it('queues the input for a worker, records its name, and takes its answer', async () => {
    const clock = new VirtualClock();
    const machine = createStateMachine(review, { clock, seed: 2 });
    const execution = machine.start({ doc: 'spec.md' });
    await settle();
    const task = await machine.callbacks.getActivityTask(ACTIVITY, { workerName: 'alice' });
    expect(task?.input).toBe('{"doc":"spec.md"}');
    // Nothing else is queued.
    expect(await machine.callbacks.getActivityTask(ACTIVITY)).toBeUndefined();
    clock.advance(25_000);
    machine.callbacks.sendTaskHeartbeat(String(task?.taskToken));
    await settle();
    clock.advance(25_000);
    await settle();
    machine.callbacks.sendTaskSuccess(String(task?.taskToken), 'approved');
    expect(await execution.result).toEqual({ status: 'SUCCEEDED', output: 'approved' });
    expect(execution.history.map((e) => e.type)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'ActivityScheduled', 'ActivityStarted', 'ActivitySucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    expect(execution.history[2]?.details).toEqual({ resource: ACTIVITY, input: { doc: 'spec.md' }, timeoutInSeconds: 300, heartbeatInSeconds: 30 });
    expect(execution.history[3]?.details).toEqual({ workerName: 'alice' });
  });

  it('hands a task to a worker already long-polling, and times out a task nobody heartbeats', async () => {
    const clock = new VirtualClock();
    const machine = createStateMachine(review, { clock, seed: 3 });
    const polling = machine.callbacks.getActivityTask(ACTIVITY, { workerName: 'bob', waitMs: 60_000, sleep: (ms, stop) => clock.sleep(ms, stop) });
    const execution = machine.start({ doc: 'a' });
    const task = await polling;
    expect(task?.input).toBe('{"doc":"a"}');
    await settle();
    clock.advance(30_000);
    await settle();
    expect(await execution.result).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    expect(execution.history.find((e) => e.type === 'ActivityTimedOut')?.details).toMatchObject({ error: 'States.HeartbeatTimeout' });
    expect(() => machine.callbacks.sendTaskSuccess(String(task?.taskToken), 'late')).toThrow(expect.objectContaining({ code: 'TaskTimedOut' }));
  });

  it('takes a task that times out in the queue out of it, so no worker gets it afterwards', async () => {
    const clock = new VirtualClock();
    const machine = createStateMachine(review, { clock, seed: 6 });
    const execution = machine.start({ doc: 'late' });
    await settle();
    expect(machine.callbacks.activities.queuedCount(ACTIVITY)).toBe(1);
    clock.advance(300_000);
    expect(await execution.result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(machine.callbacks.activities.queuedCount(ACTIVITY)).toBe(0);
    expect(await machine.callbacks.getActivityTask(ACTIVITY)).toBeUndefined();
  });

  it('gives a long poll nothing when no task comes in time', async () => {
    const clock = new VirtualClock();
    const machine = createStateMachine(review, { clock });
    const polling = machine.callbacks.getActivityTask(ACTIVITY, { waitMs: 60_000, sleep: (ms, stop) => clock.sleep(ms, stop) });
    clock.advance(60_000);
    expect(await polling).toBeUndefined();
  });

  it('puts a task that no worker had taken back in the queue when the execution resumes', async () => {
    const clock = new VirtualClock();
    const first = createStateMachine(review, { clock, seed: 4 });
    const execution = first.start({ doc: 'b' });
    await settle();
    const snapshot = execution.snapshot();
    execution.suspend();
    await execution.result;
    const second = createStateMachine(review, { clock, seed: 4 });
    const resumed = second.resume(snapshot);
    await settle();
    const task = await second.callbacks.getActivityTask(ACTIVITY, { workerName: 'carol' });
    expect(task?.input).toBe('{"doc":"b"}');
    second.callbacks.sendTaskFailure(String(task?.taskToken), 'Review.Rejected', 'no');
    expect(await resumed.result).toMatchObject({ status: 'FAILED', error: 'Review.Rejected', cause: 'no' });
    expect(resumed.history.map((e) => e.type)).toEqual(['ActivityStarted', 'ActivityFailed', 'ExecutionFailed']);
  });
});

// Callback tasks on a durable engine: a token handed out before the engine closed is answered after
// a new engine opened the same store, the service is not called a second time, and a token of an
// execution that has ended is AWS's TaskTimedOut.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/core/json.js';
import { VirtualClock } from '../../../src/index.js';
import { openEngine } from '../../../src/service/engine.js';
import { createLocalWorld, type LocalWorld } from '../../../src/world/world.js';

const QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs';
const signal = new AbortController().signal;
const definition = {
  StartAt: 'Ask',
  States: {
    Ask: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: QUEUE, MessageBody: { 'token.$': '$$.Task.Token' } }, TimeoutSeconds: 3600, Next: 'Done' },
    Done: { Type: 'Pass', End: true },
  },
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'asl-engine-callbacks-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function turns(n = 20): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

async function tokens(world: LocalWorld): Promise<string[]> {
  const reply = await world.call({ service: 'sqs', action: 'ReceiveMessage', input: { QueueUrl: QUEUE, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }, signal });
  return ((reply['Messages'] ?? []) as JsonObject[]).map((m) => String((JSON.parse(String(m['Body'])) as JsonObject)['token']));
}

describe('callback tasks on a durable engine', () => {
  it('waits across an engine restart for the token it sent once, keeping its TimeoutSeconds deadline', async () => {
    const file = join(dir, 'executions.db');
    const clock = new VirtualClock();
    const world = createLocalWorld({ clock });
    await world.call({ service: 'sqs', action: 'CreateQueue', input: { QueueName: 'jobs' }, signal });
    const first = await openEngine({ store: file, clock, world });
    await first.register('Asker', definition);
    const execution = await first.start('Asker', { n: 1 }, { name: 'ask-1' });
    await turns();
    const [token] = await tokens(world);
    expect(token).toBeDefined();
    clock.advance(600_000);
    await first.close();
    expect(await execution.result).toEqual({ status: 'SUSPENDED' });

    const second = await openEngine({ store: file, clock, world });
    await turns();
    // Answered after the restart: the resumed task waits for the very token it sent before.
    const resumed = second.execution(execution.arn);
    expect(resumed).toBeDefined();
    await second.sendTaskSuccess(String(token), { answer: 42 });
    // The answer is acknowledged once the store holds it.
    expect((await second.history(execution.arn)).some((e) => e.type === 'TaskSucceeded')).toBe(true);
    expect(await resumed?.result).toEqual({ status: 'SUCCEEDED', output: { answer: 42 } });
    expect(await tokens(world)).toEqual([token]);
    const history = await second.history(execution.arn);
    expect(history.filter((e) => e.type === 'TaskSubmitted')).toHaveLength(1);
    expect(history.map((e) => e.type).slice(-4)).toEqual(['TaskStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    // The execution has ended: its token is spent, also for an engine that never ran it.
    await expect(second.sendTaskSuccess(String(token), {})).rejects.toMatchObject({ code: 'TaskTimedOut' });
    await second.close();
    const third = await openEngine({ store: file, clock, world });
    await expect(third.sendTaskFailure(String(token), 'E', 'c')).rejects.toMatchObject({ code: 'TaskTimedOut' });
    await third.close();
  });

  it('times out at the deadline it had before the restart', async () => {
    const file = join(dir, 'timeout.db');
    const clock = new VirtualClock();
    const world = createLocalWorld({ clock });
    await world.call({ service: 'sqs', action: 'CreateQueue', input: { QueueName: 'jobs' }, signal });
    const first = await openEngine({ store: file, clock, world });
    await first.register('Asker', definition);
    const execution = await first.start('Asker', {}, { name: 'ask-2' });
    await turns();
    clock.advance(3_000_000);
    await first.close();
    const second = await openEngine({ store: file, clock, world });
    await turns();
    clock.advance(599_999);
    await turns();
    expect(second.execution(execution.arn)).toBeDefined();
    clock.advance(1);
    expect(await second.execution(execution.arn)?.result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    await second.close();
  });

  it('keeps activities in the store, and gives a resumed activity task to a worker after the restart', async () => {
    const file = join(dir, 'activities.db');
    const clock = new VirtualClock();
    const first = await openEngine({ store: file, clock });
    const activity = await first.callbacks.createActivity('review', [{ key: 'team', value: 'docs' }]);
    await first.register('Reviewer', { StartAt: 'Review', States: { Review: { Type: 'Task', Resource: activity.arn, End: true } } });
    const execution = await first.start('Reviewer', { doc: 'a.md' }, { name: 'review-1' });
    await turns();
    await first.close();

    const second = await openEngine({ store: file, clock });
    expect(second.callbacks.listActivities()).toEqual([activity]);
    await turns();
    const task = await second.callbacks.getActivityTask(activity.arn, { workerName: 'bob' });
    expect(task?.input).toBe('{"doc":"a.md"}');
    await second.sendTaskSuccess(String(task?.taskToken), 'approved');
    const history = await second.history(execution.arn);
    expect(history.map((e) => e.type)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'ActivityScheduled', 'ActivityStarted', 'ActivitySucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    await second.callbacks.deleteActivity(activity.arn);
    await second.close();
    const third = await openEngine({ store: file, clock });
    expect(third.callbacks.listActivities()).toEqual([]);
    await third.close();
  });
});

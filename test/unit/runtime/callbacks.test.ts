import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import type { JsonObject, JsonValue } from '../../../src/core/json.js';
import { TaskTokenError } from '../../../src/runtime/callbacks.js';
import { createStateMachine } from '../../../src/runtime/execution.js';
import type { Execution, StateMachine } from '../../../src/runtime/types.js';
import { createLocalWorld, type LocalWorld } from '../../../src/world/world.js';

const QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs';

/** A Task that sends its token through the jobs queue and waits for the answer. */
function viaQueue(extra: JsonObject = {}, jsonata = false): JsonValue {
  const task = jsonata
    ? { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Arguments: { QueueUrl: QUEUE, MessageBody: { token: '{% $states.context.Task.Token %}', job: '{% $states.input.job %}' } } }
    : { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: QUEUE, MessageBody: { 'token.$': '$$.Task.Token', 'job.$': '$.job' } } };
  return { ...(jsonata ? { QueryLanguage: 'JSONata' } : {}), StartAt: 'Ask', States: { Ask: { ...task, End: true, ...extra } } };
}

async function setUp(definition: JsonValue, clock = new VirtualClock()): Promise<{ machine: StateMachine; world: LocalWorld; clock: VirtualClock }> {
  const world = createLocalWorld({ clock });
  await world.call({ service: 'sqs', action: 'CreateQueue', input: { QueueName: 'jobs' }, signal: new AbortController().signal });
  return { machine: createStateMachine(definition, { clock, world, seed: 7 }), world, clock };
}

/** The bodies of the messages waiting in the jobs queue, parsed. */
async function messages(world: LocalWorld): Promise<JsonObject[]> {
  const reply = await world.call({ service: 'sqs', action: 'ReceiveMessage', input: { QueueUrl: QUEUE, MaxNumberOfMessages: 10 }, signal: new AbortController().signal });
  return ((reply['Messages'] ?? []) as JsonObject[]).map((m) => JSON.parse(String(m['Body'])) as JsonObject);
}

/** Lets the execution run until it waits (no timers are due: the virtual clock stands still). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

const types = (execution: Execution): string[] => execution.history.map((e) => e.type);

describe('.waitForTaskToken', () => {
  it('sends the token through the queue and succeeds with what SendTaskSuccess gives', async () => {
    const { machine, world } = await setUp(viaQueue());
    const execution = machine.start({ job: 'resize' });
    await settle();
    const [message] = await messages(world);
    expect(message?.['job']).toBe('resize');
    const token = String(message?.['token']);
    expect(machine.callbacks.waitingTokens).toEqual([token]);
    machine.callbacks.sendTaskSuccess(token, { done: true });
    expect(await execution.result).toEqual({ status: 'SUCCEEDED', output: { done: true } });
    expect(types(execution)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    // As on AWS, the scheduled parameters carry the token, and TaskSubmitted the service's response.
    const scheduled = execution.history[2]?.details?.parameters as JsonObject;
    expect((scheduled['MessageBody'] as JsonObject)['token']).toBe(token);
    expect(execution.history[4]?.details).toMatchObject({ resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken', output: { MessageId: expect.any(String) } });
    // The token is spent: AWS answers TaskTimedOut from then on.
    expect(() => machine.callbacks.sendTaskSuccess(token, {})).toThrow(TaskTokenError);
    expect(() => machine.callbacks.sendTaskSuccess(token, {})).toThrow(/Provided task does not exist anymore/);
  });

  it('gives the token to JSONata as $states.context.Task.Token', async () => {
    const { machine, world } = await setUp(viaQueue({}, true));
    const execution = machine.start({ job: 'j' });
    await settle();
    const [message] = await messages(world);
    machine.callbacks.sendTaskSuccess(String(message?.['token']), 'ok');
    expect(await execution.result).toEqual({ status: 'SUCCEEDED', output: 'ok' });
  });

  it('fails with SendTaskFailure’s error and cause, which Catch handles', async () => {
    const definition = viaQueue({ Catch: [{ ErrorEquals: ['Job.Rejected'], Next: 'Rejected' }], Next: 'Done' });
    const states = (definition as { States: JsonObject }).States;
    states['Rejected'] = { Type: 'Pass', End: true };
    states['Done'] = { Type: 'Succeed' };
    delete (states['Ask'] as JsonObject)['End'];
    const { machine, world } = await setUp(definition);
    const execution = machine.start({ job: 'j' });
    await settle();
    const [message] = await messages(world);
    machine.callbacks.sendTaskFailure(String(message?.['token']), 'Job.Rejected', 'too big');
    expect(await execution.result).toEqual({ status: 'SUCCEEDED', output: { Error: 'Job.Rejected', Cause: 'too big' } });
    expect(execution.history.find((e) => e.type === 'TaskFailed')?.details).toMatchObject({ error: 'Job.Rejected', cause: 'too big' });
  });

  it('times out with States.HeartbeatTimeout unless heartbeats come, and with States.Timeout at TimeoutSeconds', async () => {
    const { machine, world, clock } = await setUp(viaQueue({ HeartbeatSeconds: 10, TimeoutSeconds: 100 }));
    const execution = machine.start({ job: 'j' });
    await settle();
    const token = String((await messages(world))[0]?.['token']);
    clock.advance(9_000);
    machine.callbacks.sendTaskHeartbeat(token);
    await settle();
    clock.advance(9_000);
    await settle();
    expect(execution.status).toBe('RUNNING');
    clock.advance(1_000);
    await settle();
    expect(await execution.result).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    // As a timed-out request-response Task records it: the error, no cause.
    expect(execution.history.find((e) => e.type === 'TaskTimedOut')?.details).toEqual({ resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken', error: 'States.HeartbeatTimeout' });
    expect(execution.history.at(-1)?.timestamp).toBe(Date.UTC(2026, 0, 1) + 19_000);

    const overall = await setUp(viaQueue({ TimeoutSeconds: 30 }));
    const late = overall.machine.start({ job: 'j' });
    await settle();
    overall.clock.advance(30_000);
    expect(await late.result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });

  it('hands out a new token on each retry', async () => {
    const { machine, world, clock } = await setUp(viaQueue({ Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1, MaxAttempts: 1 }] }));
    const execution = machine.start({ job: 'j' });
    await settle();
    const first = String((await messages(world))[0]?.['token']);
    machine.callbacks.sendTaskFailure(first, 'Flaky', '');
    await settle();
    clock.advance(1_000);
    await settle();
    const [second] = await messages(world);
    const next = String(second?.['token']);
    expect(next).not.toBe(first);
    machine.callbacks.sendTaskSuccess(next, 2);
    expect(await execution.result).toEqual({ status: 'SUCCEEDED', output: 2 });
  });

  it('refuses what is no token with InvalidToken', async () => {
    const { machine } = await setUp(viaQueue());
    expect(() => machine.callbacks.sendTaskSuccess('not-a-token', {})).toThrow(expect.objectContaining({ code: 'InvalidToken' }));
    expect(() => machine.callbacks.sendTaskHeartbeat('')).toThrow(expect.objectContaining({ code: 'InvalidToken' }));
  });

  it('has no $$.Task in a request-response Task', async () => {
    const clock = new VirtualClock();
    const machine = createStateMachine(
      { StartAt: 'Ctx', States: { Ctx: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'echo', 'Payload.$': '$$' }, OutputPath: '$.Payload', End: true } } },
      { clock, lambdas: { echo: (event) => event } },
    );
    const result = await machine.start({}).result;
    expect(result.status === 'SUCCEEDED' && Object.keys(result.output as JsonObject)).toEqual(['Execution', 'StateMachine', 'State']);
  });

  it('answers a mocked .waitForTaskToken Task with its mocked response, waiting for no token', async () => {
    const clock = new VirtualClock();
    const machine = createStateMachine(viaQueue(), { clock, mocks: { Ask: { '0': { Return: { answered: 'by mock' } } } } });
    expect(await machine.start({ job: 'j' }).result).toEqual({ status: 'SUCCEEDED', output: { answered: 'by mock' } });
  });
});

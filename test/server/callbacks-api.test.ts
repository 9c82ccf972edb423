import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  GetActivityTaskCommand,
  GetExecutionHistoryCommand,
  ListActivitiesCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, VirtualClock } from '../../src/index.js';
import type { JsonObject } from '../../src/core/json.js';
import type { Engine } from '../../src/service/engine.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { createLocalWorld, type LocalWorld } from '../../src/world/world.js';
import { rejection, settled } from './fixture.js';

const QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs';
const ROLE = 'arn:aws:iam::123456789012:role/StepFunctionsRole';
const signal = new AbortController().signal;

const askDefinition = JSON.stringify({
  StartAt: 'Ask',
  States: { Ask: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: QUEUE, MessageBody: { 'token.$': '$$.Task.Token', 'job.$': '$.job' } }, End: true } },
});

let world: LocalWorld;
let engine: Engine;
let server: RunningServer;
let client: SFNClient;

beforeAll(async () => {
  const clock = new VirtualClock({ autoAdvance: true });
  world = createLocalWorld({ clock });
  await world.call({ service: 'sqs', action: 'CreateQueue', input: { QueueName: 'jobs' }, signal });
  engine = await openEngine({ clock, world });
  server = await startServer({ engine, port: 0, activityPollMs: 1_000 });
  client = new SFNClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
});

afterAll(async () => {
  client.destroy();
  await server.close();
  await engine.close();
});

/** The next message of the jobs queue, waiting (bounded, without the real clock) for the task to send it. */
async function nextMessage(): Promise<JsonObject> {
  for (let turn = 0; turn < 200; turn++) {
    const reply = await world.call({ service: 'sqs', action: 'ReceiveMessage', input: { QueueUrl: QUEUE }, signal });
    const [message] = (reply['Messages'] ?? []) as JsonObject[];
    if (message !== undefined) return JSON.parse(String(message['Body'])) as JsonObject;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('no message arrived');
}

describe('task tokens over the API', () => {
  it('answers a .waitForTaskToken task with SendTaskSuccess, and its history carries the token as AWS’s does', async () => {
    const { stateMachineArn } = await client.send(new CreateStateMachineCommand({ name: 'ask', definition: askDefinition, roleArn: ROLE }));
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"job":"resize"}' }));
    const message = await nextMessage();
    expect(message['job']).toBe('resize');
    const taskToken = String(message['token']);
    await client.send(new SendTaskHeartbeatCommand({ taskToken }));
    await client.send(new SendTaskSuccessCommand({ taskToken, output: '{"size":"small"}' }));
    const described = await settled(client, String(executionArn));
    expect([described.status, described.output]).toEqual(['SUCCEEDED', '{"size":"small"}']);
    const { events = [] } = await client.send(new GetExecutionHistoryCommand({ executionArn }));
    const scheduled = events.find((e) => e.type === 'TaskScheduled')?.taskScheduledEventDetails;
    expect(JSON.parse(String(scheduled?.parameters))).toEqual({ QueueUrl: QUEUE, MessageBody: { token: taskToken, job: 'resize' } });
    expect(events.map((e) => e.type)).toContain('TaskSubmitted');
    // The task has ended: AWS's answer to a spent token.
    const spent = await rejection(client.send(new SendTaskSuccessCommand({ taskToken, output: '{}' })));
    expect([spent.name, spent.message]).toEqual(['TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'"]);
  });

  it('fails the task with SendTaskFailure, and refuses bad tokens and bad output with AWS’s errors', async () => {
    const { stateMachineArn } = await client.send(new CreateStateMachineCommand({ name: 'ask-fail', definition: askDefinition, roleArn: ROLE }));
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"job":"x"}' }));
    const taskToken = String((await nextMessage())['token']);
    const badOutput = await rejection(client.send(new SendTaskSuccessCommand({ taskToken, output: '{not json' })));
    expect(badOutput.name).toBe('InvalidOutput');
    expect((await rejection(client.send(new SendTaskSuccessCommand({ taskToken: 'made-up', output: '{}' })))).name).toBe('InvalidToken');
    // The token is judged first, as on AWS.
    expect((await rejection(client.send(new SendTaskSuccessCommand({ taskToken: 'made-up', output: '{not json' })))).name).toBe('InvalidToken');
    await client.send(new SendTaskFailureCommand({ taskToken, error: 'Job.Rejected', cause: 'no capacity' }));
    const described = await settled(client, String(executionArn));
    expect([described.status, described.error, described.cause]).toEqual(['FAILED', 'Job.Rejected', 'no capacity']);
  });
});

describe('activities over the API', () => {
  it('creates an activity, hands its task to GetActivityTask, and takes the worker’s answer', async () => {
    const { activityArn } = await client.send(new CreateActivityCommand({ name: 'review' }));
    expect(activityArn).toBe('arn:aws:states:us-east-1:123456789012:activity:review');
    const { activities = [] } = await client.send(new ListActivitiesCommand({}));
    expect(activities.map((a) => a.name)).toContain('review');
    const definition = JSON.stringify({ StartAt: 'Review', States: { Review: { Type: 'Task', Resource: activityArn, End: true } } });
    const { stateMachineArn } = await client.send(new CreateStateMachineCommand({ name: 'reviewer', definition, roleArn: ROLE }));
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{"doc":"a.md"}' }));
    const task = await client.send(new GetActivityTaskCommand({ activityArn, workerName: 'alice' }));
    expect(task.input).toBe('{"doc":"a.md"}');
    await client.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '"approved"' }));
    expect((await settled(client, String(executionArn))).output).toBe('"approved"');
    const { events = [] } = await client.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events.find((e) => e.type === 'ActivityStarted')?.activityStartedEventDetails).toEqual({ workerName: 'alice' });
    // Nothing queued: the poll ends with neither a token nor an input.
    const empty = await client.send(new GetActivityTaskCommand({ activityArn }));
    expect([empty.taskToken, empty.input]).toEqual([undefined, undefined]);
  });

  it('names a missing activity', async () => {
    const missing = await rejection(client.send(new GetActivityTaskCommand({ activityArn: 'arn:aws:states:us-east-1:123456789012:activity:nobody' })));
    expect(missing.name).toBe('ActivityDoesNotExist');
  });
});

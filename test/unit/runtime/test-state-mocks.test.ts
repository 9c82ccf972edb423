// testState on Task, Map and Parallel: with a mock (the mock is the state's result or failure), and
// without one (a Task calls its integration; a Map or Parallel runs its children).
import { describe, expect, it } from 'vitest';
import { createLocalWorld, testState, VirtualClock } from '../../../src/index.js';

const json = (value: unknown): string => JSON.stringify(value);

describe('Task', () => {
  const greet = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'FunctionName': 'greet', 'Payload.$': '$' }, OutputPath: '$.Payload', End: true };

  it('without a mock calls the local Lambda function', async () => {
    const lambdas = { greet: (event: unknown) => ({ hello: (event as { name: string }).name }) };
    const response = await testState({ definition: json(greet), input: json({ name: 'Ada' }) }, { lambdas });
    expect(response).toEqual({ status: 'SUCCEEDED', output: json({ hello: 'Ada' }) });
  });

  it('with a mock never calls it', async () => {
    let calls = 0;
    const lambdas = { greet: () => ++calls };
    const response = await testState({ definition: json(greet), mock: { result: json({ Payload: 'mocked' }) } }, { lambdas });
    expect(response.output).toBe('"mocked"');
    expect(calls).toBe(0);
  });

  it("a Lambda function's error is retried or caught like any task error", async () => {
    const lambdas = {
      greet: () => {
        throw Object.assign(new Error('nobody home'), { name: 'Greeting.Failed' });
      },
    };
    const guarded = { ...greet, Retry: [{ ErrorEquals: ['Greeting.Failed'], IntervalSeconds: 5 }] };
    const response = await testState({ definition: json(guarded), inspectionLevel: 'DEBUG' }, { lambdas });
    expect(response).toMatchObject({ status: 'RETRIABLE', error: 'Greeting.Failed' });
    expect(response.inspectionData?.errorDetails).toEqual({ retryIndex: 0, retryBackoffIntervalSeconds: 5 });
  });

  it('a call still running after 5 minutes of wall-clock time fails with States.Timeout', async () => {
    const wallClock = new VirtualClock();
    const lambdas = { greet: () => new Promise<never>(() => undefined) };
    let settled = false;
    const pending = testState({ definition: json(greet) }, { lambdas, wallClock }).finally(() => (settled = true));
    wallClock.advance(299_999);
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    wallClock.advance(1);
    expect(await pending).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });

  it('without a mock a service task reaches the local world', async () => {
    const queueUrl = 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs';
    const world = createLocalWorld({ seed: { sqs: { queues: [{ QueueName: 'jobs', QueueUrl: queueUrl }] } } });
    const send = { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: queueUrl, 'MessageBody.$': '$.id' }, ResultPath: null, Next: 'Wait' };
    const response = await testState({ definition: json(send), input: json({ id: 'o-1' }) }, { world });
    expect(response).toEqual({ status: 'SUCCEEDED', output: json({ id: 'o-1' }), nextState: 'Wait' });
    expect(world.messages('jobs').map((message) => message['Body'])).toEqual(['o-1']);
  });
});

describe('Map', () => {
  const double = {
    Type: 'Map',
    ItemsPath: '$.items',
    ItemProcessor: { StartAt: 'Double', States: { Double: { Type: 'Pass', Parameters: { 'v.$': 'States.MathAdd($, $)' }, OutputPath: '$.v', End: true } } },
    ResultPath: '$.doubled',
    Next: 'Sum',
  };

  it('without a mock runs every iteration', async () => {
    const response = await testState({ definition: json(double), input: json({ items: [1, 2, 3] }), inspectionLevel: 'DEBUG' });
    expect(response).toMatchObject({ status: 'SUCCEEDED', nextState: 'Sum', output: json({ items: [1, 2, 3], doubled: [2, 4, 6] }) });
    expect(response.inspectionData).toMatchObject({ afterItemsPath: '[1,2,3]', result: '[2,4,6]', maxConcurrency: 0 });
  });

  it('DEBUG shows the concurrency and failure tolerance it would run with, JSONata ones evaluated', async () => {
    const jsonata = {
      QueryLanguage: 'JSONata',
      Type: 'Map',
      Items: '{% $states.input.items %}',
      MaxConcurrency: '{% $states.input.width %}',
      ToleratedFailurePercentage: 25,
      ItemProcessor: { StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } },
      End: true,
    };
    const response = await testState({ definition: json(jsonata), input: json({ items: [1], width: 4 }), inspectionLevel: 'DEBUG', mock: { result: '[9]' } });
    expect(response).toMatchObject({ status: 'SUCCEEDED', output: '[9]' });
    expect(response.inspectionData).toMatchObject({ maxConcurrency: 4, toleratedFailurePercentage: 25 });
  });

  it('with a mock takes the mock as its result', async () => {
    const response = await testState({ definition: json(double), input: json({ items: [1, 2, 3] }), mock: { result: '[7,8]' } });
    expect(response.output).toBe(json({ items: [1, 2, 3], doubled: [7, 8] }));
  });

  it('a mocked failure goes to its Catch', async () => {
    const guarded = { ...double, Catch: [{ ErrorEquals: ['States.ExceedToleratedFailureThreshold'], Next: 'TooMany' }] };
    const errorOutput = { error: 'States.ExceedToleratedFailureThreshold', cause: 'The specified tolerated failure threshold was exceeded' };
    const response = await testState({ definition: json(guarded), input: json({ items: [] }), mock: { errorOutput } });
    expect(response).toMatchObject({ status: 'CAUGHT_ERROR', nextState: 'TooMany', error: errorOutput.error });
    expect(JSON.parse(response.output ?? '')).toEqual({ Error: errorOutput.error, Cause: errorOutput.cause });
  });

  it("an iteration's failure fails the Map when it is not mocked", async () => {
    const failing = { ...double, ItemProcessor: { StartAt: 'No', States: { No: { Type: 'Fail', Error: 'Item.Bad', Cause: 'bad item' } } } };
    const response = await testState({ definition: json(failing), input: json({ items: [1] }) });
    expect(response).toEqual({ status: 'FAILED', error: 'Item.Bad', cause: 'bad item' });
  });
});

describe('Parallel', () => {
  const both = {
    Type: 'Parallel',
    Branches: [
      { StartAt: 'A', States: { A: { Type: 'Pass', Result: 'a', End: true } } },
      { StartAt: 'B', States: { B: { Type: 'Wait', Seconds: 3600, End: true } } },
    ],
    ResultSelector: { 'first.$': '$[0]' },
    Next: 'Join',
  };

  it('without a mock runs its branches (a Wait in one costs no real time)', async () => {
    const response = await testState({ definition: json(both), input: '{"n":1}', inspectionLevel: 'DEBUG' });
    expect(response).toMatchObject({ status: 'SUCCEEDED', nextState: 'Join', output: json({ first: 'a' }) });
    expect(response.inspectionData).toMatchObject({ result: json(['a', { n: 1 }]), afterResultSelector: json({ first: 'a' }) });
  });

  it('with a mock takes one result per branch', async () => {
    const response = await testState({ definition: json(both), mock: { result: '["x","y"]' } });
    expect(response.output).toBe(json({ first: 'x' }));
  });

  it('a mocked error is retried', async () => {
    const retried = { ...both, Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 3 }] };
    const response = await testState({ definition: json(retried), inspectionLevel: 'DEBUG', mock: { errorOutput: { error: 'Branch.Broke' } }, stateConfiguration: { retrierRetryCount: 2 } });
    expect(response).toMatchObject({ status: 'RETRIABLE', error: 'Branch.Broke' });
    expect(response.inspectionData?.errorDetails).toEqual({ retryIndex: 0, retryBackoffIntervalSeconds: 4 });
  });
});

import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../src/core/json.js';
import type { ServiceBackend } from '../../../src/integrations/backend.js';
import { createStateMachine } from '../../../src/runtime/execution.js';
import { chooseBackends, machineBackends } from '../../../src/runtime/service-backends.js';
import { createLocalWorld } from '../../../src/world/world.js';
import { runDefinition } from '../../support/run.js';
import { fails, replied, scriptedBackend } from '../integrations/service-support.js';

const publish = (extra: Record<string, JsonValue> = {}): JsonValue => ({
  StartAt: 'Notify',
  States: { Notify: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:t', Message: { 'n.$': '$.n' } }, End: true, ...extra } },
});

describe('choosing a backend per service', () => {
  const world = scriptedBackend({}, 'local');
  const stepFunctions = scriptedBackend({}, 'local', ['sfn']);
  const aws = scriptedBackend({}, 'aws');
  const local = (service: string): ServiceBackend => (service === 'sfn' ? stepFunctions : world);

  it('serves everything locally by default', () => {
    const choose = chooseBackends(undefined, local, aws);
    expect([choose('sqs'), choose('sfn')]).toEqual([world, stepFunctions]);
  });

  it("sends every service to the aws backend with 'aws'", () => {
    const choose = chooseBackends('aws', local, aws);
    expect([choose('sqs'), choose('dynamodb'), choose('sfn')]).toEqual([aws, aws, aws]);
  });

  it('chooses per service by client id or resource name, with * for the rest', () => {
    const choose = chooseBackends({ dynamodb: 'aws', secretsmanager: 'aws' }, local, aws);
    expect([choose('dynamodb'), choose('secrets-manager'), choose('sqs')]).toEqual([aws, aws, world]);
    const rest = chooseBackends({ '*': 'aws', sqs: 'local', events: 'local' }, local, aws);
    expect([rest('dynamodb'), rest('sqs'), rest('eventbridge')]).toEqual([aws, world, world]);
  });

  it("gives a machine one world of its own, in the machine's region and account, and the engine for sfn", async () => {
    const choose = machineBackends({}, 'eu-west-1', '222222222222', createStateMachine);
    const first = choose('sqs');
    expect(choose('dynamodb')).toBe(first);
    // The world's code is loaded on the first call; until then serves() answers from its list.
    expect(['sns', 'sqs', 'dynamodb', 's3', 'eventbridge', 'events', 'lambda', 'sfn'].map((service) => first?.serves(service))).toEqual([true, true, true, true, true, true, false, false]);
    const signal = new AbortController().signal;
    const created = await first?.call({ service: 'sqs', action: 'CreateQueue', input: { QueueName: 'jobs' }, signal });
    expect(created?.['QueueUrl']).toMatch(/eu-west-1.*222222222222\/jobs$/);
    // Later calls reach the same world.
    const found = await choose('sqs')?.call({ service: 'sqs', action: 'GetQueueUrl', input: { QueueName: 'jobs' }, signal });
    expect(found?.['QueueUrl']).toBe(created?.['QueueUrl']);
    expect(choose('sfn')).not.toBe(first);
    expect(choose('sfn')?.serves('sfn')).toBe(true);
  });
});

describe('service tasks in an execution', () => {
  it('publishes through the world given as an option', async () => {
    const world = scriptedBackend({ 'sns Publish': () => replied({ MessageId: 'm-1' }) });
    const { result } = await runDefinition(publish({ ResultSelector: { 'id.$': '$.MessageId' } }), { n: 3 }, { world });
    expect(result).toEqual({ status: 'SUCCEEDED', output: { id: 'm-1' } });
    expect(world.calls[0]?.input).toEqual({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:t', Message: '{"n":3}' });
  });

  it('retries and catches a service error by its ASL name', async () => {
    let calls = 0;
    const world = scriptedBackend({
      'sns Publish': (input) => {
        calls++;
        return fails('sns', 'NotFound', 'Topic does not exist', 404)(input);
      },
    });
    const definition = {
      StartAt: 'Notify',
      States: {
        Notify: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sns:publish',
          Parameters: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:gone', Message: 'hi' },
          Retry: [{ ErrorEquals: ['SNS.NotFoundException'], MaxAttempts: 2, IntervalSeconds: 1 }],
          Catch: [{ ErrorEquals: ['States.TaskFailed'], ResultPath: '$.error', Next: 'Done' }],
          Next: 'Done',
        },
        Done: { Type: 'Pass', End: true },
      },
    };
    const { result } = await runDefinition(definition, { n: 1 }, { world });
    expect(calls).toBe(3);
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { n: 1, error: { Error: 'SNS.NotFoundException', Cause: expect.stringContaining('Topic does not exist (Service: AmazonSNS; Status Code: 404; Error Code: NotFound;') } } });
  });

  it('gives each machine an empty world of its own when none is given', async () => {
    const { result } = await runDefinition(publish(), { n: 1 });
    expect(result).toMatchObject({ status: 'FAILED', error: 'SNS.NotFoundException', cause: expect.stringMatching(/^Topic does not exist \(Service: AmazonSNS; Status Code: 404;/) });
  });

  it('runs service tasks against a seeded local world and leaves their effects there', async () => {
    const world = createLocalWorld({ seed: { sns: { topics: [{ Name: 't' }] } } });
    const { result } = await runDefinition(publish({ OutputPath: '$.SdkHttpMetadata.HttpStatusCode' }), { n: 5 }, { world });
    expect(result).toEqual({ status: 'SUCCEEDED', output: 200 });
    expect(world.published('t').map((m) => m['Message'])).toEqual(['{"n":5}']);
  });

  it('fails with States.Runtime naming the way out when the aws backend is chosen but not given', async () => {
    const { result } = await runDefinition(publish(), { n: 1 }, { services: 'aws' });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime', cause: expect.stringContaining("The aws backend was chosen for 'sns', but none was given") });
  });

  it('calls the aws backend for the services sent there', async () => {
    const aws: ServiceBackend = scriptedBackend({ 'sns Publish': () => replied({ MessageId: 'from-aws' }) }, 'aws');
    const { result } = await runDefinition(publish({ OutputPath: '$.MessageId' }), { n: 1 }, { services: { sns: 'aws' }, awsBackend: aws });
    expect(result).toEqual({ status: 'SUCCEEDED', output: 'from-aws' });
  });

  it('answers aws-sdk:sfn task-token calls for tokens it never issued with Sfn.InvalidTokenException', async () => {
    const definition = { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sfn:sendTaskSuccess', Parameters: { Output: '{}', TaskToken: 'nope' }, End: true } } };
    const { result } = await runDefinition(definition, {});
    expect(result).toMatchObject({ status: 'FAILED', error: 'Sfn.InvalidTokenException', cause: expect.stringMatching(/^Invalid Token: 'Invalid token' \(Service: Sfn, Status Code: 400, Request ID: /) });
  });

  it('starts another state machine it was given, by ARN, on the same world', async () => {
    const child = 'arn:aws:states:us-east-1:123456789012:stateMachine:Child';
    const world = createLocalWorld({ seed: { sns: { topics: [{ Name: 't' }] } } });
    const definition = { StartAt: 'Start', States: { Start: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sfn:startExecution', Parameters: { StateMachineArn: child, Input: { n: 9 } }, End: true } } };
    const stateMachines = { [child]: publish() };
    const { result } = await runDefinition(definition, {}, { world, stateMachines });
    expect(result).toEqual({ status: 'SUCCEEDED', output: { ExecutionArn: expect.stringMatching(/^arn:aws:states:us-east-1:123456789012:execution:Child:[0-9a-f-]{36}$/), StartDate: '2026-01-01T00:00:00.000Z' } });
    // The child runs on by itself: let it finish its one task.
    await new Promise((resolve) => setImmediate(resolve));
    expect(world.published('t').map((m) => m['Message'])).toEqual(['{"n":9}']);
    const unknown = await runDefinition({ ...definition, States: { Start: { ...definition.States.Start, Parameters: { StateMachineArn: `${child}X` } } } }, {}, { world, stateMachines });
    expect(unknown.result).toMatchObject({ status: 'FAILED', error: 'Sfn.StateMachineDoesNotExistException' });
  });
});

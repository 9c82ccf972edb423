// Mocks as an integration decorator, through createStateMachine: invocations counted per state name
// across retries, loops, Map iterations and Parallel branches; Throw; mocked and real states in one
// run; the shape of a mocked result per resource; and history like a real task's.
import { describe, expect, it } from 'vitest';
import { createStateMachine, type JsonValue, type MockConfig, MockConfigError, VirtualClock } from '../../../src/index.js';
import { runDefinition } from '../../support/run.js';

const PUBLISH = 'arn:aws:states:::sns:publish';
const FN = 'arn:aws:lambda:us-east-1:123456789012:function:score';

const task = (next: string | undefined, extra: Record<string, JsonValue> = {}): Record<string, JsonValue> => ({
  Type: 'Task',
  Resource: PUBLISH,
  Parameters: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:orders', Message: 'hi' },
  ...(next === undefined ? { End: true } : { Next: next }),
  ...extra,
});
const ret = (value: JsonValue): { Return: JsonValue } => ({ Return: value });

describe('mocked task invocations', () => {
  it('counts retries: each attempt takes the next response, with Task events like a real call', async () => {
    const definition = { StartAt: 'Notify', States: { Notify: task(undefined, { Retry: [{ ErrorEquals: ['SNS.Throttled'], IntervalSeconds: 1, MaxAttempts: 3 }] }) } };
    const mocks: MockConfig = { Notify: { '0-1': { Throw: { Error: 'SNS.Throttled', Cause: 'slow down' } }, '2': ret({ MessageId: 'm-3' }) } };
    const { result, history } = await runDefinition(definition, {}, { mocks });
    expect(result).toEqual({ status: 'SUCCEEDED', output: { MessageId: 'm-3' } });
    const taskEvents = history.filter((e) => e.type.startsWith('Task') && e.type !== 'TaskStateEntered' && e.type !== 'TaskStateExited');
    expect(taskEvents.map((e) => e.type)).toEqual([
      ...['TaskScheduled', 'TaskStarted', 'TaskFailed'],
      ...['TaskScheduled', 'TaskStarted', 'TaskFailed'],
      ...['TaskScheduled', 'TaskStarted', 'TaskSucceeded'],
    ]);
    expect(taskEvents[0]?.details).toMatchObject({ resourceType: 'sns', resource: 'publish', parameters: { Message: 'hi' } });
    expect(taskEvents[2]?.details).toMatchObject({ error: 'SNS.Throttled', cause: 'slow down' });
    expect(taskEvents[8]?.details).toMatchObject({ resourceType: 'sns', resource: 'publish', output: { MessageId: 'm-3' } });
  });

  it('counts across Map iterations and across loops back to the Map', async () => {
    const definition = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          MaxConcurrency: 1,
          ItemsPath: '$.items',
          ItemProcessor: { StartAt: 'Notify', States: { Notify: task(undefined) } },
          ResultPath: '$.results',
          Next: 'Again',
        },
        Again: { Type: 'Choice', Choices: [{ Variable: '$.round', NumericEquals: 1, Next: 'Second' }], Default: 'Done' },
        Second: { Type: 'Pass', Result: 2, ResultPath: '$.round', Next: 'Each' },
        Done: { Type: 'Succeed' },
      },
    };
    const mocks: MockConfig = { Notify: { '0': ret('a'), '1': ret('b'), '2-3': ret('later') } };
    const { result } = await runDefinition(definition, { round: 1, items: [1, 2] }, { mocks });
    expect(result).toEqual({ status: 'SUCCEEDED', output: { round: 2, items: [1, 2], results: ['later', 'later'] } });
  });

  it('counts a state inside Parallel branches run by each Map iteration', async () => {
    const branch = { StartAt: 'Score', States: { Score: task(undefined) } };
    const other = { StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } };
    const definition = {
      StartAt: 'Each',
      States: { Each: { Type: 'Map', MaxConcurrency: 1, ItemProcessor: { StartAt: 'Both', States: { Both: { Type: 'Parallel', Branches: [branch, other], End: true } } }, End: true } },
    };
    const { result } = await runDefinition(definition, ['x', 'y', 'z'], { mocks: { Score: { '0': ret(10), '1': ret(20), '2': ret(30) } } });
    expect(result).toEqual({ status: 'SUCCEEDED', output: [[10, 'x'], [20, 'y'], [30, 'z']] });
  });

  it('starts counting again in every execution', async () => {
    const machine = createStateMachine({ StartAt: 'Notify', States: { Notify: task(undefined) } }, { clock: new VirtualClock({ autoAdvance: true }), mocks: { Notify: { '0': ret('first') } } });
    expect(await machine.start({}).result).toEqual({ status: 'SUCCEEDED', output: 'first' });
    expect(await machine.start({}).result).toEqual({ status: 'SUCCEEDED', output: 'first' });
  });

  it('fails the execution with States.Runtime when a mocked state runs out of responses', async () => {
    const definition = { StartAt: 'Notify', States: { Notify: task(undefined, { Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 5 }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }] }), Caught: { Type: 'Succeed' } } };
    const { result } = await runDefinition(definition, {}, { mocks: { Notify: { '0-1': { Throw: { Error: 'Boom' } } } } });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(result.status === 'FAILED' ? result.cause : '').toContain('mocked by mocks for "Notify" (the mocks option), which has responses for invocations 0-1 only; this is invocation 2.');
  });

  it('lets Catch handle a mocked Throw with the mocked Error and Cause', async () => {
    const definition = { StartAt: 'Notify', States: { Notify: task(undefined, { Catch: [{ ErrorEquals: ['SNS.NotFoundException'], Next: 'Caught' }] }), Caught: { Type: 'Pass', End: true } } };
    const { result } = await runDefinition(definition, {}, { mocks: { Notify: { '0': { Throw: { Error: 'SNS.NotFoundException', Cause: 'Topic does not exist' } } } } });
    expect(result).toEqual({ status: 'SUCCEEDED', output: { Error: 'SNS.NotFoundException', Cause: 'Topic does not exist' } });
  });
});

describe('mocked and real states in one run', () => {
  it('calls the real integration for states the test case does not mock, and never for mocked ones', async () => {
    const calls: JsonValue[] = [];
    const lambdas = { score: (event: JsonValue): JsonValue => (calls.push(event), { score: 7 }) };
    const definition = {
      StartAt: 'Mocked',
      States: {
        Mocked: { Type: 'Task', Resource: FN, ResultPath: '$.mocked', Next: 'Real' },
        Real: { Type: 'Task', Resource: FN, ResultPath: '$.real', End: true },
      },
    };
    const config = {
      StateMachines: { Scoring: { TestCases: { Hybrid: { Mocked: 'Fixed' } } } },
      MockedResponses: { Fixed: { '0': ret({ StatusCode: 200, Payload: { score: 1 } }) } },
    };
    const { result, history } = await runDefinition(definition, { id: 'o-1' }, { lambdas, mockConfig: { config, testCase: 'Hybrid' } });
    expect(result).toEqual({ status: 'SUCCEEDED', output: { id: 'o-1', mocked: { score: 1 }, real: { score: 7 } } });
    expect(calls).toEqual([{ id: 'o-1', mocked: { score: 1 } }]);
    expect(history.filter((e) => e.type.startsWith('LambdaFunction')).map((e) => e.type)).toEqual([
      ...['LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionSucceeded'],
      ...['LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionSucceeded'],
    ]);
  });
});

describe('mocked results per resource', () => {
  const run = async (resource: string, value: JsonValue, extra: Record<string, JsonValue> = {}): Promise<JsonValue> => {
    const definition = { StartAt: 'T', States: { T: { Type: 'Task', Resource: resource, End: true, ...extra } } };
    const { result } = await runDefinition(definition, {}, { mocks: { T: { '0': ret(value) } } });
    return result.status === 'SUCCEEDED' ? result.output : result;
  };

  it('gives a bare function ARN the Payload of an Invoke response, and any other value as is', async () => {
    expect(await run(FN, { StatusCode: 200, Payload: { ok: true } })).toEqual({ ok: true });
    expect(await run(FN, { ok: true, Payload: 'not an Invoke response' })).toEqual({ ok: true, Payload: 'not an Invoke response' });
  });

  it('keeps the lambda:invoke envelope, with the version an unqualified call reports', async () => {
    const params = { Parameters: { FunctionName: 'score', Payload: {} } };
    expect(await run('arn:aws:states:::lambda:invoke', { StatusCode: 200, Payload: 1 }, params)).toEqual({ ExecutedVersion: '$LATEST', StatusCode: 200, Payload: 1 });
    expect(await run('arn:aws:states:::lambda:invoke', { StatusCode: 200, Payload: 1, ExecutedVersion: '3' }, params)).toEqual({ ExecutedVersion: '3', StatusCode: 200, Payload: 1 });
  });

  it('adds the redrive status AWS reports for a child execution that succeeded', async () => {
    const described = { ExecutionArn: 'arn:x', Status: 'SUCCEEDED', Output: '{}' };
    const params = { Parameters: { StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:child' } };
    expect(await run('arn:aws:states:::states:startExecution.sync:2', described, params)).toEqual({
      ...described,
      RedriveCount: 0,
      RedriveStatus: 'NOT_REDRIVABLE',
      RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
    });
    expect(await run('arn:aws:states:::states:startExecution', { ExecutionArn: 'arn:x' }, params)).toEqual({ ExecutionArn: 'arn:x' });
  });
});

describe('mock options', () => {
  const definition = { StartAt: 'Notify', States: { Notify: task(undefined) } };
  const config = { StateMachines: { Orders: { TestCases: { Happy: { Notify: 'Ok' } } } }, MockedResponses: { Ok: { '0': ret('sent') } } };

  it('runs under the test case of the machine named like the state machine', async () => {
    const { result } = await runDefinition(definition, {}, { name: 'Orders', mockConfig: { config, testCase: 'Happy' } });
    expect(result).toEqual({ status: 'SUCCEEDED', output: 'sent' });
  });

  it('rejects a bad configuration when the machine is built', () => {
    expect(() => createStateMachine(definition, { mockConfig: { config, testCase: 'Sad' } })).toThrow(MockConfigError);
    expect(() => createStateMachine(definition, { mockConfig: { config, testCase: 'Sad' } })).toThrow('its test cases: "Happy"');
    expect(() => createStateMachine(definition, { mocks: {}, mockConfig: { config, testCase: 'Happy' } })).toThrow('not both');
  });

  it('rejects mocks for a state the definition lacks, or one that is not a Task', () => {
    const nested = { StartAt: 'Each', States: { Each: { Type: 'Map', ItemProcessor: { StartAt: 'Notify', States: { Notify: task(undefined) } }, Next: 'Done' }, Done: { Type: 'Pass', End: true } } };
    expect(() => createStateMachine(nested, { mocks: { Notify: { '0': ret(1) } } })).not.toThrow();
    expect(() => createStateMachine(nested, { mocks: { Notfy: { '0': ret(1) } } })).toThrow('the mocks option mocks "Notfy", which is not a state of the definition; its Task states: "Notify"');
    expect(() => createStateMachine(nested, { mocks: { Done: { '0': ret(1) } } })).toThrow('the mocks option mocks "Done", a Pass state; only Task states call a service');
    const typo = { ...config, StateMachines: { Orders: { TestCases: { Happy: { Notfy: 'Ok' } } } } };
    expect(() => createStateMachine(definition, { mockConfig: { config: typo, testCase: 'Happy' } })).toThrow('test case "Happy" mocks "Notfy", which is not a state');
  });
});

import { describe, expect, it } from 'vitest';
import { executionResources } from '../../../src/integrations/events.js';
import { EXECUTION_ARN, QUEUE_URL, asFailure, localWorld, replied, run, scriptedBackend } from './service-support.js';

const PUT = 'arn:aws:states:::events:putEvents';
const MACHINE_ARN = 'arn:aws:states:eu-west-1:222222222222:stateMachine:Orders';

describe('events:putEvents', () => {
  it('sends JSON Details as text, names the execution in Resources, and answers {Entries, FailedEntryCount} alone', async () => {
    const backend = scriptedBackend({ 'eventbridge PutEvents': () => replied({ Entries: [{ EventId: 'e-1' }, { EventId: 'e-2' }], FailedEntryCount: 0 }) });
    const result = await run(backend, PUT, {
      Entries: [
        { Source: 'shop', DetailType: 'OrderPlaced', Detail: { id: 7 } },
        { Source: 'shop', DetailType: 'OrderPlaced', Detail: '{"id":8}', Resources: ['arn:aws:sqs:eu-west-1:222222222222:q'] },
      ],
    });
    expect(backend.calls[0]?.input).toEqual({
      Entries: [
        { Source: 'shop', DetailType: 'OrderPlaced', Detail: '{"id":7}', Resources: [MACHINE_ARN, EXECUTION_ARN] },
        { Source: 'shop', DetailType: 'OrderPlaced', Detail: '{"id":8}', Resources: ['arn:aws:sqs:eu-west-1:222222222222:q', MACHINE_ARN, EXECUTION_ARN] },
      ],
    });
    expect(result).toEqual({ Entries: [{ EventId: 'e-1' }, { EventId: 'e-2' }], FailedEntryCount: 0 });
  });

  it('fails with EventBridge.FailedEntry, the result as the cause, when an entry failed', async () => {
    const response = { Entries: [{ EventId: 'e-1' }, { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' }], FailedEntryCount: 1 };
    const backend = scriptedBackend({ 'eventbridge PutEvents': () => replied(response) });
    const failure = asFailure(await run(backend, PUT, { Entries: [{ Source: 's', DetailType: 't', Detail: '{}' }, { Source: 's', DetailType: 't', Detail: '"text"' }] }));
    expect(failure.error).toBe('EventBridge.FailedEntry');
    expect(JSON.parse(failure.cause ?? '')).toEqual(response);
  });

  it('refuses Entries that are not a list of objects', async () => {
    expect(asFailure(await run(scriptedBackend({}), PUT, { Entries: { Source: 's' } })).cause).toMatch(/\[The value of the field 'Entries' has an invalid format\]$/);
    expect(asFailure(await run(scriptedBackend({}), PUT, { Entries: ['s'] })).cause).toMatch(/\[The value of the field 'Entries' has an invalid format\]$/);
  });

  it('derives the state machine ARN from Standard and Express execution ARNs', () => {
    expect(executionResources(EXECUTION_ARN)).toEqual([MACHINE_ARN, EXECUTION_ARN]);
    const express = 'arn:aws:states:eu-west-1:222222222222:express:Orders:run-1:0f8e';
    expect(executionResources(express)).toEqual([MACHINE_ARN, express]);
    expect(executionResources(undefined)).toEqual([]);
  });
});

describe('events:putEvents on the local world', () => {
  const seed = {
    sqs: { queues: [{ QueueName: 'jobs' }] },
    events: { rules: [{ Name: 'orders', EventBusName: 'default', EventPattern: { source: ['shop'] }, TargetQueueUrl: QUEUE_URL }] },
  };

  it('puts the events, naming the execution, and forwards those a rule matches', async () => {
    const world = localWorld(seed);
    const result = await run(world, PUT, { Entries: [{ Source: 'shop', DetailType: 'OrderPlaced', Detail: { id: 7 } }, { Source: 'other', DetailType: 'X', Detail: {} }] });
    expect(result).toEqual({ Entries: [{ EventId: expect.any(String) }, { EventId: expect.any(String) }], FailedEntryCount: 0 });
    expect(world.events().map((e) => [e['source'], e['resources'], e['detail']])).toEqual([
      ['shop', [MACHINE_ARN, EXECUTION_ARN], { id: 7 }],
      ['other', [MACHINE_ARN, EXECUTION_ARN], {}],
    ]);
    expect(world.messages('jobs').map((m) => (JSON.parse(String(m['Body'])) as { source: string }).source)).toEqual(['shop']);
  });

  it.each([
    ['an entry without Source', { DetailType: 'X', Detail: {} }, 'InvalidArgument'],
    ['a Detail that is not a JSON object', { Source: 'shop', DetailType: 'X', Detail: '"text"' }, 'MalformedDetail'],
  ])('fails %s with EventBridge.FailedEntry', async (_what, entry, code) => {
    const failure = asFailure(await run(localWorld(seed), PUT, { Entries: [{ Source: 'shop', DetailType: 'OK', Detail: {} }, entry] }));
    expect(failure.error).toBe('EventBridge.FailedEntry');
    expect(JSON.parse(failure.cause ?? '')).toEqual({ Entries: [{ EventId: expect.any(String) }, { ErrorCode: code, ErrorMessage: expect.any(String) }], FailedEntryCount: 1 });
  });
});

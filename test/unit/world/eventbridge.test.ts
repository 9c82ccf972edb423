import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/core/json.js';
import { failure, testWorld } from './support.js';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/big-orders';

function busWorld() {
  const t = testWorld({
    seed: {
      sqs: { queues: [{ QueueName: 'big-orders' }] },
      events: { rules: [{ Name: 'big', EventBusName: 'orders', EventPattern: { source: ['shop'], detail: { total: [{ numeric: ['>', 100] }] } }, TargetQueueUrl: QUEUE_URL }] },
    },
  });
  return { ...t, events: t.caller('eventbridge') };
}

const entry = (total: number, bus = 'orders'): JsonObject => ({ Source: 'shop', DetailType: 'OrderPlaced', Detail: JSON.stringify({ total }), EventBusName: bus, Resources: ['arn:aws:x'] });

describe('local EventBridge', () => {
  it('records every event and forwards those matching a rule to its queue', async () => {
    const { events, world } = busWorld();
    const out = await events('PutEvents', { Entries: [entry(50), entry(150)] });
    expect(out.FailedEntryCount).toBe(0);
    const ids = (out.Entries as JsonObject[]).map((e) => e.EventId);
    expect(ids).toHaveLength(2);
    expect(world.events().map((e) => e.id)).toEqual(ids);
    const [forwarded] = world.messages('big-orders');
    expect(world.messages('big-orders')).toHaveLength(1);
    expect(JSON.parse(String(forwarded?.Body))).toEqual({
      version: '0',
      id: ids[1],
      'detail-type': 'OrderPlaced',
      source: 'shop',
      account: '123456789012',
      time: '2026-05-01T12:00:00Z',
      region: 'us-east-1',
      resources: ['arn:aws:x'],
      detail: { total: 150 },
    });
  });

  it('keeps the time an entry gives, as ISO text or epoch seconds', async () => {
    const { events, world } = busWorld();
    await events('PutEvents', { Entries: [{ ...entry(1), Time: '2025-12-24T18:30:00.250Z' }, { ...entry(2), Time: 1_700_000_000 }] });
    expect(world.events().map((e) => e.time)).toEqual(['2025-12-24T18:30:00Z', '2023-11-14T22:13:20Z']);
  });

  it('answers the alias "events" as well', async () => {
    const { world, caller } = busWorld();
    expect(world.serves('events') && world.serves('eventbridge')).toBe(true);
    await caller('events')('PutEvents', { Entries: [entry(500)] });
    expect(world.messages('big-orders')).toHaveLength(1);
  });

  it('fails single entries (malformed detail, missing fields, unknown bus) without failing the call', async () => {
    const { events, world } = busWorld();
    const out = await events('PutEvents', {
      Entries: [{ Source: 'shop', DetailType: 'x', Detail: '{not json' }, { Source: 'shop', Detail: '{}' }, entry(1, 'nowhere'), entry(1, 'default')],
    });
    expect(out.FailedEntryCount).toBe(3);
    expect((out.Entries as JsonObject[]).map((e) => e.ErrorCode ?? 'ok')).toEqual(['MalformedDetail', 'InvalidArgument', 'ResourceNotFoundException', 'ok']);
    expect(world.events()).toHaveLength(1);
    expect((await failure(events('PutEvents', { Entries: [] }))).code).toBe('ValidationException');
  });

  it('takes rules and targets through the API, by bus name or ARN', async () => {
    const { events, caller, world } = busWorld();
    await caller('sqs')('CreateQueue', { QueueName: 'audit' });
    const { EventBusArn } = await events('CreateEventBus', { Name: 'audit-bus' });
    expect(EventBusArn).toBe('arn:aws:events:us-east-1:123456789012:event-bus/audit-bus');
    const { RuleArn } = await events('PutRule', { Name: 'all', EventBusName: 'audit-bus', EventPattern: '{"detail-type":[{"prefix":"Order"}]}' });
    expect(RuleArn).toBe('arn:aws:events:us-east-1:123456789012:rule/audit-bus/all');
    await events('PutTargets', { Rule: 'all', EventBusName: 'audit-bus', Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:123456789012:audit', Input: '{"fixed":true}' }] });
    await events('PutEvents', { Entries: [entry(1, EventBusArn as string)] });
    expect(world.messages('audit').map((m) => m.Body)).toEqual(['{"fixed":true}']);
    expect((await failure(events('PutRule', { Name: 'bad', EventPattern: '{"source":"x"}' }))).code).toBe('InvalidEventPatternException');
  });
});

import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/core/json.js';
import { failure, testWorld } from './support.js';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:alerts';
const FIFO_TOPIC = 'arn:aws:sns:us-east-1:123456789012:alerts.fifo';

function snsWorld() {
  const t = testWorld({
    seed: {
      sqs: { queues: [{ QueueName: 'wrapped' }, { QueueName: 'raw' }, { QueueName: 'urgent' }, { QueueName: 'ordered.fifo', Attributes: { FifoQueue: 'true' } }] },
      sns: {
        topics: [{ Name: 'alerts' }, { Name: 'alerts.fifo', Attributes: { FifoTopic: 'true' } }],
        subscriptions: [
          { TopicArn: TOPIC, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:123456789012:wrapped' },
          { TopicArn: TOPIC, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:123456789012:raw', Attributes: { RawMessageDelivery: 'true' } },
          { TopicArn: TOPIC, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:123456789012:urgent', Attributes: { FilterPolicy: '{"level":["high"],"score":[{"numeric":[">=",5]}]}' } },
          { TopicArn: FIFO_TOPIC, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:123456789012:ordered.fifo' },
        ],
      },
    },
  });
  return { ...t, sns: t.caller('sns') };
}

describe('local SNS', () => {
  it("delivers AWS's notification envelope to a subscribed queue and records the publish", async () => {
    const { sns, world } = snsWorld();
    const out = await sns('Publish', { TopicArn: TOPIC, Message: '{"order":1}', Subject: 'New order', MessageAttributes: { level: { DataType: 'String', StringValue: 'low' } } });
    expect(Object.keys(out)).toEqual(['MessageId']);
    const [delivered] = world.messages('wrapped');
    const envelope = JSON.parse(String(delivered?.Body)) as JsonObject;
    expect(Object.keys(envelope)).toEqual(['Type', 'MessageId', 'TopicArn', 'Subject', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL', 'UnsubscribeURL', 'MessageAttributes']);
    expect(envelope).toMatchObject({
      Type: 'Notification',
      MessageId: out.MessageId,
      TopicArn: TOPIC,
      Subject: 'New order',
      Message: '{"order":1}',
      Timestamp: '2026-05-01T12:00:00.000Z',
      SignatureVersion: '1',
      MessageAttributes: { level: { Type: 'String', Value: 'low' } },
    });
    expect(envelope.UnsubscribeURL).toMatch(/^https:\/\/sns\.us-east-1\.amazonaws\.com\/\?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-east-1:123456789012:alerts:/);
    expect(world.published(TOPIC)).toEqual([
      { MessageId: out.MessageId, TopicArn: TOPIC, Message: '{"order":1}', Timestamp: '2026-05-01T12:00:00.000Z', Subject: 'New order', MessageAttributes: { level: { DataType: 'String', StringValue: 'low' } } },
    ]);
  });

  it('delivers the bare message with its attributes when RawMessageDelivery is on', async () => {
    const { sns, world } = snsWorld();
    await sns('Publish', { TopicArn: TOPIC, Message: 'plain text', MessageAttributes: { level: { DataType: 'String', StringValue: 'low' } } });
    expect(world.messages('raw')).toMatchObject([{ Body: 'plain text', MessageAttributes: { level: { DataType: 'String', StringValue: 'low' } } }]);
  });

  it('delivers only what passes a subscription filter policy', async () => {
    const { sns, world } = snsWorld();
    const attributes = (level: string, score: string): JsonObject => ({ level: { DataType: 'String', StringValue: level }, score: { DataType: 'Number', StringValue: score } });
    await sns('Publish', { TopicArn: TOPIC, Message: 'low', MessageAttributes: attributes('low', '9') });
    await sns('Publish', { TopicArn: TOPIC, Message: 'high but small', MessageAttributes: attributes('high', '2') });
    await sns('Publish', { TopicArn: TOPIC, Message: 'page someone', MessageAttributes: attributes('high', '7') });
    await sns('Publish', { TopicArn: TOPIC, Message: 'no attributes' });
    expect(world.messages('urgent').map((m) => (JSON.parse(String(m.Body)) as JsonObject).Message)).toEqual(['page someone']);
    expect(world.messages('wrapped')).toHaveLength(4);
  });

  it('numbers FIFO publishes and passes group and deduplication ids to a FIFO queue', async () => {
    const { sns, world } = snsWorld();
    const missingGroup = await failure(sns('Publish', { TopicArn: FIFO_TOPIC, Message: 'x', MessageDeduplicationId: 'd1' }));
    expect([missingGroup.code, missingGroup.message]).toEqual(['InvalidParameter', 'Invalid parameter: The MessageGroupId parameter is required for FIFO topics']);
    const first = await sns('Publish', { TopicArn: FIFO_TOPIC, Message: 'one', MessageGroupId: 'g', MessageDeduplicationId: 'd1' });
    const second = await sns('Publish', { TopicArn: FIFO_TOPIC, Message: 'two', MessageGroupId: 'g', MessageDeduplicationId: 'd2' });
    expect(BigInt(String(second.SequenceNumber))).toBeGreaterThan(BigInt(String(first.SequenceNumber)));
    expect(world.messages('ordered.fifo')).toMatchObject([{ MessageGroupId: 'g', MessageDeduplicationId: 'd1' }, { MessageGroupId: 'g', MessageDeduplicationId: 'd2' }]);
    expect((JSON.parse(String(world.messages('ordered.fifo')[0]?.Body)) as JsonObject).SequenceNumber).toBe(first.SequenceNumber);
  });

  it('reports a missing topic as NotFound and an oversized message as InvalidParameter', async () => {
    const { sns } = snsWorld();
    const missing = await failure(sns('Publish', { TopicArn: 'arn:aws:sns:us-east-1:123456789012:gone', Message: 'x' }));
    expect([missing.code, missing.message, missing.statusCode]).toEqual(['NotFound', 'Topic does not exist', 404]);
    const big = await failure(sns('Publish', { TopicArn: TOPIC, Message: 'x'.repeat(262_145) }));
    expect([big.code, big.message]).toEqual(['InvalidParameter', 'Invalid parameter: Message too long']);
    expect((await failure(sns('Publish', { TopicArn: TOPIC }))).code).toBe('InvalidParameter');
  });

  it('creates, subscribes, lists and deletes topics through the API', async () => {
    const { sns, caller, world } = snsWorld();
    const { TopicArn } = await sns('CreateTopic', { Name: 'events' });
    expect(TopicArn).toBe('arn:aws:sns:us-east-1:123456789012:events');
    const queue = await caller('sqs')('CreateQueue', { QueueName: 'sink' });
    const { SubscriptionArn } = await sns('Subscribe', { TopicArn: TopicArn as string, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:123456789012:sink' });
    expect(String(SubscriptionArn).startsWith(`${String(TopicArn)}:`)).toBe(true);
    await sns('Publish', { TargetArn: TopicArn as string, Message: 'via TargetArn' });
    expect(world.messages(String(queue.QueueUrl))).toHaveLength(1);
    expect((await sns('ListTopics', {})).Topics).toEqual([{ TopicArn: TOPIC }, { TopicArn: FIFO_TOPIC }, { TopicArn }]);
    expect((await sns('ListSubscriptionsByTopic', { TopicArn: TopicArn as string })).Subscriptions).toEqual([
      { SubscriptionArn, Owner: '123456789012', Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:123456789012:sink', TopicArn },
    ]);
    await sns('DeleteTopic', { TopicArn: TopicArn as string });
    expect((await failure(sns('Publish', { TopicArn: TopicArn as string, Message: 'x' }))).code).toBe('NotFound');
  });
});

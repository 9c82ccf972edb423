import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/core/json.js';
import { failure, START, testWorld } from './support.js';

const URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs';
const FIFO_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs.fifo';

function sqsWorld() {
  const t = testWorld({ seed: { sqs: { queues: [{ QueueName: 'jobs' }, { QueueName: 'jobs.fifo', Attributes: { FifoQueue: 'true' } }] } } });
  return { ...t, sqs: t.caller('sqs') };
}

/** The documented digest, built byte by byte for one string attribute. */
function expectedAttributeMd5(name: string, type: string, value: string): string {
  const part = (text: string): Buffer => {
    const bytes = Buffer.from(text, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return Buffer.concat([length, bytes]);
  };
  return createHash('md5').update(Buffer.concat([part(name), part(type), Buffer.from([1]), part(value)])).digest('hex');
}

describe('local SQS', () => {
  it('sends with AWS-computed digests and receives, hides and deletes', async () => {
    const { sqs, world, clock } = sqsWorld();
    const sent = await sqs('SendMessage', { QueueUrl: URL, MessageBody: 'hello', MessageAttributes: { kind: { DataType: 'String', StringValue: 'greeting' } } });
    expect(sent.MD5OfMessageBody).toBe(createHash('md5').update('hello').digest('hex'));
    expect(sent.MD5OfMessageAttributes).toBe(expectedAttributeMd5('kind', 'String', 'greeting'));
    expect(sent.MessageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const received = await sqs('ReceiveMessage', { QueueUrl: URL, MessageAttributeNames: ['All'], AttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'] });
    const [message] = received.Messages as JsonObject[];
    expect(message).toMatchObject({ MessageId: sent.MessageId, Body: 'hello', MD5OfBody: sent.MD5OfMessageBody, MessageAttributes: { kind: { DataType: 'String', StringValue: 'greeting' } } });
    expect(message?.Attributes).toEqual({ ApproximateReceiveCount: '1', SentTimestamp: String(START) });
    expect(await sqs('ReceiveMessage', { QueueUrl: URL })).toEqual({});
    clock.advance(30_000);
    const again = (await sqs('ReceiveMessage', { QueueUrl: URL })).Messages as JsonObject[];
    expect(again[0]?.MessageId).toBe(sent.MessageId);
    await sqs('DeleteMessage', { QueueUrl: URL, ReceiptHandle: again[0]?.ReceiptHandle as string });
    expect(world.messages('jobs')).toEqual([]);
    expect((await failure(sqs('DeleteMessage', { QueueUrl: URL, ReceiptHandle: 'bogus' }))).code).toBe('ReceiptHandleIsInvalid');
  });

  it('accepts any URL form and the queue ARN, and reports a missing queue', async () => {
    const { sqs, world } = sqsWorld();
    await sqs('SendMessage', { QueueUrl: 'http://localhost:4566/000000000000/jobs', MessageBody: 'a' });
    await sqs('SendMessage', { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/111111111111/jobs', MessageBody: 'b' });
    expect(world.messages(URL).map((m) => m.Body)).toEqual(['a', 'b']);
    expect(await sqs('GetQueueUrl', { QueueName: 'jobs' })).toEqual({ QueueUrl: URL });
    const error = await failure(sqs('SendMessage', { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/nope', MessageBody: 'x' }));
    expect([error.code, error.message]).toEqual(['AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.']);
  });

  it('refuses a missing body and a message over 256 KiB as AWS does', async () => {
    const { sqs } = sqsWorld();
    const missing = await failure(sqs('SendMessage', { QueueUrl: URL }));
    expect([missing.code, missing.message]).toEqual(['MissingParameter', 'The request must contain the parameter MessageBody.']);
    const big = await failure(sqs('SendMessage', { QueueUrl: URL, MessageBody: 'x'.repeat(262_145) }));
    expect([big.code, big.message]).toEqual(['InvalidParameterValue', 'One or more parameters are invalid. Reason: Message must be shorter than 262144 bytes.']);
    await expect(sqs('SendMessage', { QueueUrl: URL, MessageBody: 'x'.repeat(262_144) })).resolves.toHaveProperty('MessageId');
  });

  it('returns only the message attributes asked for, with the digest of those', async () => {
    const { sqs } = sqsWorld();
    const attributes = { 'order.id': { DataType: 'Number', StringValue: '7' }, 'order.kind': { DataType: 'String', StringValue: 'rush' }, trace: { DataType: 'String', StringValue: 't-1' } };
    await sqs('SendMessage', { QueueUrl: URL, MessageBody: 'm', MessageAttributes: attributes });
    const [message] = (await sqs('ReceiveMessage', { QueueUrl: URL, MessageAttributeNames: ['trace'] })).Messages as JsonObject[];
    expect(message?.MessageAttributes).toEqual({ trace: attributes.trace });
    expect(message?.MD5OfMessageAttributes).toBe(expectedAttributeMd5('trace', 'String', 't-1'));
    await sqs('ChangeMessageVisibility', { QueueUrl: URL, ReceiptHandle: String(message?.ReceiptHandle), VisibilityTimeout: 0 });
    const [again] = (await sqs('ReceiveMessage', { QueueUrl: URL, MessageAttributeNames: ['order.*'] })).Messages as JsonObject[];
    expect(Object.keys(again?.MessageAttributes as JsonObject)).toEqual(['order.id', 'order.kind']);
    expect(await sqs('ReceiveMessage', { QueueUrl: URL })).toEqual({});
  });

  it('delays a message on the clock', async () => {
    const { sqs, clock } = sqsWorld();
    await sqs('SendMessage', { QueueUrl: URL, MessageBody: 'later', DelaySeconds: 10 });
    expect(await sqs('ReceiveMessage', { QueueUrl: URL })).toEqual({});
    expect((await sqs('GetQueueAttributes', { QueueUrl: URL, AttributeNames: ['ApproximateNumberOfMessagesDelayed'] })).Attributes).toEqual({ ApproximateNumberOfMessagesDelayed: '1' });
    clock.advance(10_000);
    expect(((await sqs('ReceiveMessage', { QueueUrl: URL })).Messages as JsonObject[])[0]?.Body).toBe('later');
    // A queue's own DelaySeconds applies unless the message names another, even 0.
    await sqs('CreateQueue', { QueueName: 'slow', Attributes: { DelaySeconds: '60' } });
    const SLOW = URL.replace('jobs', 'slow');
    await sqs('SendMessage', { QueueUrl: SLOW, MessageBody: 'queued' });
    await sqs('SendMessage', { QueueUrl: SLOW, MessageBody: 'now', DelaySeconds: 0 });
    expect(((await sqs('ReceiveMessage', { QueueUrl: SLOW, MaxNumberOfMessages: 10 })).Messages as JsonObject[]).map((m) => m.Body)).toEqual(['now']);
    clock.advance(60_000);
    expect(((await sqs('ReceiveMessage', { QueueUrl: SLOW })).Messages as JsonObject[]).map((m) => m.Body)).toEqual(['queued']);
  });

  it('deduplicates FIFO messages and keeps each group in order while one is in flight', async () => {
    const { sqs, world } = sqsWorld();
    expect((await failure(sqs('SendMessage', { QueueUrl: FIFO_URL, MessageBody: 'x', MessageDeduplicationId: 'd' }))).code).toBe('MissingParameter');
    expect((await failure(sqs('SendMessage', { QueueUrl: FIFO_URL, MessageBody: 'x', MessageGroupId: 'g' }))).code).toBe('InvalidParameterValue');
    const first = await sqs('SendMessage', { QueueUrl: FIFO_URL, MessageBody: 'a1', MessageGroupId: 'a', MessageDeduplicationId: '1' });
    const duplicate = await sqs('SendMessage', { QueueUrl: FIFO_URL, MessageBody: 'a1 again', MessageGroupId: 'a', MessageDeduplicationId: '1' });
    expect(duplicate.MessageId).toBe(first.MessageId);
    expect(first.SequenceNumber).toMatch(/^\d{20}$/);
    await sqs('SendMessage', { QueueUrl: FIFO_URL, MessageBody: 'a2', MessageGroupId: 'a', MessageDeduplicationId: '2' });
    await sqs('SendMessage', { QueueUrl: FIFO_URL, MessageBody: 'b1', MessageGroupId: 'b', MessageDeduplicationId: '3' });
    expect(world.messages('jobs.fifo').map((m) => m.Body)).toEqual(['a1', 'a2', 'b1']);
    const one = (await sqs('ReceiveMessage', { QueueUrl: FIFO_URL })).Messages as JsonObject[];
    expect(one.map((m) => m.Body)).toEqual(['a1']);
    // a2 waits behind the in-flight a1; group b is free.
    const next = (await sqs('ReceiveMessage', { QueueUrl: FIFO_URL, MaxNumberOfMessages: 10 })).Messages as JsonObject[];
    expect(next.map((m) => m.Body)).toEqual(['b1']);
    await sqs('DeleteMessage', { QueueUrl: FIFO_URL, ReceiptHandle: one[0]?.ReceiptHandle as string });
    expect(((await sqs('ReceiveMessage', { QueueUrl: FIFO_URL })).Messages as JsonObject[])[0]?.Body).toBe('a2');
  });

  it('sends batches, reporting failed entries beside the successful ones', async () => {
    const { sqs } = sqsWorld();
    const out = await sqs('SendMessageBatch', { QueueUrl: URL, Entries: [{ Id: 'ok', MessageBody: 'fine' }, { Id: 'bad', MessageBody: '' }] });
    expect((out.Successful as JsonObject[]).map((entry) => entry.Id)).toEqual(['ok']);
    expect(out.Failed).toEqual([{ Id: 'bad', SenderFault: true, Code: 'MissingParameter', Message: 'The request must contain the parameter MessageBody.' }]);
    expect((await failure(sqs('SendMessageBatch', { QueueUrl: URL, Entries: [] }))).code).toBe('EmptyBatchRequest');
    const [message] = (await sqs('ReceiveMessage', { QueueUrl: URL })).Messages as JsonObject[];
    const deleted = await sqs('DeleteMessageBatch', { QueueUrl: URL, Entries: [{ Id: 'a', ReceiptHandle: String(message?.ReceiptHandle) }, { Id: 'b', ReceiptHandle: 'stale' }] });
    expect([deleted.Successful, (deleted.Failed as JsonObject[]).map((f) => f.Code)]).toEqual([[{ Id: 'a' }], ['ReceiptHandleIsInvalid']]);
  });

  it('long-polls on the world clock until a message arrives', async () => {
    const { sqs } = sqsWorld();
    const waiting = sqs('ReceiveMessage', { QueueUrl: URL, WaitTimeSeconds: 20 });
    await sqs('SendMessage', { QueueUrl: URL, MessageBody: 'wake' });
    expect(((await waiting).Messages as JsonObject[])[0]?.Body).toBe('wake');
    const { sqs: idle, clock } = sqsWorld();
    const empty = idle('ReceiveMessage', { QueueUrl: URL, WaitTimeSeconds: 5 });
    await Promise.resolve();
    clock.advance(5_000);
    expect(await empty).toEqual({});
  });

  it('creates, lists, purges and deletes queues', async () => {
    const { sqs } = sqsWorld();
    expect(await sqs('CreateQueue', { QueueName: 'more' })).toEqual({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/more' });
    expect(await sqs('CreateQueue', { QueueName: 'more' })).toEqual({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/more' });
    expect((await failure(sqs('CreateQueue', { QueueName: 'more', Attributes: { VisibilityTimeout: '5' } }))).code).toBe('QueueAlreadyExists');
    expect((await sqs('ListQueues', { QueueNamePrefix: 'jobs' })).QueueUrls).toEqual([URL, FIFO_URL]);
    await sqs('SendMessage', { QueueUrl: URL, MessageBody: 'x' });
    await sqs('PurgeQueue', { QueueUrl: URL });
    expect((await sqs('GetQueueAttributes', { QueueUrl: URL, AttributeNames: ['All'] })).Attributes).toMatchObject({ ApproximateNumberOfMessages: '0', QueueArn: 'arn:aws:sqs:us-east-1:123456789012:jobs' });
    await sqs('DeleteQueue', { QueueUrl: URL });
    expect((await failure(sqs('GetQueueUrl', { QueueName: 'jobs' }))).code).toBe('AWS.SimpleQueueService.NonExistentQueue');
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAwsBackend } from '../../../src/integrations/aws-backend.js';
import { QUEUE_URL, asFailure, fails, localWorld, replied, run, scriptedBackend } from './service-support.js';

const SEND = 'arn:aws:states:::sqs:sendMessage';
const QUEUE = 'https://sqs.eu-west-1.amazonaws.com/222222222222/orders';
const SENT = { MD5OfMessageBody: '0cc175b9c0f1b6a831c399e269772661', MessageId: '3e1d2c4b-5a69-4f7e-8d9c-0b1a2f3e4d5c' };

describe('sqs:sendMessage', () => {
  it('sends a JSON MessageBody as its text and answers with the response plus the SDK metadata', async () => {
    const backend = scriptedBackend({ 'sqs SendMessage': () => replied({ ...SENT }, 'rid-1') });
    const result = await run(backend, SEND, { QueueUrl: QUEUE, MessageBody: { id: 1 }, DelaySeconds: 5 });
    expect(backend.calls[0]?.input).toEqual({ QueueUrl: QUEUE, MessageBody: '{"id":1}', DelaySeconds: 5 });
    const length = String(JSON.stringify(SENT).length);
    expect(result).toEqual({
      ...SENT,
      SdkHttpMetadata: {
        AllHttpHeaders: {
          'x-amzn-RequestId': ['rid-1'],
          connection: ['keep-alive'],
          'Content-Length': [length],
          Date: ['Fri, 27 Nov 2026 12:00:00 GMT'],
          'Content-Type': ['application/x-amz-json-1.0'],
        },
        HttpHeaders: {
          connection: 'keep-alive',
          'Content-Length': length,
          'Content-Type': 'application/x-amz-json-1.0',
          Date: 'Fri, 27 Nov 2026 12:00:00 GMT',
          'x-amzn-RequestId': 'rid-1',
        },
        HttpStatusCode: 200,
      },
      SdkResponseMetadata: { RequestId: 'rid-1' },
    });
  });

  it('sends no MessageBody for a null one, so SQS reports it missing (SQS.AmazonSQSException)', async () => {
    const backend = scriptedBackend({
      'sqs SendMessage': (input) => {
        if (!('MessageBody' in input)) fails('sqs', 'MissingParameter', 'The request must contain the parameter MessageBody.', 400, 'rid-2')(input);
        return replied(SENT);
      },
    });
    expect(asFailure(await run(backend, SEND, { QueueUrl: QUEUE, MessageBody: null }))).toEqual({
      error: 'SQS.AmazonSQSException',
      cause: 'The request must contain the parameter MessageBody. (Service: AmazonSQS; Status Code: 400; Error Code: MissingParameter; Request ID: rid-2; Proxy: null)',
    });
  });

  it.each([
    ['AWS.SimpleQueueService.NonExistentQueue', 'SQS.QueueDoesNotExistException'],
    ['QueueDoesNotExist', 'SQS.QueueDoesNotExistException'],
    ['InvalidMessageContents', 'SQS.InvalidMessageContentsException'],
    ['InvalidParameterValue', 'SQS.AmazonSQSException'],
  ])('reports error code %s as %s', async (code, error) => {
    const backend = scriptedBackend({ 'sqs SendMessage': fails('sqs', code, 'nope') });
    const failure = asFailure(await run(backend, SEND, { QueueUrl: QUEUE, MessageBody: 'x' }));
    expect(failure.error).toBe(error);
    expect(failure.cause).toContain(`Error Code: ${code};`);
  });

  it('fails a QueueUrl that is not a URL as the SDK does, without a call (SQS.SdkClientException)', async () => {
    const backend = scriptedBackend({ 'sqs SendMessage': () => replied(SENT) });
    expect(asFailure(await run(backend, SEND, { QueueUrl: 'no-such-queue', MessageBody: 'x' }))).toEqual({
      error: 'SQS.SdkClientException',
      cause: 'Unable to execute HTTP request: no-such-queue: Name or service not known',
    });
    expect(backend.calls).toEqual([]);
  });

  it.each([
    [{ QueueUrl: QUEUE, MessageBody: 'x', DelaySeconds: '5' }, 'DelaySeconds'],
    [{ QueueUrl: QUEUE, MessageBody: 'x', DelaySeconds: 1.5 }, 'DelaySeconds'],
    [{ QueueUrl: [QUEUE], MessageBody: 'x' }, 'QueueUrl'],
  ])('refuses a wrong type in %j', async (parameters, field) => {
    const failure = asFailure(await run(scriptedBackend({}), SEND, parameters));
    expect(failure).toEqual({
      error: 'States.Runtime',
      cause: `The Parameters '${JSON.stringify(parameters)}' could not be used to start the Task: [The value of the field '${field}' has an invalid format]`,
    });
  });

  it('passes the Task role to the backend', async () => {
    const backend = scriptedBackend({ 'sqs SendMessage': () => replied(SENT) });
    await run(backend, SEND, { QueueUrl: QUEUE, MessageBody: 'x' }, { RoleArn: 'arn:aws:iam::222222222222:role/Sender' });
    expect(backend.calls[0]?.roleArn).toBe('arn:aws:iam::222222222222:role/Sender');
  });
});

describe('sqs:sendMessage on the local world', () => {
  const seed = { sqs: { queues: [{ QueueName: 'jobs' }, { QueueName: 'jobs.fifo', Attributes: { FifoQueue: 'true' } }] } };

  it('queues the message text and answers with its MD5 and id', async () => {
    const world = localWorld(seed);
    const result = await run(world, SEND, { QueueUrl: QUEUE_URL, MessageBody: { id: 1 } });
    const queued = world.messages('jobs');
    expect(queued.map((m) => m['Body'])).toEqual(['{"id":1}']);
    expect(result).toMatchObject({ MessageId: queued[0]?.['MessageId'], MD5OfMessageBody: createHash('md5').update('{"id":1}').digest('hex') });
  });

  it.each([
    [{ QueueUrl: `${QUEUE_URL}-gone`, MessageBody: 'x' }, 'SQS.QueueDoesNotExistException', /^The specified queue does not exist\. \(Service: AmazonSQS; Status Code: 400; Error Code: AWS\.SimpleQueueService\.NonExistentQueue;/],
    [{ QueueUrl: QUEUE_URL, MessageBody: null }, 'SQS.AmazonSQSException', /Error Code: MissingParameter;/],
    [{ QueueUrl: QUEUE_URL, MessageBody: 'x'.repeat(300_000) }, 'SQS.AmazonSQSException', /Error Code: InvalidParameterValue;/],
    [{ QueueUrl: `${QUEUE_URL}.fifo`, MessageBody: 'x' }, 'SQS.AmazonSQSException', /MessageGroupId/],
  ])('fails %j with %s', async (parameters, error, cause) => {
    const failure = asFailure(await run(localWorld(seed), SEND, parameters));
    expect(failure.error).toBe(error);
    expect(failure.cause).toMatch(cause);
  });
});

describe('sqs:sendMessage on the aws backend', () => {
  it('reports an endpoint that refuses connections as SQS.SdkClientException', async () => {
    const aws = createAwsBackend({ region: 'eu-west-1', endpoints: { sqs: 'http://127.0.0.1:1' }, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    const failure = asFailure(await run(aws, SEND, { QueueUrl: 'http://127.0.0.1:1/222222222222/jobs', MessageBody: 'x' }));
    expect(failure.error).toBe('SQS.SdkClientException');
    expect(failure.cause).toMatch(/^Unable to execute HTTP request: .*ECONNREFUSED/);
  });
});

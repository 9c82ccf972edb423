import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/core/json.js';
import { TOPIC_ARN, asFailure, fails, localWorld, replied, run, scriptedBackend } from './service-support.js';

const PUBLISH = 'arn:aws:states:::sns:publish';
const TOPIC = 'arn:aws:sns:eu-west-1:222222222222:orders';
const MESSAGE_ID = '5b2f6c1e-0d1a-4c2e-9f3b-7a8d9e0f1a2b';
const REQUEST_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

describe('sns:publish', () => {
  it('publishes a JSON Message as its text and answers with MessageId plus the SDK metadata', async () => {
    const backend = scriptedBackend({ 'sns Publish': () => replied({ MessageId: MESSAGE_ID }, REQUEST_ID) });
    const result = await run(backend, PUBLISH, { TopicArn: TOPIC, Message: { order: 7, items: ['a'] }, Subject: 'new order' });
    expect(backend.calls.map((c) => [c.service, c.action, c.input])).toEqual([
      ['sns', 'Publish', { TopicArn: TOPIC, Message: '{"order":7,"items":["a"]}', Subject: 'new order' }],
    ]);
    expect(result).toEqual({
      MessageId: MESSAGE_ID,
      SdkHttpMetadata: {
        AllHttpHeaders: {
          'x-amzn-RequestId': [REQUEST_ID],
          connection: ['keep-alive'],
          'Content-Length': ['294'],
          Date: ['Fri, 27 Nov 2026 12:00:00 GMT'],
          'Content-Type': ['text/xml'],
        },
        HttpHeaders: {
          connection: 'keep-alive',
          'Content-Length': '294',
          'Content-Type': 'text/xml',
          Date: 'Fri, 27 Nov 2026 12:00:00 GMT',
          'x-amzn-RequestId': REQUEST_ID,
        },
        HttpStatusCode: 200,
      },
      SdkResponseMetadata: { RequestId: REQUEST_ID },
    });
  });

  it('keeps a string Message as is and sorts a FIFO SequenceNumber after the metadata', async () => {
    const backend = scriptedBackend({ 'sns Publish': () => replied({ MessageId: MESSAGE_ID, SequenceNumber: '10000000000000001000' }, REQUEST_ID) });
    const result = await run(backend, PUBLISH, { TopicArn: `${TOPIC}.fifo`, Message: '"quoted"', MessageGroupId: 'g', MessageDeduplicationId: 'd' });
    expect(backend.calls[0]?.input['Message']).toBe('"quoted"');
    expect(Object.keys(result as object)).toEqual(['MessageId', 'SdkHttpMetadata', 'SdkResponseMetadata', 'SequenceNumber']);
    // The XML reply grows by the <SequenceNumber> line: 352 bytes, as recorded on AWS.
    expect(result).toMatchObject({ SdkHttpMetadata: { HttpHeaders: { 'Content-Length': '352' } } });
  });

  it('leaves null members out of the request', async () => {
    const backend = scriptedBackend({ 'sns Publish': () => replied({ MessageId: MESSAGE_ID }) });
    await run(backend, PUBLISH, { TopicArn: TOPIC, Message: 'hi', Subject: null });
    expect(backend.calls[0]?.input).toEqual({ TopicArn: TOPIC, Message: 'hi' });
  });

  it.each([
    ['NotFound', 'SNS.NotFoundException', 404, 'Topic does not exist'],
    ['InvalidParameter', 'SNS.InvalidParameterException', 400, 'Invalid parameter: The MessageGroupId parameter is required for FIFO topics'],
    ['AuthorizationError', 'SNS.AuthorizationErrorException', 403, 'User is not authorized'],
    ['SomethingNew', 'SNS.AmazonSNSException', 400, 'unheard of'],
  ])('reports error code %s as %s with the v1 SDK cause', async (code, error, status, message) => {
    const backend = scriptedBackend({ 'sns Publish': fails('sns', code, message, status, 'rid-9') });
    expect(asFailure(await run(backend, PUBLISH, { TopicArn: TOPIC, Message: 'x' }))).toEqual({
      error,
      cause: `${message} (Service: AmazonSNS; Status Code: ${status}; Error Code: ${code}; Request ID: rid-9; Proxy: null)`,
    });
  });

  it('reports an endpoint that never answered as SNS.SdkClientException', async () => {
    const backend = scriptedBackend({ 'sns Publish': fails('sns', 'SdkClientException', 'Unable to execute HTTP request: connect ECONNREFUSED 127.0.0.1:9', 0) }, 'aws');
    expect(asFailure(await run(backend, PUBLISH, { TopicArn: TOPIC, Message: 'x' }))).toEqual({
      error: 'SNS.SdkClientException',
      cause: 'Unable to execute HTTP request: connect ECONNREFUSED 127.0.0.1:9',
    });
  });

  it('fails the task, catchably, when a backend breaks instead of answering', async () => {
    const broken = scriptedBackend({
      'sns Publish': () => {
        throw new TypeError('boom');
      },
    });
    expect(asFailure(await run(broken, PUBLISH, { TopicArn: TOPIC, Message: 'x' }))).toEqual({ error: 'States.TaskFailed', cause: 'The local backend failed on sns:Publish: TypeError: boom' });
    const odd = scriptedBackend({ 'sns Publish': () => null as unknown as JsonObject });
    expect(asFailure(await run(odd, PUBLISH, { TopicArn: TOPIC, Message: 'x' }))).toEqual({ error: 'States.TaskFailed', cause: 'The local backend failed on sns:Publish: the response is not a JSON object: null' });
  });

  it.each([
    [{ TopicArn: TOPIC, Message: 'x', Unknown: 1 }, "[The field 'Unknown' is not supported by Step Functions]"],
    [{ TopicArn: 42, Message: 'x' }, "[The value of the field 'TopicArn' has an invalid format]"],
    [{ TopicArn: TOPIC, Message: 'x', MessageAttributes: 'not a map' }, "[The value of the field 'MessageAttributes' has an invalid format]"],
    ['just text', '[The value of the Parameters field must be an object]'],
  ])('refuses parameters %j before calling the service', async (parameters, reason) => {
    const backend = scriptedBackend({});
    const failure = asFailure(await run(backend, PUBLISH, parameters));
    expect(failure.error).toBe('States.Runtime');
    expect(failure.cause).toBe(`The Parameters '${JSON.stringify(parameters)}' could not be used to start the Task: ${reason}`);
    expect(backend.calls).toEqual([]);
  });

  it('publishes for a .waitForTaskToken task (the Task then waits for the token) and answers with the response', async () => {
    const backend = scriptedBackend({ 'sns Publish': () => replied({ MessageId: MESSAGE_ID }) });
    const result = await run(backend, `${PUBLISH}.waitForTaskToken`, { TopicArn: TOPIC, Message: 'x' });
    expect(result).toMatchObject({ MessageId: MESSAGE_ID });
    expect(backend.calls.map((c) => c.action)).toEqual(['Publish']);
  });

  it('names the two ways out when the backend does not serve SNS', async () => {
    const failure = asFailure(await run(scriptedBackend({}, 'local', []), PUBLISH, { TopicArn: TOPIC, Message: 'x' }));
    expect(failure.error).toBe('States.Runtime');
    expect(failure.cause).toMatch(/The local backend does not serve 'sns' for the resource arn:aws:states:::sns:publish; mock this state .*--mock-config.*or run it on the aws backend .*--services aws/);
  });
});

describe('sns:publish on the local world', () => {
  const seed = {
    sqs: { queues: [{ QueueName: 'jobs' }] },
    sns: {
      topics: [{ Name: 'alerts' }, { Name: 'ordered.fifo', Attributes: { FifoTopic: 'true' } }],
      subscriptions: [{ TopicArn: TOPIC_ARN, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:eu-west-1:222222222222:jobs' }],
    },
  };

  it('publishes the message text, which the subscribed queue receives in the SNS envelope', async () => {
    const world = localWorld(seed);
    const result = await run(world, PUBLISH, { TopicArn: TOPIC_ARN, Message: { order: 7 } });
    expect(result).toMatchObject({ MessageId: expect.any(String), SdkHttpMetadata: { HttpStatusCode: 200 }, SdkResponseMetadata: { RequestId: expect.any(String) } });
    expect(world.published(TOPIC_ARN).map((m) => m['Message'])).toEqual(['{"order":7}']);
    const body = JSON.parse(String(world.messages('jobs')[0]?.['Body'])) as Record<string, unknown>;
    expect(body).toMatchObject({ Type: 'Notification', TopicArn: TOPIC_ARN, Message: '{"order":7}', MessageId: (result as { MessageId: string }).MessageId });
  });

  it('fails a topic that does not exist with SNS.NotFoundException', async () => {
    const failure = asFailure(await run(localWorld(seed), PUBLISH, { TopicArn: `${TOPIC_ARN}-gone`, Message: 'x' }));
    expect(failure.error).toBe('SNS.NotFoundException');
    expect(failure.cause).toMatch(/^Topic does not exist \(Service: AmazonSNS; Status Code: 404; Error Code: NotFound; Request ID: [0-9a-f-]{36}; Proxy: null\)$/);
  });

  it('fails a FIFO topic without MessageGroupId, and answers a FIFO publish with its SequenceNumber', async () => {
    const fifo = 'arn:aws:sns:eu-west-1:222222222222:ordered.fifo';
    const world = localWorld(seed);
    expect(asFailure(await run(world, PUBLISH, { TopicArn: fifo, Message: 'x' })).error).toBe('SNS.InvalidParameterException');
    expect(await run(world, PUBLISH, { TopicArn: fifo, Message: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd' })).toMatchObject({ SequenceNumber: expect.stringMatching(/^\d+$/) });
  });

  it('fails a malformed topic ARN and a message over 256 KiB with SNS.InvalidParameterException', async () => {
    const world = localWorld(seed);
    expect(asFailure(await run(world, PUBLISH, { TopicArn: 'not-an-arn', Message: 'x' })).error).toBe('SNS.InvalidParameterException');
    expect(asFailure(await run(world, PUBLISH, { TopicArn: TOPIC_ARN, Message: 'x'.repeat(300_000) })).error).toBe('SNS.InvalidParameterException');
  });
});

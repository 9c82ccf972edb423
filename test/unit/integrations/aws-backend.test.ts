// The aws backend against real servers on loopback: dynalite for DynamoDB, fauxqs for SQS and SNS,
// through the AWS SDK v3 clients the backend loads on first use. Nothing is mocked at the HTTP layer.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/core/json.js';
import { ServiceError, responseMetadata } from '../../../src/integrations/backend.js';
import { type AwsBackend, createAwsBackend } from '../../../src/integrations/aws-backend.js';
import { closedLoopbackPort, type Emulators, startEmulators, TEST_CREDENTIALS, TEST_REGION } from '../../support/emulators.js';
import { rejectionOf } from '../../support/rejection.js';

let emulators: Emulators;
let aws: AwsBackend;

beforeAll(async () => {
  emulators = await startEmulators();
  aws = createAwsBackend({
    region: TEST_REGION,
    credentials: TEST_CREDENTIALS,
    endpoints: { dynamodb: emulators.dynamodb, sqs: emulators.sqsSns, sns: emulators.sqsSns, s3: emulators.sqsSns },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  await emulators.stop();
});

const signal = new AbortController().signal;
const call = (service: string, action: string, input: JsonObject): Promise<JsonObject> => aws.call({ service, action, input, signal });

const failure = (work: Promise<unknown>): Promise<ServiceError> => rejectionOf(work, ServiceError);

describe('aws backend on dynalite', () => {
  beforeAll(async () => {
    await call('dynamodb', 'CreateTable', {
      TableName: 'Orders',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('puts, gets and updates an item, keeping the request id and status beside the response', async () => {
    const put = await call('dynamodb', 'PutItem', { TableName: 'Orders', Item: { id: { S: 'o-1' }, amount: { N: '12' } } });
    expect(put).toEqual({});
    expect(responseMetadata(put)).toEqual({ requestId: expect.stringMatching(/^[A-Z0-9]{20,}$/) as unknown, httpStatusCode: 200 });
    const updated = await call('dynamodb', 'UpdateItem', {
      TableName: 'Orders',
      Key: { id: { S: 'o-1' } },
      UpdateExpression: 'SET #s = :s ADD amount :one',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': { S: 'PAID' }, ':one': { N: '1' } },
      ReturnValues: 'ALL_NEW',
    });
    expect(updated).toEqual({ Attributes: { id: { S: 'o-1' }, amount: { N: '13' }, status: { S: 'PAID' } } });
    const got = await call('dynamodb', 'GetItem', { TableName: 'Orders', Key: { id: { S: 'o-1' } }, ConsistentRead: true });
    expect(got).toEqual({ Item: { id: { S: 'o-1' }, amount: { N: '13' }, status: { S: 'PAID' } } });
  });

  it('reports a failed condition as ConditionalCheckFailedException with its status and request id', async () => {
    await call('dynamodb', 'PutItem', { TableName: 'Orders', Item: { id: { S: 'o-2' }, status: { S: 'NEW' } } });
    const err = await failure(
      call('dynamodb', 'UpdateItem', {
        TableName: 'Orders',
        Key: { id: { S: 'o-2' } },
        UpdateExpression: 'SET #s = :paid',
        ConditionExpression: '#s = :shipped',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':paid': { S: 'PAID' }, ':shipped': { S: 'SHIPPED' } },
      }),
    );
    expect(err).toMatchObject({ service: 'dynamodb', code: 'ConditionalCheckFailedException', statusCode: 400, retryable: false });
    expect(err.message).toBe('The conditional request failed');
    expect(err.requestId).not.toBe('');
  });

  it('reports a missing table as ResourceNotFoundException', async () => {
    const err = await failure(call('dynamodb', 'GetItem', { TableName: 'Missing', Key: { id: { S: '1' } } }));
    expect(err).toMatchObject({ code: 'ResourceNotFoundException', statusCode: 400, message: 'Requested resource not found' });
  });

  it('renders dates in a response as ISO-8601 text', async () => {
    const described = await call('dynamodb', 'DescribeTable', { TableName: 'Orders' });
    const table = described['Table'] as JsonObject;
    expect(table['TableStatus']).toBe('ACTIVE');
    expect(table['CreationDateTime']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});

describe('aws backend on fauxqs', () => {
  let queueUrl: string;
  let queueArn: string;

  beforeAll(async () => {
    queueUrl = (await call('sqs', 'CreateQueue', { QueueName: 'orders' }))['QueueUrl'] as string;
    const attributes = await call('sqs', 'GetQueueAttributes', { QueueUrl: queueUrl, AttributeNames: ['QueueArn'] });
    queueArn = (attributes['Attributes'] as JsonObject)['QueueArn'] as string;
  });

  const receiveOne = async (): Promise<JsonObject> => {
    const received = await call('sqs', 'ReceiveMessage', { QueueUrl: queueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 0 });
    const messages = received['Messages'] as JsonObject[];
    expect(messages).toHaveLength(1);
    const message = messages[0] as JsonObject;
    await call('sqs', 'DeleteMessage', { QueueUrl: queueUrl, ReceiptHandle: message['ReceiptHandle'] as string });
    return message;
  };

  it('sends a message and receives it back', async () => {
    const sent = await call('sqs', 'SendMessage', { QueueUrl: queueUrl, MessageBody: '{"order":1}' });
    expect(sent['MD5OfMessageBody']).toBe(createHash('md5').update('{"order":1}').digest('hex'));
    expect(sent['MessageId']).toMatch(/^[0-9a-f-]{36}$/);
    const message = await receiveOne();
    expect(message['Body']).toBe('{"order":1}');
    expect(message['MessageId']).toBe(sent['MessageId']);
  });

  it('publishes to a topic whose subscriber is a queue', async () => {
    const topicArn = (await call('sns', 'CreateTopic', { Name: 'order-events' }))['TopicArn'] as string;
    await call('sns', 'Subscribe', { TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn });
    const published = await call('sns', 'Publish', { TopicArn: topicArn, Message: 'order shipped', Subject: 'shipping' });
    expect(published['MessageId']).toMatch(/^[0-9a-f-]{36}$/);
    expect(responseMetadata(published)?.httpStatusCode).toBe(200);
    const envelope = JSON.parse((await receiveOne())['Body'] as string) as JsonObject;
    expect(envelope).toMatchObject({ Type: 'Notification', TopicArn: topicArn, Message: 'order shipped', Subject: 'shipping', MessageId: published['MessageId'] });
  });

  it('reports a missing queue and a missing topic with the services\u2019 own codes', async () => {
    const queue = await failure(call('sqs', 'SendMessage', { QueueUrl: `${emulators.sqsSns}/000000000000/nope`, MessageBody: 'x' }));
    expect(queue).toMatchObject({ service: 'sqs', code: 'QueueDoesNotExist', statusCode: 400 });
    const topic = await failure(call('sns', 'Publish', { TopicArn: `arn:aws:sns:${TEST_REGION}:000000000000:nope`, Message: 'x' }));
    expect(topic).toMatchObject({ service: 'sns', code: 'NotFoundException', statusCode: 404, message: 'Topic does not exist' });
  });
});

describe('aws backend on fauxqs S3', () => {
  it('stores a JSON Body as its text and reads an object Body back as text', async () => {
    await call('s3', 'CreateBucket', { Bucket: 'reports' });
    await call('s3', 'PutObject', { Bucket: 'reports', Key: 'daily.json', Body: { total: 3, ok: true } });
    const object = await call('s3', 'GetObject', { Bucket: 'reports', Key: 'daily.json' });
    expect(object['Body']).toBe('{"total":3,"ok":true}');
    expect(object['ContentLength']).toBe(21);
    const missing = await failure(call('s3', 'GetObject', { Bucket: 'reports', Key: 'nope' }));
    expect(missing).toMatchObject({ service: 's3', code: 'NoSuchKey', statusCode: 404 });
  });
});

describe('aws backend failures without a service reply', () => {
  it('reports an unreachable endpoint at once as a retryable SdkClientException', async () => {
    const port = await closedLoopbackPort();
    const unreachable = createAwsBackend({ region: TEST_REGION, credentials: TEST_CREDENTIALS, endpoints: { '*': `http://127.0.0.1:${port}` }, maxAttempts: 1, connectionTimeoutMs: 1000, requestTimeoutMs: 1000 });
    const err = await failure(unreachable.call({ service: 'sqs', action: 'ListQueues', input: {}, signal }));
    expect(err).toMatchObject({ service: 'sqs', code: 'SdkClientException', retryable: true });
    expect(err.message).toMatch(/^Unable to execute HTTP request: .*ECONNREFUSED/);
  });

  it('names the package to install for a service whose client is not installed', async () => {
    const err = await failure(call('secretsmanager', 'GetSecretValue', { SecretId: 's' }));
    expect(err.code).toBe('SdkClientException');
    expect(err.message).toContain('npm install @aws-sdk/client-secrets-manager');
  });

  it("loads a client asl-engine does not ship from the project's node_modules", async () => {
    const project = await mkdtemp(join(tmpdir(), 'asl-aws-project-'));
    const pkg = join(project, 'node_modules', '@aws-sdk', 'client-widget-factory');
    await mkdir(pkg, { recursive: true });
    await writeFile(join(pkg, 'package.json'), JSON.stringify({ name: '@aws-sdk/client-widget-factory', main: 'index.js' }));
    await writeFile(
      join(pkg, 'index.js'),
      [
        'class WidgetFactoryClient { constructor(config) { this.config = config; }',
        '  async send(command) { return { Echo: command.input, Region: this.config.region, $metadata: { requestId: "w-1", httpStatusCode: 201 } }; } }',
        'class MakeWidgetCommand { constructor(input) { this.input = input; } }',
        'module.exports = { WidgetFactoryClient, MakeWidgetCommand };',
      ].join('\n'),
    );
    try {
      const backend = createAwsBackend({ region: TEST_REGION, credentials: TEST_CREDENTIALS, projectDirectory: project });
      const made = await backend.call({ service: 'widget-factory', action: 'MakeWidget', input: { Size: 3 }, signal });
      expect(made).toEqual({ Echo: { Size: 3 }, Region: TEST_REGION });
      expect(responseMetadata(made)).toEqual({ requestId: 'w-1', httpStatusCode: 201 });
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });

  it('loads clients through the given loader, once per package', async () => {
    const loaded: string[] = [];
    const backend = createAwsBackend({
      region: TEST_REGION,
      credentials: TEST_CREDENTIALS,
      endpoints: { '*': emulators.sqsSns },
      loadModule: (name) => {
        loaded.push(name);
        return import('@aws-sdk/client-sns');
      },
    });
    await backend.call({ service: 'sns', action: 'ListTopics', input: {}, signal });
    await backend.call({ service: 'sns', action: 'ListTopics', input: {}, signal });
    expect(loaded).toEqual(['@aws-sdk/client-sns']);
  });

  it('rejects an action the client does not have', async () => {
    const err = await failure(call('sqs', 'Teleport', {}));
    expect(err).toMatchObject({ code: 'InvalidAction', statusCode: 400 });
    expect(err.message).toContain('@aws-sdk/client-sqs has no TeleportCommand');
  });

  it('settles with the abort reason when the task is stopped', async () => {
    const controller = new AbortController();
    const reason = new Error('stopped');
    controller.abort(reason);
    await expect(aws.call({ service: 'sqs', action: 'ListQueues', input: {}, signal: controller.signal })).rejects.toBe(reason);
  });
});

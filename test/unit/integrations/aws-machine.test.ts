// Whole state machines on the aws backend (`services: 'aws'`): the optimized DynamoDB, SQS and SNS
// integrations and aws-sdk tasks, through AWS SDK v3 clients, against dynalite and fauxqs on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/core/json.js';
import type { ExecutionResult } from '../../../src/index.js';
import { type AwsBackend, createAwsBackend } from '../../../src/integrations/aws-backend.js';
import { closedLoopbackPort, type Emulators, startEmulators, TEST_CREDENTIALS, TEST_REGION } from '../../support/emulators.js';
import { runDefinition } from '../../support/run.js';

let emulators: Emulators;
let aws: AwsBackend;
let queueUrl: string;
let topicArn: string;

const signal = new AbortController().signal;
const call = (service: string, action: string, input: JsonObject): Promise<JsonObject> => aws.call({ service, action, input, signal });

beforeAll(async () => {
  emulators = await startEmulators();
  aws = createAwsBackend({
    region: TEST_REGION,
    credentials: TEST_CREDENTIALS,
    endpoints: { dynamodb: emulators.dynamodb, '*': emulators.sqsSns },
    maxAttempts: 1,
  });
  await call('dynamodb', 'CreateTable', {
    TableName: 'Orders',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
  queueUrl = (await call('sqs', 'CreateQueue', { QueueName: 'shipping' }))['QueueUrl'] as string;
  const queueArn = ((await call('sqs', 'GetQueueAttributes', { QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))['Attributes'] as JsonObject)['QueueArn'] as string;
  topicArn = (await call('sns', 'CreateTopic', { Name: 'orders' }))['TopicArn'] as string;
  await call('sns', 'Subscribe', { TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn, Attributes: { RawMessageDelivery: 'true' } });
});

afterAll(async () => {
  await emulators.stop();
});

function succeeded(result: ExecutionResult): JsonObject {
  if (result.status !== 'SUCCEEDED') throw new Error(`expected SUCCEEDED, got ${JSON.stringify(result)}`);
  return result.output as JsonObject;
}

async function drainQueue(): Promise<string[]> {
  const received = await call('sqs', 'ReceiveMessage', { QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 });
  return ((received['Messages'] ?? []) as JsonObject[]).map((m) => m['Body'] as string).sort();
}

const ORDER_WORKFLOW = {
  StartAt: 'SaveOrder',
  States: {
    SaveOrder: {
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Parameters: { TableName: 'Orders', Item: { id: { 'S.$': '$.id' }, status: { S: 'NEW' } } },
      ResultPath: null,
      Next: 'ReadOrder',
    },
    ReadOrder: {
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:getItem',
      Parameters: { TableName: 'Orders', Key: { id: { 'S.$': '$.id' } } },
      ResultSelector: { 'status.$': '$.Item.status.S' },
      ResultPath: '$.saved',
      Next: 'QueueShipping',
    },
    QueueShipping: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage',
      Parameters: { 'QueueUrl.$': '$.queueUrl', MessageBody: { 'order.$': '$.id', kind: 'ship' } },
      ResultSelector: { 'messageId.$': '$.MessageId' },
      ResultPath: '$.queued',
      Next: 'Notify',
    },
    Notify: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sns:publish',
      Parameters: { 'TopicArn.$': '$.topicArn', 'Message.$': "States.Format('order {} saved', $.id)" },
      ResultPath: null,
      Next: 'MarkShippedTwice',
    },
    MarkShippedTwice: {
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:updateItem',
      Parameters: {
        TableName: 'Orders',
        Key: { id: { 'S.$': '$.id' } },
        UpdateExpression: 'SET #s = :shipped',
        ConditionExpression: '#s = :shipped',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':shipped': { S: 'SHIPPED' } },
      },
      Catch: [{ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], ResultPath: '$.conflict', Next: 'Done' }],
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
};

describe('state machines on the aws backend', () => {
  it('writes DynamoDB, queues to SQS, notifies SNS and catches a failed condition', async () => {
    const { result } = await runDefinition(ORDER_WORKFLOW, { id: 'o-1', queueUrl, topicArn }, { services: 'aws', awsBackend: aws });
    const output = succeeded(result);
    expect(output['saved']).toEqual({ status: 'NEW' });
    expect((output['queued'] as JsonObject)['messageId']).toMatch(/^[0-9a-f-]{36}$/);
    expect((output['conflict'] as JsonObject)['Error']).toBe('DynamoDB.ConditionalCheckFailedException');
    expect(await drainQueue()).toEqual(['order o-1 saved', '{"order":"o-1","kind":"ship"}']);
    const stored = await call('dynamodb', 'GetItem', { TableName: 'Orders', Key: { id: { S: 'o-1' } } });
    expect(stored['Item']).toEqual({ id: { S: 'o-1' }, status: { S: 'NEW' } });
  });

  it('reports a missing queue and topic with the names Step Functions uses, catchable by Catch', async () => {
    const definition = {
      StartAt: 'Send',
      States: {
        Send: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage',
          Parameters: { QueueUrl: `${emulators.sqsSns}/000000000000/missing`, MessageBody: 'x' },
          Catch: [{ ErrorEquals: ['States.TaskFailed'], ResultPath: '$.sqs', Next: 'Publish' }],
          End: true,
        },
        Publish: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sns:publish',
          Parameters: { TopicArn: `arn:aws:sns:${TEST_REGION}:000000000000:missing`, Message: 'x' },
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.sns', Next: 'Done' }],
          End: true,
        },
        Done: { Type: 'Succeed' },
      },
    };
    const { result } = await runDefinition(definition, {}, { services: 'aws', awsBackend: aws });
    const output = succeeded(result);
    // fauxqs's request ids (16 hex digits) in the causes: these answers came from the emulator.
    expect(output['sqs']).toEqual({ Error: 'SQS.QueueDoesNotExistException', Cause: expect.stringMatching(/^The specified queue does not exist\. \(Service: AmazonSQS; Status Code: 400; Error Code: QueueDoesNotExist; Request ID: [0-9A-F]{16}; Proxy: null\)$/) as unknown });
    expect(output['sns']).toEqual({ Error: 'SNS.NotFoundException', Cause: expect.stringMatching(/^Topic does not exist \(Service: AmazonSNS; Status Code: 404; Error Code: NotFoundException; Request ID: [0-9A-F]{16}; Proxy: null\)$/) as unknown });
  });

  it('runs an aws-sdk task and reports an unreachable endpoint as <Service>.SdkClientException without hanging', async () => {
    const port = await closedLoopbackPort();
    const unreachable = createAwsBackend({ region: TEST_REGION, credentials: TEST_CREDENTIALS, endpoints: { '*': `http://127.0.0.1:${port}` }, maxAttempts: 1 });
    const definition = {
      StartAt: 'Count',
      States: {
        Count: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:dynamodb:describeTable', Parameters: { TableName: 'Orders' }, ResultSelector: { 'status.$': '$.Table.TableStatus' }, End: true },
      },
    };
    const ok = await runDefinition(definition, {}, { services: 'aws', awsBackend: aws });
    expect(ok.result).toEqual({ status: 'SUCCEEDED', output: { status: 'ACTIVE' } });
    const down = await runDefinition(definition, {}, { services: 'aws', awsBackend: unreachable });
    expect(down.result).toEqual({ status: 'FAILED', error: 'DynamoDb.SdkClientException', cause: expect.stringContaining('ECONNREFUSED') as unknown });
  });
});

import { describe, expect, it } from 'vitest';
import { sdkActionName, sdkErrorPrefix } from '../../../src/integrations/aws-sdk-names.js';
import { QUEUE_URL, asFailure, fails, localWorld, replied, run, scriptedBackend, supported } from './service-support.js';

describe('aws-sdk:<service>:<action>', () => {
  it('calls the API action in PascalCase and answers with the response as is (no SDK metadata)', async () => {
    const backend = scriptedBackend({ 'dynamodb GetItem': () => replied({ Item: { id: { S: '1' } } }) });
    const result = await run(backend, 'arn:aws:states:::aws-sdk:dynamodb:getItem', { TableName: 't', Key: { id: { S: '1' } } });
    expect(backend.calls.map((c) => [c.service, c.action])).toEqual([['dynamodb', 'GetItem']]);
    expect(result).toEqual({ Item: { id: { S: '1' } } });
  });

  it('finds the SDK client of a service whose package name has hyphens', async () => {
    const backend = scriptedBackend({ 'secrets-manager GetSecretValue': () => replied({ Name: 'db', SecretString: 's3cr3t' }) });
    expect(await run(backend, 'arn:aws:states:::aws-sdk:secretsmanager:getSecretValue', { SecretId: 'db' })).toEqual({ Name: 'db', SecretString: 's3cr3t' });
    expect(backend.calls[0]?.service).toBe('secrets-manager');
  });

  it('leaves null members out and serialises JSON given for Step Functions Input', async () => {
    const backend = scriptedBackend({ 'sfn StartExecution': () => replied({ ExecutionArn: 'arn:x', StartDate: '2026-11-27T12:00:00.000Z' }) });
    await run(backend, 'arn:aws:states:::aws-sdk:sfn:startExecution', { StateMachineArn: 'arn:m', Input: { key: 'value' }, Name: null });
    expect(backend.calls[0]?.input).toEqual({ StateMachineArn: 'arn:m', Input: '{"key":"value"}' });
  });

  it.each([
    ['dynamodb', 'ResourceNotFoundException', 'DynamoDb.ResourceNotFoundException', 'Requested resource not found'],
    ['dynamodb', 'ValidationException', 'DynamoDb.DynamoDbException', "1 validation error detected: Value null at 'item' failed to satisfy constraint: Member must not be null"],
    ['sfn', 'InvalidToken', 'Sfn.InvalidTokenException', "Invalid Token: 'Invalid token'"],
  ])('reports a %s %s as %s with the v2 SDK cause', async (service, code, error, message) => {
    const backend = scriptedBackend({ [`${service} Act`]: fails(service, code, message, 400, 'rid-4') });
    expect(asFailure(await run(backend, `arn:aws:states:::aws-sdk:${service}:act`, {}))).toEqual({
      error,
      cause: `${message} (Service: ${error.split('.')[0] ?? ''}, Status Code: 400, Request ID: rid-4) (SDK Attempt Count: 1)`,
    });
  });

  it('reports S3 errors with the Exception suffix and S3 extended request id', async () => {
    const backend = scriptedBackend({ 's3 GetObject': fails('s3', 'NoSuchKey', 'The specified key does not exist.', 404, 'rid-5') });
    const failure = asFailure(await run(backend, 'arn:aws:states:::aws-sdk:s3:getObject', { Bucket: 'b', Key: 'k' }));
    expect(failure.error).toBe('S3.NoSuchKeyException');
    expect(failure.cause).toMatch(/^The specified key does not exist\. \(Service: S3, Status Code: 404, Request ID: rid-5, Extended Request ID: \S+\)/);
    const unmodeled = scriptedBackend({ 's3 CreateBucket': fails('s3', 'InvalidBucketName', 'The specified bucket is not valid.') });
    expect(asFailure(await run(unmodeled, 'arn:aws:states:::aws-sdk:s3:createBucket', { Bucket: 'B!' })).error).toBe('S3.S3Exception');
  });

  it('names the two ways out for a service the local world does not serve', async () => {
    const failure = asFailure(await run(scriptedBackend({}), 'arn:aws:states:::aws-sdk:ec2:describeInstances', {}));
    expect(failure.error).toBe('States.Runtime');
    expect(failure.cause).toMatch(/The local backend does not serve 'ec2' for the resource arn:aws:states:::aws-sdk:ec2:describeInstances; mock this state.*--services aws/);
  });

  it('has no .sync form; its .waitForTaskToken form makes the call (the Task then waits for the token)', async () => {
    expect(supported('arn:aws:states:::aws-sdk:s3:listBuckets.sync')).toBe(false);
    const backend = scriptedBackend({ 'sqs SendMessage': () => replied({ MessageId: 'm-1' }) });
    expect(await run(backend, 'arn:aws:states:::aws-sdk:sqs:sendMessage.waitForTaskToken', { QueueUrl: QUEUE_URL, MessageBody: 'token-here' })).toEqual({ MessageId: 'm-1' });
    expect(backend.calls.map((c) => c.action)).toEqual(['SendMessage']);
  });

  it('refuses Parameters that are not an object', async () => {
    expect(asFailure(await run(scriptedBackend({}), 'arn:aws:states:::aws-sdk:s3:listBuckets', [1])).cause).toBe(
      "The Parameters '[1]' could not be used to start the Task: [The value of the Parameters field must be an object]",
    );
  });

  it.each([
    ['dynamodb', 'DynamoDb'],
    ['sfn', 'Sfn'],
    ['cloudwatchlogs', 'CloudWatchLogs'],
    ['secretsmanager', 'SecretsManager'],
    ['acmpca', 'AcmPca'],
    ['autoscaling', 'AutoScaling'],
    ['bedrockruntime', 'BedrockRuntime'],
    ['somethingnew', 'Somethingnew'],
  ])('names errors of aws-sdk:%s with the prefix %s', (service, prefix) => {
    expect(sdkErrorPrefix(service)).toBe(prefix);
  });

  it('turns camelCase actions into API names', () => {
    expect(['listBuckets', 'listObjectsV2', 'getItem'].map(sdkActionName)).toEqual(['ListBuckets', 'ListObjectsV2', 'GetItem']);
  });
});

describe('aws-sdk tasks on the local world', () => {
  const seed = {
    sqs: { queues: [{ QueueName: 'jobs' }] },
    s3: { buckets: [{ Bucket: 'inputs', objects: [{ Key: 'a.json', Body: '[1,2]' }] }] },
    dynamodb: { tables: [{ TableName: 'Orders', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] }] },
  };

  it('reads and writes S3 objects, DynamoDB items and SQS queues with the API shapes', async () => {
    const world = localWorld(seed);
    expect(await run(world, 'arn:aws:states:::aws-sdk:s3:getObject', { Bucket: 'inputs', Key: 'a.json' })).toMatchObject({ Body: '[1,2]', ContentLength: 5 });
    await run(world, 'arn:aws:states:::aws-sdk:s3:putObject', { Bucket: 'inputs', Key: 'b.txt', Body: 'hello' });
    expect(await run(world, 'arn:aws:states:::aws-sdk:s3:listObjectsV2', { Bucket: 'inputs' })).toMatchObject({ KeyCount: 2, Contents: [{ Key: 'a.json' }, { Key: 'b.txt' }] });
    expect(await run(world, 'arn:aws:states:::aws-sdk:dynamodb:putItem', { TableName: 'Orders', Item: { id: { S: '1' } } })).toEqual({});
    expect(await run(world, 'arn:aws:states:::aws-sdk:dynamodb:getItem', { TableName: 'Orders', Key: { id: { S: '1' } } })).toEqual({ Item: { id: { S: '1' } } });
    expect(await run(world, 'arn:aws:states:::aws-sdk:sqs:getQueueUrl', { QueueName: 'jobs' })).toEqual({ QueueUrl: QUEUE_URL });
  });

  it.each([
    ['arn:aws:states:::aws-sdk:s3:getObject', { Bucket: 'nope', Key: 'k' }, 'S3.NoSuchBucketException'],
    ['arn:aws:states:::aws-sdk:s3:getObject', { Bucket: 'inputs', Key: 'nope' }, 'S3.NoSuchKeyException'],
    ['arn:aws:states:::aws-sdk:dynamodb:putItem', { TableName: 'Nope', Item: { id: { S: '1' } } }, 'DynamoDb.ResourceNotFoundException'],
    ['arn:aws:states:::aws-sdk:dynamodb:putItem', { TableName: 'Orders', Item: null }, 'DynamoDb.DynamoDbException'],
    ['arn:aws:states:::aws-sdk:sqs:getQueueUrl', { QueueName: 'nope' }, 'Sqs.QueueDoesNotExistException'],
  ])('fails %s %j with %s', async (arn, parameters, error) => {
    expect(asFailure(await run(localWorld(seed), arn, parameters)).error).toBe(error);
  });
});

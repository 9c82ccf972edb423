import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../src/integrations/service-result.js';
import { asFailure, fails, localWorld, replied, run, scriptedBackend, supported } from './service-support.js';

const TABLE = 'Orders';
const ITEM = { id: { S: 'o-1' }, total: { N: '12.5' } };

describe('dynamodb optimized integrations', () => {
  it('getItem answers with the Item and DynamoDB-style metadata (body length, CRC32)', async () => {
    const backend = scriptedBackend({ 'dynamodb GetItem': () => replied({ Item: ITEM }, 'RID') });
    const result = await run(backend, 'arn:aws:states:::dynamodb:getItem', { TableName: TABLE, Key: { id: { S: 'o-1' } }, ConsistentRead: true });
    expect(backend.calls[0]).toMatchObject({ service: 'dynamodb', action: 'GetItem', input: { TableName: TABLE, Key: { id: { S: 'o-1' } }, ConsistentRead: true } });
    const body = JSON.stringify({ Item: ITEM });
    const crc = String(crc32(body));
    expect(result).toEqual({
      Item: ITEM,
      SdkHttpMetadata: {
        AllHttpHeaders: {
          Server: ['Server'],
          Connection: ['keep-alive'],
          'x-amzn-RequestId': ['RID'],
          'x-amz-crc32': [crc],
          'Content-Length': [String(body.length)],
          Date: ['Fri, 27 Nov 2026 12:00:00 GMT'],
          'Content-Type': ['application/x-amz-json-1.0'],
        },
        HttpHeaders: {
          Connection: 'keep-alive',
          'Content-Length': String(body.length),
          'Content-Type': 'application/x-amz-json-1.0',
          Date: 'Fri, 27 Nov 2026 12:00:00 GMT',
          Server: 'Server',
          'x-amz-crc32': crc,
          'x-amzn-RequestId': 'RID',
        },
        HttpStatusCode: 200,
      },
      SdkResponseMetadata: { RequestId: 'RID' },
    });
  });

  it('computes the IEEE CRC32 DynamoDB signs its body with', () => {
    expect(crc32('')).toBe(0);
    // The x-amz-crc32 DynamoDB sends with an empty {} response.
    expect(crc32('{}')).toBe(2745614147);
    expect(crc32('123456789')).toBe(0xcbf43926);
  });

  it.each([
    ['putItem', 'PutItem', { TableName: TABLE, Item: ITEM, ConditionExpression: 'attribute_not_exists(id)' }, {}],
    ['updateItem', 'UpdateItem', { TableName: TABLE, Key: { id: { S: 'o-1' } }, UpdateExpression: 'SET total = :t', ExpressionAttributeValues: { ':t': { N: '1' } }, ReturnValues: 'UPDATED_NEW' }, { Attributes: { total: { N: '1' } } }],
    ['deleteItem', 'DeleteItem', { TableName: TABLE, Key: { id: { S: 'o-1' } } }, {}],
  ])('%s calls %s and answers with its response', async (action, api, parameters, response) => {
    const backend = scriptedBackend({ [`dynamodb ${api}`]: () => replied({ ...response }) });
    const result = await run(backend, `arn:aws:states:::dynamodb:${action}`, parameters);
    expect(backend.calls[0]).toMatchObject({ action: api, input: parameters });
    expect(result).toMatchObject({ ...response, SdkHttpMetadata: { HttpStatusCode: 200 }, SdkResponseMetadata: { RequestId: 'req-0001' } });
  });

  it.each([
    ['ConditionalCheckFailedException', 'DynamoDB.ConditionalCheckFailedException', 'The conditional request failed'],
    ['ResourceNotFoundException', 'DynamoDB.ResourceNotFoundException', 'Requested resource not found'],
    ['com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', 'DynamoDB.ResourceNotFoundException', 'Requested resource not found'],
    ['ProvisionedThroughputExceededException', 'DynamoDB.ProvisionedThroughputExceededException', 'slow down'],
    ['ValidationException', 'DynamoDB.AmazonDynamoDBException', "1 validation error detected: Value null at 'item' failed to satisfy constraint: Member must not be null"],
  ])('reports %s as %s', async (code, error, message) => {
    const backend = scriptedBackend({ 'dynamodb PutItem': fails('dynamodb', code, message, 400, 'rid-3') });
    expect(asFailure(await run(backend, 'arn:aws:states:::dynamodb:putItem', { TableName: TABLE, Item: ITEM }))).toEqual({
      error,
      cause: `${message} (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ${code}; Request ID: rid-3; Proxy: null)`,
    });
  });

  it('leaves a null Item out, so DynamoDB reports it', async () => {
    const backend = scriptedBackend({ 'dynamodb PutItem': () => replied({}) });
    await run(backend, 'arn:aws:states:::dynamodb:putItem', { TableName: TABLE, Item: null });
    expect(backend.calls[0]?.input).toEqual({ TableName: TABLE });
  });

  it('takes only the four item actions, and no callback form (AWS offers none for DynamoDB)', () => {
    expect(supported('arn:aws:states:::dynamodb:getItem')).toBe(true);
    expect(supported('arn:aws:states:::dynamodb:query')).toBe(false);
    expect(supported('arn:aws:states:::dynamodb:putItem.waitForTaskToken')).toBe(false);
    expect(supported('arn:aws:states:::dynamodb:putItem.sync')).toBe(false);
  });

  it('refuses a Key that is not a map', async () => {
    const failure = asFailure(await run(scriptedBackend({}), 'arn:aws:states:::dynamodb:getItem', { TableName: TABLE, Key: 'o-1' }));
    expect(failure.cause).toMatch(/\[The value of the field 'Key' has an invalid format\]$/);
  });
});

describe('dynamodb optimized integrations on the local world', () => {
  const seed = { dynamodb: { tables: [{ TableName: TABLE, KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] }] } };
  const KEY = { id: { S: 'o-1' } };

  it('puts, updates, gets and deletes an item', async () => {
    const world = localWorld(seed);
    expect(await run(world, 'arn:aws:states:::dynamodb:putItem', { TableName: TABLE, Item: ITEM })).toMatchObject({ SdkHttpMetadata: { HttpHeaders: { 'Content-Length': '2', 'x-amz-crc32': '2745614147' } } });
    const updated = await run(world, 'arn:aws:states:::dynamodb:updateItem', {
      TableName: TABLE,
      Key: KEY,
      // TOTAL is a reserved word in DynamoDB expressions, so it goes through a name placeholder.
      UpdateExpression: 'SET #t = #t + :d',
      ExpressionAttributeNames: { '#t': 'total' },
      ExpressionAttributeValues: { ':d': { N: '1' } },
      ReturnValues: 'UPDATED_NEW',
    });
    expect(updated).toMatchObject({ Attributes: { total: { N: '13.5' } } });
    expect(await run(world, 'arn:aws:states:::dynamodb:getItem', { TableName: TABLE, Key: KEY })).toMatchObject({ Item: { id: { S: 'o-1' }, total: { N: '13.5' } } });
    await run(world, 'arn:aws:states:::dynamodb:deleteItem', { TableName: TABLE, Key: KEY });
    const missing = await run(world, 'arn:aws:states:::dynamodb:getItem', { TableName: TABLE, Key: KEY });
    expect(Object.keys(missing as object)).toEqual(['SdkHttpMetadata', 'SdkResponseMetadata']);
    expect(world.items(TABLE)).toEqual([]);
  });

  it.each([
    ['a failed condition', { TableName: TABLE, Item: ITEM, ConditionExpression: 'attribute_exists(id)' }, 'DynamoDB.ConditionalCheckFailedException'],
    ['a missing table', { TableName: 'NoSuchTable', Item: ITEM }, 'DynamoDB.ResourceNotFoundException'],
    ['a table name with a slash', { TableName: '/bad', Item: ITEM }, 'DynamoDB.AmazonDynamoDBException'],
    ['a null Item', { TableName: TABLE, Item: null }, 'DynamoDB.AmazonDynamoDBException'],
  ])('fails %s', async (_what, parameters, error) => {
    const failure = asFailure(await run(localWorld(seed), 'arn:aws:states:::dynamodb:putItem', parameters));
    expect(failure.error).toBe(error);
    expect(failure.cause).toMatch(/ \(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: \w+; Request ID: [0-9a-f-]{36}; Proxy: null\)$/);
  });
});

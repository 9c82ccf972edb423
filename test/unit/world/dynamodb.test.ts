import { beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import type { JsonObject } from '../../../src/core/json.js';
import { createLocalWorld } from '../../../src/world/world.js';
import { failure, preloadDynalite } from './support.js';

const signal = new AbortController().signal;
const ORDERS = {
  TableName: 'orders',
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }, { AttributeName: 'status', AttributeType: 'S' }],
  GlobalSecondaryIndexes: [{ IndexName: 'by-status', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
  Items: [
    { pk: { S: 'c1' }, sk: { N: '1' }, status: { S: 'open' }, amount: { N: '10' } },
    { pk: { S: 'c1' }, sk: { N: '2' }, status: { S: 'paid' }, amount: { N: '25' } },
    { pk: { S: 'c1' }, sk: { N: '3' }, status: { S: 'open' }, amount: { N: '40' } },
    { pk: { S: 'c2' }, sk: { N: '1' }, status: { S: 'open' }, amount: { N: '5' } },
  ],
};

function world() {
  const w = createLocalWorld({ clock: new VirtualClock({ startMs: Date.UTC(2026, 4, 1) }), seed: { dynamodb: { tables: [ORDERS] } } });
  const ddb = (action: string, input: JsonObject) => w.call({ service: 'dynamodb', action, input, signal });
  return { w, ddb };
}

const byKey = (items: JsonObject[], pk: string, sk: string): JsonObject | undefined =>
  items.find((item) => (item.pk as JsonObject).S === pk && (item.sk as JsonObject).N === sk);


describe('local DynamoDB (dynalite in-process)', () => {
  beforeAll(preloadDynalite);

  it('creates a table ACTIVE at once and answers PutItem/GetItem on it immediately', async () => {
    const { ddb } = world();
    const created = await ddb('CreateTable', { TableName: 'fresh', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' });
    expect((created.TableDescription as JsonObject).TableStatus).toBe('ACTIVE');
    expect((created.TableDescription as JsonObject).TableArn).toBe('arn:aws:dynamodb:us-east-1:123456789012:table/fresh');
    expect((created.TableDescription as JsonObject).CreationDateTime).toBe(Date.UTC(2026, 4, 1) / 1000);
    await expect(ddb('PutItem', { TableName: 'fresh', Item: { id: { S: 'a' }, n: { N: '1' } } })).resolves.toEqual({});
    await expect(ddb('GetItem', { TableName: 'fresh', Key: { id: { S: 'a' } } })).resolves.toEqual({ Item: { id: { S: 'a' }, n: { N: '1' } } });
    await expect(ddb('GetItem', { TableName: 'fresh', Key: { id: { S: 'zz' } } })).resolves.toEqual({});
    expect((await ddb('ListTables', {})).TableNames).toEqual(['fresh', 'orders']);
  });

  it('applies update expressions and returns ALL_NEW attributes', async () => {
    const { ddb, w } = world();
    const out = await ddb('UpdateItem', {
      TableName: 'orders',
      Key: { pk: { S: 'c1' }, sk: { N: '1' } },
      UpdateExpression: 'SET #s = :paid, amount = amount + :add, tags = list_append(if_not_exists(tags, :empty), :tag) REMOVE gone',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':paid': { S: 'paid' }, ':add': { N: '5' }, ':empty': { L: [] }, ':tag': { L: [{ S: 'rush' }] } },
      ReturnValues: 'ALL_NEW',
    });
    expect(out.Attributes).toEqual({ pk: { S: 'c1' }, sk: { N: '1' }, status: { S: 'paid' }, amount: { N: '15' }, tags: { L: [{ S: 'rush' }] } });
    expect(byKey(w.items('orders'), 'c1', '1')).toEqual(out.Attributes);
  });

  it('fails a condition with ConditionalCheckFailedException and leaves the item alone', async () => {
    const { ddb, w } = world();
    const error = await failure(ddb('PutItem', { TableName: 'orders', Item: { pk: { S: 'c1' }, sk: { N: '1' } }, ConditionExpression: 'attribute_not_exists(pk)' }));
    expect(error.code).toBe('ConditionalCheckFailedException');
    expect(error.message).toBe('The conditional request failed');
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(byKey(w.items('orders'), 'c1', '1')?.amount).toEqual({ N: '10' });
  });

  it('queries with key conditions, filters, projections and order, and queries an index', async () => {
    const { ddb } = world();
    const out = await ddb('Query', {
      TableName: 'orders',
      KeyConditionExpression: 'pk = :c AND sk BETWEEN :lo AND :hi',
      FilterExpression: 'amount > :min',
      ProjectionExpression: 'sk, amount',
      ExpressionAttributeValues: { ':c': { S: 'c1' }, ':lo': { N: '1' }, ':hi': { N: '3' }, ':min': { N: '20' } },
      ScanIndexForward: false,
    });
    expect(out.Items).toEqual([{ sk: { N: '3' }, amount: { N: '40' } }, { sk: { N: '2' }, amount: { N: '25' } }]);
    expect(out.ScannedCount).toBe(3);
    const byStatus = await ddb('Query', { TableName: 'orders', IndexName: 'by-status', KeyConditionExpression: '#s = :o', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':o': { S: 'open' } } });
    expect(byStatus.Count).toBe(3);
  });

  it('scans with a limit and resumes from LastEvaluatedKey', async () => {
    const { ddb } = world();
    const first = await ddb('Scan', { TableName: 'orders', Limit: 3 });
    expect(first.Count).toBe(3);
    const rest = await ddb('Scan', { TableName: 'orders', ExclusiveStartKey: first.LastEvaluatedKey as JsonObject });
    expect(rest.Count).toBe(1);
    expect(rest.LastEvaluatedKey).toBeUndefined();
  });

  it('reports a missing table and a malformed request with DynamoDB error codes', async () => {
    const { ddb } = world();
    expect((await failure(ddb('GetItem', { TableName: 'nope', Key: { id: { S: '1' } } }))).code).toBe('ResourceNotFoundException');
    expect((await failure(ddb('PutItem', { TableName: '/bad', Item: { id: { S: '1' } } }))).code).toBe('ValidationException');
    expect((await failure(ddb('PutItem', { TableName: 'orders', Item: null }))).code).toBe('ValidationException');
    expect((await failure(ddb('PutItem', { TableName: 'orders', Item: { pk: { S: 'x' } } }))).code).toBe('ValidationException');
  });

  it('batch-writes and batch-gets across calls', async () => {
    const { ddb } = world();
    await ddb('BatchWriteItem', { RequestItems: { orders: [{ PutRequest: { Item: { pk: { S: 'c9' }, sk: { N: '1' } } } }, { DeleteRequest: { Key: { pk: { S: 'c2' }, sk: { N: '1' } } } }] } });
    const got = await ddb('BatchGetItem', { RequestItems: { orders: { Keys: [{ pk: { S: 'c9' }, sk: { N: '1' } }, { pk: { S: 'c2' }, sk: { N: '1' } }] } } });
    expect((got.Responses as JsonObject).orders).toEqual([{ pk: { S: 'c9' }, sk: { N: '1' } }]);
  });

  it('runs TransactWriteItems all or nothing', async () => {
    const { ddb, w } = world();
    const key = { pk: { S: 'c1' }, sk: { N: '1' } };
    const error = await failure(ddb('TransactWriteItems', {
      TransactItems: [
        { Put: { TableName: 'orders', Item: { pk: { S: 'c7' }, sk: { N: '1' } } } },
        { ConditionCheck: { TableName: 'orders', Key: key, ConditionExpression: 'amount > :big', ExpressionAttributeValues: { ':big': { N: '100' } } } },
      ],
    }));
    expect(error.code).toBe('TransactionCanceledException');
    expect(error.message).toContain('[None, ConditionalCheckFailed]');
    expect(byKey(w.items('orders'), 'c7', '1')).toBeUndefined();
    await ddb('TransactWriteItems', {
      TransactItems: [
        { Put: { TableName: 'orders', Item: { pk: { S: 'c7' }, sk: { N: '1' } } } },
        { Update: { TableName: 'orders', Key: key, UpdateExpression: 'SET amount = :t', ExpressionAttributeValues: { ':t': { N: '0' } } } },
        { Delete: { TableName: 'orders', Key: { pk: { S: 'c2' }, sk: { N: '1' } } } },
      ],
    });
    const items = w.items('orders');
    expect(items).toHaveLength(4);
    expect(byKey(items, 'c1', '1')?.amount).toEqual({ N: '0' });
    expect(byKey(items, 'c7', '1')).toEqual({ pk: { S: 'c7' }, sk: { N: '1' } });
    expect(byKey(items, 'c2', '1')).toBeUndefined();
    const read = await ddb('TransactGetItems', { TransactItems: [{ Get: { TableName: 'orders', Key: key } }, { Get: { TableName: 'orders', Key: { pk: { S: 'no' }, sk: { N: '1' } } } }] });
    expect(read.Responses).toEqual([{ Item: byKey(items, 'c1', '1') }, {}]);
  });

  it('deletes a table at once so it can be created again', async () => {
    const { ddb } = world();
    await ddb('DeleteTable', { TableName: 'orders' });
    expect((await failure(ddb('DescribeTable', { TableName: 'orders' }))).code).toBe('ResourceNotFoundException');
    await ddb('CreateTable', { TableName: 'orders', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' });
    expect(((await ddb('DescribeTable', { TableName: 'orders' })).Table as JsonObject).ItemCount).toBe(0);
    expect((await ddb('Scan', { TableName: 'orders' })).Count).toBe(0);
  });
});

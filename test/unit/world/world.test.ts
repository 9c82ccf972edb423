import { beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import type { JsonObject } from '../../../src/core/json.js';
import { SeededRandom } from '../../../src/core/random.js';
import { responseMetadata } from '../../../src/integrations/backend.js';
import type { WorldSeed } from '../../../src/world/world.js';
import { createLocalWorld } from '../../../src/world/world.js';
import { failure, preloadDynalite, testWorld } from './support.js';

/** A world as a recorded service case describes it (account 111111111111, as recorded). */
const SETUP: WorldSeed = {
  dynamodb: { tables: [{ TableName: 'sfn_table', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], Items: [{ id: { S: 'seeded' }, n: { N: '1' } }] }] },
  sqs: { queues: [{ QueueName: 'queue-1', QueueUrl: 'https://sqs.us-east-1.amazonaws.com/111111111111/queue-1' }] },
  sns: {
    topics: [{ Name: 'topic-1', TopicArn: 'arn:aws:sns:us-east-1:111111111111:topic-1' }],
    subscriptions: [{ TopicArn: 'arn:aws:sns:us-east-1:111111111111:topic-1', Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:111111111111:queue-1' }],
  },
  s3: { buckets: [{ Bucket: 'bucket-1', objects: [{ Key: 'file.json', Body: '[1,2,3]' }] }] },
  events: { rules: [{ EventBusName: 'default', EventPattern: { source: ['app'] }, TargetQueueUrl: 'https://sqs.us-east-1.amazonaws.com/111111111111/queue-1' }] },
};

async function exercise(world: ReturnType<typeof createLocalWorld>): Promise<void> {
  const signal = new AbortController().signal;
  await world.call({ service: 'sns', action: 'Publish', input: { TopicArn: 'arn:aws:sns:us-east-1:111111111111:topic-1', Message: 'hi' }, signal });
  await world.call({ service: 'dynamodb', action: 'PutItem', input: { TableName: 'sfn_table', Item: { id: { S: 'new' } } }, signal });
  await world.call({ service: 'events', action: 'PutEvents', input: { Entries: [{ Source: 'app', DetailType: 'Ping', Detail: '{}' }] }, signal });
  await world.call({ service: 's3', action: 'PutObject', input: { Bucket: 'bucket-1', Key: 'out.txt', Body: 'done' }, signal });
}

describe('the local world', () => {
  beforeAll(preloadDynalite);

  it('serves five services (EventBridge also as "events") and names the way out for the rest', async () => {
    const { world, caller } = testWorld();
    expect(['sns', 'sqs', 'dynamodb', 's3', 'eventbridge', 'events'].every((id) => world.serves(id))).toBe(true);
    expect(world.serves('lambda')).toBe(false);
    expect(world.kind).toBe('local');
    const other = await failure(caller('secretsmanager')('GetSecretValue', {}));
    expect(other.code).toBe('UnsupportedService');
    expect(other.message).toContain('--services aws');
    expect((await failure(caller('sqs')('TagQueue', {}))).code).toBe('UnsupportedOperation');
  });

  it('builds a recorded case setup as given: URLs, ARNs and account kept', async () => {
    const { world, caller } = testWorld({ seed: SETUP });
    await exercise(world);
    expect(world.items('sfn_table').map((item) => (item.id as JsonObject).S).sort()).toEqual(['new', 'seeded']);
    expect(world.published('topic-1').map((p) => p.Message)).toEqual(['hi']);
    expect(world.messages('https://sqs.us-east-1.amazonaws.com/111111111111/queue-1')).toHaveLength(2);
    expect(await caller('sqs')('GetQueueUrl', { QueueName: 'queue-1' })).toEqual({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/111111111111/queue-1' });
    expect(world.events().map((e) => e['detail-type'])).toEqual(['Ping']);
  });

  it('gives back a JSON snapshot that seeds an equal world', async () => {
    const { world } = testWorld({ seed: SETUP });
    await exercise(world);
    const snapshot = world.snapshot();
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(snapshot.dynamodb.tables[0]).toMatchObject({ TableName: 'sfn_table', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] });
    expect(snapshot.sqs.queues[0]?.Messages).toHaveLength(2);
    expect((snapshot.sns.topics[0]?.Published as JsonObject[])[0]).toMatchObject({ Message: 'hi' });
    expect(snapshot.s3.buckets).toEqual([{ Bucket: 'bucket-1', objects: [{ Key: 'file.json', Body: '[1,2,3]', ContentType: 'application/json' }, { Key: 'out.txt', Body: 'done', ContentType: 'text/plain' }] }]);
    expect(snapshot.events.received).toHaveLength(1);
    const copy = createLocalWorld({ clock: new VirtualClock(), seed: snapshot }).snapshot();
    expect(copy.dynamodb).toEqual(snapshot.dynamodb);
    expect(copy.s3).toEqual(snapshot.s3);
    expect(copy.sqs.queues.map((q) => (q.Messages as JsonObject[]).map((m) => m.Body))).toEqual(snapshot.sqs.queues.map((q) => (q.Messages as JsonObject[]).map((m) => m.Body)));
    expect(copy.events.rules.map((r) => r.EventPattern)).toEqual(snapshot.events.rules.map((r) => r.EventPattern));
  });

  it('is deterministic: the same random seed and clock give the same ids and request ids', async () => {
    const run = async () => {
      const world = createLocalWorld({ clock: new VirtualClock(), random: new SeededRandom(7), seed: SETUP });
      const signal = new AbortController().signal;
      const out = await world.call({ service: 'sqs', action: 'SendMessage', input: { QueueUrl: 'queue-1', MessageBody: 'x' }, signal });
      return [out.MessageId, responseMetadata(out)];
    };
    const [first, second] = [await run(), await run()];
    expect(first).toEqual(second);
    expect(first[1]).toEqual({ requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown, httpStatusCode: 200 });
  });

  it('never shares objects with its callers', async () => {
    const { world, caller } = testWorld({ seed: SETUP });
    const item: JsonObject = { id: { S: 'mutable' }, list: { L: [{ S: 'a' }] } };
    await caller('dynamodb')('PutItem', { TableName: 'sfn_table', Item: item });
    ((item.list as JsonObject).L as JsonObject[]).push({ S: 'b' });
    const got = await caller('dynamodb')('GetItem', { TableName: 'sfn_table', Key: { id: { S: 'mutable' } } });
    ((got.Item as JsonObject).list as JsonObject).L = [];
    expect(world.items('sfn_table').find((i) => (i.id as JsonObject).S === 'mutable')?.list).toEqual({ L: [{ S: 'a' }] });
  });

  it('rejects a call whose signal has already aborted', async () => {
    const world = createLocalWorld({ clock: new VirtualClock(), seed: SETUP });
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await expect(world.call({ service: 'sqs', action: 'ListQueues', input: {}, signal: controller.signal })).rejects.toThrow('stopped');
  });

  it('explains a malformed seed instead of crashing', () => {
    const { world } = testWorld();
    expect(() => world.seed({ sqs: { queues: 'jobs' } } as unknown as WorldSeed)).toThrow('World seed: sqs.queues must be a list');
    expect(() => world.seed({ sns: { topics: [42] } } as unknown as WorldSeed)).toThrow('World seed: sns.topics[0] must be an object');
    expect(() => world.seed({ dynamodb: { tables: [{ Items: [] }] } })).toThrow('World seed: a table needs a TableName');
  });

  it('says which readers name nothing in the world', () => {
    const { world } = testWorld();
    expect(() => world.items('nope')).toThrow(/no DynamoDB table nope/);
    expect(() => world.published('nope')).toThrow(/no SNS topic nope/);
    expect(() => world.messages('nope')).toThrow(/queue does not exist/);
  });
});

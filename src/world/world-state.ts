// Filling the world from a seed and reading it back as a snapshot (formats in seed.ts).
import { resolve } from 'node:path';
import type { JsonObject } from '../core/json.js';
import type { WorldContext } from './context.js';
import { lastSegment } from './context.js';
import type { DynamoDbService } from './dynamodb.js';
import type { EventBridgeService } from './eventbridge.js';
import { copyJson } from './input.js';
import { attributesJson, readMessageAttributes } from './message-attributes.js';
import type { S3Service } from './s3.js';
import type { StoredObject } from './s3-storage.js';
import type { WorldSeed, WorldSnapshot } from './seed.js';
import { objectList, stringField, stringRecord } from './seed.js';
import type { SnsService } from './sns.js';
import type { SqsService } from './sqs.js';
import type { QueuedMessage } from './sqs-queue.js';

export interface WorldServices {
  readonly context: WorldContext;
  readonly sqs: SqsService;
  readonly sns: SnsService;
  readonly dynamodb: DynamoDbService;
  readonly s3: S3Service;
  readonly eventbridge: EventBridgeService;
}

const TABLE_FIELDS = ['TableName', 'KeySchema', 'AttributeDefinitions', 'GlobalSecondaryIndexes', 'LocalSecondaryIndexes', 'BillingMode', 'ProvisionedThroughput', 'StreamSpecification'];

const seedError = (message: string): Error => new Error(`World seed: ${message}`);

/** A list of objects from a seed read from a file: absent is empty, anything but a list is an error. */
function list(value: unknown, where: string): JsonObject[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw seedError(`${where} must be a list`);
  return value.map((item: unknown, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      if (where === 'events.buses' && typeof item === 'string') return { Name: item };
      throw seedError(`${where}[${index}] must be an object`);
    }
    return item as JsonObject;
  });
}

export function applySeed(services: WorldServices, seed: WorldSeed, baseDir: string): void {
  const { sqs, sns, dynamodb, s3, eventbridge } = services;
  for (const table of list(seed.dynamodb?.tables, 'dynamodb.tables')) {
    const name = stringField(table, 'TableName');
    if (name === undefined) throw seedError('a table needs a TableName');
    if (!dynamodb.table(name)) {
      const request: JsonObject = {};
      for (const field of TABLE_FIELDS) if (table[field] !== undefined) request[field] = table[field];
      if (request.ProvisionedThroughput === undefined) request.BillingMode = 'PAY_PER_REQUEST';
      dynamodb.callSync('CreateTable', request);
    }
    for (const item of objectList(table.Items)) dynamodb.callSync('PutItem', { TableName: name, Item: item });
  }
  for (const spec of list(seed.sqs?.queues, 'sqs.queues')) {
    const url = stringField(spec, 'QueueUrl');
    const name = stringField(spec, 'QueueName') ?? (url === undefined ? undefined : lastSegment(url, '/'));
    if (name === undefined) throw seedError('a queue needs a QueueName or QueueUrl');
    const queue = sqs.createQueue(name, stringRecord(spec.Attributes), url);
    for (const message of objectList(spec.Messages)) {
      const body = stringField(message, 'Body') ?? '';
      const attributes = readMessageAttributes(message, 'MessageAttributes', seedError);
      const groupId = stringField(message, 'MessageGroupId');
      queue.send({ body, attributes, delaySeconds: 0, groupId, deduplicationId: stringField(message, 'MessageDeduplicationId') ?? (queue.fifo ? queue.messages.length.toString() : undefined) });
    }
  }
  for (const spec of list(seed.sns?.topics, 'sns.topics')) {
    const arn = stringField(spec, 'TopicArn');
    const name = stringField(spec, 'Name') ?? (arn === undefined ? undefined : lastSegment(arn, ':'));
    if (name === undefined) throw seedError('a topic needs a Name or TopicArn');
    sns.createTopic(name, stringRecord(spec.Attributes), arn);
  }
  for (const spec of list(seed.sns?.subscriptions, 'sns.subscriptions')) {
    sns.subscribe(stringField(spec, 'TopicArn') ?? '', stringField(spec, 'Protocol') ?? 'sqs', stringField(spec, 'Endpoint') ?? '', stringRecord(spec.Attributes));
  }
  for (const spec of list(seed.s3?.buckets, 's3.buckets')) {
    const name = stringField(spec, 'Bucket');
    if (name === undefined) throw seedError('a bucket needs a Bucket name');
    const folder = stringField(spec, 'folder');
    s3.createBucket(name, folder === undefined ? undefined : resolve(baseDir, folder));
    for (const object of objectList(spec.objects)) {
      const base64 = stringField(object, 'BodyBase64');
      const body = base64 !== undefined ? Buffer.from(base64, 'base64') : Buffer.from(stringField(object, 'Body') ?? '');
      s3.put(name, stringField(object, 'Key') ?? '', body, stringField(object, 'ContentType'));
    }
  }
  for (const bus of list(seed.events?.buses, 'events.buses')) eventbridge.createBus(String(bus.Name));
  for (const [index, spec] of list(seed.events?.rules, 'events.rules').entries()) {
    const bus = stringField(spec, 'EventBusName') ?? 'default';
    eventbridge.createBus(bus);
    const name = stringField(spec, 'Name') ?? `seeded-rule-${index + 1}`;
    const rule = eventbridge.putRule({ Name: name, EventBusName: bus, EventPattern: spec.EventPattern ?? {}, State: stringField(spec, 'State') ?? 'ENABLED' });
    const targets = objectList(spec.Targets).map(copyJson);
    const queueUrl = stringField(spec, 'TargetQueueUrl');
    if (queueUrl !== undefined) targets.push({ Id: `${name}-queue`, Arn: sqs.find(queueUrl)?.arn ?? queueArnFromUrl(services.context, queueUrl) });
    eventbridge.call('PutTargets', { Rule: rule.Name, EventBusName: bus, Targets: targets });
  }
}

/** arn:aws:sqs:<region>:<account>:<name> from https://sqs.<region>.amazonaws.com/<account>/<name>. */
function queueArnFromUrl(context: WorldContext, url: string): string {
  const match = /^https?:\/\/sqs\.([\w-]+)\.[^/]+\/(\d+)\/([\w.-]+)$/.exec(url);
  return match ? `arn:aws:sqs:${match[1]}:${match[2]}:${match[3]}` : `arn:aws:sqs:${context.region}:${context.accountId}:${lastSegment(url, '/')}`;
}

export function queuedMessageJson(message: QueuedMessage): JsonObject {
  const out: JsonObject = { MessageId: message.MessageId, Body: message.Body, MD5OfBody: message.MD5OfBody, SentTimestamp: message.sentAt };
  if (message.MessageAttributes) out.MessageAttributes = attributesJson(message.MessageAttributes);
  if (message.MessageGroupId !== undefined) out.MessageGroupId = message.MessageGroupId;
  if (message.MessageDeduplicationId !== undefined) out.MessageDeduplicationId = message.MessageDeduplicationId;
  if (message.SequenceNumber !== undefined) out.SequenceNumber = message.SequenceNumber;
  return out;
}

function tableJson(dynamodb: DynamoDbService, name: string): JsonObject {
  const table = dynamodb.table(name) ?? {};
  const out: JsonObject = { TableName: name, KeySchema: copyJson(table.KeySchema ?? []), AttributeDefinitions: copyJson(table.AttributeDefinitions ?? []) };
  for (const field of ['GlobalSecondaryIndexes', 'LocalSecondaryIndexes'] as const) {
    const indexes = objectList(table[field]);
    if (indexes.length > 0) out[field] = indexes.map(({ IndexName, KeySchema, Projection }) => copyJson({ IndexName: IndexName ?? null, KeySchema: KeySchema ?? [], Projection: Projection ?? {} }));
  }
  out.Items = dynamodb.items(name);
  return out;
}

function objectJson(stored: StoredObject): JsonObject {
  return { Key: stored.Key, Body: stored.body.toString('utf8'), ContentType: stored.ContentType };
}

export function takeSnapshot(services: WorldServices): WorldSnapshot {
  const { sqs, sns, dynamodb, s3, eventbridge } = services;
  return {
    dynamodb: { tables: dynamodb.tableNames().map((name) => tableJson(dynamodb, name)) },
    sqs: {
      queues: sqs.all().map((queue) => ({ QueueName: queue.name, QueueUrl: queue.url, Attributes: { ...queue.attributes }, Messages: queue.messages.map(queuedMessageJson) })),
    },
    sns: {
      topics: sns.allTopics().map((topic) => ({ Name: topic.Name, TopicArn: topic.TopicArn, Attributes: { ...topic.Attributes }, Published: copyJson(topic.published) })),
      subscriptions: sns.allSubscriptions().map((sub) => ({ SubscriptionArn: sub.SubscriptionArn, TopicArn: sub.TopicArn, Protocol: sub.Protocol, Endpoint: sub.Endpoint, Attributes: { ...sub.Attributes } })),
    },
    s3: {
      buckets: s3.all().map((bucket) => {
        const memory = bucket.storage.folder === undefined;
        // A folder bucket's objects are named with their size only: their files are not read or hashed.
        const objects = bucket.storage.keys().flatMap((key) => {
          if (!memory) {
            const size = bucket.storage.size(key);
            return size === undefined ? [] : [{ Key: key, Size: size }];
          }
          const stored = bucket.storage.get(key);
          return stored === undefined ? [] : [objectJson(stored)];
        });
        return memory ? { Bucket: bucket.name, objects } : { Bucket: bucket.name, folder: bucket.storage.folder as string, objects };
      }),
    },
    events: {
      buses: eventbridge.busNames(),
      rules: eventbridge.allRules().map((rule) => ({ Name: rule.Name, EventBusName: rule.EventBusName, EventPattern: copyJson(rule.EventPattern), State: rule.State, Targets: copyJson(rule.Targets) })),
      received: copyJson(eventbridge.received),
    },
  };
}

// The template's own topics, queues, tables, buckets and event buses as a seed for the local world
// (createLocalWorld's `seed`, `asl run --world`'s format), named exactly as Ref and Fn::GetAtt name
// them in the definition: a machine loaded from a template finds the resources it declares.
import { isJsonObject, type JsonObject, type JsonValue } from '../../core/json.js';
import { NO_VALUE, type TemplateResolver } from './intrinsics.js';

/** Table properties CloudFormation and CreateTable spell alike. */
const TABLE_FIELDS = ['KeySchema', 'AttributeDefinitions', 'GlobalSecondaryIndexes', 'LocalSecondaryIndexes', 'BillingMode', 'ProvisionedThroughput', 'StreamSpecification'];
/** Queue properties that are also SQS queue attributes (values become strings, as attributes are). */
const QUEUE_ATTRIBUTES = ['FifoQueue', 'ContentBasedDeduplication', 'DelaySeconds', 'MaximumMessageSize', 'MessageRetentionPeriod', 'ReceiveMessageWaitTimeSeconds', 'VisibilityTimeout'];
/** SAM SimpleTable PrimaryKey types → DynamoDB attribute types. */
const SIMPLE_TABLE_TYPES: Readonly<Record<string, string>> = { String: 'S', Number: 'N', Binary: 'B' };

interface Seed {
  readonly dynamodb: { tables: JsonObject[] };
  readonly sqs: { queues: JsonObject[] };
  readonly sns: { topics: JsonObject[]; subscriptions: JsonObject[] };
  readonly s3: { buckets: JsonObject[] };
  readonly events: { buses: string[] };
}

/**
 * A WorldSeed-shaped object for the template's resources. A resource whose properties cannot be
 * evaluated locally is left out rather than failing the whole load.
 */
export function templateWorldSeed(template: JsonObject, resolver: TemplateResolver): JsonObject {
  const seed: Seed = { dynamodb: { tables: [] }, sqs: { queues: [] }, sns: { topics: [], subscriptions: [] }, s3: { buckets: [] }, events: { buses: [] } };
  const resources = isJsonObject(template['Resources']) ? template['Resources'] : {};
  for (const [id, resource] of Object.entries(resources)) {
    if (!isJsonObject(resource) || typeof resource['Type'] !== 'string') continue;
    try {
      addResource(seed, id, resource['Type'], isJsonObject(resource['Properties']) ? resource['Properties'] : {}, resolver);
    } catch {
      // Left out: a Task that uses it fails naming the missing resource, which says what to seed.
    }
  }
  const { dynamodb, sqs, sns, s3, events } = seed;
  const out: JsonObject = {};
  if (dynamodb.tables.length > 0) out['dynamodb'] = { tables: dynamodb.tables };
  if (sqs.queues.length > 0) out['sqs'] = { queues: sqs.queues };
  if (sns.topics.length + sns.subscriptions.length > 0) out['sns'] = { topics: sns.topics, subscriptions: sns.subscriptions };
  if (s3.buckets.length > 0) out['s3'] = { buckets: s3.buckets };
  if (events.buses.length > 0) out['events'] = { buses: events.buses };
  return out;
}

function addResource(seed: Seed, id: string, type: string, properties: JsonObject, resolver: TemplateResolver): void {
  const ref = (): string => resolver.resolveString({ Ref: id }, `Ref ${id}`);
  const att = (name: string): string => resolver.resolveString({ 'Fn::GetAtt': [id, name] }, `${id}.${name}`);
  const value = (name: string): JsonValue | undefined => {
    const raw = properties[name];
    if (raw === undefined) return undefined;
    const resolved = resolver.resolve(raw);
    return resolved === NO_VALUE ? undefined : resolved;
  };
  switch (type) {
    case 'AWS::SNS::Topic': {
      const topicArn = ref();
      seed.sns.topics.push({ Name: att('TopicName'), TopicArn: topicArn, Attributes: value('FifoTopic') === true ? { FifoTopic: 'true' } : {} });
      for (const subscription of listOf(value('Subscription'))) {
        seed.sns.subscriptions.push({ TopicArn: topicArn, Protocol: String(subscription['Protocol'] ?? 'sqs'), Endpoint: String(subscription['Endpoint'] ?? ''), Attributes: {} });
      }
      return;
    }
    case 'AWS::SNS::Subscription': {
      const raw = value('RawMessageDelivery');
      const attributes: JsonObject = raw === undefined ? {} : { RawMessageDelivery: String(raw) };
      seed.sns.subscriptions.push({ TopicArn: String(value('TopicArn') ?? ''), Protocol: String(value('Protocol') ?? 'sqs'), Endpoint: String(value('Endpoint') ?? ''), Attributes: attributes });
      return;
    }
    case 'AWS::SQS::Queue': {
      const attributes: JsonObject = {};
      for (const name of QUEUE_ATTRIBUTES) {
        const attribute = value(name);
        if (attribute !== undefined) attributes[name] = String(attribute);
      }
      seed.sqs.queues.push({ QueueName: att('QueueName'), QueueUrl: ref(), Attributes: attributes });
      return;
    }
    case 'AWS::DynamoDB::Table': {
      const table: JsonObject = { TableName: ref() };
      for (const name of TABLE_FIELDS) {
        const field = value(name);
        if (field !== undefined) table[name] = field;
      }
      // CloudFormation requires both; without them there is no table to create.
      if (table['KeySchema'] !== undefined && table['AttributeDefinitions'] !== undefined) seed.dynamodb.tables.push(table);
      return;
    }
    case 'AWS::Serverless::SimpleTable': {
      const key = value('PrimaryKey');
      const name = isJsonObject(key) && typeof key['Name'] === 'string' ? key['Name'] : 'id';
      const keyType = SIMPLE_TABLE_TYPES[isJsonObject(key) && typeof key['Type'] === 'string' ? key['Type'] : 'String'] ?? 'S';
      seed.dynamodb.tables.push({ TableName: ref(), KeySchema: [{ AttributeName: name, KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: name, AttributeType: keyType }] });
      return;
    }
    case 'AWS::S3::Bucket':
      seed.s3.buckets.push({ Bucket: ref() });
      return;
    case 'AWS::Events::EventBus':
      seed.events.buses.push(ref());
      return;
  }
}

function listOf(value: JsonValue | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter((item): item is JsonObject => isJsonObject(item)) : [];
}

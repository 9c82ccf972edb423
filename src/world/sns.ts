// Local Amazon SNS: topics (standard and FIFO) that record every publish and deliver AWS's SNS
// envelope to subscribed local SQS queues (RawMessageDelivery and FilterPolicy honoured).
import type { JsonObject } from '../core/json.js';
import { ServiceError } from '../integrations/backend.js';
import type { LocalService, WorldContext } from './context.js';
import { isoTime, sha256Hex, unsupportedAction } from './context.js';
import { bodyFor, notificationEnvelope, passesFilter } from './sns-delivery.js';
import type { Fail } from './input.js';
import { optionalString, requireString, stringMap } from './input.js';
import type { MessageAttributes } from './message-attributes.js';
import { attributesJson, readMessageAttributes } from './message-attributes.js';
import type { SqsService } from './sqs.js';

const invalid: Fail = (message) => new ServiceError('sns', 'InvalidParameter', message.startsWith('Invalid parameter') ? message : `Invalid parameter: ${message}`);
const MAX_MESSAGE_BYTES = 262_144;

export interface Subscription {
  readonly SubscriptionArn: string;
  readonly TopicArn: string;
  readonly Protocol: string;
  readonly Endpoint: string;
  readonly Attributes: Record<string, string>;
}

export interface Topic {
  readonly TopicArn: string;
  readonly Name: string;
  readonly Attributes: Record<string, string>;
  /** Every accepted publish, in order: what tests and the snapshot read back. */
  readonly published: JsonObject[];
  sequence: bigint;
}

export class SnsService implements LocalService {
  private readonly topics = new Map<string, Topic>();
  private readonly subscriptions = new Map<string, Subscription>();

  constructor(private readonly context: WorldContext, private readonly sqs: SqsService) {}

  call(action: string, input: JsonObject): JsonObject {
    switch (action) {
      case 'CreateTopic': return { TopicArn: this.createTopic(requireString(input, 'Name', invalid), stringMap(input, 'Attributes', invalid)).TopicArn };
      case 'DeleteTopic': return this.deleteTopic(requireString(input, 'TopicArn', invalid));
      case 'ListTopics': return { Topics: this.allTopics().map((topic) => ({ TopicArn: topic.TopicArn })) };
      case 'GetTopicAttributes': return this.topicAttributes(this.topic(requireString(input, 'TopicArn', invalid)));
      case 'Subscribe': return this.subscribeAction(input);
      case 'Unsubscribe': this.subscriptions.delete(requireString(input, 'SubscriptionArn', invalid)); return {};
      case 'ListSubscriptions': return { Subscriptions: this.listSubscriptions(undefined) };
      case 'ListSubscriptionsByTopic': return { Subscriptions: this.listSubscriptions(this.topic(requireString(input, 'TopicArn', invalid)).TopicArn) };
      case 'Publish': return this.publish(input);
      default: throw unsupportedAction('sns', action);
    }
  }

  createTopic(name: string, attributes: Record<string, string>, arn?: string): Topic {
    const fifo = name.endsWith('.fifo');
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(fifo ? name.slice(0, -5) : name)) {
      throw invalid('Topic Name must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.');
    }
    if (fifo !== (attributes.FifoTopic === 'true')) throw invalid('Fifo Topic names must end with .fifo and Standard Topic cannot end with .fifo');
    const topicArn = arn ?? `arn:aws:sns:${this.context.region}:${this.context.accountId}:${name}`;
    const existing = this.topics.get(topicArn);
    if (existing) return existing;
    const topic: Topic = { TopicArn: topicArn, Name: name, Attributes: { ...attributes }, published: [], sequence: 0n };
    this.topics.set(topicArn, topic);
    return topic;
  }

  subscribe(topicArn: string, protocol: string, endpoint: string, attributes: Record<string, string>): Subscription {
    const topic = this.topic(topicArn);
    const subscription: Subscription = { SubscriptionArn: `${topic.TopicArn}:${this.context.uuid()}`, TopicArn: topic.TopicArn, Protocol: protocol, Endpoint: endpoint, Attributes: { ...attributes } };
    this.subscriptions.set(subscription.SubscriptionArn, subscription);
    return subscription;
  }

  topic(arn: string): Topic {
    const topic = this.topics.get(arn);
    if (!topic) throw new ServiceError('sns', 'NotFound', 'Topic does not exist', 404);
    return topic;
  }

  allTopics(): Topic[] {
    return [...this.topics.values()];
  }

  allSubscriptions(): Subscription[] {
    return [...this.subscriptions.values()];
  }

  private deleteTopic(arn: string): JsonObject {
    this.topics.delete(arn);
    for (const [key, subscription] of this.subscriptions) if (subscription.TopicArn === arn) this.subscriptions.delete(key);
    return {};
  }

  private topicAttributes(topic: Topic): JsonObject {
    const subscribed = this.allSubscriptions().filter((subscription) => subscription.TopicArn === topic.TopicArn).length;
    return {
      Attributes: {
        TopicArn: topic.TopicArn,
        Owner: this.context.accountId,
        DisplayName: '',
        SubscriptionsConfirmed: String(subscribed),
        SubscriptionsPending: '0',
        SubscriptionsDeleted: '0',
        ...topic.Attributes,
      },
    };
  }

  private subscribeAction(input: JsonObject): JsonObject {
    const protocol = requireString(input, 'Protocol', invalid);
    const endpoint = optionalString(input, 'Endpoint', invalid) ?? '';
    return { SubscriptionArn: this.subscribe(requireString(input, 'TopicArn', invalid), protocol, endpoint, stringMap(input, 'Attributes', invalid)).SubscriptionArn };
  }

  private listSubscriptions(topicArn: string | undefined): JsonObject[] {
    return this.allSubscriptions()
      .filter((subscription) => topicArn === undefined || subscription.TopicArn === topicArn)
      .map(({ SubscriptionArn, Protocol, Endpoint, TopicArn }) => ({ SubscriptionArn, Owner: this.context.accountId, Protocol, Endpoint, TopicArn }));
  }

  private publish(input: JsonObject): JsonObject {
    const arn = optionalString(input, 'TopicArn', invalid) ?? optionalString(input, 'TargetArn', invalid);
    if (arn === undefined) {
      if (input.PhoneNumber !== undefined) throw unsupportedAction('sns', 'Publish to a PhoneNumber');
      throw invalid('Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter');
    }
    if (!/^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w.-]+$/.test(arn)) throw invalid('Invalid parameter: TopicArn');
    const topic = this.topic(arn);
    const message = input.Message;
    if (typeof message !== 'string' || message === '') throw invalid('Invalid parameter: Empty message');
    if (Buffer.byteLength(message) > MAX_MESSAGE_BYTES) throw invalid('Invalid parameter: Message too long');
    const subject = optionalString(input, 'Subject', invalid);
    const attributes = readMessageAttributes(input, 'MessageAttributes', invalid);
    const groupId = optionalString(input, 'MessageGroupId', invalid);
    let deduplicationId = optionalString(input, 'MessageDeduplicationId', invalid);
    const fifo = topic.Attributes.FifoTopic === 'true';
    if (fifo) {
      if (groupId === undefined) throw invalid('Invalid parameter: The MessageGroupId parameter is required for FIFO topics');
      if (deduplicationId === undefined) {
        if (topic.Attributes.ContentBasedDeduplication !== 'true') {
          throw invalid('Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
        }
        deduplicationId = sha256Hex(message);
      }
    } else if (deduplicationId !== undefined) {
      throw invalid('Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type');
    }
    const messageId = this.context.uuid();
    const timestamp = isoTime(this.context.clock.now());
    const record: JsonObject = { MessageId: messageId, TopicArn: topic.TopicArn, Message: message, Timestamp: timestamp };
    if (subject !== undefined) record.Subject = subject;
    if (attributes) record.MessageAttributes = attributesJson(attributes);
    if (input.MessageStructure !== undefined) record.MessageStructure = String(input.MessageStructure);
    if (groupId !== undefined) record.MessageGroupId = groupId;
    if (deduplicationId !== undefined) record.MessageDeduplicationId = deduplicationId;
    if (fifo) record.SequenceNumber = String(++topic.sequence + 10_000_000_000_000_000_000n);
    topic.published.push(record);
    this.deliver(topic, record, attributes);
    const out: JsonObject = { MessageId: messageId };
    if (record.SequenceNumber !== undefined) out.SequenceNumber = record.SequenceNumber;
    return out;
  }

  private deliver(topic: Topic, record: JsonObject, attributes: MessageAttributes | undefined): void {
    for (const subscription of this.subscriptions.values()) {
      if (subscription.TopicArn !== topic.TopicArn || subscription.Protocol !== 'sqs') continue;
      if (!passesFilter(subscription, record, attributes)) continue;
      const raw = subscription.Attributes.RawMessageDelivery === 'true';
      const body = raw ? bodyFor(record) : JSON.stringify(notificationEnvelope(this.context.region, subscription.SubscriptionArn, record, attributes));
      const groupId = typeof record.MessageGroupId === 'string' ? record.MessageGroupId : undefined;
      const dedup = typeof record.MessageDeduplicationId === 'string' ? record.MessageDeduplicationId : undefined;
      this.sqs.deliver(subscription.Endpoint, body, raw ? attributes : undefined, groupId, dedup);
    }
  }
}

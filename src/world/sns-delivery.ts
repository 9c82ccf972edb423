// What an SNS topic hands to an SQS subscriber: AWS's notification envelope (or the raw message),
// the per-protocol text of a MessageStructure "json" publish, and the subscription's FilterPolicy.
import type { JsonObject, JsonValue } from '../core/json.js';
import { isJsonObject } from '../core/json.js';
import { sha256Hex } from './context.js';
import { matchesPattern } from './event-pattern.js';
import type { MessageAttributes } from './message-attributes.js';

export interface FilteredSubscription {
  readonly Attributes: Readonly<Record<string, string>>;
}

/** The JSON document SNS delivers to an SQS subscriber, fields in AWS's order. */
export function notificationEnvelope(region: string, subscriptionArn: string, record: JsonObject, attributes: MessageAttributes | undefined): JsonObject {
  const host = `https://sns.${region}.amazonaws.com`;
  const envelope: JsonObject = { Type: 'Notification', MessageId: record.MessageId as string };
  if (record.SequenceNumber !== undefined) envelope.SequenceNumber = record.SequenceNumber;
  envelope.TopicArn = record.TopicArn as string;
  if (record.Subject !== undefined) envelope.Subject = record.Subject;
  envelope.Message = bodyFor(record);
  envelope.Timestamp = record.Timestamp as string;
  envelope.SignatureVersion = '1';
  // The local world signs nothing; a fixed base64 value keeps the field's shape.
  envelope.Signature = Buffer.from(sha256Hex(`${record.MessageId as string}${record.Message as string}`)).toString('base64');
  envelope.SigningCertURL = `${host}/SimpleNotificationService-0000000000000000000000.pem`;
  envelope.UnsubscribeURL = `${host}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`;
  if (attributes) {
    const shown: JsonObject = {};
    for (const [name, attribute] of Object.entries(attributes)) {
      shown[name] = { Type: attribute.DataType, Value: attribute.BinaryValue ?? attribute.StringValue ?? '' };
    }
    envelope.MessageAttributes = shown;
  }
  return envelope;
}

/** With MessageStructure "json", each protocol may get its own text ("sqs"), else "default". */
export function bodyFor(record: JsonObject): string {
  const message = record.Message as string;
  if (record.MessageStructure !== 'json') return message;
  try {
    const parsed: unknown = JSON.parse(message);
    if (isJsonObject(parsed)) {
      const text = parsed.sqs ?? parsed.default;
      if (typeof text === 'string') return text;
    }
  } catch {
    // Publish already accepted the message; a bad structure falls back to the text as sent.
  }
  return message;
}

export function passesFilter(subscription: FilteredSubscription, record: JsonObject, attributes: MessageAttributes | undefined): boolean {
  const policyText = subscription.Attributes.FilterPolicy;
  if (policyText === undefined || policyText === '') return true;
  let policy: unknown;
  try {
    policy = JSON.parse(policyText);
  } catch {
    return false;
  }
  if (!isJsonObject(policy)) return false;
  if (subscription.Attributes.FilterPolicyScope === 'MessageBody') {
    try {
      return matchesPattern(policy, JSON.parse(record.Message as string) as JsonObject);
    } catch {
      return false;
    }
  }
  const values: JsonObject = {};
  for (const [name, attribute] of Object.entries(attributes ?? {})) {
    const text = attribute.StringValue ?? attribute.BinaryValue ?? '';
    if (attribute.DataType.startsWith('Number')) values[name] = Number(text);
    else if (attribute.DataType === 'String.Array') values[name] = safeParse(text);
    else values[name] = text;
  }
  return matchesPattern(policy, values);
}

function safeParse(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

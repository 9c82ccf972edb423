// The world's seed and snapshot formats. The seed is the `setup` format of the recorded service
// cases (../shared/conformance/README.md, "Service cases"), so a case's world and a user's seed
// file are the same thing; a snapshot uses the same shapes with what the run left in each service,
// so a snapshot can seed a later run.
import type { JsonObject, JsonValue } from '../core/json.js';

/**
 * A world to start from. Every part is optional:
 *
 * ```json
 * {
 *   "dynamodb": { "tables": [{ "TableName": "orders", "KeySchema": [{ "AttributeName": "id", "KeyType": "HASH" }],
 *                              "AttributeDefinitions": [{ "AttributeName": "id", "AttributeType": "S" }],
 *                              "GlobalSecondaryIndexes": [], "Items": [{ "id": { "S": "o-1" } }] }] },
 *   "sqs": { "queues": [{ "QueueName": "jobs", "QueueUrl": "https://sqs.us-east-1.amazonaws.com/111111111111/jobs",
 *                          "Attributes": { "VisibilityTimeout": "60" }, "Messages": [{ "Body": "hello" }] }] },
 *   "sns": { "topics": [{ "Name": "alerts", "TopicArn": "arn:aws:sns:us-east-1:111111111111:alerts", "Attributes": {} }],
 *            "subscriptions": [{ "TopicArn": "arn:aws:sns:us-east-1:111111111111:alerts", "Protocol": "sqs",
 *                                "Endpoint": "arn:aws:sqs:us-east-1:111111111111:jobs", "Attributes": { "RawMessageDelivery": "false" } }] },
 *   "s3": { "buckets": [{ "Bucket": "inputs", "objects": [{ "Key": "a.json", "Body": "[1,2]", "ContentType": "application/json" }] },
 *                       { "Bucket": "data", "folder": "./data" }] },
 *   "events": { "buses": ["orders"], "rules": [{ "Name": "big", "EventBusName": "orders", "EventPattern": { "detail": { "total": [{ "numeric": [">", 100] }] } },
 *                                              "TargetQueueUrl": "https://sqs.us-east-1.amazonaws.com/111111111111/jobs" }] }
 * }
 * ```
 *
 * `TopicArn` and `QueueUrl` are kept as given (queues are found by name whatever the URL's host or
 * account); without them the world's region and account are used. `folder` is resolved against the
 * `baseDir` the world was created with. Objects take `Body` (text) or `BodyBase64`.
 */
export interface WorldSeed {
  readonly dynamodb?: { readonly tables?: readonly JsonObject[] };
  readonly sqs?: { readonly queues?: readonly JsonObject[] };
  readonly sns?: { readonly topics?: readonly JsonObject[]; readonly subscriptions?: readonly JsonObject[] };
  readonly s3?: { readonly buckets?: readonly JsonObject[] };
  readonly events?: { readonly buses?: readonly string[]; readonly rules?: readonly JsonObject[] };
}

/**
 * What the world holds, as plain JSON in the seed's shapes plus what happened: tables with their
 * `Items` (DynamoDB JSON), queues with their `Messages` (not yet deleted, in order), topics with
 * every message `Published` to them, buckets with their `objects` (memory buckets with `Body`,
 * folder buckets list `Key` and `Size` only: the folder holds the bytes), and every EventBridge
 * event received (`events.received`).
 */
export type WorldSnapshot = {
  dynamodb: { tables: JsonObject[] };
  sqs: { queues: JsonObject[] };
  sns: { topics: JsonObject[]; subscriptions: JsonObject[] };
  s3: { buckets: JsonObject[] };
  events: { buses: string[]; rules: JsonObject[]; received: JsonObject[] };
};

export function stringField(source: JsonObject, field: string): string | undefined {
  const value: JsonValue | undefined = source[field];
  return typeof value === 'string' ? value : undefined;
}

export function stringRecord(value: JsonValue | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string' || typeof entry === 'number' || typeof entry === 'boolean') out[key] = String(entry);
  }
  return out;
}

export function objectList(value: JsonValue | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter((item): item is JsonObject => typeof item === 'object' && item !== null && !Array.isArray(item)) : [];
}

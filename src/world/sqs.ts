// Local Amazon SQS: standard and FIFO queues, answering the API as the AWS SDK v3 client speaks it.
// Queues are found by name, so every URL form resolves (the AWS form, LocalStack's, a seed's own).
import type { JsonObject, JsonValue } from '../core/json.js';
import { isJsonObject } from '../core/json.js';
import { ServiceError } from '../integrations/backend.js';
import type { LocalService, WorldContext } from './context.js';
import { lastSegment, sha256Hex, unsupportedAction } from './context.js';
import type { Fail } from './input.js';
import { optionalArray, optionalNumber, optionalString, requireString, stringMap } from './input.js';
import type { MessageAttributes } from './message-attributes.js';
import { messageAttributesSize, readMessageAttributes } from './message-attributes.js';
import type { QueuedMessage } from './sqs-queue.js';
import { Queue, QUEUE_DEFAULTS, messageJson, systemAttributes } from './sqs-queue.js';

const invalid: Fail = (message) => new ServiceError('sqs', 'InvalidParameterValue', message);
const missing: Fail = (message) => new ServiceError('sqs', 'MissingParameter', message);

export const NON_EXISTENT_QUEUE = 'AWS.SimpleQueueService.NonExistentQueue';

export class SqsService implements LocalService {
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly context: WorldContext) {}

  call(action: string, input: JsonObject, signal: AbortSignal): JsonObject | Promise<JsonObject> {
    switch (action) {
      case 'CreateQueue': return { QueueUrl: this.createQueue(requireString(input, 'QueueName', invalid, missing), stringMap(input, 'Attributes', invalid)).url };
      case 'GetQueueUrl': return { QueueUrl: this.queue(requireString(input, 'QueueName', invalid, missing)).url };
      case 'ListQueues': return this.listQueues(optionalString(input, 'QueueNamePrefix', invalid) ?? '');
      case 'DeleteQueue': return this.deleteQueue(input);
      case 'SendMessage': return this.sendMessage(this.queueOf(input), input);
      case 'SendMessageBatch': return this.sendMessageBatch(input);
      case 'ReceiveMessage': return this.receiveMessage(input, signal);
      case 'DeleteMessage': return this.deleteMessage(input);
      case 'DeleteMessageBatch': return this.deleteMessageBatch(input);
      case 'ChangeMessageVisibility': return this.changeVisibility(input);
      case 'GetQueueAttributes': return this.getQueueAttributes(input);
      case 'PurgeQueue': this.queueOf(input).purge(); return {};
      default: throw unsupportedAction('sqs', action);
    }
  }

  createQueue(name: string, attributes: Record<string, string>, url?: string): Queue {
    const fifo = name.endsWith('.fifo');
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(fifo ? name.slice(0, -5) : name)) {
      throw invalid('Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
    }
    if (fifo !== (attributes.FifoQueue === 'true')) {
      throw invalid(fifo ? 'The queue name ends in .fifo but the FifoQueue attribute is not true.' : 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.');
    }
    const existing = this.queues.get(name);
    if (existing) {
      const differs = Object.entries(attributes).some(([key, value]) => (existing.attributes[key] ?? QUEUE_DEFAULTS[key]) !== value);
      if (differs) throw new ServiceError('sqs', 'QueueAlreadyExists', 'A queue already exists with the same name and a different value for attribute(s)');
      return existing;
    }
    const { region, accountId } = this.context;
    const queue = new Queue(
      name,
      url ?? `https://sqs.${region}.amazonaws.com/${accountId}/${name}`,
      `arn:aws:sqs:${region}:${accountId}:${name}`,
      { ...attributes },
      this.context.clock.now(),
      this.context,
    );
    this.queues.set(name, queue);
    return queue;
  }

  /** A queue by name, URL (any host) or ARN. */
  find(nameUrlOrArn: string): Queue | undefined {
    const name = nameUrlOrArn.startsWith('arn:') ? lastSegment(nameUrlOrArn, ':') : lastSegment(nameUrlOrArn.replace(/\/+$/, ''), '/');
    return this.queues.get(name);
  }

  queue(nameUrlOrArn: string): Queue {
    const queue = this.find(nameUrlOrArn);
    if (!queue) throw new ServiceError('sqs', NON_EXISTENT_QUEUE, 'The specified queue does not exist.');
    return queue;
  }

  all(): Queue[] {
    return [...this.queues.values()];
  }

  /** Delivery from SNS and EventBridge: no size or parameter checks beyond the queue's own. */
  deliver(queueArn: string, body: string, attributes: MessageAttributes | undefined, groupId?: string, deduplicationId?: string): QueuedMessage | undefined {
    const queue = this.find(queueArn);
    if (!queue) return undefined;
    const dedup = queue.fifo ? (deduplicationId ?? sha256Hex(body)) : undefined;
    return queue.send({ body, attributes, delaySeconds: undefined, groupId: queue.fifo ? (groupId ?? 'default') : groupId, deduplicationId: dedup });
  }

  private queueOf(input: JsonObject): Queue {
    return this.queue(requireString(input, 'QueueUrl', invalid, missing));
  }

  private listQueues(prefix: string): JsonObject {
    return { QueueUrls: this.all().filter((queue) => queue.name.startsWith(prefix)).map((queue) => queue.url) };
  }

  private deleteQueue(input: JsonObject): JsonObject {
    this.queues.delete(this.queueOf(input).name);
    return {};
  }

  private sendMessage(queue: Queue, input: JsonObject): JsonObject {
    const body = requireString(input, 'MessageBody', invalid, missing);
    const attributes = readMessageAttributes(input, 'MessageAttributes', invalid);
    const limit = queue.attribute('MaximumMessageSize');
    if (Buffer.byteLength(body) + messageAttributesSize(attributes) > limit) {
      throw invalid(`One or more parameters are invalid. Reason: Message must be shorter than ${limit} bytes.`);
    }
    const delaySeconds = optionalNumber(input, 'DelaySeconds', invalid);
    if (delaySeconds !== undefined && (delaySeconds < 0 || delaySeconds > 900)) throw invalid(`Value ${delaySeconds} for parameter DelaySeconds is invalid. Reason: must be between 0 and 900, if provided.`);
    const groupId = optionalString(input, 'MessageGroupId', invalid);
    let deduplicationId = optionalString(input, 'MessageDeduplicationId', invalid);
    if (queue.fifo) {
      if (groupId === undefined) throw missing('The request must contain the parameter MessageGroupId.');
      if (delaySeconds !== undefined && delaySeconds > 0) {
        throw invalid(`Value ${delaySeconds} for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.`);
      }
      if (deduplicationId === undefined) {
        if (queue.attributes.ContentBasedDeduplication !== 'true') {
          throw invalid('The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
        }
        deduplicationId = sha256Hex(body);
      }
    } else if (deduplicationId !== undefined) {
      throw invalid('The request includes a parameter that is not valid for this queue type');
    }
    const sent = queue.send({ body, attributes, delaySeconds, groupId, deduplicationId });
    const out: JsonObject = { MD5OfMessageBody: sent.MD5OfBody, MessageId: sent.MessageId };
    if (sent.MD5OfMessageAttributes !== undefined) out.MD5OfMessageAttributes = sent.MD5OfMessageAttributes;
    if (sent.SequenceNumber !== undefined) out.SequenceNumber = sent.SequenceNumber;
    return out;
  }

  private sendMessageBatch(input: JsonObject): JsonObject {
    const queue = this.queueOf(input);
    const entries = optionalArray(input, 'Entries', invalid) ?? [];
    if (entries.length === 0) throw new ServiceError('sqs', 'EmptyBatchRequest', 'There should be at least one SendMessageBatchRequestEntry in the request.');
    if (entries.length > 10) throw new ServiceError('sqs', 'TooManyEntriesInBatchRequest', `Maximum number of entries per request are 10. You have sent ${entries.length}.`);
    const ids = entries.map((entry) => (isJsonObject(entry) ? entry.Id : undefined));
    if (new Set(ids).size !== ids.length) throw new ServiceError('sqs', 'BatchEntryIdsNotDistinct', 'Id must be distinct among batch entries.');
    const successful: JsonValue[] = [];
    const failed: JsonValue[] = [];
    for (const entry of entries) {
      const id = isJsonObject(entry) && typeof entry.Id === 'string' ? entry.Id : '';
      try {
        if (!isJsonObject(entry) || id === '') throw missing('The request must contain the parameter Id.');
        successful.push({ Id: id, ...this.sendMessage(queue, entry) });
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        failed.push({ Id: id, SenderFault: true, Code: error.code, Message: error.message });
      }
    }
    return { Successful: successful, Failed: failed };
  }

  private async receiveMessage(input: JsonObject, signal: AbortSignal): Promise<JsonObject> {
    const queue = this.queueOf(input);
    const max = optionalNumber(input, 'MaxNumberOfMessages', invalid) ?? 1;
    if (max < 1 || max > 10) throw invalid(`Value ${max} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`);
    const visibility = optionalNumber(input, 'VisibilityTimeout', invalid) ?? queue.attribute('VisibilityTimeout');
    const waitSeconds = optionalNumber(input, 'WaitTimeSeconds', invalid) ?? queue.attribute('ReceiveMessageWaitTimeSeconds');
    let taken = queue.receive(max, visibility);
    if (taken.length === 0 && waitSeconds > 0) {
      // Long polling on the world's clock: wake at the first send or when the wait runs out.
      const stop = new AbortController();
      const onAbort = (): void => stop.abort(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        await Promise.race([queue.nextArrival(stop.signal), this.context.clock.sleep(waitSeconds * 1000, stop.signal).catch(() => undefined)]);
      } finally {
        signal.removeEventListener('abort', onAbort);
        stop.abort();
      }
      signal.throwIfAborted();
      taken = queue.receive(max, visibility);
    }
    const names = [...stringList(input.AttributeNames), ...stringList(input.MessageSystemAttributeNames)];
    const wanted = stringList(input.MessageAttributeNames);
    if (taken.length === 0) return {};
    return {
      Messages: taken.map((message) => {
        // Names, 'All', '.*' or a prefix such as 'order.*' pick the attributes returned.
        const picked = (attribute: string): boolean =>
          wanted.some((name) => name === 'All' || name === '.*' || name === attribute || (name.endsWith('.*') && attribute.startsWith(name.slice(0, -1))));
        return messageJson(message, systemAttributes(message, names), picked);
      }),
    };
  }

  private deleteMessage(input: JsonObject): JsonObject {
    const queue = this.queueOf(input);
    const handle = requireString(input, 'ReceiptHandle', invalid, missing);
    if (!queue.delete(handle)) throw new ServiceError('sqs', 'ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`);
    return {};
  }

  private deleteMessageBatch(input: JsonObject): JsonObject {
    const queue = this.queueOf(input);
    const entries = (optionalArray(input, 'Entries', invalid) ?? []).filter(isJsonObject);
    if (entries.length === 0) throw new ServiceError('sqs', 'EmptyBatchRequest', 'There should be at least one DeleteMessageBatchRequestEntry in the request.');
    const successful: JsonValue[] = [];
    const failed: JsonValue[] = [];
    for (const { Id, ReceiptHandle } of entries) {
      if (typeof ReceiptHandle === 'string' && queue.delete(ReceiptHandle)) successful.push({ Id: String(Id) });
      else failed.push({ Id: String(Id), SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: 'The receipt handle is not valid.' });
    }
    return { Successful: successful, Failed: failed };
  }

  private changeVisibility(input: JsonObject): JsonObject {
    const queue = this.queueOf(input);
    const handle = requireString(input, 'ReceiptHandle', invalid, missing);
    const message = queue.findByReceiptHandle(handle);
    if (!message) throw new ServiceError('sqs', 'ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`);
    message.visibleAt = this.context.clock.now() + 1000 * (optionalNumber(input, 'VisibilityTimeout', invalid) ?? 0);
    return {};
  }

  private getQueueAttributes(input: JsonObject): JsonObject {
    const queue = this.queueOf(input);
    const names = stringList(input.AttributeNames);
    const counts = queue.counts();
    const created = String(Math.floor(queue.createdAt / 1000));
    const all: Record<string, string> = {
      QueueArn: queue.arn,
      ApproximateNumberOfMessages: String(counts.visible),
      ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
      ApproximateNumberOfMessagesDelayed: String(counts.delayed),
      CreatedTimestamp: created,
      LastModifiedTimestamp: created,
      ...QUEUE_DEFAULTS,
      ...queue.attributes,
    };
    const attributes: JsonObject = {};
    for (const [name, value] of Object.entries(all)) if (names.includes('All') || names.includes(name)) attributes[name] = value;
    return { Attributes: attributes };
  }
}

function stringList(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

// One SQS queue: its messages with visibility and delay measured on the world's clock, FIFO
// deduplication (5 minutes) and group ordering (a group with a message in flight waits).
import type { JsonObject } from '../core/json.js';
import type { WorldContext } from './context.js';
import { md5Hex } from './context.js';
import type { MessageAttributes } from './message-attributes.js';
import { attributesJson, md5OfMessageAttributes } from './message-attributes.js';

export interface QueuedMessage {
  readonly MessageId: string;
  readonly Body: string;
  readonly MD5OfBody: string;
  readonly MessageAttributes: MessageAttributes | undefined;
  readonly MD5OfMessageAttributes: string | undefined;
  readonly MessageGroupId: string | undefined;
  readonly MessageDeduplicationId: string | undefined;
  readonly SequenceNumber: string | undefined;
  readonly sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt: number | undefined;
  receiptHandle: string | undefined;
}

export interface NewMessage {
  readonly body: string;
  readonly attributes: MessageAttributes | undefined;
  /** Absent: the queue's DelaySeconds. */
  readonly delaySeconds: number | undefined;
  readonly groupId: string | undefined;
  readonly deduplicationId: string | undefined;
}

const DEDUPLICATION_WINDOW_MS = 5 * 60 * 1000;

export const QUEUE_DEFAULTS: Readonly<Record<string, string>> = {
  VisibilityTimeout: '30',
  MaximumMessageSize: '262144',
  MessageRetentionPeriod: '345600',
  DelaySeconds: '0',
  ReceiveMessageWaitTimeSeconds: '0',
};

export class Queue {
  readonly messages: QueuedMessage[] = [];
  private readonly deduplication = new Map<string, { readonly message: QueuedMessage; readonly until: number }>();
  private sequence = 0n;
  private arrivals: Array<() => void> = [];

  constructor(
    readonly name: string,
    readonly url: string,
    readonly arn: string,
    readonly attributes: Record<string, string>,
    readonly createdAt: number,
    private readonly context: WorldContext,
  ) {}

  get fifo(): boolean {
    return this.attributes.FifoQueue === 'true';
  }

  attribute(name: string): number {
    return Number(this.attributes[name] ?? QUEUE_DEFAULTS[name] ?? 0);
  }

  /** Enqueues a message; a FIFO duplicate within the window returns the first one instead. */
  send(message: NewMessage): QueuedMessage {
    const now = this.context.clock.now();
    const dedupKey = message.deduplicationId;
    if (this.fifo && dedupKey !== undefined) {
      const seen = this.deduplication.get(dedupKey);
      if (seen && seen.until > now) return seen.message;
    }
    const stored: QueuedMessage = {
      MessageId: this.context.uuid(),
      Body: message.body,
      MD5OfBody: md5Hex(message.body),
      MessageAttributes: message.attributes,
      MD5OfMessageAttributes: message.attributes ? md5OfMessageAttributes(message.attributes) : undefined,
      MessageGroupId: message.groupId,
      MessageDeduplicationId: message.deduplicationId,
      // FIFO sequence numbers are 20-digit, increasing strings.
      SequenceNumber: this.fifo ? String(++this.sequence + 18_000_000_000_000_000_000n) : undefined,
      sentAt: now,
      visibleAt: now + 1000 * (message.delaySeconds ?? this.attribute('DelaySeconds')),
      receiveCount: 0,
      firstReceivedAt: undefined,
      receiptHandle: undefined,
    };
    this.messages.push(stored);
    if (this.fifo && dedupKey !== undefined) this.deduplication.set(dedupKey, { message: stored, until: now + DEDUPLICATION_WINDOW_MS });
    const waiting = this.arrivals;
    this.arrivals = [];
    for (const wake of waiting) wake();
    return stored;
  }

  /** Takes up to `max` visible messages and hides them for `visibilitySeconds`. */
  receive(max: number, visibilitySeconds: number): QueuedMessage[] {
    const now = this.context.clock.now();
    const blockedGroups = new Set<string>();
    const taken: QueuedMessage[] = [];
    for (const message of this.messages) {
      if (taken.length >= max) break;
      const group = message.MessageGroupId;
      const visible = message.visibleAt <= now;
      if (this.fifo && group !== undefined) {
        // Within a group, order is strict: a hidden message holds back everything after it.
        if (blockedGroups.has(group)) continue;
        if (!visible) {
          blockedGroups.add(group);
          continue;
        }
      } else if (!visible) continue;
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.visibleAt = now + visibilitySeconds * 1000;
      message.receiptHandle = `${message.MessageId}#${this.context.uuid()}`;
      taken.push(message);
    }
    return taken;
  }

  /** Resolves at the next send, or when `signal` aborts (then it forgets the waiter); for long polling. */
  nextArrival(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => resolve();
      this.arrivals.push(wake);
      signal.addEventListener('abort', () => {
        this.arrivals = this.arrivals.filter((waiter) => waiter !== wake);
        resolve();
      }, { once: true });
    });
  }

  findByReceiptHandle(receiptHandle: string): QueuedMessage | undefined {
    return this.messages.find((message) => message.receiptHandle === receiptHandle);
  }

  delete(receiptHandle: string): boolean {
    const index = this.messages.findIndex((message) => message.receiptHandle === receiptHandle);
    if (index < 0) return false;
    this.messages.splice(index, 1);
    return true;
  }

  purge(): void {
    this.messages.length = 0;
  }

  counts(): { visible: number; inFlight: number; delayed: number } {
    const now = this.context.clock.now();
    let visible = 0;
    let inFlight = 0;
    let delayed = 0;
    for (const message of this.messages) {
      if (message.visibleAt <= now) visible++;
      else if (message.receiveCount > 0) inFlight++;
      else delayed++;
    }
    return { visible, inFlight, delayed };
  }
}

/** A message as ReceiveMessage and the snapshot show it. */
export function messageJson(message: QueuedMessage, systemAttributes: JsonObject | undefined, picked: (attribute: string) => boolean): JsonObject {
  const out: JsonObject = { MessageId: message.MessageId };
  if (message.receiptHandle !== undefined) out.ReceiptHandle = message.receiptHandle;
  out.MD5OfBody = message.MD5OfBody;
  out.Body = message.Body;
  if (systemAttributes) out.Attributes = systemAttributes;
  const attributes = Object.entries(message.MessageAttributes ?? {}).filter(([name]) => picked(name));
  if (attributes.length > 0) {
    // The digest covers the attributes returned (the SDKs check it against them).
    const returned = Object.fromEntries(attributes);
    out.MD5OfMessageAttributes = attributes.length === Object.keys(message.MessageAttributes ?? {}).length ? (message.MD5OfMessageAttributes ?? '') : md5OfMessageAttributes(returned);
    out.MessageAttributes = attributesJson(returned);
  }
  return out;
}

/** The system attributes ReceiveMessage returns when asked ('All' or by name). */
export function systemAttributes(message: QueuedMessage, names: readonly string[]): JsonObject | undefined {
  if (names.length === 0) return undefined;
  const all: Record<string, string | undefined> = {
    SenderId: 'AIDAIENQZJOLO23YVJ4VO',
    SentTimestamp: String(message.sentAt),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: message.firstReceivedAt === undefined ? undefined : String(message.firstReceivedAt),
    MessageGroupId: message.MessageGroupId,
    MessageDeduplicationId: message.MessageDeduplicationId,
    SequenceNumber: message.SequenceNumber,
  };
  const out: JsonObject = {};
  for (const [name, value] of Object.entries(all)) {
    if (value !== undefined && (names.includes('All') || names.includes(name))) out[name] = value;
  }
  return out;
}

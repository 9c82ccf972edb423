// Message attributes as SNS and SQS take them ({Name: {DataType, StringValue | BinaryValue}}), and
// the MD5 digest SQS returns for them, computed as AWS documents it ("Calculating the MD5 message
// digest for message attributes", Amazon SQS Developer Guide).
import { createHash } from 'node:crypto';
import type { JsonObject } from '../core/json.js';
import { isJsonObject } from '../core/json.js';
import type { Fail } from './input.js';

export interface MessageAttribute {
  readonly DataType: string;
  readonly StringValue?: string;
  /** Base64, as JSON carries binary. */
  readonly BinaryValue?: string;
}

export type MessageAttributes = Readonly<Record<string, MessageAttribute>>;

/** Reads and checks `field` of a request; undefined when absent or empty. */
export function readMessageAttributes(input: JsonObject, field: string, fail: Fail): MessageAttributes | undefined {
  const raw = input[field];
  if (raw === undefined || raw === null) return undefined;
  if (!isJsonObject(raw)) throw fail(`${field} must be a map`);
  const out: Record<string, MessageAttribute> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!isJsonObject(value)) throw fail(`The message attribute '${name}' must be a map.`);
    const { DataType, StringValue, BinaryValue } = value;
    if (typeof DataType !== 'string' || DataType === '') throw fail(`The message attribute '${name}' must contain a non-empty attribute type.`);
    const binary = DataType.startsWith('Binary');
    if (binary ? typeof BinaryValue !== 'string' : typeof StringValue !== 'string') {
      throw fail(`The message attribute '${name}' must contain a non-empty message attribute value for message attribute type '${DataType}'.`);
    }
    if (DataType.startsWith('Number') && !Number.isFinite(Number(StringValue))) {
      throw fail(`The message attribute '${name}' with type 'Number' must use a valid number value.`);
    }
    out[name] = binary ? { DataType, BinaryValue: BinaryValue as string } : { DataType, StringValue: StringValue as string };
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** Bytes the attributes add to a message's size: name, type and value. */
export function messageAttributesSize(attributes: MessageAttributes | undefined): number {
  if (!attributes) return 0;
  let size = 0;
  for (const [name, attribute] of Object.entries(attributes)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(attribute.DataType);
    size += attribute.BinaryValue !== undefined ? Buffer.from(attribute.BinaryValue, 'base64').length : Buffer.byteLength(attribute.StringValue ?? '');
  }
  return size;
}

function lengthPrefixed(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/**
 * For each attribute in name order: name, data type (each as 4-byte big-endian length + UTF-8), one
 * transport byte (1 string, 2 binary), then the value with its length; MD5 of it all, in hex.
 */
export function md5OfMessageAttributes(attributes: MessageAttributes): string {
  const hash = createHash('md5');
  const names = Object.keys(attributes).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const name of names) {
    const attribute = attributes[name] as MessageAttribute;
    hash.update(lengthPrefixed(Buffer.from(name, 'utf8')));
    hash.update(lengthPrefixed(Buffer.from(attribute.DataType, 'utf8')));
    if (attribute.BinaryValue !== undefined) {
      hash.update(Buffer.from([2]));
      hash.update(lengthPrefixed(Buffer.from(attribute.BinaryValue, 'base64')));
    } else {
      hash.update(Buffer.from([1]));
      hash.update(lengthPrefixed(Buffer.from(attribute.StringValue ?? '', 'utf8')));
    }
  }
  return hash.digest('hex');
}

/** The JSON form of attributes, for responses and snapshots. */
export function attributesJson(attributes: MessageAttributes): JsonObject {
  const out: JsonObject = {};
  for (const [name, attribute] of Object.entries(attributes)) out[name] = { ...attribute };
  return out;
}

// The task result of an optimized request-response integration: the API response with the HTTP
// facts Step Functions adds (INTEGRATIONS.md §3): SdkHttpMetadata {AllHttpHeaders, HttpHeaders,
// HttpStatusCode} and SdkResponseMetadata {RequestId}. Header names, their order and the
// array/string split between AllHttpHeaders and HttpHeaders are as recorded on AWS
// (services/test_{sns,sqs,dynamodb}_task_service.py); Content-Length is the size of the body the
// service sent — SNS answers in XML, SQS and DynamoDB in JSON — and DynamoDB signs its body with a
// CRC32. Top-level keys come out sorted, as in every recorded result.
import { createRequire } from 'node:module';
import type { JsonObject, JsonValue } from '../core/json.js';

/** Which wire format, and so which headers, the service answers with. */
export type HeaderStyle = 'sns-xml' | 'sqs-json' | 'dynamodb-json';

export interface HttpFacts {
  readonly style: HeaderStyle;
  /** The API action, for SNS's XML envelope ("Publish"). */
  readonly action: string;
  readonly requestId: string;
  readonly statusCode: number;
  /** Epoch ms of the reply, from the execution's clock. */
  readonly nowMs: number;
}

/** The response plus Step Functions' SDK metadata, keys sorted. */
export function withSdkMetadata(response: JsonObject, http: HttpFacts): JsonObject {
  const body = http.style === 'sns-xml' ? undefined : JSON.stringify(response);
  const length = String(body === undefined ? queryXmlLength(http.action, response, http.requestId) : Buffer.byteLength(body, 'utf8'));
  const date = httpDate(http.nowMs);
  const contentType = http.style === 'sns-xml' ? 'text/xml' : 'application/x-amz-json-1.0';
  let all: JsonObject;
  let headers: JsonObject;
  if (http.style === 'dynamodb-json') {
    const crc = String(crc32(body ?? ''));
    all = { Server: ['Server'], Connection: ['keep-alive'], 'x-amzn-RequestId': [http.requestId], 'x-amz-crc32': [crc], 'Content-Length': [length], Date: [date], 'Content-Type': [contentType] };
    headers = { Connection: 'keep-alive', 'Content-Length': length, 'Content-Type': contentType, Date: date, Server: 'Server', 'x-amz-crc32': crc, 'x-amzn-RequestId': http.requestId };
  } else {
    all = { 'x-amzn-RequestId': [http.requestId], connection: ['keep-alive'], 'Content-Length': [length], Date: [date], 'Content-Type': [contentType] };
    headers = { connection: 'keep-alive', 'Content-Length': length, 'Content-Type': contentType, Date: date, 'x-amzn-RequestId': http.requestId };
  }
  const result: JsonObject = {};
  const keys = Object.keys(response);
  keys.push('SdkHttpMetadata', 'SdkResponseMetadata');
  keys.sort();
  for (const key of keys) {
    if (key === 'SdkHttpMetadata') result[key] = { AllHttpHeaders: all, HttpHeaders: headers, HttpStatusCode: http.statusCode };
    else if (key === 'SdkResponseMetadata') result[key] = { RequestId: http.requestId };
    else result[key] = response[key] as JsonValue;
  }
  return result;
}

/**
 * The length of SNS's XML reply: `<PublishResponse xmlns=…><PublishResult><MessageId>…` with
 * two-space indentation, as SNS sends it (294 bytes for a Publish with a UUID MessageId, 352 with a
 * FIFO SequenceNumber — the recorded Content-Lengths).
 */
function queryXmlLength(action: string, response: JsonObject, requestId: string): number {
  // Counted rather than built: the fixed parts, then `    <Key>text</Key>\n` per member.
  let length = xmlFrameLength(action) + requestId.length;
  for (const key of Object.keys(response)) {
    const value = response[key];
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    length += 2 * key.length + text.length + 10;
  }
  return length;
}

const frameLengths = new Map<string, number>();

/** The envelope's length without its members and request id. */
function xmlFrameLength(action: string): number {
  let length = frameLengths.get(action);
  if (length === undefined) {
    length =
      `<${action}Response xmlns="http://sns.amazonaws.com/doc/2010-03-31/">\n  <${action}Result>\n`.length +
      `  </${action}Result>\n  <ResponseMetadata>\n    <RequestId></RequestId>\n  </ResponseMetadata>\n</${action}Response>\n`.length;
    frameLengths.set(action, length);
  }
  return length;
}

// One Map of 1,000 tasks mostly runs within the same millisecond: format each instant once.
let lastDateMs = Number.NaN;
let lastDate = '';

/** RFC 7231 date, as the Date header reads. */
function httpDate(epochMs: number): string {
  if (epochMs !== lastDateMs) {
    lastDateMs = epochMs;
    lastDate = new Date(epochMs).toUTCString();
  }
  return lastDate;
}

let crcTable: Uint32Array | undefined;
// zlib's native CRC-32 (Node 20.15+), null where there is none; loaded on the first DynamoDB
// result, not at startup (the CLI's cold start does not pay for zlib).
let nativeCrc32: ((data: string) => number) | null | undefined;

/** CRC-32 (IEEE) of the UTF-8 text, as DynamoDB's x-amz-crc32 header carries it. */
export function crc32(text: string): number {
  if (nativeCrc32 === undefined) {
    const zlib = createRequire(import.meta.url)('node:zlib') as typeof import('node:zlib');
    nativeCrc32 = typeof zlib.crc32 === 'function' ? (data) => zlib.crc32(data) : null;
  }
  if (nativeCrc32 !== null) return nativeCrc32(text);
  const table = (crcTable ??= makeCrcTable());
  let crc = 0xffffffff;
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i++) crc = (table[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function makeCrcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

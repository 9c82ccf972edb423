// The edges of an AWS SDK v3 call: the JSON request → the command's input (a few fields are bytes
// in the SDK and text in ASL), the command's output → JSON (dates, bytes and streams made plain),
// and whatever the SDK throws → a ServiceError carrying the service's own error code.
import type { JsonObject, JsonValue } from '../core/json.js';
import { type ResponseMetadata, ServiceError, isServiceError } from './backend.js';

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

/**
 * The command input for a JSON request. ASL passes a Lambda Invoke Payload as JSON (or as the text
 * of the body) where the SDK wants bytes; an S3 PutObject Body may be any JSON, which S3 stores as its text.
 */
export function commandInput(service: string, action: string, input: JsonObject): Record<string, unknown> {
  if (service === 'lambda' && action === 'Invoke' && input['Payload'] !== undefined) {
    return { ...input, Payload: utf8.encode(asText(input['Payload'])) };
  }
  if (service === 's3' && action === 'PutObject' && input['Body'] !== undefined && typeof input['Body'] !== 'string') {
    return { ...input, Body: asText(input['Body']) };
  }
  return { ...input };
}

function asText(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

/** The HTTP facts of a response, taken from the SDK's `$metadata`. */
export function metadataOf(output: unknown): ResponseMetadata {
  const meta = field(output, '$metadata');
  const requestId = field(meta, 'requestId');
  const status = field(meta, 'httpStatusCode');
  return { requestId: typeof requestId === 'string' ? requestId : '', httpStatusCode: typeof status === 'number' ? status : 200 };
}

/**
 * The command output as JSON, without `$metadata`: dates become ISO-8601 text (as Step Functions
 * renders them), streams (S3 GetObject Body) and a Lambda Invoke Payload become their UTF-8 text,
 * other bytes base64.
 */
export async function responseJson(service: string, action: string, output: unknown): Promise<JsonObject> {
  const result: JsonObject = {};
  if (typeof output !== 'object' || output === null) return result;
  const textPayload = service === 'lambda' && action === 'Invoke';
  for (const [key, value] of Object.entries(output)) {
    if (key === '$metadata' || value === undefined) continue;
    if (textPayload && key === 'Payload' && value instanceof Uint8Array) result[key] = utf8Decoder.decode(value);
    else result[key] = await toJson(value);
  }
  return result;
}

async function toJson(value: unknown): Promise<JsonValue> {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return Number(value);
    case 'object':
      return objectToJson(value);
    default:
      return String(value);
  }
}

async function objectToJson(value: object): Promise<JsonValue> {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  // An SDK stream (S3 GetObject Body and the like) reads itself to text.
  const transform = (value as { transformToString?: unknown }).transformToString;
  if (typeof transform === 'function') return String(await (transform as () => Promise<string>).call(value));
  if (Array.isArray(value) || value instanceof Set) {
    const items: JsonValue[] = [];
    for (const item of value) items.push(await toJson(item));
    return items;
  }
  const object: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) object[key] = await toJson(item);
  }
  return object;
}

/**
 * What a failed send() becomes. The task's own abort passes through as its reason (a cancellation,
 * never a task failure). A service's error reply keeps its code, message, status and request id. A
 * request that never got a reply (refused connection, DNS failure, timeout, missing credentials)
 * is what the AWS SDK for Java, which Step Functions uses, calls an SdkClientException.
 */
export function toServiceError(service: string, thrown: unknown, signal: AbortSignal): unknown {
  if (signal.aborted) return signal.reason;
  if (isServiceError(thrown)) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  const meta = field(thrown, '$metadata');
  const status = field(meta, 'httpStatusCode');
  if (typeof status === 'number') {
    const name = thrown instanceof Error && thrown.name !== '' && thrown.name !== 'Error' ? thrown.name : `Http${status}`;
    const requestId = field(meta, 'requestId');
    const throttled = field(field(thrown, '$retryable'), 'throttling') === true;
    return new ServiceError(service, name, message, status, {
      requestId: typeof requestId === 'string' ? requestId : '',
      retryable: throttled || status === 429 || status >= 500,
    });
  }
  const credentials = thrown instanceof Error && thrown.name === 'CredentialsProviderError';
  if (credentials) return new ServiceError(service, 'SdkClientException', `Unable to load AWS credentials: ${message}`, 0);
  if (/^Region is missing/.test(message)) {
    return new ServiceError(service, 'SdkClientException', 'Unable to find a region: set AWS_REGION, a region in ~/.aws/config, or the aws backend\'s region (asl run --region).', 0);
  }
  return new ServiceError(service, 'SdkClientException', `Unable to execute HTTP request: ${describeNetworkError(thrown, message)}`, 0, { retryable: true });
}

function describeNetworkError(thrown: unknown, message: string): string {
  const code = field(thrown, 'code');
  if (typeof code === 'string' && !message.includes(code)) return `${code}: ${message}`;
  return message === '' && thrown instanceof Error ? thrown.name : message;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

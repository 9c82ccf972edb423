// An S3 object's body as bytes as they arrive, carried beside a JSON request and response. A
// Distributed Map's ItemReader (states/) asks for a GetObject with its body streamed; the
// aws-sdk integration passes the wish on to the backend (integrations/backend.ts callStreaming),
// and a backend that can stream (the local world, the aws backend) answers with the response less
// its Body and the stream attached. A backend that cannot (a mock, a user's integration) answers
// as usual, Body as text, and the reader reads that instead. Both marks are non-enumerable symbol
// properties, so the request and response stay the API's own JSON for everything else.
import type { JsonObject } from './json.js';

/** What a body stream yields: byte chunks (Node streams and the SDK's Body), or text. */
export type BodyStream = AsyncIterable<Uint8Array | string>;

const WANTS_STREAM = Symbol('asl.wantsBodyStream');
const BODY_STREAM = Symbol('asl.bodyStream');

/** The request, marked as wanting its response's body as a stream. */
export function requestingBodyStream<T extends JsonObject>(request: T): T {
  Object.defineProperty(request, WANTS_STREAM, { value: true, configurable: true });
  return request;
}

/** Whether a request asks for its body as a stream (requestingBodyStream). */
export function wantsBodyStream(request: unknown): boolean {
  return typeof request === 'object' && request !== null && (request as { [WANTS_STREAM]?: boolean })[WANTS_STREAM] === true;
}

/** Attaches the body stream to a response (which then has no Body member); returns the response. */
export function withBodyStream(response: JsonObject, body: BodyStream): JsonObject {
  Object.defineProperty(response, BODY_STREAM, { value: body, configurable: true });
  return response;
}

/** The body stream a backend attached to a response, if it streamed. */
export function bodyStreamOf(response: unknown): BodyStream | undefined {
  if (typeof response !== 'object' || response === null) return undefined;
  return (response as { [BODY_STREAM]?: BodyStream })[BODY_STREAM];
}

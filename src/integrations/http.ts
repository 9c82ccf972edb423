// The HTTP Task, arn:aws:states:::http:invoke (AWS "Call HTTPS APIs"): ApiEndpoint, Method,
// Headers, QueryParameters, RequestBody and Transform become one fetch() with the task's signal;
// the response becomes {Headers, ResponseBody, StatusCode, StatusText}, and a status outside 2xx
// fails the task with States.Http.StatusCode.<n>. On AWS, Authentication.ConnectionArn names an
// EventBridge connection that adds credentials; locally a connection is looked up in the
// `connections` option (headers, query parameters and body fields to merge), or adds nothing.
import { AslError } from '../core/errors.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import { ARRAY_FORMATS, type ArrayFormat, formEncode, formPairs, withQuery } from './http-encoding.js';
import type { Integration, ParsedResource, TaskRequest } from './types.js';

/** What an EventBridge connection adds to each request, as an HTTP Task would get it on AWS. */
export interface HttpConnection {
  readonly headers?: Readonly<Record<string, string>>;
  readonly queryParameters?: Readonly<Record<string, string>>;
  /** Merged into an object RequestBody (the connection's "body parameters"). */
  readonly body?: Readonly<Record<string, string>>;
}

export interface HttpIntegrationOptions {
  /** Connection ARN → what it adds. A connection not listed adds nothing: the request goes out unauthenticated. */
  readonly connections?: Readonly<Record<string, HttpConnection>>;
  /** The fetch to use; default: Node's global fetch. */
  readonly fetch?: typeof fetch;
  /** Gives up on a request after this long, as AWS's HTTP Task does after 60 s (States.Http.Socket). */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);

/**
 * Headers an HTTP Task may not set (AWS's list): transport and proxy headers, caching
 * preconditions, and Authorization, which only a connection provides.
 */
const FORBIDDEN_HEADERS = new Set([
  'a-im', 'accept-charset', 'accept-datetime', 'accept-encoding', 'authorization', 'cache-control', 'connection', 'content-encoding',
  'content-length', 'content-md5', 'date', 'expect', 'forwarded', 'from', 'host', 'http2-settings', 'if-match', 'if-modified-since',
  'if-none-match', 'if-range', 'if-unmodified-since', 'max-forwards', 'origin', 'pragma', 'proxy-authorization', 'referer', 'server',
  'te', 'trailer', 'transfer-encoding', 'upgrade', 'via', 'warning',
]);
const FORBIDDEN_PREFIXES = ['x-forwarded-', 'x-amz-', 'x-amzn-'];

export function createHttpIntegration(options: HttpIntegrationOptions = {}): Integration {
  const connections = options.connections ?? {};
  const send = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    name: 'http',
    settlesOnAbort: true,
    supports: (resource: ParsedResource) => resource.service === 'http' && resource.action === 'invoke' && resource.pattern === 'request-response',
    async invoke(request, context) {
      const { url, init } = buildRequest(request, connections);
      const { signal } = context;
      let response: Response;
      let text: string;
      // A real-time limit on real network I/O: the execution's clock (virtual in tests) does not apply here.
      const deadline = AbortSignal.timeout(timeoutMs);
      try {
        response = await send(url, { ...init, signal: AbortSignal.any([signal, deadline]), redirect: 'follow' });
        text = await response.text();
      } catch (err) {
        if (signal.aborted) throw signal.reason;
        const why = deadline.aborted ? `no response within ${timeoutMs / 1000} seconds` : networkCause(err);
        throw new AslError('States.Http.Socket', `Unable to reach ${url.origin}: ${why}`);
      }
      const result: JsonObject = {
        Headers: responseHeaders(response.headers),
        ResponseBody: responseBody(text, response.headers.get('content-type')),
        StatusCode: response.status,
        StatusText: response.statusText,
      };
      // The cause is the whole response as JSON, so a Catch can still read the body (unconfirmed against AWS).
      if (response.status < 200 || response.status > 299) throw new AslError(`States.Http.StatusCode.${response.status}`, JSON.stringify(result));
      return result;
    },
  };
}

function buildRequest(request: TaskRequest, connections: Readonly<Record<string, HttpConnection>>): { url: URL; init: RequestInit } {
  const parameters = request.parameters;
  const fail = (why: string): never => {
    throw AslError.runtime(`The Parameters '${JSON.stringify(parameters)}' could not be used to start the Task: [${why}]`);
  };
  if (!isJsonObject(parameters)) return fail('The value of the Parameters field must be an object');
  const endpoint = parameters['ApiEndpoint'];
  if (endpoint === undefined) return fail("The field 'ApiEndpoint' is required but was missing");
  const method = parameters['Method'];
  if (method === undefined) return fail("The field 'Method' is required but was missing");
  if (typeof method !== 'string' || !METHODS.has(method.toUpperCase())) return fail(`The value of the field 'Method' must be one of ${[...METHODS].join(', ')}`);
  const base = typeof endpoint === 'string' ? parseHttpUrl(endpoint) : undefined;
  if (base === undefined) return fail(`The value of the field 'ApiEndpoint' must be an http or https URL, not ${JSON.stringify(endpoint)}`);

  const connection = connectionOf(parameters, connections);
  const query = optionalObject(parameters, 'QueryParameters', fail);
  const url = withQuery(withQuery(base, query), connection?.queryParameters);

  const headers = new Headers();
  const given = optionalObject(parameters, 'Headers', fail) ?? {};
  for (const [name, value] of Object.entries(given)) {
    const lower = name.toLowerCase();
    if (FORBIDDEN_HEADERS.has(lower) || FORBIDDEN_PREFIXES.some((prefix) => lower.startsWith(prefix))) return fail(`The header '${name}' is not allowed in an HTTP Task`);
    headers.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  for (const [name, value] of Object.entries(connection?.headers ?? {})) headers.set(name, value);

  const verb = method.toUpperCase();
  const body = verb === 'GET' || verb === 'HEAD' ? undefined : requestBody(parameters, connection, headers, fail);
  return { url, init: { method: verb, headers, ...(body === undefined ? {} : { body }) } };
}

function parseHttpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function connectionOf(parameters: JsonObject, connections: Readonly<Record<string, HttpConnection>>): HttpConnection | undefined {
  // "Authentication" is the documented field; "InvocationConfig" carries the same ARN in newer definitions.
  for (const field of ['Authentication', 'InvocationConfig']) {
    const config = parameters[field];
    const arn = isJsonObject(config) ? config['ConnectionArn'] : undefined;
    if (typeof arn === 'string') return connections[arn];
  }
  return undefined;
}

function optionalObject(parameters: JsonObject, field: string, fail: (why: string) => never): JsonObject | undefined {
  const value = parameters[field];
  if (value === undefined) return undefined;
  return isJsonObject(value) ? value : fail(`The value of the field '${field}' must be an object`);
}

/** The body text: JSON by default, form-encoded under Transform.RequestBodyEncoding = URL_ENCODED. */
function requestBody(parameters: JsonObject, connection: HttpConnection | undefined, headers: Headers, fail: (why: string) => never): string | undefined {
  let body: JsonValue | undefined = parameters['RequestBody'];
  if (connection?.body !== undefined) {
    if (body !== undefined && !isJsonObject(body)) return fail("The connection's body parameters cannot be merged into a RequestBody that is not an object");
    body = { ...(body ?? {}), ...connection.body };
  }
  if (body === undefined) return undefined;
  const transform = optionalObject(parameters, 'Transform', fail);
  const encoding = transform?.['RequestBodyEncoding'] ?? 'NONE';
  if (encoding !== 'NONE' && encoding !== 'URL_ENCODED') return fail("The value of the field 'RequestBodyEncoding' must be NONE or URL_ENCODED");
  if (encoding === 'URL_ENCODED') {
    if (!headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded');
    return typeof body === 'string' ? body : isJsonObject(body) ? formEncode(formPairs(body, arrayFormatOf(transform, fail))) : fail('A URL_ENCODED RequestBody must be an object');
  }
  if (!headers.has('content-type')) headers.set('content-type', 'application/json; charset=UTF-8');
  return typeof body === 'string' ? body : JSON.stringify(body);
}

function arrayFormatOf(transform: JsonObject | undefined, fail: (why: string) => never): ArrayFormat {
  const options = transform?.['RequestEncodingOptions'];
  const format = isJsonObject(options) ? options['ArrayFormat'] : undefined;
  if (format === undefined) return 'INDICES';
  return (ARRAY_FORMATS as readonly JsonValue[]).includes(format) ? (format as ArrayFormat) : fail(`The value of the field 'ArrayFormat' must be one of ${ARRAY_FORMATS.join(', ')}`);
}

/** Response headers as lists of values, the way AWS reports them (Set-Cookie keeps one entry per cookie). */
function responseHeaders(headers: Headers): JsonObject {
  const result: JsonObject = {};
  headers.forEach((value, name) => {
    if (name !== 'set-cookie') result[name] = [value];
  });
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) result['set-cookie'] = cookies;
  return result;
}

/** A JSON response body is parsed; any other body is its text. */
function responseBody(text: string, contentType: string | null): JsonValue {
  const media = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (text === '' || !(media === 'application/json' || media.endsWith('+json'))) return text;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

/** fetch() reports "fetch failed" and hides the reason (ECONNREFUSED, ENOTFOUND...) in `cause`. */
function networkCause(err: unknown): string {
  const cause = err instanceof Error ? err.cause : undefined;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' && !cause.message.includes(code) ? `${code} ${cause.message}` : cause.message;
  }
  return err instanceof Error ? err.message : String(err);
}

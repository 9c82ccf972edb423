// `asl serve`: the AWS Step Functions API (AWS JSON 1.0) over an Engine, on loopback, so the real
// AWS SDK and CLI work unchanged against local executions. Requests are not authenticated: the
// server binds to 127.0.0.1 by default and is meant for one developer's machine.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { uuidV4 } from '../core/ids.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import { LiveTable } from '../core/live-table.js';
import { freshSeed, SeededRandom } from '../core/random.js';
import type { Engine } from '../service/engine.js';
import { callbackOperations } from './ops-callbacks.js';
import { executionOperations } from './ops-executions.js';
import { hostGuard } from './host-check.js';
import { machineChangeOperations } from './ops-machine-changes.js';
import { machineOperations } from './ops-machines.js';
import { mapRunOperations } from './ops-map-runs.js';
import { tagOperations } from './ops-tags.js';
import { syncOperations } from './ops-sync.js';
import { testStateOperations } from './ops-test-state.js';
import type { TestStateOptions } from '../runtime/test-state-types.js';
import { ApiError, type Operation } from './wire.js';

export interface ServerOptions {
  readonly engine: Engine;
  /** Default 127.0.0.1: anything else exposes unauthenticated executions to the network. */
  readonly host?: string;
  /** Default 8083 (Step Functions Local's port); 0 picks a free one. */
  readonly port?: number;
  /** Names besides localhost and IP addresses a loopback server answers to (an /etc/hosts alias); see host-check.ts. */
  readonly allowedHosts?: readonly string[];
  /** Where TestState's Tasks go (lambdas, services, world): give the engine's own. Default: the local world, fresh per call. */
  readonly testState?: TestStateOptions;
  /** GetActivityTask's long poll in ms (AWS's: 60,000). */
  readonly activityPollMs?: number;
}

export interface RunningServer {
  /** http://host:port, for the SDK's `endpoint`. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections and waits for open ones to end; the engine stays open. */
  close(): Promise<void>;
}

/** Bodies above this are refused before parsing (AWS's request payload limit). */
export const MAX_BODY_BYTES = 1024 * 1024;
const TARGET_PREFIX = 'AWSStepFunctions.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  // Ends GetActivityTask's long polls when the server closes, so close() does not wait a minute for them.
  const shutdown = new AbortController();
  const base: Record<string, Operation> = {
    ...machineOperations(options.engine),
    ...machineChangeOperations(options.engine),
    ...tagOperations(options.engine),
    ...executionOperations(options.engine),
    ...mapRunOperations(options.engine),
    ...callbackOperations(options.engine, { signal: shutdown.signal, ...(options.activityPollMs === undefined ? {} : { longPollMs: options.activityPollMs }) }),
  };
  // Express-aware starts and ARN checks wrap the base operations (ops-sync.ts).
  const operations: Record<string, Operation> = { ...base, ...syncOperations(options.engine, base, shutdown.signal), ...testStateOperations(options.testState) };
  const requestIds = new SeededRandom(freshSeed());
  const guard = hostGuard(host, options.allowedHosts);
  let closing = false;
  /** The responses not sent yet, by request id (a LiveTable, not a Set: live-table.ts says why). */
  const answering = new LiveTable<ServerResponse>();
  const server = createServer((request, response) => {
    // Once closing, each answer ends its keep-alive connection, so close() does not wait on idle clients.
    if (closing) response.setHeader('Connection', 'close');
    const requestId = uuidV4(requestIds);
    answering.set(requestId, response);
    void handle(operations, guard, request, response, requestId).then(() => answering.delete(requestId));
  });
  await listen(server, host, options.port ?? 8083);
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing = true;
        // Requests still being answered end their connection too (the ones `shutdown` cuts short answer at once).
        for (const response of answering.values()) if (!response.headersSent) response.setHeader('Connection', 'close');
        shutdown.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

async function handle(operations: Record<string, Operation>, guard: (request: IncomingMessage) => void, request: IncomingMessage, response: ServerResponse, requestId: string): Promise<void> {
  try {
    guard(request);
    if (request.method !== 'POST') throw new ApiError('UnknownOperationException', `The ${request.method ?? ''} method is not supported; send POST with X-Amz-Target.`, 405);
    const target = headerValue(request, 'x-amz-target');
    const name = target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
    const operation = name === undefined || !Object.hasOwn(operations, name) ? undefined : operations[name];
    if (operation === undefined) throw new ApiError('UnknownOperationException', `Unknown operation: ${target ?? '(no X-Amz-Target header)'}`);
    const body = await readBody(request);
    send(response, 200, requestId, await operation(body));
  } catch (error) {
    const failure = error instanceof ApiError ? error : new ApiError('InternalFailure', error instanceof Error ? error.message : String(error), 500);
    // The body may not have been read (unknown target, oversize): drop the connection after answering.
    if (!request.complete) response.setHeader('Connection', 'close');
    send(response, failure.status, requestId, { ...failure.fields, __type: failure.type, message: failure.message }, failure.type);
  }
}

function send(response: ServerResponse, status: number, requestId: string, body: JsonObject, errorType?: string): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = { 'Content-Type': CONTENT_TYPE, 'Content-Length': Buffer.byteLength(text), 'x-amzn-RequestId': requestId };
  if (errorType !== undefined) headers['x-amzn-ErrorType'] = errorType;
  response.writeHead(status, headers);
  response.end(text);
}

/** The JSON object body; an empty body is `{}` (the SDK sends one for operations without input). */
function readBody(request: IncomingMessage): Promise<JsonObject> {
  return new Promise((resolve, reject) => {
    const declared = Number(headerValue(request, 'content-length') ?? 0);
    if (declared > MAX_BODY_BYTES) return reject(tooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.removeAllListeners('data');
        request.pause();
        reject(tooLarge());
      } else chunks.push(chunk);
    });
    request.on('error', reject);
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve({});
      let parsed: JsonValue;
      try {
        parsed = JSON.parse(text) as JsonValue;
      } catch {
        return reject(new ApiError('SerializationException', 'The request body is not valid JSON.'));
      }
      if (!isJsonObject(parsed)) return reject(new ApiError('SerializationException', 'The request body must be a JSON object.'));
      resolve(parsed);
    });
  });
}

function tooLarge(): ApiError {
  return new ApiError('RequestEntityTooLargeException', `Request body exceeds the ${MAX_BODY_BYTES} byte limit.`, 413);
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

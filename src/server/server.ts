// `asl serve`: the AWS Step Functions API (AWS JSON 1.0) over an Engine, on loopback, so the real
// AWS SDK and CLI work unchanged against local executions. Requests are not authenticated: the
// server binds to 127.0.0.1 by default and is meant for one developer's machine.
import { uuidV4 } from '../core/ids.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.js';
import { freshSeed, SeededRandom } from '../core/random.js';
import type { Engine } from '../service/engine.js';
import { callbackOperations } from './ops-callbacks.js';
import { executionOperations } from './ops-executions.js';
import { type ForwardedAnswer, type ForwardedRequest, startFrontThread } from './front-thread.js';
import { type HostGuard, hostGuard } from './host-check.js';
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
  /** Told when the HTTP thread failed after the server started (it no longer answers); default: thrown. */
  readonly onError?: (error: Error) => void;
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
  // HTTP itself runs on a thread of its own (front-thread.ts); this thread answers.
  const front = await startFrontThread({
    host,
    port: options.port ?? 8083,
    maxBodyBytes: MAX_BODY_BYTES,
    answer: (request) => answer(operations, guard, request, uuidV4(requestIds)),
    onError:
      options.onError ??
      ((error) => {
        throw error;
      }),
  });
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${front.port}`,
    port: front.port,
    close: () => {
      // The front thread first: once it knows it is closing, every answer ends its connection,
      // those of the long polls `shutdown` cuts short too.
      const closed = front.close();
      shutdown.abort();
      return closed;
    },
  };
}

async function answer(operations: Record<string, Operation>, guard: HostGuard, request: ForwardedRequest, requestId: string): Promise<ForwardedAnswer> {
  try {
    guard(request.url, request.hostHeader);
    if (request.method !== 'POST') throw new ApiError('UnknownOperationException', `The ${request.method} method is not supported; send POST with X-Amz-Target.`, 405);
    const target = request.target;
    const name = target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
    const operation = name === undefined || !Object.hasOwn(operations, name) ? undefined : operations[name];
    if (operation === undefined) throw new ApiError('UnknownOperationException', `Unknown operation: ${target ?? '(no X-Amz-Target header)'}`);
    if (request.body === undefined) throw tooLarge();
    return reply(200, requestId, await operation(parseBody(request.body)));
  } catch (error) {
    const failure = error instanceof ApiError ? error : new ApiError('InternalFailure', error instanceof Error ? error.message : String(error), 500);
    return reply(failure.status, requestId, { ...failure.fields, __type: failure.type, message: failure.message }, failure.type);
  }
}

function reply(status: number, requestId: string, body: JsonObject, errorType?: string): ForwardedAnswer {
  return { status, requestId, text: JSON.stringify(body), ...(errorType === undefined ? {} : { errorType }) };
}

/** The JSON object body; an empty body is `{}` (the SDK sends one for operations without input). */
function parseBody(text: string): JsonObject {
  if (text.trim() === '') return {};
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(text) as JsonValue;
  } catch {
    throw new ApiError('SerializationException', 'The request body is not valid JSON.');
  }
  if (!isJsonObject(parsed)) throw new ApiError('SerializationException', 'The request body must be a JSON object.');
  return parsed;
}

function tooLarge(): ApiError {
  return new ApiError('RequestEntityTooLargeException', `Request body exceeds the ${MAX_BODY_BYTES} byte limit.`, 413);
}

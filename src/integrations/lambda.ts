// The in-memory Lambda integration (ARCHITECTURE.md 1.10, INTEGRATIONS.md §2): local JavaScript
// handlers stand in for functions, and this module produces what AWS produces around them — the
// result as is for a bare function ARN, the response envelope for arn:aws:states:::lambda:invoke,
// and AWS's error names and causes when a handler throws or a function does not exist.
import { addAbortCallback, isAborted, removeAbortCallback } from '../core/abort.js';
import { AslError, isCancellation } from '../core/errors.js';
import type { JsonValue } from '../core/json.js';
import { cloneJson, isJsonObject, jsonDepth, MAX_JSON_DEPTH } from '../core/json.js';
import { toAslError } from './foreign-error.js';
import { NotJsonError, toJsonValue } from './json-value.js';
import {
  derivedRequestId,
  functionError,
  functionNotFound,
  invalidRequestContent,
  invokeEnvelope,
  marshalError,
} from './lambda-response.js';
import { parseFunctionRef } from './resource.js';
import type { Integration, LambdaContext, LambdaHandler, ParsedResource, TaskContext, TaskRequest } from './types.js';

export interface LambdaIntegrationOptions {
  /** Region and account used to build the ARN of a function named without one. */
  readonly region?: string;
  readonly accountId?: string;
}

interface Found {
  readonly handler: LambdaHandler;
  readonly functionName: string;
  readonly invokedFunctionArn: string;
}

/**
 * Local functions keyed by name ("my-fn"), name with qualifier ("my-fn:prod") or ARN. A call finds
 * its handler by the exact reference, then without its qualifier, then by function name alone, so
 * `{ "my-fn": handler }` answers "my-fn", "my-fn:prod" and "arn:aws:lambda:…:function:my-fn".
 */
export function createLambdaIntegration(
  handlers: Readonly<Record<string, LambdaHandler>>,
  options: LambdaIntegrationOptions = {},
): Integration {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const byKey = new Map(Object.entries(handlers));
  const byName = new Map<string, LambdaHandler>();
  for (const [key, handler] of byKey) {
    const { name } = parseFunctionRef(key);
    if (!byName.has(name)) byName.set(name, handler);
  }

  function qualifiedArn(ref: string): string {
    const parsed = parseFunctionRef(ref);
    const base = parsed.arn ?? `arn:aws:lambda:${region}:${accountId}:function:${parsed.name}`;
    return parsed.qualifier === undefined ? `${base}:$LATEST` : parsed.arn ?? `${base}:${parsed.qualifier}`;
  }

  // A Map over 10,000 items calls the same function 10,000 times: resolve each reference once.
  const resolved = new Map<string, Found | undefined>();
  function find(ref: string): Found | undefined {
    if (resolved.has(ref)) return resolved.get(ref);
    const found = lookUp(ref);
    resolved.set(ref, found);
    return found;
  }

  // The calls of one Map's iterations share a task context: their handlers share one (frozen)
  // LambdaContext instead of each allocating its own.
  let lastContext: { readonly found: Found; readonly task: TaskContext; readonly lambda: LambdaContext } | undefined;
  function contextFor(found: Found, task: TaskContext): LambdaContext {
    if (lastContext?.found === found && lastContext.task === task) return lastContext.lambda;
    const lambda: LambdaContext = Object.freeze({
      functionName: found.functionName,
      invokedFunctionArn: found.invokedFunctionArn,
      sleep: (ms: number) => task.sleep(ms, task.signal),
      signal: task.signal,
    });
    lastContext = { found, task, lambda };
    return lambda;
  }

  function lookUp(ref: string): Found | undefined {
    const parsed = parseFunctionRef(ref);
    const unqualified = parsed.qualifier === undefined ? ref : ref.slice(0, ref.length - parsed.qualifier.length - 1);
    const handler = byKey.get(ref) ?? byKey.get(unqualified) ?? byName.get(parsed.name);
    if (handler === undefined) return undefined;
    const qualifier = parsed.qualifier === undefined ? '' : `:${parsed.qualifier}`;
    const arn = parsed.arn ?? `arn:aws:lambda:${region}:${accountId}:function:${parsed.name}${qualifier}`;
    return { handler, functionName: parsed.name, invokedFunctionArn: arn };
  }

  /**
   * Calls the handler with its own copy of the event, as a real function gets a deserialized
   * request: user code must not be able to mutate the execution's data (ARCHITECTURE.md 1.1,
   * principle 4). Not an async function: this runs once per Task of a 10,000-item Map, and every
   * async layer costs a promise and a microtask turn.
   */
  function call(ref: string, event: JsonValue, request: TaskRequest, context: TaskContext): Promise<JsonValue> {
    const found = find(ref);
    if (found === undefined) return Promise.reject(functionNotFound(qualifiedArn(ref), requestId(ref, event, request, context)));
    const { signal } = context;
    const lambdaContext = contextFor(found, context);
    // Settles with the handler, or with the abort as soon as the signal aborts: a handler that
    // ignores its signal cannot keep a timed-out or stopped task alive.
    return new Promise<JsonValue>((resolve, reject) => {
      if (isAborted(signal)) return reject(signal.reason);
      let pending: unknown;
      try {
        pending = found.handler(cloneJson(event), lambdaContext);
      } catch (thrown) {
        return reject(handlerFailure(thrown, signal));
      }
      addAbortCallback(signal, reject);
      Promise.resolve(pending).then(
        (raw: unknown) => {
          removeAbortCallback(signal, reject);
          try {
            resolve(handlerResult(raw));
          } catch (err) {
            reject(toAslError(err));
          }
        },
        (thrown: unknown) => {
          removeAbortCallback(signal, reject);
          reject(handlerFailure(thrown, signal));
        },
      );
    });
  }

  return {
    name: 'lambda',
    settlesOnAbort: true,
    supports: (resource: ParsedResource) =>
      resource.service === 'lambda' && (resource.action === 'function' || (resource.action === 'invoke' && resource.pattern !== 'sync')),
    invoke(request, context) {
      const { resource } = request;
      // A bare function ARN: the effective input is the event, the function's result is the task result.
      if (resource.functionArn !== undefined) return call(resource.functionArn, request.parameters, request, context);
      return invokeApi(request, context);
    },
  };

  /** arn:aws:states:::lambda:invoke: the Invoke API's request, and its response envelope. */
  async function invokeApi(request: TaskRequest, context: TaskContext): Promise<JsonValue> {
    const params = invokeParameters(request.parameters);
    const ref = params.qualifier === undefined ? params.functionName : `${params.functionName}:${params.qualifier}`;
    const event = requestEvent(params.payload, () => requestId(ref, params.payload ?? null, request, context));
    if (params.invocationType === 'DryRun') {
      if (find(ref) === undefined) throw functionNotFound(qualifiedArn(ref), requestId(ref, event, request, context));
      return invokeEnvelope('', requestId(ref, event, request, context), context.now(), 204);
    }
    const result = await call(ref, event, request, context);
    const id = requestId(ref, event, request, context);
    // InvocationType "Event" is asynchronous on AWS (202, empty Payload). Locally the handler is
    // still awaited, so its side effects happen inside the run and the history stays deterministic.
    return params.invocationType === 'Event' ? invokeEnvelope('', id, context.now(), 202) : invokeEnvelope(result, id, context.now());
  }
}

/** What the handler returned, checked and copied into engine-owned JSON. */
function handlerResult(raw: unknown): JsonValue {
  try {
    return toJsonValue(raw);
  } catch (err) {
    if (err instanceof NotJsonError) throw marshalError(err.message);
    throw err;
  }
}

function requestId(ref: string, event: JsonValue, request: TaskRequest, context: TaskContext): string {
  return derivedRequestId(String(context.now()), ref, request.stateName, JSON.stringify(event));
}

/** A handler that threw: cancellation and deliberate AslErrors pass through; the rest is a function error. */
function handlerFailure(thrown: unknown, signal: AbortSignal): unknown {
  if (thrown instanceof AslError || isCancellation(thrown)) return thrown;
  // The handler gave up because we aborted it (timeout, stop, sibling failure): report the abort,
  // not whatever the handler threw on its way out.
  if (signal.aborted && isCancellation(signal.reason)) return signal.reason;
  return functionError(thrown);
}

export interface InvokeParameters {
  readonly functionName: string;
  readonly qualifier: string | undefined;
  readonly payload: JsonValue | undefined;
  readonly invocationType: string;
}

/** Reads the Invoke request; a missing FunctionName is a task-start failure, as on AWS (ERRORS.md §2). */
export function invokeParameters(parameters: JsonValue): InvokeParameters {
  const fail = (why: string): never => {
    throw AslError.runtime(`The Parameters '${JSON.stringify(parameters)}' could not be used to start the Task: [${why}]`);
  };
  if (!isJsonObject(parameters)) return fail('The value of the Parameters field must be an object');
  const name = parameters['FunctionName'];
  if (name === undefined) return fail("The field 'FunctionName' is required but was missing");
  if (typeof name !== 'string' || name === '') return fail("The value of the field 'FunctionName' has an invalid format");
  const qualifier = parameters['Qualifier'];
  const invocationType = parameters['InvocationType'];
  return {
    functionName: name,
    qualifier: typeof qualifier === 'string' && parseFunctionRef(name).qualifier === undefined ? qualifier : undefined,
    payload: parameters['Payload'],
    invocationType: typeof invocationType === 'string' ? invocationType : 'RequestResponse',
  };
}

/**
 * The event a function receives from an Invoke Payload (recorded: test_invoke_json_values,
 * test_invoke): no Payload or null sends no body, and the function sees {}; a string Payload IS the
 * request body, so "0" arrives as the number 0 and "\"x\"" as the string "x"; any other value is
 * sent as its JSON.
 */
function requestEvent(payload: JsonValue | undefined, id: () => string): JsonValue {
  if (payload === undefined || payload === null) return {};
  if (typeof payload !== 'string') return payload;
  let event: JsonValue;
  try {
    event = JSON.parse(payload) as JsonValue;
  } catch (err) {
    throw invalidRequestContent(err instanceof Error ? err.message : String(err), id());
  }
  // A string payload can spell a value deeper than any the engine lets through (MAX_JSON_DEPTH):
  // refused here as unparsable content, before a function or a copy of it overflows the stack.
  if (jsonDepth(event, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) throw invalidRequestContent(`nesting depth exceeds ${MAX_JSON_DEPTH}`, id());
  return event;
}

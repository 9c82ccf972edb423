import { describe, expect, it } from 'vitest';
import { pendingAbortCallbacks } from '../../../src/core/abort.js';
import { AslError, CancelledError } from '../../../src/core/errors.js';
import type { JsonValue } from '../../../src/core/json.js';
import { createLambdaIntegration } from '../../../src/integrations/lambda.js';
import { pythonJsonLength } from '../../../src/integrations/lambda-response.js';
import { parseResource } from '../../../src/integrations/resource.js';
import type { LambdaContext, LambdaHandler, TaskContext } from '../../../src/integrations/types.js';
import { rejectionOf } from '../../support/rejection.js';

const ARN = 'arn:aws:lambda:us-east-1:111111111111:function:echo';
const INVOKE = parseResource('arn:aws:states:::lambda:invoke');
const NOW = Date.UTC(2026, 0, 1);

function context(signal = new AbortController().signal): TaskContext {
  return { signal, sleep: () => Promise.resolve(), now: () => NOW };
}

async function invoke(handlers: Record<string, LambdaHandler>, resource: string | null, parameters: JsonValue, ctx = context()) {
  const lambda = createLambdaIntegration(handlers, { region: 'eu-west-1', accountId: '222222222222' });
  const parsed = resource === null ? INVOKE : parseResource(resource);
  return lambda.invoke({ resource: parsed, parameters, stateName: 'T', taskToken: undefined }, ctx);
}

const failure = (work: Promise<unknown>): Promise<AslError> => rejectionOf(work, AslError);

const echo: LambdaHandler = (event) => event;

describe('lambda integration: results', () => {
  it('returns a bare function ARN result as is', async () => {
    expect(await invoke({ [ARN]: () => ({ ok: 1 }) }, ARN, { in: 1 })).toEqual({ ok: 1 });
    expect(await invoke({ [ARN]: echo }, ARN, 'HelloWorld')).toBe('HelloWorld');
  });

  it('wraps a lambda:invoke result in the recorded envelope', async () => {
    const out = await invoke({ echo }, null, { FunctionName: 'echo', Payload: { 'input-value': 0 } });
    const rid = (out as { SdkResponseMetadata: { RequestId: string } }).SdkResponseMetadata.RequestId;
    expect(rid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    const date = 'Thu, 01 Jan 2026 00:00:00 GMT';
    const trace = `Root=1-${(NOW / 1000).toString(16)}-${rid.replace(/-/g, '').slice(0, 24)};Sampled=0`;
    expect(out).toEqual({
      ExecutedVersion: '$LATEST',
      Payload: { 'input-value': 0 },
      SdkHttpMetadata: {
        AllHttpHeaders: {
          'X-Amz-Executed-Version': ['$LATEST'],
          'x-amzn-Remapped-Content-Length': ['0'],
          Connection: ['keep-alive'],
          'x-amzn-RequestId': [rid],
          'Content-Length': ['18'],
          Date: [date],
          'X-Amzn-Trace-Id': [trace],
          'Content-Type': ['application/json'],
        },
        HttpHeaders: {
          Connection: 'keep-alive',
          'Content-Length': '18',
          'Content-Type': 'application/json',
          Date: date,
          'X-Amz-Executed-Version': '$LATEST',
          'x-amzn-Remapped-Content-Length': '0',
          'x-amzn-RequestId': rid,
          'X-Amzn-Trace-Id': trace,
        },
        HttpStatusCode: 200,
      },
      SdkResponseMetadata: { RequestId: rid },
      StatusCode: 200,
    });
  });

  it('derives the request id from the call, so reruns give the same output', async () => {
    const params = { FunctionName: 'echo', Payload: 1 };
    expect(await invoke({ echo }, null, params)).toEqual(await invoke({ echo }, null, params));
  });

  it.each([
    // Recorded: test_invoke (null → {}), test_invoke_json_values (a string Payload is the raw body).
    [null, {}],
    [undefined, {}],
    ['0', 0],
    ['"HelloWorld"', 'HelloWorld'],
    ['[]', []],
    [{ a: 'b' }, { a: 'b' }],
  ])('sends Payload %j to the function as %j', async (payload, event) => {
    const params = payload === undefined ? { FunctionName: 'echo' } : { FunctionName: 'echo', Payload: payload };
    expect(await invoke({ echo }, null, params)).toMatchObject({ Payload: event });
  });

  it('refuses a string Payload that is not JSON, as Lambda does', async () => {
    const err = await failure(invoke({ echo }, null, { FunctionName: 'echo', Payload: 'HelloWorld' }));
    expect(err.error).toBe('Lambda.InvalidRequestContentException');
    expect(err.cause).toMatch(/^Could not parse request body into json: .*Status Code: 400/);
  });

  it('refuses a string Payload that spells a value nested deeper than the engine allows', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const err = await failure(invoke({ echo }, null, { FunctionName: 'echo', Payload: deep }));
    expect(err.error).toBe('Lambda.InvalidRequestContentException');
    expect(err.cause).toContain('nesting depth exceeds 1000');
  });

  it('measures Content-Length the way the recorded Python functions serialised', () => {
    // Recorded: {"Input": {"FunctionName": "<lambda_function_name>", "Payload": {"input-value": 0}}} → 82 (a 20-char name).
    expect(pythonJsonLength({ Input: { FunctionName: 'lambda_func_0001abcd', Payload: { 'input-value': 0 } } })).toBe(82);
    expect(pythonJsonLength({ 'a:b': 'c,d' })).toBe('{"a:b": "c,d"}'.length);
    expect(pythonJsonLength('é')).toBe(4);
  });

  it('gives the handler a copy of the event, and keeps nothing the handler still holds', async () => {
    const payload = { list: [1] };
    let kept: { list: number[] } = { list: [] };
    const result = await invoke(
      {
        [ARN]: (event) => {
          (event as { list: number[] }).list.push(2);
          kept = { list: [3] };
          return kept;
        },
      },
      ARN,
      payload,
    );
    kept.list.push(4);
    expect(payload).toEqual({ list: [1] });
    expect(result).toEqual({ list: [3] });
  });

  it('passes the function name, ARN, clock sleep and signal in the context', async () => {
    const controller = new AbortController();
    const slept: number[] = [];
    const ctx: TaskContext = { signal: controller.signal, sleep: async (ms) => void slept.push(ms), now: () => NOW };
    let seen: LambdaContext | undefined;
    const handler: LambdaHandler = async (_event, c) => {
      seen = c;
      await c.sleep(1500);
      return null;
    };
    await invoke({ 'my-fn': handler }, null, { FunctionName: 'my-fn:prod' }, ctx);
    expect(seen).toMatchObject({ functionName: 'my-fn', invokedFunctionArn: 'arn:aws:lambda:eu-west-1:222222222222:function:my-fn:prod' });
    expect(seen?.signal).toBe(controller.signal);
    expect(slept).toEqual([1500]);
  });

  it('answers InvocationType Event with 202 and DryRun with 204, empty Payload', async () => {
    let calls = 0;
    const count: LambdaHandler = () => ++calls;
    expect(await invoke({ count }, null, { FunctionName: 'count', InvocationType: 'Event' })).toMatchObject({ Payload: '', StatusCode: 202 });
    expect(calls).toBe(1);
    expect(await invoke({ count }, null, { FunctionName: 'count', InvocationType: 'DryRun' })).toMatchObject({ Payload: '', StatusCode: 204 });
    expect(calls).toBe(1);
    expect((await failure(invoke({}, null, { FunctionName: 'count', InvocationType: 'DryRun' }))).error).toBe('Lambda.ResourceNotFoundException');
  });

  it('supports invoke and bare ARNs, not .sync', () => {
    const lambda = createLambdaIntegration({});
    expect(lambda.supports(INVOKE)).toBe(true);
    expect(lambda.supports(parseResource(ARN))).toBe(true);
    expect(lambda.supports(parseResource('arn:aws:states:::lambda:invoke.waitForTaskToken'))).toBe(true);
    expect(lambda.supports(parseResource('arn:aws:states:::lambda:invoke.sync'))).toBe(false);
    expect(lambda.supports(parseResource('arn:aws:states:::sns:publish'))).toBe(false);
  });
});

describe('lambda integration: finding the function', () => {
  it.each([
    ['name key, name ref', 'my-fn', 'my-fn'],
    ['name key, qualified ref', 'my-fn', 'my-fn:prod'],
    ['name key, ARN ref', 'my-fn', 'arn:aws:lambda:us-east-1:1:function:my-fn'],
    ['name key, qualified ARN ref', 'my-fn', 'arn:aws:lambda:us-east-1:1:function:my-fn:$LATEST'],
    ['ARN key, name ref', 'arn:aws:lambda:us-east-1:1:function:my-fn', 'my-fn'],
    ['ARN key, partial ARN ref', 'arn:aws:lambda:us-east-1:1:function:my-fn', '123456789012:function:my-fn'],
  ])('%s', async (_what, key, ref) => {
    expect(await invoke({ [key]: () => 'found' }, null, { FunctionName: ref })).toMatchObject({ Payload: 'found' });
  });

  it('prefers the exact key over a same-named one', async () => {
    const handlers = { 'my-fn': () => 'plain', 'my-fn:prod': () => 'prod' };
    expect(await invoke(handlers, null, { FunctionName: 'my-fn:prod' })).toMatchObject({ Payload: 'prod' });
    expect(await invoke(handlers, null, { FunctionName: 'my-fn', Qualifier: 'prod' })).toMatchObject({ Payload: 'prod' });
    expect(await invoke(handlers, null, { FunctionName: 'my-fn' })).toMatchObject({ Payload: 'plain' });
  });

  it('reports an unknown function as Lambda.ResourceNotFoundException, with the recorded cause', async () => {
    const err = await failure(invoke({}, null, { FunctionName: 'nope' }));
    expect(err.error).toBe('Lambda.ResourceNotFoundException');
    expect(err.cause).toMatch(
      /^Function not found: arn:aws:lambda:eu-west-1:222222222222:function:nope:\$LATEST \(Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: [0-9a-f-]{36}; Proxy: null\)$/,
    );
    expect((await failure(invoke({}, ARN, {}))).cause).toContain(`Function not found: ${ARN}:$LATEST`);
  });

  it.each([
    [{}, "The field 'FunctionName' is required but was missing"],
    [{ FunctionName: 3 }, "The value of the field 'FunctionName' has an invalid format"],
    ['x', 'must be an object'],
  ])('fails to start the task with States.Runtime for Parameters %j', async (parameters, why) => {
    const err = await failure(invoke({ echo }, null, parameters));
    expect(err.error).toBe('States.Runtime');
    expect(err.cause).toContain(why);
  });
});

describe('lambda integration: function errors', () => {
  it('passes a recorded Lambda error payload through under its errorType (conformance callLambda)', async () => {
    const body = JSON.stringify({ errorMessage: 'Some exception was raised.', errorType: 'Exception', requestId: 'r', stackTrace: [] });
    const thrown = Object.assign(new Error(body), { name: 'Exception' });
    const err = await failure(invoke({ [ARN]: () => Promise.reject(thrown) }, ARN, {}));
    expect([err.error, err.cause]).toEqual(['Exception', body]);
  });

  class CustomError extends Error {
    override name = 'CustomError';
  }
  it.each([
    [new Error('boom'), 'Error', { errorType: 'Error', errorMessage: 'boom', trace: [] }],
    [new TypeError('bad'), 'TypeError', { errorType: 'TypeError', errorMessage: 'bad', trace: [] }],
    [new CustomError('mine'), 'CustomError', { errorType: 'CustomError', errorMessage: 'mine', trace: [] }],
    ['just text', 'string', { errorType: 'string', errorMessage: 'just text', trace: [] }],
  ])('describes a thrown %o as the Node.js runtime does', async (thrown, error, payload) => {
    const err = await failure(
      invoke({ [ARN]: () => { throw thrown; } }, ARN, {}),
    );
    expect(err.error).toBe(error);
    expect(JSON.parse(err.cause ?? '')).toEqual(payload);
  });

  it('lets a handler raise an AslError of its choosing', async () => {
    const err = await failure(invoke({ echo: () => { throw new AslError('Lambda.TooManyRequestsException', 'slow down'); } }, null, { FunctionName: 'echo' }));
    expect([err.error, err.cause]).toEqual(['Lambda.TooManyRequestsException', 'slow down']);
  });

  it('reports a result that is not JSON as Runtime.MarshalError', async () => {
    const err = await failure(invoke({ [ARN]: () => ({ n: NaN }) }, ARN, {}));
    expect(err.error).toBe('Runtime.MarshalError');
    expect(err.cause).toContain('$.n: NaN is not a JSON number');
  });

  it('reports the abort, not the handler error, when the task was cancelled', async () => {
    const controller = new AbortController();
    const reason = new CancelledError('timeout');
    const handler: LambdaHandler = () => {
      controller.abort(reason);
      throw new Error('interrupted');
    };
    await expect(invoke({ [ARN]: handler }, ARN, {}, context(controller.signal))).rejects.toBe(reason);
  });

  it('settles with the abort even when the handler ignores its signal, and leaves no callback behind', async () => {
    const controller = new AbortController();
    const reason = new CancelledError('execution stopped');
    const never: LambdaHandler = () => new Promise(() => undefined);
    const call = invoke({ [ARN]: never }, ARN, {}, context(controller.signal));
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
    expect(pendingAbortCallbacks(controller.signal)).toBe(0);
  });

  it('removes its abort callback once the handler settles', async () => {
    const controller = new AbortController();
    for (let i = 0; i < 100; i++) await invoke({ [ARN]: echo }, ARN, { i }, context(controller.signal));
    expect(pendingAbortCallbacks(controller.signal)).toBe(0);
  });

  it('reports a result too deep to copy as an error, not a crash', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const err = await failure(invoke({ [ARN]: () => deep }, ARN, {}));
    // Refused at the engine's nesting bound, as a real Lambda refuses what it cannot serialize.
    expect(err.error).toBe('Runtime.MarshalError');
    expect(err.cause).toContain('nests more than 1000 levels deep');
  });
});

import { describe, expect, it } from 'vitest';
import { pendingAbortCallbacks } from '../../../src/core/abort.js';
import { AslError, CancelledError, ExecutionAbortedError } from '../../../src/core/errors.js';
import type { JsonValue } from '../../../src/core/json.js';
import { createDefaultIntegrationRegistry, createIntegrationRegistry, toAslError } from '../../../src/integrations/registry.js';
import { parseResource } from '../../../src/integrations/resource.js';
import type { Integration, TaskContext, TaskRequest } from '../../../src/integrations/types.js';

const SNS = parseResource('arn:aws:states:::sns:publish');

function request(arn: string, parameters: JsonValue = {}): TaskRequest {
  return { resource: parseResource(arn), parameters, stateName: 'T', taskToken: undefined };
}

function context(signal = new AbortController().signal): TaskContext {
  return { signal, sleep: () => Promise.resolve(), now: () => 0 };
}

function fake(name: string, service: string, invoke: Integration['invoke']): Integration {
  return { name, supports: (r) => r.service === service, invoke };
}

describe('toAslError (the one foreign-error boundary)', () => {
  class ValidationError extends Error {
    override name = 'ValidationError';
  }
  it.each([
    [new AslError('Custom', 'kept'), 'Custom', 'kept'],
    [new Error('boom'), 'Error', 'boom'],
    [new RangeError('far'), 'RangeError', 'far'],
    [new ValidationError('bad'), 'ValidationError', 'bad'],
    [Object.assign(new Error('m'), { name: '' }), 'Error', 'm'],
    ['text', 'States.TaskFailed', 'text'],
    [{ code: 7 }, 'States.TaskFailed', '{"code":7}'],
    [undefined, 'States.TaskFailed', 'undefined'],
  ])('%o → %s', (thrown, error, cause) => {
    const converted = toAslError(thrown);
    expect(converted).toBeInstanceOf(AslError);
    expect([converted.error, converted.cause]).toEqual([error, cause]);
  });

  it('returns the very same AslError', () => {
    const err = new AslError('X', 'y');
    expect(toAslError(err)).toBe(err);
  });
});

describe('createIntegrationRegistry', () => {
  it('resolves the first integration that supports the resource', () => {
    const first = fake('first', 'sns', async () => 1);
    const second = fake('second', 'sns', async () => 2);
    const registry = createIntegrationRegistry([first, second]);
    expect(registry.resolve(SNS)).toBe(first);
    expect(registry.resolve(parseResource('arn:aws:states:::sqs:sendMessage'))).toBeUndefined();
  });

  it('invokes it and returns its result', async () => {
    const registry = createIntegrationRegistry([fake('sns', 'sns', async (req) => ({ got: req.parameters }))]);
    expect(await registry.invoke(request(SNS.arn, { Message: 'hi' }), context())).toEqual({ got: { Message: 'hi' } });
  });

  it('fails an unsupported resource with States.Runtime and says how to fix it', async () => {
    const registry = createIntegrationRegistry([]);
    await expect(registry.invoke(request(SNS.arn), context())).rejects.toMatchObject({
      error: 'States.Runtime',
      cause: expect.stringMatching(/^The resource arn:aws:states:::sns:publish is not supported by asl-engine; register an Integration/),
    });
    await expect(registry.invoke(request('arn:aws:states:::lambda:invoke.sync'), context())).rejects.toMatchObject({
      cause: expect.stringContaining('--lambda NAME=./module.js#export'),
    });
  });

  it.each([
    ['a rejected Error', () => Promise.reject(new TypeError('nope')), 'TypeError', 'nope'],
    ['a synchronous throw', () => { throw new Error('sync'); }, 'Error', 'sync'],
    ['a thrown string', () => Promise.reject('plain'), 'States.TaskFailed', 'plain'],
  ])('converts %s into an AslError', async (_what, invoke, error, cause) => {
    const registry = createIntegrationRegistry([fake('sns', 'sns', invoke as Integration['invoke'])]);
    const err: unknown = await registry.invoke(request(SNS.arn), context()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AslError);
    expect(err).toMatchObject({ error, cause });
  });

  it.each([new CancelledError('sibling failed'), new ExecutionAbortedError()])('never converts a cancellation (%o)', async (reason) => {
    const registry = createIntegrationRegistry([fake('sns', 'sns', () => Promise.reject(reason))]);
    await expect(registry.invoke(request(SNS.arn), context())).rejects.toBe(reason);
  });

  it('rejects with the abort reason even when the integration ignores its signal', async () => {
    const controller = new AbortController();
    const registry = createIntegrationRegistry([fake('sns', 'sns', () => new Promise(() => {}))]);
    const pending = registry.invoke(request(SNS.arn), context(controller.signal));
    const reason = new CancelledError('timeout');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('does not start work on an already aborted signal', async () => {
    let called = false;
    const registry = createIntegrationRegistry([fake('sns', 'sns', async () => (called = true))]);
    const reason = new CancelledError('stopped');
    await expect(registry.invoke(request(SNS.arn), context(AbortSignal.abort(reason)))).rejects.toBe(reason);
    expect(called).toBe(false);
  });

  it('adds no race of its own for an integration that settles on abort itself', () => {
    const work = new Promise<JsonValue>(() => undefined);
    const own: Integration = { ...fake('own', 'sns', () => work), settlesOnAbort: true };
    const signal = new AbortController().signal;
    expect(createIntegrationRegistry([own]).invoke(request(SNS.arn), context(signal))).toBe(work);
    expect(pendingAbortCallbacks(signal)).toBe(0);
  });

  it('leaves no abort callback behind once the work settles', async () => {
    const controller = new AbortController();
    let listeners = 0;
    const signal = controller.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => { listeners++; add(...args); }) as typeof add;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => { listeners--; remove(...args); }) as typeof remove;
    const registry = createIntegrationRegistry([fake('sns', 'sns', async () => 1)]);
    for (let i = 0; i < 5; i++) await registry.invoke(request(SNS.arn), context(signal));
    await registry.invoke(request(SNS.arn), context(signal)).catch(() => undefined);
    expect(listeners).toBe(1); // the signal's one fan-out listener, however many calls
    expect(pendingAbortCallbacks(signal)).toBe(0);
  });
});

describe('createDefaultIntegrationRegistry', () => {
  it('puts user integrations before the built-in Lambda', async () => {
    const mine = fake('my-lambda', 'lambda', async () => 'mine');
    const registry = createDefaultIntegrationRegistry({ integrations: [mine], lambdas: { f: () => 'built-in' } });
    expect(await registry.invoke(request('arn:aws:lambda:us-east-1:1:function:f'), context())).toBe('mine');
  });

  it('runs local Lambda handlers', async () => {
    const registry = createDefaultIntegrationRegistry({ lambdas: { f: () => 'built-in' } });
    expect(await registry.invoke(request('arn:aws:lambda:us-east-1:1:function:f'), context())).toBe('built-in');
  });
});

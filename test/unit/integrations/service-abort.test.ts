// The service integrations settle on abort themselves (so the registry adds no race per call): a
// backend that declares settlesOnAbort (the local world) is called as is; any other is raced
// against the task's signal, and the race leaves no abort callback behind once the call settles.
import { describe, expect, it } from 'vitest';
import { pendingAbortCallbacks } from '../../../src/core/abort.js';
import { CancelledError } from '../../../src/core/errors.js';
import type { JsonObject } from '../../../src/core/json.js';
import type { ServiceBackend } from '../../../src/integrations/backend.js';
import { createIntegrationRegistry } from '../../../src/integrations/registry.js';
import { parseResource } from '../../../src/integrations/resource.js';
import { createServiceIntegrations } from '../../../src/integrations/services.js';
import { createLocalWorld } from '../../../src/world/world.js';
import { replied, scriptedBackend, taskContext } from './service-support.js';

const PUBLISH = parseResource('arn:aws:states:::sns:publish');
const SDK_SEND = parseResource('arn:aws:states:::aws-sdk:sqs:sendMessage');
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:orders';

/** A backend whose calls never settle, as an SDK call to a black-holed endpoint may not. */
const hanging: ServiceBackend = { kind: 'aws', serves: () => true, call: () => new Promise<JsonObject>(() => undefined) };

describe('service integrations and abort', () => {
  it('declare that they settle on abort, and the local world that it does', () => {
    for (const integration of createServiceIntegrations(() => undefined)) expect(integration.settlesOnAbort).toBe(true);
    expect(createLocalWorld().settlesOnAbort).toBe(true);
  });

  it('stop waiting for a backend that ignores the signal, with the cancellation', async () => {
    const registry = createIntegrationRegistry(createServiceIntegrations(() => hanging));
    const cases = [
      { resource: PUBLISH, parameters: { TopicArn: TOPIC, Message: 'm' } },
      { resource: SDK_SEND, parameters: { QueueUrl: 'q', MessageBody: 'm' } },
    ];
    for (const { resource, parameters } of cases) {
      const controller = new AbortController();
      const call = registry.invoke({ resource, parameters, stateName: 'Notify', taskToken: undefined }, taskContext(controller.signal));
      const reason = new CancelledError('execution stopped');
      controller.abort(reason);
      await expect(call).rejects.toBe(reason);
    }
  });

  it('leave no abort callback on the signal once a raced call settles', async () => {
    const backend = scriptedBackend({ 'sns Publish': () => replied({ MessageId: 'm-1' }) }, 'aws');
    const signal = new AbortController().signal;
    const registry = createIntegrationRegistry(createServiceIntegrations(() => backend));
    const results = await Promise.all(
      Array.from({ length: 3 }, () => registry.invoke({ resource: PUBLISH, parameters: { TopicArn: TOPIC, Message: 'hi' }, stateName: 'Notify', taskToken: undefined }, taskContext(signal))),
    );
    expect(results.map((r) => (r as JsonObject).MessageId)).toEqual(['m-1', 'm-1', 'm-1']);
    expect(pendingAbortCallbacks(signal)).toBe(0);
  });

  it('answer from the local world without a race, and reject at once when already aborted', async () => {
    const world = createLocalWorld({ seed: { sns: { topics: [{ Name: 'orders' }] } } });
    const registry = createIntegrationRegistry(createServiceIntegrations(() => world));
    const signal = new AbortController().signal;
    const result = (await registry.invoke({ resource: PUBLISH, parameters: { TopicArn: TOPIC, Message: 'hi' }, stateName: 'Notify', taskToken: undefined }, taskContext(signal))) as JsonObject;
    expect(typeof result.MessageId).toBe('string');
    expect(pendingAbortCallbacks(signal)).toBe(0);
    expect(world.published(TOPIC)).toHaveLength(1);

    const stopped = new AbortController();
    const reason = new CancelledError('execution stopped');
    stopped.abort(reason);
    await expect(registry.invoke({ resource: PUBLISH, parameters: { TopicArn: TOPIC, Message: 'late' }, stateName: 'Notify', taskToken: undefined }, taskContext(stopped.signal))).rejects.toBe(reason);
    expect(world.published(TOPIC)).toHaveLength(1);
  });

  it('turn anything a backend throws synchronously into an ASL error', async () => {
    const broken: ServiceBackend = {
      kind: 'aws',
      serves: () => true,
      call: () => {
        throw new TypeError('client exploded');
      },
    };
    const registry = createIntegrationRegistry(createServiceIntegrations(() => broken));
    const failure = registry.invoke({ resource: PUBLISH, parameters: { TopicArn: TOPIC, Message: 'hi' }, stateName: 'Notify', taskToken: undefined }, taskContext());
    await expect(failure).rejects.toMatchObject({ name: 'AslError' });
  });
});

// Shared by the world's tests: a world on a virtual clock, a caller per service, and a way to
// catch the ServiceError a call rejects with.
import { VirtualClock } from '../../../src/core/clock.js';
import type { JsonObject } from '../../../src/core/json.js';
import { ServiceError } from '../../../src/integrations/backend.js';
import type { LocalWorldOptions } from '../../../src/world/world.js';
import { createLocalWorld } from '../../../src/world/world.js';
import { rejectionOf } from '../../support/rejection.js';

export const START = Date.UTC(2026, 4, 1, 12, 0, 0);

export function testWorld(options: LocalWorldOptions = {}) {
  const clock = new VirtualClock({ startMs: START });
  const world = createLocalWorld({ clock, ...options });
  const signal = new AbortController().signal;
  const caller = (service: string) => (action: string, input: JsonObject) => world.call({ service, action, input, signal });
  return { world, clock, caller };
}

export const failure = (work: Promise<unknown>): Promise<ServiceError> => rejectionOf(work, ServiceError);

/** Loads dynalite's modules (a one-off cost of a few tens of ms) outside the tests that time themselves. */
export function preloadDynalite(): void {
  createLocalWorld({ seed: { dynamodb: { tables: [{ TableName: 'warm', KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }] }] } } });
}

// A machine's own world is loaded on its first service call. This file imports nothing that loads
// the world's code, so the first call here really waits on loading it.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import { createStateMachine } from '../../../src/runtime/execution.js';
import { machineBackends } from '../../../src/runtime/service-backends.js';

describe("a machine's own world, loaded on the first call", () => {
  it('keeps a self-advancing virtual clock still while the world loads', async () => {
    const clock = new VirtualClock({ autoAdvance: true });
    const start = clock.now();
    const timer = clock.sleep(10_000);
    const world = machineBackends({ clock }, 'us-east-1', '123456789012', createStateMachine)('sqs');
    const created = await world?.call({ service: 'sqs', action: 'CreateQueue', input: { QueueName: 'held' }, signal: new AbortController().signal });
    expect(created?.['QueueUrl']).toMatch(/\/held$/);
    expect(clock.now()).toBe(start);
    await timer;
    expect(clock.now()).toBe(start + 10_000);
  });
});

// The engine's express runs (src/service/engine-sync.ts): never stored, and let go when the engine
// closes, every one of them, even two that share an ARN.
import { describe, expect, it } from 'vitest';
import { openEngine, VirtualClock } from '../../../src/index.js';

const napping = { StartAt: 'Nap', States: { Nap: { Type: 'Wait', Seconds: 60, End: true } } };

describe('express runs', () => {
  it('lets every running express execution go on close, also two with one ARN (one name on a fixed seed)', async () => {
    const engine = await openEngine({ clock: new VirtualClock(), seed: 7 });
    await engine.register('Nap', napping, { type: 'EXPRESS' });
    const first = await engine.startExpress('Nap', { n: 1 }, { name: 'same' });
    const second = await engine.startExpress('Nap', { n: 2 }, { name: 'same' });
    const other = await engine.startExpress('Nap', { n: 3 }, { name: 'other' });
    expect(second.arn).toBe(first.arn);
    expect(other.arn).not.toBe(first.arn);
    await engine.close();
    const outcomes = await Promise.all([first, second, other].map(async (execution) => (await execution.outcome).result.status));
    expect(outcomes).toEqual(['SUSPENDED', 'SUSPENDED', 'SUSPENDED']);
  });
});

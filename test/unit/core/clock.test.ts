// The virtual clock: time moves only when told to (or by itself with autoAdvance), sleeps resolve
// in deadline order, and an aborted sleep leaves nothing pending.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('VirtualClock', () => {
  it('resolves sleeps in deadline order, equal deadlines in request order, as time advances', async () => {
    const clock = new VirtualClock({ startMs: 0 });
    const woke: string[] = [];
    void clock.sleep(300).then(() => woke.push('c'));
    void clock.sleep(100).then(() => woke.push('a'));
    void clock.sleep(100).then(() => woke.push('b'));
    clock.advance(99);
    await flush();
    expect(woke).toEqual([]);
    clock.advance(201);
    await flush();
    expect(woke).toEqual(['a', 'b', 'c']);
    expect(clock.now()).toBe(300);
  });

  it('rejects an aborted sleep with the signal reason and forgets it', async () => {
    const clock = new VirtualClock({ startMs: 0 });
    const controller = new AbortController();
    const sleeping = clock.sleep(1000, controller.signal);
    expect(clock.pendingCount).toBe(1);
    controller.abort('stop');
    await expect(sleeping).rejects.toBe('stop');
    expect(clock.pendingCount).toBe(0);
  });

  it('jumps to the next timer by itself with autoAdvance', async () => {
    const clock = new VirtualClock({ startMs: 0, autoAdvance: true });
    await clock.sleep(3_600_000);
    expect(clock.now()).toBe(3_600_000);
    expect(clock.pendingCount).toBe(0);
  });
});

// Group commit (src/service/commit-group.ts): the executions an engine starts or advances in one
// turn of the event loop go to the store in one commitMany call, and each is still stored or
// refused on its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEngine, openSqliteStore, StoreConflictError, VirtualClock } from '../../../src/index.js';
import type { ExecutionStore } from '../../../src/index.js';

const quick = { StartAt: 'Shape', States: { Shape: { Type: 'Pass', Parameters: { 'n.$': '$.n' }, End: true } } };
const waiting = { StartAt: 'Nap', States: { Nap: { Type: 'Wait', Seconds: 60, Next: 'Done' }, Done: { Type: 'Succeed' } } };

/** `inner`, with the size of every commitMany group written down. */
function recording(inner: ExecutionStore): { store: ExecutionStore; groups: number[] } {
  const groups: number[] = [];
  const store = new Proxy(inner, {
    get(target, key) {
      if (key === 'commitMany') {
        return (writes: Parameters<ExecutionStore['commitMany']>[0]) => {
          groups.push(writes.length);
          return target.commitMany(writes);
        };
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store, groups };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'asl-group-commit-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('group commit', () => {
  it('stores the executions started in one turn in one transaction, each resolving once stored', async () => {
    const { store, groups } = recording(await openSqliteStore(join(dir, 'store.db')));
    const engine = await openEngine({ store, clock: new VirtualClock({ autoAdvance: true }) });
    await engine.register('Quick', quick);
    const started = await Promise.all(Array.from({ length: 20 }, (_, n) => engine.start('Quick', { n }, { name: `q-${n}` })));
    expect(groups).toEqual([20]);
    for (const [n, execution] of started.entries()) {
      expect(await store.getExecution(execution.arn)).toMatchObject({ name: `q-${n}`, status: 'SUCCEEDED', output: { n } });
    }
    await engine.close();
  });

  it('commits the running executions of one turn together, then their ends together', async () => {
    const { store, groups } = recording(await openSqliteStore(join(dir, 'store.db')));
    const clock = new VirtualClock();
    const engine = await openEngine({ store, clock });
    await engine.register('Waiting', waiting);
    const started = await Promise.all(Array.from({ length: 5 }, (_, n) => engine.start('Waiting', { n })));
    expect(groups).toEqual([5]);
    expect((await engine.list({ status: 'RUNNING' })).executions).toHaveLength(5);
    await clock.advance(60_000);
    expect(await Promise.all(started.map((execution) => execution.result))).toEqual(Array(5).fill({ status: 'SUCCEEDED', output: { n: expect.any(Number) } }));
    expect(groups.slice(1)).toEqual([5]);
    expect((await engine.list({ status: 'SUCCEEDED' })).executions).toHaveLength(5);
    await engine.close();
  });

  it('refuses one write of a group alone: that execution is let go, the others are stored', async () => {
    const { store, groups } = recording(await openSqliteStore(join(dir, 'store.db')));
    const storeErrors: string[] = [];
    const engine = await openEngine({ store, clock: new VirtualClock({ autoAdvance: true }), onStoreError: (error, arn) => storeErrors.push(`${arn}: ${(error as Error).name}`) });
    await engine.register('Quick', quick);
    // The engine itself does not look names up first (the API does): the store refuses the second.
    const [first, second, other] = await Promise.all([
      engine.start('Quick', { n: 1 }, { name: 'same' }),
      engine.start('Quick', { n: 2 }, { name: 'same' }),
      engine.start('Quick', { n: 3 }, { name: 'other' }),
    ]);
    expect(groups).toEqual([3]);
    expect(await first?.result).toEqual({ status: 'SUCCEEDED', output: { n: 1 } });
    await expect(second?.result).rejects.toThrow(StoreConflictError);
    expect(await other?.result).toEqual({ status: 'SUCCEEDED', output: { n: 3 } });
    expect(storeErrors).toEqual([`${second?.arn ?? ''}: StoreConflictError`]);
    expect(await store.getExecution(first?.arn ?? '')).toMatchObject({ status: 'SUCCEEDED', output: { n: 1 } });
    await engine.close();
  });
});

// Group commit (src/service/commit-group.ts): the executions an engine starts or advances in one
// turn of the event loop go to the store in one commitMany call, and each is still stored or
// refused on its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEngine, openSqliteStore, StoreConflictError, VirtualClock } from '../../../src/index.js';
import type { EngineExecution, ExecutionStore, JsonValue, LambdaHandler } from '../../../src/index.js';

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
    const file = join(dir, 'store.db');
    // An execution named `same` finished under an engine before: the store refuses the name again.
    const before = await openEngine({ store: file, clock: new VirtualClock({ autoAdvance: true }) });
    await before.register('Quick', quick);
    const earlier = await before.start('Quick', { n: 0 }, { name: 'same' });
    expect(await earlier.result).toEqual({ status: 'SUCCEEDED', output: { n: 0 } });
    await before.close();
    const { store, groups } = recording(await openSqliteStore(file));
    // The engine looks a name up before it starts; this store does not show `same` then, as if
    // another process stored it between the look-up and the commit.
    const hiding = new Proxy(store, { get: (target, key) => (key === 'getExecution' ? async () => undefined : Reflect.get(target, key, target)) });
    const storeErrors: string[] = [];
    const engine = await openEngine({ store: hiding, clock: new VirtualClock({ autoAdvance: true }), onStoreError: (error, arn) => storeErrors.push(`${arn}: ${(error as Error).name}`) });
    const [same, other] = await Promise.all([engine.start('Quick', { n: 2 }, { name: 'same' }), engine.start('Quick', { n: 3 }, { name: 'other' })]);
    expect(groups).toEqual([2]);
    await expect(same?.result).rejects.toThrow(StoreConflictError);
    expect(await other?.result).toEqual({ status: 'SUCCEEDED', output: { n: 3 } });
    expect(storeErrors).toEqual([`${same?.arn ?? ''}: StoreConflictError`]);
    expect(await store.getExecution(same?.arn ?? '')).toMatchObject({ status: 'SUCCEEDED', output: { n: 0 } });
    await engine.close();
  });

  it('refuses a start of a name it runs now or has stored before it runs, so its Task is not called twice', async () => {
    const calls: JsonValue[] = [];
    const note: LambdaHandler = async (event) => {
      calls.push(event);
      return event;
    };
    const engine = await openEngine({ store: join(dir, 'store.db'), clock: new VirtualClock({ autoAdvance: true }), lambdas: { note } });
    await engine.register('Noting', { StartAt: 'Note', States: { Note: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'note', 'Payload.$': '$' }, OutputPath: '$.Payload', End: true } } });
    const [first, second] = await Promise.allSettled([engine.start('Noting', { n: 1 }, { name: 'same' }), engine.start('Noting', { n: 2 }, { name: 'same' })]);
    expect(first.status).toBe('fulfilled');
    expect(second).toMatchObject({ status: 'rejected', reason: expect.any(StoreConflictError) });
    expect(String((second as PromiseRejectedResult).reason)).toMatch(/execution:Noting:same is already in the store/);
    expect(await (first as PromiseFulfilledResult<EngineExecution>).value.result).toEqual({ status: 'SUCCEEDED', output: { n: 1 } });
    expect(calls).toEqual([{ n: 1 }]);
    // Once it has ended and is stored, the engine finds the name in the store and refuses it as well.
    await expect(engine.start('Noting', { n: 3 }, { name: 'same' })).rejects.toThrow(StoreConflictError);
    expect(calls).toEqual([{ n: 1 }]);
    await engine.close();
  });
});

// The ExecutionStore contract for commitMany (group commit), run against every implementation
// beside store-contract.ts: each write of a group is stored or refused on its own, in order.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreClosedError, StoreConflictError } from '../../../src/store/errors.js';
import type { ExecutionStore } from '../../../src/store/types.js';
import type { StoreFactory } from './store-contract.js';
import { events, executionArn, finished, newExecution, running } from './store-fixtures.js';

export function describeCommitManyContract(factory: StoreFactory): void {
  let store: ExecutionStore;
  beforeEach(async () => {
    store = await factory.open();
  });
  afterEach(async () => {
    await store.close();
    factory.dispose?.();
  });

  describe('commitMany', () => {
    it('stores new executions and commits to stored ones, in the order given', async () => {
      await store.createExecution(newExecution('old'));
      const outcomes = await store.commitMany([
        { create: newExecution('a') },
        { commit: running(executionArn('old'), 3, 4, { at: 'four' }) },
        { create: newExecution('b', { outcome: { status: 'SUCCEEDED', output: { done: true }, stopDate: 5_000 } }) },
        // Goes on from the commit two places above it in the same group.
        { commit: finished(executionArn('old'), 5, 'SUCCEEDED', { output: 1 }) },
      ]);
      expect(outcomes).toEqual([undefined, undefined, undefined, undefined]);
      expect(await store.getExecution(executionArn('a'))).toMatchObject({ status: 'RUNNING', lastEventId: 2 });
      expect(await store.getExecution(executionArn('b'))).toMatchObject({ status: 'SUCCEEDED', output: { done: true }, stopDate: 5_000 });
      expect(await store.getExecution(executionArn('old'))).toMatchObject({ status: 'SUCCEEDED', output: 1, lastEventId: 5 });
      expect((await store.history(executionArn('old'))).map((e) => e.id)).toEqual([1, 2, 3, 4, 5]);
    });

    it('refuses a write alone, giving its error in its place, and stores the others', async () => {
      await store.createExecution(newExecution('taken'));
      await store.createExecution(newExecution('done'));
      await store.commit(finished(executionArn('done'), 3, 'FAILED'));
      const outcomes = await store.commitMany([
        { create: newExecution('fresh') },
        { create: newExecution('taken', { input: 'other' }) },
        { commit: running(executionArn('ghost'), 1, 1) },
        { commit: running(executionArn('done'), 4, 4) },
        { commit: running(executionArn('fresh'), 5, 5) },
        { create: newExecution('no-events', { events: [] }) },
        { commit: { arn: executionArn('taken'), events: events(3, 3), status: 'RUNNING' } },
        { commit: running(executionArn('taken'), 3, 3, { at: 'three' }) },
        // Two writes of one new name in one group: the first is stored, the second refused.
        { create: newExecution('twice') },
        { create: newExecution('twice', { input: 'second' }) },
      ]);
      expect(outcomes.map((outcome) => outcome?.name)).toEqual([
        undefined,
        'StoreConflictError',
        'StoreConflictError',
        'StoreConflictError',
        'StoreConflictError',
        'StoreConflictError',
        'StoreConflictError',
        undefined,
        undefined,
        'StoreConflictError',
      ]);
      expect(outcomes[1]?.message).toMatch(/already in the store/);
      expect(outcomes[2]?.message).toMatch(/ghost: it is not in the store/);
      expect(outcomes[3]?.message).toMatch(/already finished \(FAILED\)/);
      expect(outcomes[4]?.message).toMatch(/leaves a gap.*id 5, expected 3/);
      expect(outcomes[6]?.message).toMatch(/no snapshot/);
      expect(await store.getExecution(executionArn('fresh'))).toMatchObject({ status: 'RUNNING', lastEventId: 2 });
      expect(await store.getExecution(executionArn('taken'))).toMatchObject({ lastEventId: 3, snapshot: { at: 'three' }, input: { order: 'taken', items: [1, 2] } });
      expect(await store.getExecution(executionArn('twice'))).toMatchObject({ input: { order: 'twice', items: [1, 2] } });
      expect(await store.getExecution(executionArn('no-events'))).toBeUndefined();
      expect(await store.history(executionArn('done'))).toHaveLength(3);
    });

    it('answers an empty group with an empty list', async () => {
      expect(await store.commitMany([])).toEqual([]);
    });

    it('rejects as a whole once the store is closed', async () => {
      await store.close();
      await expect(store.commitMany([{ create: newExecution('late') }])).rejects.toThrow(StoreClosedError);
    });

    it('gives errors that are StoreConflictError instances', async () => {
      await store.createExecution(newExecution('one'));
      const [outcome] = await store.commitMany([{ create: newExecution('one') }]);
      expect(outcome).toBeInstanceOf(StoreConflictError);
    });
  });
}

// The ExecutionStore contract, run against every implementation (memory-store.test.ts,
// sqlite-store.test.ts): whatever store an engine is given, it behaves the same.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreClosedError, StoreConflictError, StoreError, StoreLockedError } from '../../../src/store/errors.js';
import type { ExecutionStore, StoreOwner } from '../../../src/store/types.js';
import { MACHINE_ARN, events, executionArn, finished, machine, newExecution, running } from './store-fixtures.js';

export interface StoreFactory {
  /** A fresh, empty store. */
  open(): Promise<ExecutionStore>;
  /** Removes whatever open() left behind (files); called after the store is closed. */
  dispose?(): void;
}

const alive = (): boolean => true;
const gone = (): boolean => false;
const ownerA: StoreOwner = { id: 'engine-a', pid: 101, host: 'host-a' };
const ownerB: StoreOwner = { id: 'engine-b', pid: 202, host: 'host-b' };

export function describeStoreContract(kind: string, factory: StoreFactory): void {
  let store: ExecutionStore;
  beforeEach(async () => {
    store = await factory.open();
  });
  afterEach(async () => {
    await store.close();
    factory.dispose?.();
  });

  it(`names itself '${kind}'`, () => {
    expect(store.kind).toBe(kind);
  });

  describe('machines', () => {
    it('gives back a stored version, and the latest one when no hash is named', async () => {
      await store.putMachine(machine({ definitionHash: 'v2', createdAt: 2_000, definition: '{"v":2}' }));
      await store.putMachine(machine({ definitionHash: 'v1', createdAt: 1_000, definition: '{"v":1}' }));
      expect(await store.getMachine(MACHINE_ARN, 'v1')).toEqual(machine({ definitionHash: 'v1', createdAt: 1_000, definition: '{"v":1}' }));
      expect((await store.getMachine(MACHINE_ARN))?.definitionHash).toBe('v2');
      expect(await store.getMachine(MACHINE_ARN, 'nope')).toBeUndefined();
      expect(await store.getMachine('arn:other')).toBeUndefined();
    });

    it('keeps the first registration when the same version is stored again', async () => {
      await store.putMachine(machine({ createdAt: 1_000 }));
      await store.putMachine(machine({ createdAt: 5_000, name: 'Renamed' }));
      expect(await store.listMachines()).toEqual([machine({ createdAt: 1_000 })]);
    });

    it('lists every version by arn, then by age', async () => {
      await store.putMachine(machine({ arn: 'arn:b', definitionHash: 'b1', createdAt: 1 }));
      await store.putMachine(machine({ arn: 'arn:a', definitionHash: 'a2', createdAt: 2 }));
      await store.putMachine(machine({ arn: 'arn:a', definitionHash: 'a1', createdAt: 1 }));
      const listed = (await store.listMachines()).map((m) => `${m.arn}/${m.definitionHash}`);
      expect(listed).toEqual(['arn:a/a1', 'arn:a/a2', 'arn:b/b1']);
    });
  });

  describe('executions', () => {
    it('stores a new execution with its first events', async () => {
      await store.createExecution(newExecution('one'));
      expect(await store.getExecution(executionArn('one'))).toEqual({
        arn: executionArn('one'),
        name: 'one',
        machineArn: MACHINE_ARN,
        definitionHash: 'aaaa',
        status: 'RUNNING',
        startDate: 1_000,
        lastEventId: 2,
        input: { order: 'one', items: [1, 2] },
        attributes: { cli: { seed: 7 } },
        snapshot: { version: 1, at: 'start' },
      });
      expect(await store.history(executionArn('one'))).toEqual(events(1, 2));
      expect(await store.getExecution(executionArn('unknown'))).toBeUndefined();
    });

    it('refuses a second execution with the same arn and keeps the first', async () => {
      await store.createExecution(newExecution('one'));
      await expect(store.createExecution(newExecution('one', { input: 'other' }))).rejects.toThrow(StoreConflictError);
      expect((await store.getExecution(executionArn('one')))?.input).toEqual({ order: 'one', items: [1, 2] });
      expect(await store.history(executionArn('one'))).toHaveLength(2);
    });

    it('refuses a new execution whose history does not start at event 1', async () => {
      await expect(store.createExecution(newExecution('empty', { events: [] }))).rejects.toThrow(/ExecutionStarted/);
      await expect(store.createExecution(newExecution('late', { events: events(2, 3) }))).rejects.toThrow(StoreConflictError);
      expect((await store.listExecutions()).executions).toEqual([]);
    });

    it('tells a JSON null apart from an absent value', async () => {
      await store.createExecution(newExecution('nulls', { input: null, snapshot: null }));
      await store.commit(finished(executionArn('nulls'), 3, 'SUCCEEDED', { output: null }));
      const record = await store.getExecution(executionArn('nulls'));
      expect(record?.input).toBeNull();
      expect(record).toHaveProperty('output', null);
      expect(record).not.toHaveProperty('snapshot');
    });
  });

  describe('commit', () => {
    const arn = executionArn('c');
    beforeEach(async () => {
      await store.createExecution(newExecution('c'));
    });

    it('appends the events and replaces the snapshot', async () => {
      await store.commit(running(arn, 3, 5, { at: 'five' }));
      await store.commit(running(arn, 6, 6, { at: 'six' }));
      const record = await store.getExecution(arn);
      expect(record).toMatchObject({ status: 'RUNNING', lastEventId: 6, snapshot: { at: 'six' } });
      expect((await store.history(arn)).map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it('accepts a commit with no events (a new snapshot only)', async () => {
      await store.commit({ arn, events: [], status: 'RUNNING', snapshot: { at: 'same place' } });
      expect(await store.getExecution(arn)).toMatchObject({ lastEventId: 2, snapshot: { at: 'same place' } });
    });

    it('finishes an execution: status, output, stop date; the snapshot is dropped', async () => {
      await store.commit(finished(arn, 3, 'SUCCEEDED', { output: { total: 3 }, snapshot: { ignored: true } }));
      const record = await store.getExecution(arn);
      expect(record).toMatchObject({ status: 'SUCCEEDED', output: { total: 3 }, stopDate: 9_000, lastEventId: 3 });
      expect(record).not.toHaveProperty('snapshot');
      expect(record).not.toHaveProperty('error');
    });

    it('records the error and cause of a failed execution', async () => {
      await store.commit(finished(arn, 3, 'FAILED', { error: 'States.TaskFailed', cause: 'boom' }));
      expect(await store.getExecution(arn)).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed', cause: 'boom' });
      expect(await store.getExecution(arn)).not.toHaveProperty('output');
    });

    it('refuses a gap in the history', async () => {
      await expect(store.commit(running(arn, 4, 5))).rejects.toThrow(/leaves a gap.*id 4, expected 3/);
    });

    it('refuses events the store already has', async () => {
      await expect(store.commit(running(arn, 2, 4))).rejects.toThrow(/overlaps the stored history/);
    });

    it('refuses ids that skip inside one commit, and stores none of its events', async () => {
      const skipping = [...events(3, 4), ...events(6, 6)];
      const error = await store.commit({ arn, events: skipping, status: 'RUNNING', snapshot: {} }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreConflictError);
      expect(await store.getExecution(arn)).toMatchObject({ lastEventId: 2, snapshot: { version: 1, at: 'start' } });
      expect(await store.history(arn)).toHaveLength(2);
    });

    it('refuses an unknown execution', async () => {
      await expect(store.commit(running(executionArn('ghost'), 1, 1))).rejects.toThrow(/ghost: it is not in the store/);
    });

    it('refuses to go on with a finished execution', async () => {
      await store.commit(finished(arn, 3, 'ABORTED'));
      await expect(store.commit(running(arn, 4, 4))).rejects.toThrow(/already finished \(ABORTED\)/);
      await expect(store.commit(finished(arn, 4, 'SUCCEEDED'))).rejects.toThrow(StoreConflictError);
    });

    it('refuses a RUNNING commit without a snapshot', async () => {
      await expect(store.commit({ arn, events: events(3, 3), status: 'RUNNING' })).rejects.toThrow(/no snapshot/);
      expect(await store.history(arn)).toHaveLength(2);
    });
  });

  describe('copies', () => {
    it('is not changed by mutating what was passed in', async () => {
      const created = structuredClone(newExecution('m'));
      await store.createExecution(created);
      (created.input as { order: string }).order = 'changed';
      (created.snapshot as { at: string }).at = 'changed';
      (created.events[0]?.details?.input as { step: number }).step = 99;
      const commit = running(executionArn('m'), 3, 3, { deep: { value: 1 } });
      await store.commit(commit);
      ((commit.snapshot as { deep: { value: number } }).deep).value = 2;
      const record = await store.getExecution(executionArn('m'));
      expect(record).toMatchObject({ input: { order: 'm' }, snapshot: { deep: { value: 1 } } });
      expect((await store.history(executionArn('m')))[0]?.details?.input).toEqual({ step: 1 });
    });

    it('is not changed by mutating what it gave back', async () => {
      await store.putMachine(machine());
      await store.createExecution(newExecution('m'));
      const record = await store.getExecution(executionArn('m'));
      (record?.attributes.cli as { seed: number }).seed = 0;
      (record?.input as { order: string }).order = 'changed';
      (record?.snapshot as { at: string }).at = 'changed';
      const history = await store.history(executionArn('m'));
      (history[1]?.details?.input as { step: number }).step = 99;
      ((await store.getMachine(MACHINE_ARN))?.options.limits as { maxEvents: number }).maxEvents = 1;
      expect(await store.getExecution(executionArn('m'))).toMatchObject({
        input: { order: 'm' }, attributes: { cli: { seed: 7 } }, snapshot: { at: 'start' },
      });
      expect((await store.history(executionArn('m')))[1]?.details?.input).toEqual({ step: 2 });
      expect((await store.getMachine(MACHINE_ARN))?.options).toEqual(machine().options);
    });
  });

  describe('history', () => {
    const arn = executionArn('h');
    const ids = async (query: Parameters<ExecutionStore['history']>[1]): Promise<number[]> =>
      (await store.history(arn, query)).map((e) => e.id);
    beforeEach(async () => {
      await store.createExecution(newExecution('h'));
      await store.commit(running(arn, 3, 8));
    });

    it('reads in id order, after an id, up to a limit', async () => {
      expect(await ids({})).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(await ids({ afterId: 5 })).toEqual([6, 7, 8]);
      expect(await ids({ afterId: 2, limit: 3 })).toEqual([3, 4, 5]);
      expect(await ids({ afterId: 8 })).toEqual([]);
    });

    it('reads newest first when reversed', async () => {
      expect(await ids({ reverse: true })).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
      expect(await ids({ reverse: true, limit: 2 })).toEqual([8, 7]);
      expect(await ids({ reverse: true, afterId: 6 })).toEqual([8, 7]);
    });

    it('keeps events whole, including events without details', async () => {
      const bare = { id: 9, previousEventId: 8, timestamp: 5_000, type: 'ExecutionSucceeded' as const, details: undefined };
      await store.commit({ arn, events: [bare], status: 'SUCCEEDED', output: 1, stopDate: 5_000 });
      const last = (await store.history(arn, { reverse: true, limit: 1 }))[0];
      expect(last).toStrictEqual(bare);
      expect(Object.keys(last ?? {})).toContain('details');
      expect((await store.history(arn))[2]).toStrictEqual(events(3, 3)[0]);
    });

    it('is empty for an unknown execution, and refuses a bad limit', async () => {
      expect(await store.history(executionArn('nobody'))).toEqual([]);
      await expect(store.history(arn, { limit: 0 })).rejects.toThrow(StoreError);
    });
  });

  describe('listExecutions', () => {
    // start dates: e1 1000, e2 3000, e3 2000, e4 2000 (tie: by arn, descending), e5 4000 on another machine
    beforeEach(async () => {
      await store.createExecution(newExecution('e1', { startDate: 1_000 }));
      await store.createExecution(newExecution('e2', { startDate: 3_000 }));
      await store.createExecution(newExecution('e3', { startDate: 2_000 }));
      await store.createExecution(newExecution('e4', { startDate: 2_000 }));
      await store.createExecution(newExecution('e5', { startDate: 4_000, machineArn: 'arn:other' }));
      await store.commit(finished(executionArn('e2'), 3, 'SUCCEEDED', { output: {} }));
      await store.commit(finished(executionArn('e4'), 3, 'FAILED', { error: 'E' }));
    });
    const names = (page: { executions: readonly { name: string }[] }): string[] => page.executions.map((e) => e.name);
    const tokenOf = (page: { next?: string }): string => {
      expect(page.next).toEqual(expect.any(String));
      return page.next ?? '';
    };

    it('lists newest first, with summaries', async () => {
      const page = await store.listExecutions();
      expect(names(page)).toEqual(['e5', 'e2', 'e4', 'e3', 'e1']);
      expect(page.next).toBeUndefined();
      expect(page.executions[1]).toEqual({
        arn: executionArn('e2'), name: 'e2', machineArn: MACHINE_ARN, definitionHash: 'aaaa',
        status: 'SUCCEEDED', startDate: 3_000, stopDate: 9_000, lastEventId: 3,
      });
    });

    it('filters by status and by machine', async () => {
      expect(names(await store.listExecutions({ status: 'RUNNING' }))).toEqual(['e5', 'e3', 'e1']);
      expect(names(await store.listExecutions({ machineArn: MACHINE_ARN }))).toEqual(['e2', 'e4', 'e3', 'e1']);
      expect(names(await store.listExecutions({ machineArn: MACHINE_ARN, status: 'RUNNING' }))).toEqual(['e3', 'e1']);
      expect(names(await store.listExecutions({ status: 'TIMED_OUT' }))).toEqual([]);
    });

    it('pages with the token of the previous page', async () => {
      const first = await store.listExecutions({ limit: 2 });
      expect(names(first)).toEqual(['e5', 'e2']);
      const second = await store.listExecutions({ limit: 2, after: tokenOf(first) });
      expect(names(second)).toEqual(['e4', 'e3']);
      const third = await store.listExecutions({ limit: 2, after: tokenOf(second) });
      expect(names(third)).toEqual(['e1']);
      expect(third.next).toBeUndefined();
      const exact = await store.listExecutions({ limit: 5 });
      expect(exact.next).toBeUndefined();
    });

    it('pages within a filter', async () => {
      const first = await store.listExecutions({ status: 'RUNNING', limit: 1 });
      const rest = await store.listExecutions({ status: 'RUNNING', after: tokenOf(first) });
      expect([...names(first), ...names(rest)]).toEqual(['e5', 'e3', 'e1']);
    });

    it('refuses a token it did not make, and a bad page size', async () => {
      await expect(store.listExecutions({ after: 'not-a-token' })).rejects.toThrow(/not a page token/);
      await expect(store.listExecutions({ limit: -1 })).rejects.toThrow(StoreError);
      await expect(store.listExecutions({ limit: 1.5 })).rejects.toThrow(StoreError);
    });
  });

  describe('lease and close', () => {
    it('lets one owner acquire again, and refuses a second live owner', async () => {
      await store.acquire(ownerA, alive);
      await store.acquire(ownerA, alive);
      const error = await store.acquire(ownerB, alive).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreLockedError);
      expect(String(error)).toMatch(/in use by asl-engine process 101 on host-a; stop it first/);
    });

    it('takes over from an owner whose process is gone', async () => {
      const asked: string[] = [];
      await store.acquire(ownerA, alive);
      await store.acquire(ownerB, (pid, host) => (asked.push(`${pid}@${host}`), false));
      expect(asked).toEqual(['101@host-a']);
      await expect(store.acquire(ownerA, alive)).rejects.toThrow(/process 202 on host-b/);
      await store.acquire(ownerA, gone);
    });

    it('refuses every call once closed; closing again is harmless', async () => {
      await store.acquire(ownerA, alive);
      await store.close();
      await store.close();
      await expect(store.getExecution(executionArn('x'))).rejects.toThrow(StoreClosedError);
      await expect(store.createExecution(newExecution('x'))).rejects.toThrow(StoreClosedError);
      await expect(store.commit(running(executionArn('x'), 1, 1))).rejects.toThrow(StoreClosedError);
      await expect(store.listExecutions()).rejects.toThrow(StoreClosedError);
      await expect(store.history(executionArn('x'))).rejects.toThrow(StoreClosedError);
      await expect(store.putMachine(machine())).rejects.toThrow(StoreClosedError);
      await expect(store.getMachine(MACHINE_ARN)).rejects.toThrow(StoreClosedError);
      await expect(store.listMachines()).rejects.toThrow(StoreClosedError);
      await expect(store.acquire(ownerA, alive)).rejects.toThrow(StoreClosedError);
    });
  });
}

// commitMany on SQLite is one transaction: when SQLite itself fails in the middle of a group, none
// of the group's writes is stored (the ones before the failure are rolled back too) and the promise
// rejects with a StoreError naming the file; the store goes on working afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { StoreError } from '../../../src/store/errors.js';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';
import type { ExecutionStore } from '../../../src/store/types.js';
import { executionArn, newExecution, running } from './store-fixtures.js';

let dir: string;
let file: string;
let store: ExecutionStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'asl-commit-many-'));
  file = join(dir, 'store.db');
  store = await openSqliteStore(file);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Makes SQLite fail the insert of an execution named `name` (a trigger, set from another connection). */
function failInsertsNamed(name: string): void {
  const other = new Database(file);
  other.exec(`CREATE TRIGGER refuse_${name} BEFORE INSERT ON executions WHEN NEW.name = '${name}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;`);
  other.close();
}

it('stores none of a group when SQLite fails inside it, and rejects with a StoreError naming the file', async () => {
  await store.createExecution(newExecution('before'));
  failInsertsNamed('boom');
  const group = store.commitMany([
    { create: newExecution('first') },
    { commit: running(executionArn('before'), 3, 3) },
    { create: newExecution('boom') },
    { create: newExecution('after') },
  ]);
  await expect(group).rejects.toThrow(StoreError);
  await expect(group).rejects.toThrow(file);
  expect(await store.getExecution(executionArn('first'))).toBeUndefined();
  expect(await store.getExecution(executionArn('after'))).toBeUndefined();
  expect(await store.getExecution(executionArn('before'))).toMatchObject({ lastEventId: 2 });
  // The store is whole and takes the same writes without the failing one.
  expect(await store.commitMany([{ create: newExecution('first') }, { commit: running(executionArn('before'), 3, 3) }])).toEqual([undefined, undefined]);
  expect(await store.getExecution(executionArn('before'))).toMatchObject({ lastEventId: 3 });
});

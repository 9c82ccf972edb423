// WAL checkpoints on a worker thread (SqliteStoreOptions.backgroundCheckpoints, `asl serve`): the
// worker's connection copies what the store committed into the database file, and a store with
// the worker behaves as every store does.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackgroundCheckpoints } from '../../../src/store/sqlite-checkpointer.js';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';
import { describeStoreContract, type StoreFactory } from './store-contract.js';
import { describeCommitManyContract } from './store-contract-many.js';
import { executionArn, newExecution } from './store-fixtures.js';

describe('background checkpoints', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'asl-checkpoints-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies the committed pages from the WAL into the database file', async () => {
    const file = join(dir, 'store.db');
    const store = await openSqliteStore(file);
    const before = statSync(file).size;
    // Well under SQLite's own 1,000-page checkpoint: everything is still in the WAL.
    for (let n = 0; n < 40; n++) await store.createExecution(newExecution(`e-${n}`, { input: { text: 'x'.repeat(2_000), n } }));
    expect(statSync(file).size).toBe(before);
    const checkpoints = startBackgroundCheckpoints(file, { busyTimeoutMs: 1_000, intervalMs: 3_600_000 });
    const result = await checkpoints.checkpointNow();
    expect(result?.framesInLog).toBeGreaterThan(10);
    expect(result?.framesCopied).toBe(result?.framesInLog);
    expect(statSync(file).size).toBeGreaterThan(before + 40 * 2_000);
    await checkpoints.close();
    await checkpoints.close();
    expect(await checkpoints.checkpointNow()).toBeUndefined();
    expect(await store.getExecution(executionArn('e-39'))).toMatchObject({ input: { n: 39 } });
    await store.close();
  });

  it('reports a worker that cannot open the file, and stops', async () => {
    const errors: string[] = [];
    const checkpoints = startBackgroundCheckpoints(join(dir, 'missing', 'store.db'), { busyTimeoutMs: 100, onError: (message) => errors.push(message) });
    expect(await checkpoints.checkpointNow()).toBeUndefined();
    await checkpoints.close();
    expect(errors.join('\n')).toMatch(/directory does not exist|unable to open/i);
  });
});

describe('sqlite store with background checkpoints', () => {
  let dir: string | undefined;
  const factory: StoreFactory = {
    open: async () => {
      dir = mkdtempSync(join(tmpdir(), 'asl-store-bg-'));
      return openSqliteStore(join(dir, 'store.db'), { backgroundCheckpoints: true });
    },
    dispose: () => {
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    },
  };
  describeStoreContract('sqlite', factory);
  describeCommitManyContract(factory);
});

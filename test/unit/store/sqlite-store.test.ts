import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';
import { describeStoreContract, type StoreFactory } from './store-contract.js';
import { describeCommitManyContract } from './store-contract-many.js';

describe('sqlite store', () => {
  let dir: string | undefined;
  const factory: StoreFactory = {
    open: async () => {
      dir = mkdtempSync(join(tmpdir(), 'asl-store-'));
      return openSqliteStore(join(dir, 'store.db'));
    },
    dispose: () => {
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    },
  };
  describeStoreContract('sqlite', factory);
  describeCommitManyContract(factory);
});

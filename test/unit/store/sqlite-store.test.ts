import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';
import { describeStoreContract } from './store-contract.js';

describe('sqlite store', () => {
  let dir: string | undefined;
  describeStoreContract('sqlite', {
    open: async () => {
      dir = mkdtempSync(join(tmpdir(), 'asl-store-'));
      return openSqliteStore(join(dir, 'store.db'));
    },
    dispose: () => {
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    },
  });
});

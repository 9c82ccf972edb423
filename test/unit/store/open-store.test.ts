import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../src/store/errors.js';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import { openStore } from '../../../src/store/open-store.js';

describe('openStore', () => {
  it('gives a fresh memory store for nothing or ":memory:"', async () => {
    const implicit = await openStore(undefined);
    const named = await openStore(':memory:');
    expect([implicit.kind, named.kind]).toEqual(['memory', 'memory']);
    expect(implicit).not.toBe(named);
    await implicit.close();
    await named.close();
  });

  it('opens a file path as an SQLite store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asl-open-store-'));
    try {
      const store = await openStore(join(dir, 'runs.db'));
      expect(store.kind).toBe('sqlite');
      await store.close();
      expect(existsSync(join(dir, 'runs.db'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes a store the caller built through, and refuses an empty path', async () => {
    const own = createMemoryStore();
    expect(await openStore(own)).toBe(own);
    await expect(openStore(' ')).rejects.toThrow(StoreError);
  });
});

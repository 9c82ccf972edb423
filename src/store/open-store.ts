// One way to name a store wherever a store is accepted (library options, the CLI's --store):
// nothing or ':memory:' for a store that lives as long as the process, a path for a durable file,
// or a store the caller built (their own ExecutionStore, a PostgreSQL one later).
import { StoreError } from './errors.js';
import { createMemoryStore } from './memory-store.js';
import { openSqliteStore } from './sqlite-store.js';
import type { ExecutionStore } from './types.js';

export const MEMORY_LOCATION = ':memory:';

export async function openStore(location: string | ExecutionStore | undefined): Promise<ExecutionStore> {
  if (location === undefined || location === MEMORY_LOCATION) return createMemoryStore();
  if (typeof location !== 'string') return location;
  if (location.trim() === '') throw new StoreError("An empty store location: give a file path, or ':memory:'.");
  return openSqliteStore(location);
}

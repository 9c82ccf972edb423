// Opening a store file: load better-sqlite3 only now (a run without --store must not pay for a
// native module), check the file read-only, then open it for writing with the durability settings.
import type BetterSqlite3 from 'better-sqlite3';
import { StoreError } from './errors.js';
import { checkStoreFile } from './sqlite-check.js';
import { ensureSchema, migrateSchema } from './sqlite-schema.js';

export interface SqliteStoreOptions {
  /** How long a write waits for another connection's transaction before failing (default 5000 ms). */
  readonly busyTimeoutMs?: number;
  /**
   * WAL checkpoints on a worker thread instead of on the committing connection (sqlite-checkpointer.ts):
   * for a long-lived store under load (`asl serve`), so a checkpoint's copying and fsyncs never stall
   * the event loop. Costs a thread; a short run is better without.
   */
  readonly backgroundCheckpoints?: boolean;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;
const PAGE_SIZE = 8192;

export async function openStoreDatabase(file: string, options: SqliteStoreOptions = {}): Promise<BetterSqlite3.Database> {
  const Database = await loadBetterSqlite3();
  const state = checkStoreFile(Database, file);
  let db: BetterSqlite3.Database;
  try {
    db = new Database(file, { timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new StoreError(`Cannot open the store ${file}: ${error instanceof Error ? error.message : String(error)}.`);
  }
  try {
    // WAL: readers never block the writer, and a commit is one append to the log. With
    // synchronous=NORMAL a committed transaction survives the process being killed (kill -9), since
    // the log is in the OS's hands; a power loss or OS crash may lose the last few commits (never
    // corrupt the file). FULL would fsync on every commit, several times slower per suspension point.
    // A new file gets 8 KiB pages (set before anything is written; an existing file keeps its own):
    // a commit of a long history (tens of KB of JSON) writes half as many WAL frames and overflow
    // pages as with 4 KiB, for half the system calls, while a small commit costs the same.
    if (state === 'new') db.pragma(`page_size = ${PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    if (state === 'new') ensureSchema(db, file);
    else if (state === 'old') migrateSchema(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Node gives a CommonJS module to import() as `default`; TypeScript's view of its `export =` lacks it. */
async function loadBetterSqlite3(): Promise<typeof BetterSqlite3> {
  const loaded = (await import('better-sqlite3')) as unknown as { readonly default?: typeof BetterSqlite3 };
  return loaded.default ?? (loaded as unknown as typeof BetterSqlite3);
}

// The storage dynalite's action modules run on, kept in plain Maps instead of LevelDB. Every
// callback fires synchronously, so a PutItem or GetItem is a few function calls (no event-loop
// turn, no HTTP, no SDK marshalling), seeding is synchronous, and snapshots read the Maps directly.
// It also makes tables ACTIVE at once: dynalite models CREATING/DELETING with timers, which a local
// world has no use for (a CREATING table would reject the first PutItem of a run).
import { Readable } from 'node:stream';
import type { JsonObject } from '../core/json.js';

type Callback<T = unknown> = (error: Error | null, value?: T) => void;

interface RangeOptions {
  readonly gt?: string;
  readonly gte?: string;
  readonly lt?: string;
  readonly lte?: string;
  readonly reverse?: boolean;
  readonly limit?: number;
}

interface BatchOperation {
  readonly type: 'put' | 'del';
  readonly key: string;
  readonly value?: unknown;
}

export type Lock = (key: string, exec: (release: <F>(callback: F) => F) => void) => void;

/** One LevelDB sublevel as dynalite uses it: get/put/del/batch, ordered streams, and a lock. */
export class MemorySubDb {
  readonly entries = new Map<string, unknown>();
  private sortedKeys: string[] | undefined;

  constructor(readonly lock: Lock) {}

  get(key: string, callback: Callback): void {
    callback(null, this.entries.get(key));
  }

  put(key: string, value: unknown, callback?: Callback): void {
    if (!this.entries.has(key)) this.sortedKeys = undefined;
    this.entries.set(key, value);
    callback?.(null);
  }

  del(key: string, callback?: Callback): void {
    if (this.entries.delete(key)) this.sortedKeys = undefined;
    callback?.(null);
  }

  batch(operations: readonly BatchOperation[], callback?: Callback): void {
    for (const operation of operations) {
      if (operation.type === 'put') this.put(operation.key, operation.value);
      else this.del(operation.key);
    }
    callback?.(null);
  }

  createKeyStream(options: RangeOptions = {}): Readable {
    return Readable.from(this.range(options));
  }

  createValueStream(options: RangeOptions = {}): Readable {
    return Readable.from(this.range(options).map((key) => this.entries.get(key)));
  }

  createReadStream(options: RangeOptions = {}): Readable {
    return this.createValueStream(options);
  }

  /** Keys in LevelDB order within the bounds; sorting happens once per change, not per query. */
  range(options: RangeOptions = {}): string[] {
    this.sortedKeys ??= [...this.entries.keys()].sort();
    const { gt, gte, lt, lte } = options;
    let keys = this.sortedKeys.filter(
      (key) => (gt === undefined || key > gt) && (gte === undefined || key >= gte) && (lt === undefined || key < lt) && (lte === undefined || key <= lte),
    );
    if (options.reverse) keys = keys.reverse();
    if (options.limit !== undefined && options.limit >= 0) keys = keys.slice(0, options.limit);
    return keys;
  }
}

interface TableRecord extends JsonObject {
  TableStatus: string;
}

interface StoreError extends Error {
  statusCode?: number;
  body?: JsonObject;
}

/** The `store` object dynalite's actions take (db/index.js `create()`), over MemorySubDbs. */
export class DynaliteMemoryStore {
  readonly options = { createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, maxItemSizeKb: 400, maxItemSize: 400 * 1024 };
  readonly tableDb: MemorySubDb & { awsAccountId: string; awsRegion: string };
  private readonly subDbs = new Map<string, MemorySubDb>();

  constructor(region: string, accountId: string, private readonly newLock: () => Lock, private readonly onCreate: (table: JsonObject) => void) {
    const tables = new MemorySubDb(newLock());
    this.tableDb = Object.assign(tables, { awsAccountId: accountId, awsRegion: region });
    const put = tables.put.bind(tables);
    const del = tables.del.bind(tables);
    // Status changes dynalite would make on a timer happen at once; the timers' late writes are
    // ignored (they carry the same object, or one for a table deleted since).
    tables.put = (key, value, callback) => {
      const table = value as TableRecord;
      if (table.TableStatus === 'DELETING') {
        return del(key, callback);
      }
      if (table.TableStatus === 'CREATING') {
        table.TableStatus = 'ACTIVE';
        onCreate(table);
      } else if (table.TableStatus === 'UPDATING') {
        table.TableStatus = 'ACTIVE';
      } else if (tables.entries.get(key) !== value) {
        return callback?.(null);
      }
      put(key, value, callback);
    };
    tables.del = (_key, callback) => callback?.(null);
  }

  getItemDb = (name: string): MemorySubDb => this.subDb(`item-${name}`);
  deleteItemDb = (name: string, callback: Callback): void => this.dropSubDb(`item-${name}`, callback);
  getIndexDb = (type: string, table: string, index: string): MemorySubDb => this.subDb(`index-${type.toLowerCase()}~${table}~${index}`);
  deleteIndexDb = (type: string, table: string, index: string, callback: Callback): void =>
    this.dropSubDb(`index-${type.toLowerCase()}~${table}~${index}`, callback);
  getTagDb = (name: string): MemorySubDb => this.subDb(`tag-${name}`);
  deleteTagDb = (name: string, callback: Callback): void => this.dropSubDb(`tag-${name}`, callback);

  /** As dynalite's getTable: `checkStatus` (on unless `false` is passed) hides tables not ACTIVE. */
  getTable = (name: string, checkStatus: boolean | Callback, callback?: Callback): void => {
    const done = (typeof checkStatus === 'function' ? checkStatus : callback) as Callback;
    const strict = checkStatus !== false;
    const table = this.tableDb.entries.get(name) as TableRecord | undefined;
    if (!table || (strict && (table.TableStatus === 'CREATING' || table.TableStatus === 'DELETING'))) {
      const error: StoreError = new Error('NotFoundError');
      error.name = 'NotFoundError';
      error.statusCode = 400;
      error.body = {
        __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
        message: strict ? 'Requested resource not found' : `Requested resource not found: Table: ${name} not found`,
      };
      return done(error);
    }
    done(null, table);
  };

  tableNames(): string[] {
    return this.tableDb.range();
  }

  private subDb(name: string): MemorySubDb {
    let db = this.subDbs.get(name);
    if (!db) {
      db = new MemorySubDb(this.newLock());
      this.subDbs.set(name, db);
    }
    return db;
  }

  private dropSubDb(name: string, callback: Callback): void {
    this.subDbs.delete(name);
    callback(null);
  }
}

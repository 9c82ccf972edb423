// The durable ExecutionStore: one SQLite file through better-sqlite3 (WAL; see sqlite-open.ts for
// what survives a crash). Every write is one transaction, so a commit's events, snapshot and status
// land together or not at all (commitMany: several executions' writes in one); statements are
// prepared once per store.
import type BetterSqlite3 from 'better-sqlite3';
import type { HistoryEvent } from '../core/events.js';
import { StoreClosedError, StoreError } from './errors.js';
import { DEFAULT_BUSY_TIMEOUT_MS, openStoreDatabase, type SqliteStoreOptions } from './sqlite-open.js';
import { type BackgroundCheckpoints, startBackgroundCheckpoints } from './sqlite-checkpointer.js';
import { SqliteActivities } from './sqlite-activities.js';
import { SqliteMapRuns } from './sqlite-map-runs.js';
import { SqliteResources } from './sqlite-resources.js';
import { pageOfChunks, type ChunkRow } from './sqlite-events.js';
import { type PreparedWrite, SqliteExecutionWrites } from './sqlite-writes.js';
import { SUMMARY_COLUMNS, machineParams, toMachine, toRecord, toSummary, type ExecutionRow, type MachineRow, type SummaryRow } from './sqlite-rows.js';
import { checkLimit, decodePageToken, encodePageToken, lockedError } from './store-rules.js';
import type {
  ActivityResource, Commit, ExecutionFilter, ExecutionPage, ExecutionRecord, ExecutionStore, HistoryQuery, MachineRecord,
  MachineResource, MapRunRow, NewExecution, StoreOwner, StoreWrite,
} from './types.js';

export type { SqliteStoreOptions } from './sqlite-open.js';

/** Opens (or creates) the store in `file`; rejects with StoreCorruptError, leaving the file untouched, when it is not a sound store. */
export async function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Promise<ExecutionStore> {
  const db = await openStoreDatabase(file, options);
  if (options.backgroundCheckpoints !== true) return new SqliteStore(db, file);
  db.pragma('wal_autocheckpoint = 0');
  const checkpoints = startBackgroundCheckpoints(file, {
    busyTimeoutMs: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
    // The worker failed: the store's own connection checkpoints again, as SQLite does by default.
    onError: () => {
      if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
    },
  });
  return new SqliteStore(db, file, checkpoints);
}

/** SQLite's own wal_autocheckpoint (pages). */
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

type Db = BetterSqlite3.Database;

function prepareStatements(db: Db) {
  return {
    putMachine: db.prepare(
      `INSERT INTO machines (arn, definition_hash, name, type, definition, options, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (arn, definition_hash) DO NOTHING`,
    ),
    machineVersion: db.prepare<[string, string], MachineRow>('SELECT * FROM machines WHERE arn = ? AND definition_hash = ?'),
    latestMachine: db.prepare<[string], MachineRow>('SELECT * FROM machines WHERE arn = ? ORDER BY created_at DESC, rowid DESC LIMIT 1'),
    allMachines: db.prepare<[], MachineRow>('SELECT * FROM machines ORDER BY arn, created_at, rowid'),
    execution: db.prepare<[string], ExecutionRow>('SELECT * FROM executions WHERE arn = ?'),
    // Read with iterate(): history() stops pulling chunks once its page is full.
    historyUp: db.prepare<[string, number], ChunkRow>(
      `SELECT first_id, last_id, events FROM event_chunks
       WHERE execution = (SELECT id FROM executions WHERE arn = ?) AND last_id > ? ORDER BY last_id`,
    ),
    historyDown: db.prepare<[string, number], ChunkRow>(
      `SELECT first_id, last_id, events FROM event_chunks
       WHERE execution = (SELECT id FROM executions WHERE arn = ?) AND last_id > ? ORDER BY last_id DESC`,
    ),
    lease: db.prepare<[], { owner: string; pid: number; host: string }>('SELECT owner, pid, host FROM lease WHERE slot = 1'),
    takeLease: db.prepare('INSERT OR REPLACE INTO lease (slot, owner, pid, host) VALUES (1, ?, ?, ?)'),
    releaseLease: db.prepare('DELETE FROM lease WHERE slot = 1 AND owner = ?'),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

/** listExecutions' WHERE clause varies with the filter: one statement per combination, made on first use. */
function listingSql(status: boolean, machine: boolean, after: boolean): string {
  const where = [
    ...(status ? ['status = @status'] : []),
    ...(machine ? ['machine_arn = @machineArn'] : []),
    ...(after ? ['(start_date < @startDate OR (start_date = @startDate AND arn < @arn))'] : []),
  ];
  const clause = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
  return `SELECT ${SUMMARY_COLUMNS} FROM executions ${clause} ORDER BY start_date DESC, arn DESC LIMIT @limit`;
}

class SqliteStore implements ExecutionStore {
  readonly kind = 'sqlite';
  readonly #db: Db;
  readonly #file: string;
  readonly #sql: Statements;
  /** Runs a function in one BEGIN IMMEDIATE transaction (rolled back if it throws); made once. */
  readonly #transaction: BetterSqlite3.Transaction<(work: () => void) => void>;
  readonly #listings = new Map<string, BetterSqlite3.Statement<Record<string, unknown>, SummaryRow>>();
  readonly #resources: SqliteResources;
  readonly #activities: SqliteActivities;
  readonly #mapRuns: SqliteMapRuns;
  readonly #writes: SqliteExecutionWrites;
  /** Our owner id once acquire() succeeded, so close() gives back only a lease we hold. */
  #owner: string | undefined;
  #closed = false;

  constructor(
    db: Db,
    file: string,
    /** Set when the WAL is checkpointed on a worker thread (SqliteStoreOptions.backgroundCheckpoints). */
    private readonly checkpoints?: BackgroundCheckpoints,
  ) {
    this.#db = db;
    this.#file = file;
    this.#sql = prepareStatements(db);
    this.#resources = new SqliteResources(db);
    this.#activities = new SqliteActivities(db);
    this.#mapRuns = new SqliteMapRuns(db);
    this.#writes = new SqliteExecutionWrites(db);
    this.#transaction = db.transaction((work: () => void) => work());
  }

  async acquire(owner: StoreOwner, isAlive: (pid: number, host: string) => boolean): Promise<void> {
    this.#use((sql) => {
      // IMMEDIATE: two engines starting together cannot both read "free" and both take the lease.
      this.#transaction.immediate(() => {
        const held = sql.lease.get();
        if (held !== undefined && held.owner !== owner.id && isAlive(held.pid, held.host)) throw lockedError(this.#file, held);
        sql.takeLease.run(owner.id, owner.pid, owner.host);
      });
      this.#owner = owner.id;
    });
  }

  async putMachine(machine: MachineRecord): Promise<void> {
    this.#use((sql) => sql.putMachine.run(...machineParams(machine)));
  }

  async getMachine(arn: string, definitionHash?: string): Promise<MachineRecord | undefined> {
    return this.#use((sql) => {
      const row = definitionHash === undefined ? sql.latestMachine.get(arn) : sql.machineVersion.get(arn, definitionHash);
      return row === undefined ? undefined : toMachine(row);
    });
  }

  async listMachines(): Promise<readonly MachineRecord[]> {
    return this.#use((sql) => sql.allMachines.all().map(toMachine));
  }

  async getMachineResource(arn: string): Promise<MachineResource | undefined> {
    return this.#use(() => this.#resources.get(arn));
  }

  async putMachineResource(resource: MachineResource): Promise<void> {
    this.#use(() => this.#resources.put(resource));
  }

  async listMachineResources(): Promise<readonly MachineResource[]> {
    return this.#use(() => this.#resources.all());
  }

  async putActivity(activity: ActivityResource): Promise<void> {
    this.#use(() => this.#activities.put(activity));
  }

  async deleteActivity(arn: string): Promise<void> {
    this.#use(() => this.#activities.delete(arn));
  }

  async listActivities(): Promise<readonly ActivityResource[]> {
    return this.#use(() => this.#activities.all());
  }

  async putMapRun(run: MapRunRow): Promise<void> {
    this.#use(() => this.#mapRuns.put(run));
  }

  async getMapRun(arn: string): Promise<MapRunRow | undefined> {
    return this.#use(() => this.#mapRuns.get(arn));
  }

  async listMapRuns(executionArn: string): Promise<readonly MapRunRow[]> {
    return this.#use(() => this.#mapRuns.ofExecution(executionArn));
  }

  async createExecution(execution: NewExecution): Promise<void> {
    this.#write({ create: execution });
  }

  async commit(commit: Commit): Promise<void> {
    this.#write({ commit });
  }

  async commitMany(writes: readonly StoreWrite[]): Promise<readonly (Error | undefined)[]> {
    this.#checkOpen();
    const outcomes: (Error | undefined)[] = [];
    const prepared: (PreparedWrite | undefined)[] = writes.map((write, i) => {
      try {
        return this.#writes.prepare(write);
      } catch (error) {
        outcomes[i] = error instanceof Error ? error : new Error(String(error));
        return undefined;
      }
    });
    this.#use(() => {
      this.#transaction.immediate(() => {
        prepared.forEach((write, i) => {
          if (write !== undefined) outcomes[i] = this.#writes.apply(write);
        });
      });
    });
    // Unset slots (stored writes) read as undefined; give the array its full length.
    outcomes.length = writes.length;
    return outcomes;
  }

  /** One write in its own transaction; a refusal rejects. */
  #write(write: StoreWrite): void {
    this.#checkOpen();
    const prepared = this.#writes.prepare(write);
    this.#use(() => {
      this.#transaction.immediate(() => {
        const refused = this.#writes.apply(prepared);
        if (refused !== undefined) throw refused;
      });
    });
  }

  async getExecution(arn: string): Promise<ExecutionRecord | undefined> {
    return this.#use((sql) => {
      const row = sql.execution.get(arn);
      return row === undefined ? undefined : toRecord(row);
    });
  }

  async listExecutions(filter: ExecutionFilter = {}): Promise<ExecutionPage> {
    this.#checkOpen();
    checkLimit(filter.limit, 'listExecutions');
    const cursor = filter.after === undefined ? undefined : decodePageToken(filter.after);
    return this.#use(() => {
      const statement = this.#listing(filter.status !== undefined, filter.machineArn !== undefined, cursor !== undefined);
      // One row more than the page tells whether another page follows.
      const rows = statement.all({
        ...(filter.status === undefined ? {} : { status: filter.status }),
        ...(filter.machineArn === undefined ? {} : { machineArn: filter.machineArn }),
        ...(cursor === undefined ? {} : { startDate: cursor.startDate, arn: cursor.arn }),
        limit: filter.limit === undefined ? -1 : filter.limit + 1,
      });
      const executions = rows.slice(0, filter.limit ?? rows.length).map(toSummary);
      const last = executions[executions.length - 1];
      return rows.length > executions.length && last !== undefined ? { executions, next: encodePageToken(last) } : { executions };
    });
  }

  async history(arn: string, query: HistoryQuery = {}): Promise<readonly HistoryEvent[]> {
    this.#checkOpen();
    checkLimit(query.limit, 'history');
    return this.#use((sql) => {
      const reverse = query.reverse === true;
      const afterId = query.afterId ?? 0;
      const chunks = (reverse ? sql.historyDown : sql.historyUp).iterate(arn, afterId);
      return pageOfChunks(chunks, afterId, query.limit ?? Infinity, reverse, this.#file);
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      if (this.#owner !== undefined) this.#sql.releaseLease.run(this.#owner);
    } finally {
      // The worker's connection closes first, so the store's own (the last) checkpoints the WAL away.
      await this.checkpoints?.close();
      this.#db.close();
    }
  }

  #listing(status: boolean, machine: boolean, after: boolean): BetterSqlite3.Statement<Record<string, unknown>, SummaryRow> {
    const key = `${+status}${+machine}${+after}`;
    let statement = this.#listings.get(key);
    if (statement === undefined) {
      statement = this.#db.prepare<Record<string, unknown>, SummaryRow>(listingSql(status, machine, after));
      this.#listings.set(key, statement);
    }
    return statement;
  }

  /** Runs one operation on an open store; SQLite's own failures come out as StoreError naming the file. */
  #use<T>(work: (sql: Statements) => T): T {
    this.#checkOpen();
    try {
      return work(this.#sql);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (error instanceof StoreError || typeof code !== 'string' || !code.startsWith('SQLITE_')) throw error;
      throw new StoreError(`Store ${this.#file}: ${(error as Error).message} (${code}).`);
    }
  }

  #checkOpen(): void {
    if (this.#closed) throw new StoreClosedError(`The store ${this.#file} is closed.`);
  }
}

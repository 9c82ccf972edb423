// The durable ExecutionStore: one SQLite file through better-sqlite3 (WAL; see sqlite-open.ts for
// what survives a crash). Every write is one transaction, so a commit's events, snapshot and status
// land together or not at all; statements are prepared once per store.
import type BetterSqlite3 from 'better-sqlite3';
import type { HistoryEvent } from '../core/events.js';
import { StoreClosedError, StoreError } from './errors.js';
import { openStoreDatabase, type SqliteStoreOptions } from './sqlite-open.js';
import { SqliteActivities } from './sqlite-activities.js';
import { SqliteMapRuns } from './sqlite-map-runs.js';
import { SqliteResources } from './sqlite-resources.js';
import { encodeChunks, pageOfChunks, type ChunkRow, type EncodedChunk } from './sqlite-events.js';
import {
  SUMMARY_COLUMNS, machineParams, storedJson, toMachine, toRecord, toSummary, type ExecutionRow, type MachineRow, type SummaryRow,
} from './sqlite-rows.js';
import {
  checkCommitShape, checkContinuation, checkLimit, checkNewExecution, decodePageToken, duplicateExecution,
  encodePageToken, finishedExecution, lockedError, unknownExecution,
} from './store-rules.js';
import type {
  ActivityResource, Commit, ExecutionFilter, ExecutionPage, ExecutionRecord, ExecutionStore, HistoryQuery, MachineRecord,
  MachineResource, MapRunRow, NewExecution, StoreOwner,
} from './types.js';

export type { SqliteStoreOptions } from './sqlite-open.js';

/** Opens (or creates) the store in `file`; rejects with StoreCorruptError, leaving the file untouched, when it is not a sound store. */
export async function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Promise<ExecutionStore> {
  return new SqliteStore(await openStoreDatabase(file, options), file);
}

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
    head: db.prepare<[string], { id: number; status: string; last_event_id: number }>('SELECT id, status, last_event_id FROM executions WHERE arn = ?'),
    insertExecution: db.prepare(
      `INSERT INTO executions (arn, name, machine_arn, definition_hash, status, start_date, last_event_id, input, snapshot, attributes)
       VALUES (?, ?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?)`,
    ),
    insertChunk: db.prepare<[number, number, number, string]>('INSERT INTO event_chunks (execution, last_id, first_id, events) VALUES (?, ?, ?, ?)'),
    advance: db.prepare('UPDATE executions SET snapshot = ?, last_event_id = ? WHERE id = ?'),
    finish: db.prepare(
      `UPDATE executions SET status = ?, snapshot = NULL, last_event_id = ?, output = ?, error = ?, cause = ?, stop_date = ?
       WHERE id = ?`,
    ),
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
  /** Our owner id once acquire() succeeded, so close() gives back only a lease we hold. */
  #owner: string | undefined;
  #closed = false;

  constructor(db: Db, file: string) {
    this.#db = db;
    this.#file = file;
    this.#sql = prepareStatements(db);
    this.#resources = new SqliteResources(db);
    this.#activities = new SqliteActivities(db);
    this.#mapRuns = new SqliteMapRuns(db);
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
    this.#checkOpen();
    checkNewExecution(execution);
    const { arn, name, machineArn, definitionHash, startDate, input, attributes, snapshot, events } = execution;
    const row = [arn, name, machineArn, definitionHash, startDate, events.length, JSON.stringify(input), JSON.stringify(snapshot), JSON.stringify(attributes)];
    // Encoded before the write lock is taken, like everything else this transaction writes.
    const chunks = encodeChunks(events);
    const end = execution.outcome;
    const outcome = end === undefined ? undefined : [end.status, events.length, storedJson(end.output), end.error ?? null, end.cause ?? null, end.stopDate ?? null];
    this.#use((sql) => {
      this.#transaction.immediate(() => {
        if (sql.head.get(arn) !== undefined) throw duplicateExecution(arn);
        const id = Number(sql.insertExecution.run(...row).lastInsertRowid);
        this.#insertChunks(sql, id, chunks);
        if (outcome !== undefined) sql.finish.run(...outcome, id);
      });
    });
  }

  async commit(commit: Commit): Promise<void> {
    this.#checkOpen();
    checkCommitShape(commit);
    const { arn, events, status } = commit;
    // Serialized before the write lock is taken: a 1 MB snapshot should not lengthen the transaction.
    const snapshot = status === 'RUNNING' ? storedJson(commit.snapshot) : null;
    const output = status === 'RUNNING' ? null : storedJson(commit.output);
    const chunks = encodeChunks(events);
    this.#use((sql) => {
      this.#transaction.immediate(() => {
        const head = sql.head.get(arn);
        if (head === undefined) throw unknownExecution(arn);
        if (head.status !== 'RUNNING') throw finishedExecution(arn, head.status);
        checkContinuation(arn, head.last_event_id, events);
        this.#insertChunks(sql, head.id, chunks);
        const lastEventId = head.last_event_id + events.length;
        if (status === 'RUNNING') sql.advance.run(snapshot, lastEventId, head.id);
        else sql.finish.run(status, lastEventId, output, commit.error ?? null, commit.cause ?? null, commit.stopDate ?? null, head.id);
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
      this.#db.close();
    }
  }

  #insertChunks(sql: Statements, execution: number, chunks: readonly EncodedChunk[]): void {
    for (const chunk of chunks) sql.insertChunk.run(execution, chunk.lastId, chunk.firstId, chunk.text);
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

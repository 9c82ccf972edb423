// Map Runs in the SQLite store (schema version 4, sqlite-schema.ts): one row per Distributed Map run,
// so that DescribeMapRun and ListMapRuns answer after the parent execution ended, and after a restart.
import type BetterSqlite3 from 'better-sqlite3';
import type { MapRunRow } from './types.js';

/** The table, as schema version 4 added it (older files get it by migration). */
export const MAP_RUNS_SQL = `
CREATE TABLE map_runs (
  arn TEXT PRIMARY KEY,
  execution_arn TEXT NOT NULL,
  child_machine_arn TEXT NOT NULL,
  status TEXT NOT NULL,
  start_date INTEGER NOT NULL,
  stop_date INTEGER,
  max_concurrency INTEGER NOT NULL,
  tolerated_failure_count INTEGER NOT NULL,
  tolerated_failure_percentage REAL NOT NULL,
  execution_counts TEXT NOT NULL,
  item_counts TEXT NOT NULL
);
CREATE INDEX map_runs_by_execution ON map_runs (execution_arn, start_date);
`;

interface MapRunTableRow {
  readonly arn: string;
  readonly execution_arn: string;
  readonly child_machine_arn: string;
  readonly status: MapRunRow['status'];
  readonly start_date: number;
  readonly stop_date: number | null;
  readonly max_concurrency: number;
  readonly tolerated_failure_count: number;
  readonly tolerated_failure_percentage: number;
  /** JSON object of counts. */
  readonly execution_counts: string;
  readonly item_counts: string;
}

/** The statements for Map Runs, prepared once per store. */
export class SqliteMapRuns {
  readonly #put: BetterSqlite3.Statement<unknown[]>;
  readonly #get: BetterSqlite3.Statement<[string], MapRunTableRow>;
  readonly #ofExecution: BetterSqlite3.Statement<[string], MapRunTableRow>;

  constructor(db: BetterSqlite3.Database) {
    // An upsert rather than INSERT OR REPLACE: the row keeps its rowid, which orders runs started at the same instant.
    this.#put = db.prepare(
      `INSERT INTO map_runs (arn, execution_arn, child_machine_arn, status, start_date, stop_date, max_concurrency,
         tolerated_failure_count, tolerated_failure_percentage, execution_counts, item_counts)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (arn) DO UPDATE SET execution_arn = excluded.execution_arn, child_machine_arn = excluded.child_machine_arn,
         status = excluded.status, start_date = excluded.start_date, stop_date = excluded.stop_date,
         max_concurrency = excluded.max_concurrency, tolerated_failure_count = excluded.tolerated_failure_count,
         tolerated_failure_percentage = excluded.tolerated_failure_percentage, execution_counts = excluded.execution_counts,
         item_counts = excluded.item_counts`,
    );
    this.#get = db.prepare('SELECT * FROM map_runs WHERE arn = ?');
    this.#ofExecution = db.prepare('SELECT * FROM map_runs WHERE execution_arn = ? ORDER BY start_date, rowid');
  }

  put(run: MapRunRow): void {
    this.#put.run(
      run.arn, run.executionArn, run.childMachineArn, run.status, run.startDate, run.stopDate ?? null, run.maxConcurrency,
      run.toleratedFailureCount, run.toleratedFailurePercentage, JSON.stringify(run.executionCounts), JSON.stringify(run.itemCounts),
    );
  }

  get(arn: string): MapRunRow | undefined {
    const row = this.#get.get(arn);
    return row === undefined ? undefined : toMapRun(row);
  }

  ofExecution(executionArn: string): MapRunRow[] {
    return this.#ofExecution.all(executionArn).map(toMapRun);
  }
}

function toMapRun(row: MapRunTableRow): MapRunRow {
  return {
    arn: row.arn,
    executionArn: row.execution_arn,
    childMachineArn: row.child_machine_arn,
    status: row.status,
    startDate: row.start_date,
    ...(row.stop_date === null ? {} : { stopDate: row.stop_date }),
    maxConcurrency: row.max_concurrency,
    toleratedFailureCount: row.tolerated_failure_count,
    toleratedFailurePercentage: row.tolerated_failure_percentage,
    executionCounts: JSON.parse(row.execution_counts) as Record<string, number>,
    itemCounts: JSON.parse(row.item_counts) as Record<string, number>,
  };
}

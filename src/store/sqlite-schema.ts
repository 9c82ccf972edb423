// The SQLite store's file format, version 4. `PRAGMA application_id` marks a file as ours and
// `PRAGMA user_version` says which schema it holds, so an older asl-engine refuses a newer file
// instead of misreading it (sqlite-check.ts). Any change here needs SCHEMA_VERSION + 1 and a
// migration in MIGRATIONS, so files of every earlier version still open.
// Version 2 added machine_resources (sqlite-resources.ts), version 3 activities (sqlite-activities.ts),
// version 4 map_runs (sqlite-map-runs.ts).
import type BetterSqlite3 from 'better-sqlite3';
import { StoreCorruptError } from './errors.js';
import { ACTIVITIES_SQL } from './sqlite-activities.js';
import { MAP_RUNS_SQL } from './sqlite-map-runs.js';
import { MACHINE_RESOURCES_SQL } from './sqlite-resources.js';

/** "ASLE" in ASCII; SQLite keeps it in the file header at offset 68. */
export const APPLICATION_ID = 0x41534c45;
export const SCHEMA_VERSION = 4;

/** The oldest schema version this asl-engine still opens (migrating it on open). */
export const OLDEST_SCHEMA_VERSION = 1;

export const STORE_TABLES = ['machines', 'executions', 'event_chunks', 'lease', 'machine_resources', 'activities', 'map_runs'] as const;

/** The tables a file of the given schema version must hold. */
export function tablesOfVersion(version: number): readonly string[] {
  const added: Readonly<Record<string, number>> = { machine_resources: 2, activities: 3, map_runs: 4 };
  return STORE_TABLES.filter((table) => (added[table] ?? 1) <= version);
}

/** SQL that takes a file from version `from` to `from + 1`. */
const MIGRATIONS: Readonly<Record<number, string>> = {
  1: MACHINE_RESOURCES_SQL,
  2: ACTIVITIES_SQL,
  3: MAP_RUNS_SQL,
};

// JSON columns hold JSON text (JSON.stringify); NULL means "absent", distinct from the JSON null.
// Times are epoch milliseconds. An execution's history is kept as chunks: one row per commit (split
// every MAX_CHUNK_EVENTS events), each a JSON array of its events (sqlite-events.ts). A row per event
// made a 70,000-event history 70,000 inserts and index entries, most of the time of a durable run.
// Chunks are keyed by the execution's integer id rather than its ~90-character arn.
const SCHEMA_SQL = `
CREATE TABLE machines (
  arn TEXT NOT NULL,
  definition_hash TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  definition TEXT NOT NULL,
  options TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (arn, definition_hash)
);
CREATE TABLE executions (
  id INTEGER PRIMARY KEY,
  arn TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  machine_arn TEXT NOT NULL,
  definition_hash TEXT NOT NULL,
  status TEXT NOT NULL,
  start_date INTEGER NOT NULL,
  stop_date INTEGER,
  last_event_id INTEGER NOT NULL,
  input TEXT NOT NULL,
  output TEXT,
  error TEXT,
  cause TEXT,
  snapshot TEXT,
  attributes TEXT NOT NULL
);
CREATE INDEX executions_by_start ON executions (start_date, arn);
CREATE INDEX executions_by_status ON executions (status, start_date, arn);
CREATE INDEX executions_by_machine ON executions (machine_arn, start_date, arn);
-- Events first_id..last_id of one execution; ranges never overlap, so last_id orders the chunks.
CREATE TABLE event_chunks (
  execution INTEGER NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
  last_id INTEGER NOT NULL,
  first_id INTEGER NOT NULL,
  events TEXT NOT NULL,
  PRIMARY KEY (execution, last_id)
);
-- One row at most: the engine that drives this store's executions.
CREATE TABLE lease (
  slot INTEGER PRIMARY KEY CHECK (slot = 1),
  owner TEXT NOT NULL,
  pid INTEGER NOT NULL,
  host TEXT NOT NULL
);
`;

/** Creates the tables in a fresh file, once: a second process racing us finds them made. */
export function ensureSchema(db: BetterSqlite3.Database, file: string): void {
  db.transaction(() => {
    if (db.pragma('user_version', { simple: true }) !== 0) return;
    // Another program may have made the file since it was checked: never add our tables to theirs.
    if (db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table'").get() !== undefined) {
      throw new StoreCorruptError(`${file} became another application's SQLite database while asl-engine was opening it.`);
    }
    db.exec(SCHEMA_SQL);
    db.exec(MACHINE_RESOURCES_SQL);
    db.exec(ACTIVITIES_SQL);
    db.exec(MAP_RUNS_SQL);
    // Both pragmas write the header page inside this transaction, so they commit with the tables.
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

/**
 * Brings a store file of an older schema version up to SCHEMA_VERSION, one step at a time, in one
 * transaction: a crash leaves it at its old version, whole. A second process racing us finds it done.
 */
export function migrateSchema(db: BetterSqlite3.Database): void {
  db.transaction(() => {
    let version = Number(db.pragma('user_version', { simple: true }));
    while (version < SCHEMA_VERSION) {
      const step = MIGRATIONS[version];
      if (step === undefined) throw new StoreCorruptError(`No migration from store schema version ${version}.`);
      db.exec(step);
      version += 1;
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

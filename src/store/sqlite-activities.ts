// Activities in the SQLite store (schema version 3, sqlite-schema.ts): one row per activity, so that
// CreateActivity outlives the server and a resumed execution's activity task finds its activity.
import type BetterSqlite3 from 'better-sqlite3';
import type { ActivityResource, ResourceTag } from './types.js';

/** The table, as schema version 3 added it (older files get it by migration). */
export const ACTIVITIES_SQL = `
CREATE TABLE activities (
  arn TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  tags TEXT NOT NULL
);
`;

interface ActivityRow {
  readonly arn: string;
  readonly name: string;
  readonly created_at: number;
  /** JSON array of { key, value }. */
  readonly tags: string;
}

/** The statements for activities, prepared once per store. */
export class SqliteActivities {
  readonly #put: BetterSqlite3.Statement<unknown[]>;
  readonly #delete: BetterSqlite3.Statement<[string]>;
  readonly #all: BetterSqlite3.Statement<[], ActivityRow>;

  constructor(db: BetterSqlite3.Database) {
    this.#put = db.prepare('INSERT OR REPLACE INTO activities (arn, name, created_at, tags) VALUES (?, ?, ?, ?)');
    this.#delete = db.prepare('DELETE FROM activities WHERE arn = ?');
    this.#all = db.prepare('SELECT * FROM activities ORDER BY created_at, arn');
  }

  put(activity: ActivityResource): void {
    this.#put.run(activity.arn, activity.name, activity.createdAt, JSON.stringify(activity.tags));
  }

  delete(arn: string): void {
    this.#delete.run(arn);
  }

  all(): ActivityResource[] {
    return this.#all.all().map((row) => ({ arn: row.arn, name: row.name, createdAt: row.created_at, tags: JSON.parse(row.tags) as ResourceTag[] }));
  }
}

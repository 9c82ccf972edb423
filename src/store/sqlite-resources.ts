// Machine resources in the SQLite store (schema version 2, sqlite-schema.ts): one row per machine
// arn with what the Step Functions API keeps beyond the machine's versions (status, role, tags...).
import type BetterSqlite3 from 'better-sqlite3';
import type { JsonObject } from '../core/json.js';
import type { MachineResource, ResourceTag } from './types.js';

/** The table, as schema version 2 added it (a version 1 file gets it by migration). */
export const MACHINE_RESOURCES_SQL = `
CREATE TABLE machine_resources (
  arn TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  definition_hash TEXT NOT NULL,
  role_arn TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER,
  revision_id TEXT,
  tags TEXT NOT NULL,
  settings TEXT NOT NULL
);
`;

interface ResourceRow {
  readonly arn: string;
  readonly status: string;
  readonly definition_hash: string;
  readonly role_arn: string | null;
  readonly created_at: number;
  readonly updated_at: number | null;
  readonly revision_id: string | null;
  /** JSON array of { key, value }. */
  readonly tags: string;
  /** JSON object. */
  readonly settings: string;
}

/** The statements for machine resources, prepared once per store. */
export class SqliteResources {
  readonly #get: BetterSqlite3.Statement<[string], ResourceRow>;
  readonly #put: BetterSqlite3.Statement<unknown[]>;
  readonly #all: BetterSqlite3.Statement<[], ResourceRow>;

  constructor(db: BetterSqlite3.Database) {
    this.#get = db.prepare<[string], ResourceRow>('SELECT * FROM machine_resources WHERE arn = ?');
    this.#put = db.prepare(
      `INSERT OR REPLACE INTO machine_resources (arn, status, definition_hash, role_arn, created_at, updated_at, revision_id, tags, settings)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#all = db.prepare<[], ResourceRow>('SELECT * FROM machine_resources ORDER BY arn');
  }

  get(arn: string): MachineResource | undefined {
    const row = this.#get.get(arn);
    return row === undefined ? undefined : toResource(row);
  }

  put(resource: MachineResource): void {
    const { arn, status, definitionHash, roleArn, createdAt, updatedAt, revisionId, tags, settings } = resource;
    this.#put.run(arn, status, definitionHash, roleArn ?? null, createdAt, updatedAt ?? null, revisionId ?? null, JSON.stringify(tags), JSON.stringify(settings));
  }

  all(): MachineResource[] {
    return this.#all.all().map(toResource);
  }
}

function toResource(row: ResourceRow): MachineResource {
  const resource: { -readonly [K in keyof MachineResource]: MachineResource[K] } = {
    arn: row.arn,
    status: row.status as MachineResource['status'],
    definitionHash: row.definition_hash,
    createdAt: row.created_at,
    tags: JSON.parse(row.tags) as ResourceTag[],
    settings: JSON.parse(row.settings) as JsonObject,
  };
  if (row.role_arn !== null) resource.roleArn = row.role_arn;
  if (row.updated_at !== null) resource.updatedAt = row.updated_at;
  if (row.revision_id !== null) resource.revisionId = row.revision_id;
  return resource;
}

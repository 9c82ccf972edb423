// Decides, without writing a byte, whether a file may be opened as a store. A damaged file, another
// program's database or one from a newer asl-engine is refused with StoreCorruptError and left
// exactly as it was: the header is read with plain fs, the rest through a read-only connection.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { StoreCorruptError, StoreError } from './errors.js';
import { APPLICATION_ID, OLDEST_SCHEMA_VERSION, SCHEMA_VERSION, tablesOfVersion } from './sqlite-schema.js';

type DatabaseConstructor = typeof BetterSqlite3;

/** 'new' when there is nothing yet (no file, or an empty one); 'store' when it is a sound store; 'old' when it is a sound store of an earlier schema version, to migrate. */
export type FileState = 'new' | 'store' | 'old';

const HEADER_BYTES = 100;
const MAGIC = 'SQLite format 3\0';

export function checkStoreFile(Database: DatabaseConstructor, file: string): FileState {
  replayHotJournal(Database, file);
  const size = fileSize(file);
  if (size === undefined || size === 0) return 'new';
  checkHeader(file, size);
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return checkContents(db, file);
  } catch (error) {
    if (error instanceof StoreError) throw error;
    // Only SQLite's own verdict on the bytes makes a file "damaged"; a lock or a permission is not.
    const code = String((error as { code?: unknown }).code);
    if (!code.startsWith('SQLITE_CORRUPT') && code !== 'SQLITE_NOTADB') throw new StoreError(`Cannot read ${file}: ${messageOf(error)}.`);
    throw new StoreCorruptError(`${file} is damaged and cannot be read as an asl-engine store: ${messageOf(error)}.`);
  } finally {
    db?.close();
  }
}

/**
 * A process killed while it created the store (before `journal_mode = WAL` took effect) leaves a
 * hot rollback journal. SQLite undoes that unfinished transaction on the next read by a read-write
 * connection, but a read-only one refuses the file (SQLITE_READONLY_ROLLBACK), so every later open
 * would fail. Replaying SQLite's own journal restores the last committed state: it never makes the
 * file worse. A file SQLite cannot read at all is left to the checks below.
 */
function replayHotJournal(Database: DatabaseConstructor, file: string): void {
  if (!fileSize(`${file}-journal`) || fileSize(file) === undefined) return;
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma('schema_version', { simple: true });
  } catch {
    // Not readable as SQLite: checkHeader and the read-only connection say why.
  } finally {
    db?.close();
  }
}

function fileSize(file: string): number | undefined {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new StoreError(`${file} is not a file; give the path of a store file (it is created if missing).`);
    return stat.size;
  } catch (error) {
    if (error instanceof StoreError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StoreError(`Cannot read ${file}: ${messageOf(error)}.`);
  }
}

/** The first 100 bytes say whether this is SQLite at all and how long it should be. */
function checkHeader(file: string, size: number): void {
  const header = Buffer.alloc(HEADER_BYTES);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, HEADER_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  // A file shorter than the magic string may still be an SQLite file cut short.
  if (!MAGIC.startsWith(header.toString('latin1', 0, Math.min(read, MAGIC.length)))) {
    throw new StoreCorruptError(`${file} is not an SQLite database, so not an asl-engine store (its first bytes are not the SQLite header).`);
  }
  if (read < HEADER_BYTES) {
    throw new StoreCorruptError(`${file} is truncated: ${size} bytes, less than an SQLite header.`);
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pages = header.readUInt32BE(28);
  // The page count in the header is only trusted when its "valid-for" stamp matches the change counter.
  const countIsValid = header.readUInt32BE(92) === header.readUInt32BE(24) && pages > 0;
  if (countIsValid && size < pageSize * pages) {
    throw new StoreCorruptError(`${file} is truncated: ${size} bytes where its header announces ${pageSize * pages}.`);
  }
}

function checkContents(db: BetterSqlite3.Database, file: string): FileState {
  const applicationId = db.pragma('application_id', { simple: true });
  const tables = new Set(
    db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'").all().map((row) => row.name),
  );
  if (applicationId === 0 && tables.size === 0) return 'new';
  if (applicationId !== APPLICATION_ID) {
    throw new StoreCorruptError(
      `${file} is another application's SQLite database (application id ${String(applicationId)}), not an asl-engine store; ` +
        'give another path.',
    );
  }
  const version = db.pragma('user_version', { simple: true });
  if (typeof version === 'number' && version > SCHEMA_VERSION) {
    throw new StoreCorruptError(
      `${file} was written by a newer asl-engine (store schema version ${version}; this one reads version ${SCHEMA_VERSION}); upgrade asl-engine to open it.`,
    );
  }
  // An older version is opened and migrated (sqlite-open.ts); it must hold that version's tables.
  if (typeof version !== 'number' || !Number.isInteger(version) || version < OLDEST_SCHEMA_VERSION) {
    throw new StoreCorruptError(`${file} is damaged: its store schema version is ${String(version)}, expected ${SCHEMA_VERSION}.`);
  }
  const missing = tablesOfVersion(version).filter((table) => !tables.has(table));
  if (missing.length > 0) throw new StoreCorruptError(`${file} is damaged: it lacks the table(s) ${missing.join(', ')}.`);
  const problems = db.prepare<[], { quick_check: string }>('PRAGMA quick_check(5)').all().map((row) => row.quick_check);
  if (problems.length !== 1 || problems[0] !== 'ok') {
    throw new StoreCorruptError(`${file} is damaged (SQLite integrity check: ${problems.join('; ')}).`);
  }
  return version < SCHEMA_VERSION ? 'old' : 'store';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// A store file whose creation was cut short by kill -9 (found by test/unit/durable/kill.test.ts):
// until `journal_mode = WAL` has taken effect the file is in rollback-journal mode, so the crash
// leaves a hot journal. SQLite undoes the unfinished transaction on the next read-write open; the
// store must do the same instead of refusing the file on every open from then on.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';

const betterSqlite3 = createRequire(import.meta.url).resolve('better-sqlite3');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'asl-hot-journal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A child writes `file` in rollback-journal mode and is killed inside a transaction that has spilled to the file. */
function crashMidTransaction(file: string): void {
  const script = `
    const Database = require(${JSON.stringify(betterSqlite3)});
    const db = new Database(${JSON.stringify(file)});
    db.pragma('user_version = 0');          // page 1 committed: the file starts with the SQLite header
    db.pragma('cache_size = 1');            // pages spill to the file before the commit
    db.exec('BEGIN; CREATE TABLE t (x)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    for (let i = 0; i < 500; i++) insert.run('x'.repeat(500));
    process.kill(process.pid, 'SIGKILL');   // no COMMIT: the journal stays hot`;
  expect(() => execFileSync(process.execPath, ['-e', script], { stdio: 'ignore' })).toThrow();
  expect(existsSync(`${file}-journal`)).toBe(true);
}

it('opens a store whose creation was killed mid-transaction, SQLite replaying its journal', async () => {
  const file = join(dir, 'store.db');
  crashMidTransaction(file);
  for (let open = 0; open < 2; open++) {
    const store = await openSqliteStore(file);
    expect(await store.listExecutions()).toEqual({ executions: [] });
    await store.close();
  }
  expect(existsSync(`${file}-journal`)).toBe(false);
});

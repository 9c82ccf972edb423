// What only a file-backed store has to get right: reopening, refusing bad files without touching
// them, and the lease between processes (a real child process holds it, then is killed).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreCorruptError, StoreError, StoreLockedError } from '../../../src/store/errors.js';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';
import type { StoreOwner } from '../../../src/store/types.js';
import { MACHINE_ARN, events, executionArn, finished, machine, newExecution, running } from './store-fixtures.js';

const HOLD_LEASE = fileURLToPath(new URL('../../fixtures/store/hold-lease.mjs', import.meta.url));

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'asl-store-files-'));
  file = join(dir, 'store.db');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A closed store with a machine and two executions, one finished, spread over several pages. */
async function writeStore(path = file): Promise<void> {
  const store = await openSqliteStore(path);
  await store.putMachine(machine());
  await store.createExecution(newExecution('running', { startDate: 2_000 }));
  await store.commit(running(executionArn('running'), 3, 40, { big: 'x'.repeat(20_000) }));
  await store.createExecution(newExecution('done'));
  await store.commit(finished(executionArn('done'), 3, 'SUCCEEDED', { output: { ok: true } }));
  await store.close();
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

async function expectRefused(path: string, message: RegExp): Promise<void> {
  const before = sha256(path);
  const error = await openSqliteStore(path).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StoreCorruptError);
  expect(String(error)).toContain(path);
  expect(String(error)).toMatch(message);
  expect(sha256(path)).toBe(before);
}

/** Runs SQL on a store file behind the store's back, as another program would. */
function withRawDatabase(path: string, work: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    work(db);
  } finally {
    db.close();
  }
}

describe('a store file', () => {
  it('keeps everything across a close and a reopen', async () => {
    await writeStore();
    const store = await openSqliteStore(file);
    expect(await store.getMachine(MACHINE_ARN)).toEqual(machine());
    expect(await store.getExecution(executionArn('running'))).toMatchObject({
      status: 'RUNNING', lastEventId: 40, snapshot: { big: 'x'.repeat(20_000) },
    });
    expect(await store.getExecution(executionArn('done'))).toMatchObject({ status: 'SUCCEEDED', output: { ok: true }, stopDate: 9_000 });
    expect(await store.history(executionArn('running'))).toEqual(events(1, 40));
    expect((await store.listExecutions()).executions.map((e) => e.name)).toEqual(['running', 'done']);
    await store.commit(running(executionArn('running'), 41, 41));
    await store.close();
  });

  it('is created when missing, and an empty file becomes a store', async () => {
    writeFileSync(file, '');
    await writeStore();
    await writeStore(join(dir, 'fresh.db'));
    const store = await openSqliteStore(join(dir, 'fresh.db'));
    expect((await store.listExecutions()).executions).toHaveLength(2);
    await store.close();
  });

  it('names the file when its folder does not exist or it is a folder', async () => {
    await expect(openSqliteStore(join(dir, 'no-such-dir', 'store.db'))).rejects.toThrow(/Cannot open the store .*no-such-dir/);
    mkdirSync(join(dir, 'folder'));
    await expect(openSqliteStore(join(dir, 'folder'))).rejects.toThrow(StoreError);
  });
});

describe('a file that is not a sound store is refused and left byte-identical', () => {
  it('refuses a file that is not SQLite', async () => {
    writeFileSync(file, 'These are my notes, not a database.\n'.repeat(100));
    await expectRefused(file, /is not an SQLite database/);
  });

  it('refuses a store cut short', async () => {
    await writeStore();
    const size = readFileSync(file).length;
    truncateSync(file, Math.floor(size / 2));
    await expectRefused(file, /is truncated: \d+ bytes where its header announces/);
    truncateSync(file, 50);
    await expectRefused(file, /is truncated: 50 bytes, less than an SQLite header/);
    truncateSync(file, 10);
    await expectRefused(file, /truncated/);
  });

  it('refuses a store with a damaged page', async () => {
    await writeStore();
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 4096 * 2, 4096 * 2 + 200);
    writeFileSync(file, bytes);
    await expectRefused(file, /is damaged/);
  });

  it("refuses another application's database", async () => {
    withRawDatabase(file, (db) => db.exec('CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES (1)'));
    await expectRefused(file, /another application's SQLite database \(application id 0\)/);
    withRawDatabase(file, (db) => db.pragma('application_id = 42'));
    await expectRefused(file, /application id 42/);
  });

  it('refuses a store written by a newer asl-engine', async () => {
    await writeStore();
    withRawDatabase(file, (db) => db.pragma('user_version = 5'));
    await expectRefused(file, /newer asl-engine \(store schema version 5; this one reads version 4\)/);
  });

  it('refuses a store that lost a table', async () => {
    await writeStore();
    withRawDatabase(file, (db) => db.exec('DROP TABLE lease'));
    await expectRefused(file, /lacks the table\(s\) lease/);
  });

  it('opens an SQLite file with no tables at all as a new store', async () => {
    withRawDatabase(file, (db) => db.exec('CREATE TABLE scratch (x); DROP TABLE scratch'));
    expect(readFileSync(file).length).toBeGreaterThan(0);
    await writeStore();
    const store = await openSqliteStore(file);
    expect((await store.listExecutions()).executions).toHaveLength(2);
    await store.close();
  });
});

describe('the lease', () => {
  const ownerA: StoreOwner = { id: 'engine-a', pid: 101, host: 'host-a' };
  const ownerB: StoreOwner = { id: 'engine-b', pid: 202, host: 'host-b' };

  it('is given back on close, so the next engine takes the store', async () => {
    const first = await openSqliteStore(file);
    await first.acquire(ownerA, () => true);
    await first.close();
    const second = await openSqliteStore(file);
    await second.acquire(ownerB, () => true);
    await second.close();
  });

  it('is not given back by an engine that lost it to a takeover', async () => {
    const stale = await openSqliteStore(file);
    await stale.acquire(ownerA, () => true);
    const current = await openSqliteStore(file);
    await current.acquire(ownerB, () => false);
    await stale.close();
    const third = await openSqliteStore(file);
    await expect(third.acquire({ id: 'engine-c', pid: 303, host: 'h' }, () => true)).rejects.toThrow(/process 202 on host-b/);
    await third.close();
    await current.close();
  });

  describe('held by another live process', () => {
    let child: ChildProcess | undefined;
    afterEach(() => {
      child?.kill('SIGKILL');
      child = undefined;
    });

    it('is refused while the process lives, and taken over once it is killed', async () => {
      await (await openSqliteStore(file)).close();
      child = spawn(process.execPath, [HOLD_LEASE, file, 'engine-child'], { stdio: ['pipe', 'pipe', 'inherit'] });
      const holder = child;
      await new Promise<void>((resolve, reject) => {
        holder.stdout?.on('data', (chunk: Buffer) => (chunk.toString().includes('holding') ? resolve() : undefined));
        holder.on('exit', (code) => reject(new Error(`the lease holder exited early (${code})`)));
      });
      const me: StoreOwner = { id: 'engine-test', pid: process.pid, host: hostname() };
      const refused = await openSqliteStore(file);
      const error = await refused.acquire(me, processIsAlive).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreLockedError);
      expect(String(error)).toContain(`${file} is in use by asl-engine process ${holder.pid} on ${hostname()}; stop it first`);
      await refused.close();

      // Killed with nothing else open: its lease row lives only in the WAL the crash left behind.
      const exited = new Promise((resolve) => holder.once('exit', resolve));
      holder.kill('SIGKILL');
      await exited;
      const store = await openSqliteStore(file);
      const asked: number[] = [];
      await store.acquire(me, (pid, host) => (asked.push(pid), processIsAlive(pid, host)));
      expect(asked).toEqual([holder.pid]);
      const rival = await openSqliteStore(file);
      await expect(rival.acquire({ ...me, id: 'engine-rival' }, processIsAlive)).rejects.toThrow(`process ${process.pid} on`);
      await rival.close();
      await store.close();
    });
  });
});

describe('loading', () => {
  it('loads better-sqlite3 only when a file store is opened (no static import in src/store)', () => {
    const storeDir = fileURLToPath(new URL('../../../src/store/', import.meta.url));
    for (const name of readdirSync(storeDir)) {
      const source = readFileSync(join(storeDir, name), 'utf8');
      expect(source, name).not.toMatch(/^\s*import\s+(?!type\b)[^;]*from\s+['"]better-sqlite3['"]/m);
    }
  });
});

/** What an engine would pass: a process on this host is alive while signal 0 reaches it. */
function processIsAlive(pid: number, host: string): boolean {
  if (host !== hostname()) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

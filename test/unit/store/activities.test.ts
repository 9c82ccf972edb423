// Activities in both stores: kept, replaced, forgotten; in a SQLite file they outlive the process,
// and a file of schema version 2 (before activities) gains the table when it is opened.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import { SCHEMA_VERSION } from '../../../src/store/sqlite-schema.js';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';
import type { ActivityResource, ExecutionStore } from '../../../src/store/types.js';

const REVIEW: ActivityResource = { arn: 'arn:aws:states:us-east-1:123456789012:activity:review', name: 'review', createdAt: 1_000, tags: [{ key: 'team', value: 'docs' }] };
const SIGN: ActivityResource = { arn: 'arn:aws:states:us-east-1:123456789012:activity:sign', name: 'sign', createdAt: 2_000, tags: [] };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'asl-activities-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe.each([
  ['memory', async (): Promise<ExecutionStore> => createMemoryStore()],
  ['sqlite', async (): Promise<ExecutionStore> => openSqliteStore(join(dir, 'store.db'))],
])('activities in the %s store', (_kind, open) => {
  it('keeps, replaces and forgets activities, oldest first, handing out copies', async () => {
    const store = await open();
    await store.putActivity(SIGN);
    await store.putActivity(REVIEW);
    expect(await store.listActivities()).toEqual([REVIEW, SIGN]);
    await store.putActivity({ ...REVIEW, tags: [] });
    const listed = await store.listActivities();
    expect(listed[0]?.tags).toEqual([]);
    (listed[1]?.tags as { key: string; value: string }[]).push({ key: 'x', value: 'y' });
    expect((await store.listActivities())[1]?.tags).toEqual([]);
    await store.deleteActivity(SIGN.arn);
    await store.deleteActivity('arn:aws:states:us-east-1:123456789012:activity:none');
    expect((await store.listActivities()).map((a) => a.name)).toEqual(['review']);
    await store.close();
  });
});

describe('activities in a SQLite file', () => {
  it('outlive the process, and a version 2 file gains the table when opened', async () => {
    const file = join(dir, 'v2.db');
    const first = await openSqliteStore(file);
    await first.putActivity(REVIEW);
    await first.close();
    expect((await (await openSqliteStore(file)).listActivities()).map((a) => a.arn)).toEqual([REVIEW.arn]);

    const old = join(dir, 'old.db');
    await (await openSqliteStore(old)).close();
    const raw = new Database(old);
    raw.exec('DROP TABLE activities');
    raw.exec('DROP TABLE map_runs');
    raw.pragma('user_version = 2');
    raw.close();
    const migrated = await openSqliteStore(old);
    expect(await migrated.listActivities()).toEqual([]);
    await migrated.putActivity(SIGN);
    await migrated.close();
    const check = new Database(old, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    check.close();
  });
});

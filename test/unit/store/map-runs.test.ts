// Map Runs in both stores: kept, replaced in place, listed per execution oldest first, handed out as
// copies; in a SQLite file they outlive the process, and a file of schema version 3 (before Map
// Runs) gains the table when it is opened, keeping what it held.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import { SCHEMA_VERSION } from '../../../src/store/sqlite-schema.js';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';
import type { ExecutionStore, MapRunRow } from '../../../src/store/types.js';
import { executionArn, machine, newExecution } from './store-fixtures.js';

const PREFIX = 'arn:aws:states:us-east-1:123456789012';
const counts = (over: Partial<Record<string, number>> = {}): Record<string, number> => ({
  pending: 0, running: 0, succeeded: 0, failed: 0, timedOut: 0, aborted: 0, total: 0, resultsWritten: 0, ...over,
});

function mapRun(id: string, over: Partial<MapRunRow> = {}): MapRunRow {
  return {
    arn: `${PREFIX}:mapRun:Orders/ship:${id}`,
    executionArn: executionArn('first'),
    childMachineArn: `${PREFIX}:stateMachine:Orders/ship`,
    status: 'RUNNING',
    startDate: 2_000,
    maxConcurrency: 1000,
    toleratedFailureCount: 0,
    toleratedFailurePercentage: 0,
    executionCounts: counts({ pending: 3, total: 3 }),
    itemCounts: counts({ pending: 3, total: 3 }),
    ...over,
  };
}

const FIRST = mapRun('a1');
/** Started at the same instant as FIRST, with an id that sorts before it: stored order breaks the tie. */
const SECOND = mapRun('0b', { toleratedFailurePercentage: 12.5 });
const EARLIER = mapRun('c3', { startDate: 1_500 });
const OTHER = mapRun('d4', { executionArn: executionArn('second') });
const ENDED: MapRunRow = {
  ...FIRST,
  status: 'FAILED',
  stopDate: 3_000,
  executionCounts: counts({ succeeded: 2, failed: 1, total: 3, resultsWritten: 3 }),
  itemCounts: counts({ succeeded: 2, failed: 1, total: 3 }),
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'asl-map-runs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe.each([
  ['memory', async (): Promise<ExecutionStore> => createMemoryStore()],
  ['sqlite', async (): Promise<ExecutionStore> => openSqliteStore(join(dir, 'store.db'))],
])('Map Runs in the %s store', (_kind, open) => {
  it('gives back what was put, and nothing for an unknown arn', async () => {
    const store = await open();
    await store.putMapRun(SECOND);
    expect(await store.getMapRun(SECOND.arn)).toEqual(SECOND);
    expect(await store.getMapRun(`${PREFIX}:mapRun:Orders/ship:none`)).toBeUndefined();
    expect(await store.listMapRuns(executionArn('none'))).toEqual([]);
    await store.close();
  });

  it('replaces a run in place: its end, stop date and counts', async () => {
    const store = await open();
    await store.putMapRun(FIRST);
    await store.putMapRun(SECOND);
    await store.putMapRun(ENDED);
    expect(await store.getMapRun(FIRST.arn)).toEqual(ENDED);
    // The replaced run keeps its place among runs started at the same instant.
    expect((await store.listMapRuns(FIRST.executionArn)).map((run) => run.arn)).toEqual([FIRST.arn, SECOND.arn]);
    await store.close();
  });

  it("lists one execution's runs, oldest first", async () => {
    const store = await open();
    for (const run of [FIRST, OTHER, SECOND, EARLIER]) await store.putMapRun(run);
    expect(await store.listMapRuns(FIRST.executionArn)).toEqual([EARLIER, FIRST, SECOND]);
    expect(await store.listMapRuns(OTHER.executionArn)).toEqual([OTHER]);
    await store.close();
  });

  it('hands out copies: changing what was put or got leaves the store as it was', async () => {
    const store = await open();
    const given = { ...FIRST, executionCounts: { ...FIRST.executionCounts } };
    await store.putMapRun(given);
    given.executionCounts['pending'] = 99;
    const got = await store.getMapRun(FIRST.arn);
    (got?.itemCounts as Record<string, number>)['total'] = 42;
    const listed = await store.listMapRuns(FIRST.executionArn);
    (listed[0]?.executionCounts as Record<string, number>)['running'] = 7;
    expect(await store.getMapRun(FIRST.arn)).toEqual(FIRST);
    await store.close();
  });
});

describe('Map Runs in a SQLite file', () => {
  it('outlive the process, stop date and counts included', async () => {
    const file = join(dir, 'store.db');
    const first = await openSqliteStore(file);
    await first.putMapRun(ENDED);
    await first.putMapRun(EARLIER);
    await first.close();
    const second = await openSqliteStore(file);
    expect(await second.listMapRuns(FIRST.executionArn)).toEqual([EARLIER, ENDED]);
    await second.close();
  });

  it('a version 3 file gains the table when opened, keeping its executions', async () => {
    const file = join(dir, 'v3.db');
    const writer = await openSqliteStore(file);
    await writer.putMachine(machine());
    await writer.createExecution(newExecution('first'));
    await writer.close();
    // What version 3 made: every table but map_runs.
    const raw = new Database(file);
    raw.exec('DROP TABLE map_runs');
    raw.pragma('user_version = 3');
    raw.close();

    const migrated = await openSqliteStore(file);
    expect((await migrated.getExecution(executionArn('first')))?.input).toEqual({ order: 'first', items: [1, 2] });
    expect(await migrated.listMapRuns(executionArn('first'))).toEqual([]);
    await migrated.putMapRun(FIRST);
    await migrated.close();
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(check.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'map_runs' AND sql IS NOT NULL").all()).toEqual([
      { name: 'map_runs_by_execution' },
    ]);
    check.close();
    const reopened = await openSqliteStore(file);
    expect(await reopened.getMapRun(FIRST.arn)).toEqual(FIRST);
    await reopened.close();
  });

  it('refuses a version 4 file that lost the map_runs table', async () => {
    const file = join(dir, 'broken.db');
    await (await openSqliteStore(file)).close();
    const raw = new Database(file);
    raw.exec('DROP TABLE map_runs');
    raw.close();
    await expect(openSqliteStore(file)).rejects.toThrow(/lacks the table\(s\) map_runs/);
  });
});

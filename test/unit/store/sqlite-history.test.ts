// How the SQLite store keeps histories: in chunks of at most MAX_CHUNK_EVENTS events, with a
// payload the engine recorded twice stored once. Whatever the chunking, history() must give back
// exactly the events it was given, page by page, and read only the chunks a page needs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventDetails, HistoryEvent } from '../../../src/core/events.js';
import { StoreCorruptError } from '../../../src/store/errors.js';
import { MAX_CHUNK_EVENTS } from '../../../src/store/sqlite-events.js';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';
import type { ExecutionStore, HistoryQuery } from '../../../src/store/types.js';
import { events, executionArn, newExecution } from './store-fixtures.js';

let dir: string;
let file: string;
let store: ExecutionStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'asl-store-history-'));
  file = join(dir, 'store.db');
  store = await openSqliteStore(file);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const arn = executionArn('long');

/** What a query must give, computed from the whole history. */
function expected(all: readonly HistoryEvent[], query: HistoryQuery): HistoryEvent[] {
  const after = all.filter((event) => event.id > (query.afterId ?? 0));
  const ordered = query.reverse === true ? after.reverse() : after;
  return ordered.slice(0, query.limit ?? ordered.length);
}

function chunkRows(): { first_id: number; last_id: number }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], { first_id: number; last_id: number }>('SELECT first_id, last_id FROM event_chunks ORDER BY last_id').all();
  } finally {
    db.close();
  }
}

describe('a history longer than one chunk', () => {
  const total = 2 * MAX_CHUNK_EVENTS + 234;
  const all = events(1, total);
  beforeEach(async () => {
    // One big first transaction (split into chunks), then commits of one event, none, and many.
    await store.createExecution(newExecution('long', { events: all.slice(0, 2 * MAX_CHUNK_EVENTS + 100) }));
    await store.commit({ arn, events: all.slice(2 * MAX_CHUNK_EVENTS + 100, 2 * MAX_CHUNK_EVENTS + 101), status: 'RUNNING', snapshot: 1 });
    await store.commit({ arn, events: [], status: 'RUNNING', snapshot: 2 });
    await store.commit({ arn, events: all.slice(2 * MAX_CHUNK_EVENTS + 101), status: 'RUNNING', snapshot: 3 });
  });

  it('is stored as a few chunk rows, not a row per event', () => {
    const rows = chunkRows();
    expect(rows.map((row) => [row.first_id, row.last_id])).toEqual([
      [1, MAX_CHUNK_EVENTS],
      [MAX_CHUNK_EVENTS + 1, 2 * MAX_CHUNK_EVENTS],
      [2 * MAX_CHUNK_EVENTS + 1, 2 * MAX_CHUNK_EVENTS + 100],
      [2 * MAX_CHUNK_EVENTS + 101, 2 * MAX_CHUNK_EVENTS + 101],
      [2 * MAX_CHUNK_EVENTS + 102, total],
    ]);
  });

  it('pages across chunk boundaries in both directions', async () => {
    expect(await store.history(arn)).toStrictEqual(all);
    const edges = [0, 1, MAX_CHUNK_EVENTS - 1, MAX_CHUNK_EVENTS, MAX_CHUNK_EVENTS + 1, 2 * MAX_CHUNK_EVENTS + 100, total - 1, total, total + 5];
    for (const afterId of edges) {
      for (const limit of [undefined, 1, 7, MAX_CHUNK_EVENTS, MAX_CHUNK_EVENTS + 1, 3 * MAX_CHUNK_EVENTS]) {
        for (const reverse of [false, true]) {
          const query = { afterId, reverse, ...(limit === undefined ? {} : { limit }) };
          expect(await store.history(arn, query), JSON.stringify(query)).toStrictEqual(expected(all, query));
        }
      }
    }
  });

  it('reads a page without decoding the chunks before it, and refuses a damaged chunk it needs', async () => {
    const db = new Database(file);
    db.prepare('UPDATE event_chunks SET events = ? WHERE first_id = 1').run('[[1,0,1001,"ExecutionStarted"]]');
    db.close();
    const page = await store.history(arn, { afterId: MAX_CHUNK_EVENTS + 10, limit: 3 });
    expect(page.map((e) => e.id)).toEqual([MAX_CHUNK_EVENTS + 11, MAX_CHUNK_EVENTS + 12, MAX_CHUNK_EVENTS + 13]);
    expect((await store.history(arn, { reverse: true, limit: 2 })).map((e) => e.id)).toEqual([total, total - 1]);
    const error = await store.history(arn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCorruptError);
    expect(String(error)).toContain(`${file} is damaged: the stored history events 1..${MAX_CHUNK_EVENTS} cannot be read`);
  });
});

describe('a payload recorded twice', () => {
  /** As the engine records them: the same objects appear in several events. */
  function sharedHistory(): HistoryEvent[] {
    const start = { order: 1, items: ['a', 'b'] };
    const passed = { order: 1, items: ['a', 'b'], checked: true };
    const result = { charged: 12.5, card: null };
    const list: [HistoryEvent['type'], EventDetails | undefined][] = [
      ['ExecutionStarted', { input: start, roleArn: 'arn:role' }],
      ['PassStateEntered', { name: 'Check', input: start }],
      ['PassStateExited', { name: 'Check', output: passed, assignedVariables: { seen: true } }],
      // A Pass state that changes nothing: its output is its input.
      ['PassStateEntered', { name: 'Same', input: passed }],
      ['PassStateExited', { name: 'Same', output: passed }],
      ['TaskStateEntered', { name: 'Charge', input: passed }],
      ['TaskScheduled', { resourceType: 'lambda', resource: 'invoke', parameters: passed }],
      ['TaskStarted', undefined],
      ['TaskSucceeded', { resourceType: 'lambda', resource: 'invoke', output: result }],
      ['TaskStateExited', { name: 'Charge', output: result }],
      ['ExecutionSucceeded', { output: result }],
    ];
    return list.map(([type, details], i) => ({ id: i + 1, previousEventId: i, timestamp: 2_000 + i, type, details }));
  }

  it('comes back whole, in its place among the other members', async () => {
    const history = sharedHistory();
    const same = history.find((e) => e.details?.name === 'Same' && e.type === 'PassStateEntered');
    await store.createExecution(newExecution('shared', { events: history }));
    const read = await store.history(executionArn('shared'));
    expect(read).toStrictEqual(structuredClone(history));
    expect(Object.keys(read[2]?.details ?? {})).toEqual(['name', 'output', 'assignedVariables']);
    expect(read.find((e) => e.id === same?.id)?.details?.input).toEqual({ order: 1, items: ['a', 'b'], checked: true });
  });

  it('is read back as it was when stored, even if the caller changes it afterwards or changes what it read', async () => {
    const history = sharedHistory();
    await store.createExecution(newExecution('shared', { events: history }));
    (history[1]?.details?.input as { order: number }).order = 99;
    const first = await store.history(executionArn('shared'));
    (first[9]?.details?.output as { charged: number }).charged = 0;
    const again = await store.history(executionArn('shared'));
    expect(again[1]?.details?.input).toEqual({ order: 1, items: ['a', 'b'] });
    expect(again[8]?.details?.output).toEqual({ charged: 12.5, card: null });
    expect(again[10]?.details?.output).toEqual({ charged: 12.5, card: null });
  });

  it('is stored once per chunk, so a repeat in a later commit or chunk is stored in full', async () => {
    const shared = { big: 'y'.repeat(1_000) };
    const at = (id: number): HistoryEvent => ({ id, previousEventId: id - 1, timestamp: id, type: 'PassStateEntered', details: { name: `S${id}`, input: shared } });
    const first = Array.from({ length: MAX_CHUNK_EVENTS + 2 }, (_, i) => at(i + 1));
    await store.createExecution(newExecution('repeats', { events: first }));
    await store.commit({ arn: executionArn('repeats'), events: [at(MAX_CHUNK_EVENTS + 3)], status: 'RUNNING', snapshot: {} });
    const read = await store.history(executionArn('repeats'));
    expect(read).toHaveLength(MAX_CHUNK_EVENTS + 3);
    for (const event of read) expect(event.details?.input).toEqual(shared);
    const db = new Database(file, { readonly: true });
    const sizes = db.prepare<[], { n: number }>('SELECT length(events) AS n FROM event_chunks ORDER BY last_id').all().map((r) => r.n);
    db.close();
    // Each chunk holds the 1,000-character payload once, however many events repeat it.
    expect(sizes).toHaveLength(3);
    for (const size of sizes) expect(size).toBeLessThan(1_000 + 80 * MAX_CHUNK_EVENTS);
    expect(sizes[0]).toBeGreaterThan(1_000);
  });
});

// The text of a history chunk (sqlite-events.ts): an event's id, previousEventId and timestamp are
// left out when they follow from the one before, and its type is an index into the chunk's list of
// type names. Whatever an event's ids and times, history() gives it back as it was given; chunks
// written in the earlier format still read; a chunk that names a type it does not list is damage.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../../src/core/events.js';
import { StoreCorruptError } from '../../../src/store/errors.js';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';
import type { ExecutionStore } from '../../../src/store/types.js';
import { executionArn, newExecution } from './store-fixtures.js';

let dir: string;
let file: string;
let store: ExecutionStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'asl-store-chunks-'));
  file = join(dir, 'store.db');
  store = await openSqliteStore(file);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const arn = executionArn('format');

/** Rewrites the only chunk of the store's only execution, the store closed meanwhile. */
async function rewriteChunk(edit: (text: string) => string): Promise<void> {
  await store.close();
  const db = new Database(file);
  const row = db.prepare<[], { events: string }>('SELECT events FROM event_chunks').get();
  db.prepare('UPDATE event_chunks SET events = ?').run(edit(row?.events ?? ''));
  db.close();
  store = await openSqliteStore(file);
}

describe('history chunk text', () => {
  it('gives back ids, previous ids and timestamps that do not follow on, as they were', async () => {
    const shared = { order: 7, lines: [{ sku: 'a' }] };
    const list: HistoryEvent[] = [
      { id: 1, previousEventId: 0, timestamp: 5_000, type: 'ExecutionStarted', details: { input: shared } },
      { id: 2, previousEventId: 0, timestamp: 5_000, type: 'ParallelStateEntered', details: { name: 'Both', input: shared } },
      { id: 3, previousEventId: 2, timestamp: 5_000, type: 'ParallelStateStarted', details: undefined },
      { id: 4, previousEventId: 3, timestamp: 5_000.5, type: 'PassStateEntered', details: { name: 'Left', input: shared } },
      { id: 5, previousEventId: 3, timestamp: 5_000.5, type: 'PassStateEntered', details: { name: 'Right', input: shared } },
      { id: 6, previousEventId: 4, timestamp: 4_999, type: 'PassStateExited', details: { name: 'Left', output: { done: shared.lines } } },
      { id: 7, previousEventId: 6, timestamp: 4_999, type: 'PassStateExited', details: { name: 'Right', output: null } },
      { id: 8, previousEventId: 7, timestamp: 1_767_225_600_123, type: 'ParallelStateSucceeded', details: undefined },
    ];
    await store.createExecution(newExecution('format', { events: list }));
    const read = await store.history(arn);
    expect(read).toStrictEqual(structuredClone(list));
    const text = await chunkText();
    // The names are listed once per chunk, not once per event.
    expect(text.split('"PassStateEntered"')).toHaveLength(2);
    // A state entered with a payload stored before is its name and where that payload is.
    expect(text).toContain(',"Left",0]');
  });

  it('refuses a state entered whose input points at a payload not stored before it', async () => {
    const input = { big: 'x'.repeat(50) };
    const list: HistoryEvent[] = [
      { id: 1, previousEventId: 0, timestamp: 9, type: 'ExecutionStarted', details: { input } },
      { id: 2, previousEventId: 0, timestamp: 9, type: 'PassStateEntered', details: { name: 'P', input } },
    ];
    await store.createExecution(newExecution('format', { events: list }));
    expect((await store.history(arn))[1]?.details).toStrictEqual({ name: 'P', input });
    await rewriteChunk((text) => text.replace(',"P",0]', ',"P",2]'));
    await expect(store.history(arn)).rejects.toBeInstanceOf(StoreCorruptError);
  });

  it('stores a list of member references the same as the last one as the index of its event', async () => {
    const data = [{ sku: 'a' }, { sku: 'b' }];
    const list: HistoryEvent[] = [{ id: 1, previousEventId: 0, timestamp: 9, type: 'ExecutionStarted', details: { input: { acc: { n: 0 }, data } } }];
    for (let n = 1; n <= 3; n++) list.push({ id: n + 1, previousEventId: n, timestamp: 9, type: 'PassStateExited', details: { name: `S${n}`, output: { acc: { n }, data } } });
    await store.createExecution(newExecution('format', { events: list }));
    expect(await store.history(arn)).toStrictEqual(structuredClone(list));
    const text = await chunkText();
    expect(text.split('[1,"data",0,"data"]')).toHaveLength(2);
    expect(text).toContain('"data":0}},-1,-1,1]');
    await rewriteChunk((damaged) => damaged.replace('"data":0}},-1,-1,1]', '"data":0}},-1,-1,3]'));
    await expect(store.history(arn)).rejects.toBeInstanceOf(StoreCorruptError);
  });

  it('reads a chunk written in the earlier format (every event with its id, previous id, time and type)', async () => {
    await store.createExecution(newExecution('format', { events: [{ id: 1, previousEventId: 0, timestamp: 1, type: 'ExecutionStarted', details: { input: {} } }] }));
    const doc = '{"acc":{"n":1},"data":[1,2]}';
    const format1 = [
      `[1,0,1000,"ExecutionStarted",{"input":${doc}}]`,
      '[2,0,1000,"PassStateEntered",{"name":"P","input":0},0,-1]',
      '[3,2,1001,"PassStateExited",{"name":"P","output":{"acc":{"n":2},"data":0}},-1,-1,[[1,"data",0,"data"]]]',
      '[4,3,1002,"ExecutionSucceeded"]',
    ];
    await rewriteChunk(() => `[${format1.join(',')}]`);
    const db = new Database(file);
    db.prepare('UPDATE event_chunks SET last_id = 4').run();
    db.close();
    const read = await store.history(arn);
    expect(read.map((e) => [e.id, e.previousEventId, e.timestamp, e.type])).toEqual([
      [1, 0, 1000, 'ExecutionStarted'],
      [2, 0, 1000, 'PassStateEntered'],
      [3, 2, 1001, 'PassStateExited'],
      [4, 3, 1002, 'ExecutionSucceeded'],
    ]);
    expect(read[1]?.details?.input).toEqual({ acc: { n: 1 }, data: [1, 2] });
    expect(read[2]?.details?.output).toEqual({ acc: { n: 2 }, data: [1, 2] });
    expect(read[3]?.details).toBeUndefined();
  });

  it('refuses a chunk whose event names a type the chunk does not list', async () => {
    const list: HistoryEvent[] = [
      { id: 1, previousEventId: 0, timestamp: 9, type: 'ExecutionStarted', details: { input: 1 } },
      { id: 2, previousEventId: 1, timestamp: 9, type: 'ExecutionSucceeded', details: { output: 1 } },
    ];
    await store.createExecution(newExecution('format', { events: list }));
    expect(await chunkText()).toContain('[1,{"output":1}]');
    await rewriteChunk((text) => text.replace('[1,{"output":1}]', '[7,{"output":1}]'));
    await expect(store.history(arn)).rejects.toBeInstanceOf(StoreCorruptError);
  });
});

async function chunkText(): Promise<string> {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], { events: string }>('SELECT events FROM event_chunks').get()?.events ?? '';
  } finally {
    db.close();
  }
}

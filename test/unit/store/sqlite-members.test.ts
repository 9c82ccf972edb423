// A payload member that an earlier payload of the same chunk holds (the very same object: ResultPath
// copies only the path it writes, so a document's other members are shared from state to state) is
// stored once and comes back in place, keys in their order, whatever the nesting of the sharing.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../../src/core/events.js';
import type { JsonObject } from '../../../src/core/json.js';
import { StoreCorruptError } from '../../../src/store/errors.js';
import { openSqliteStore } from '../../../src/store/sqlite-store.js';
import type { ExecutionStore } from '../../../src/store/types.js';
import { executionArn, newExecution } from './store-fixtures.js';

let dir: string;
let file: string;
let store: ExecutionStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'asl-store-members-'));
  file = join(dir, 'store.db');
  store = await openSqliteStore(file);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A chain of Pass states: each output shares `data` and `meta` with its input and has a new `acc`. */
function chain(length: number): HistoryEvent[] {
  const data = Array.from({ length: 50 }, (_, i) => ({ i, s: `item-${i}` }));
  const meta = { tag: 'bench', flags: { a: true } };
  let document: JsonObject = { acc: { step: 0 }, meta, data, again: data };
  const list: HistoryEvent[] = [{ id: 1, previousEventId: 0, timestamp: 0, type: 'ExecutionStarted', details: { input: document } }];
  for (let step = 1; step <= length; step++) {
    const output: JsonObject = { acc: { step, first: data[0] ?? null }, meta, data, again: data };
    list.push({ id: list.length + 1, previousEventId: list.length, timestamp: step, type: 'PassStateEntered', details: { name: `S${step}`, input: document } });
    list.push({ id: list.length + 1, previousEventId: list.length, timestamp: step, type: 'PassStateExited', details: { name: `S${step}`, output } });
    document = output;
  }
  return list;
}

describe('payload members stored once', () => {
  const arn = executionArn('members');

  it('gives back every event as it was, and keeps the file small', async () => {
    const all = chain(300);
    await store.createExecution(newExecution('members', { events: all }));
    const back = await store.history(arn);
    expect(JSON.parse(JSON.stringify(back))).toEqual(JSON.parse(JSON.stringify(all)));
    expect(Object.keys((back[4]?.details?.output as JsonObject) ?? {})).toEqual(['acc', 'meta', 'data', 'again']);
    // 601 events of a ~1.9 KB document each would be over 1 MB written out in full.
    await store.close();
    expect(statSync(file).size).toBeLessThan(300_000);
    store = await openSqliteStore(file);
  });

  it('refuses a chunk whose member reference points nowhere', async () => {
    await store.createExecution(newExecution('members', { events: chain(3) }));
    await store.close();
    const db = new Database(file);
    const row = db.prepare<[], { events: string }>('SELECT events FROM event_chunks').get();
    const damaged = (row?.events ?? '').replace(/\[1,"data",\d+,"data"\]/, '[1,"data",9999,"data"]');
    expect(damaged).not.toBe(row?.events);
    db.prepare('UPDATE event_chunks SET events = ?').run(damaged);
    db.close();
    store = await openSqliteStore(file);
    await expect(store.history(arn)).rejects.toBeInstanceOf(StoreCorruptError);
  });
});

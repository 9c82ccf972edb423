// listAllExecutions reads every page: more executions than one page holds, with and without a
// status filter, each exactly once and newest first.
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/store/memory-store.js';
import { listAllExecutions } from '../../../src/store/list-all.js';
import { events, newExecution } from './store-fixtures.js';

describe('listAllExecutions', () => {
  it('gives every execution the filter matches, across pages', async () => {
    const store = createMemoryStore();
    const total = 1_203;
    for (let i = 0; i < total; i++) {
      const name = `e-${String(i).padStart(4, '0')}`;
      await store.createExecution(newExecution(name, { startDate: 1_000 + i, events: events(1, 1) }));
      if (i % 3 === 0) await store.commit({ arn: newExecution(name).arn, events: [], status: 'SUCCEEDED', output: i, stopDate: 5_000 });
    }
    const all = await listAllExecutions(store);
    expect(all).toHaveLength(total);
    expect(new Set(all.map((e) => e.arn)).size).toBe(total);
    expect(all[0]?.name).toBe('e-1202');
    expect(all.at(-1)?.name).toBe('e-0000');
    const running = await listAllExecutions(store, { status: 'RUNNING' });
    expect(running).toHaveLength(total - Math.ceil(total / 3));
    expect(running.every((e) => e.status === 'RUNNING')).toBe(true);
  });
});

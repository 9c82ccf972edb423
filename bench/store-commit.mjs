#!/usr/bin/env node
// The SQLite store alone, without the engine: CPU time (user + system, process.cpuUsage) of the
// writes a durable run makes, medians over fresh executions in one store file.
//   chain: createExecution with the 2,001 events of a 1,000-Pass chain (~650 bytes each; a state's
//          input is the previous state's output object, as the engine records it) + a finishing commit
//   map:   the same with the 70,005 small events of a 10,000-item Map of Tasks + a finishing commit
//   snap:  250 RUNNING commits of 4 events and a ~1 MB snapshot each
// It also times reading the last execution's whole history, and one 100-event page from its middle.
//   node --expose-gc bench/store-commit.mjs [--runs N] [--module path/to/index.js] [chain|map|snap ...]
// --module takes any build that exports openSqliteStore (default ../dist/index.js), to compare two.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(option('--runs', 7));
const modulePath = option('--module', undefined);
const valued = new Set([option('--runs'), option('--module')]);
const picked = args.filter((a) => !a.startsWith('--') && !valued.has(a));
const workloads = picked.length > 0 ? picked : ['chain', 'map', 'snap'];
if (typeof globalThis.gc !== 'function') {
  console.error('store-commit: run with node --expose-gc (each sample starts after a full GC)');
  process.exit(2);
}
const { openSqliteStore } = await import(modulePath === undefined ? '../dist/index.js' : pathToFileURL(resolve(modulePath)).href);

const PREFIX = 'arn:aws:states:us-east-1:123456789012:execution:StoreCommitBench:';
const cpuMs = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function document(step) {
  return {
    order: { id: `order-${step}`, customer: { name: 'Ada Lovelace', email: 'ada@example.com', tier: 'gold' },
      items: [{ sku: 'A-1', qty: 2, price: 12.5 }, { sku: 'B-22', qty: 1, price: 99.99 }, { sku: 'C-333', qty: 5, price: 1.25 }],
      shipping: { street: '12 Analytical Engine Way', city: 'London', zip: 'NW1 2AB', country: 'GB' } },
    flags: { priority: true, gift: false, notes: 'leave at the door, ring twice, thank you very much' }, step, total: 143.24,
    tags: ['alpha', 'beta', 'gamma', 'delta'], audit: { by: 'system', at: 1_700_000_000_000 + step, reason: 'pass-through state' },
  };
}

function historyOf(workload) {
  const events = [];
  const push = (type, details) => events.push({ id: events.length + 1, previousEventId: events.length, timestamp: 1_700_000_000_000 + events.length, type, details });
  if (workload === 'chain') {
    let current = document(0);
    push('ExecutionStarted', { input: current, seed: 7 });
    for (let s = 0; s < 1000; s++) {
      push('PassStateEntered', { name: `S${s}`, input: current });
      current = document(s + 1);
      push('PassStateExited', { name: `S${s}`, output: current });
    }
    push('ExecutionSucceeded', { output: current });
    return events;
  }
  push('ExecutionStarted', { input: { n: 10_000 }, seed: 1 });
  push('MapStateEntered', { name: 'M', input: { n: 10_000 } });
  push('MapStateStarted', { length: 10_000 });
  for (let i = 0; i < 10_000; i++) {
    const item = { id: i, name: `n${i}` };
    const result = { id: i, doubled: 2 * i, name: `n${i}` };
    push('MapIterationStarted', { name: 'M', index: i });
    push('TaskStateEntered', { name: 'T', input: item });
    push('TaskScheduled', { resourceType: 'lambda', resource: 'invoke', parameters: { FunctionName: 'double', Payload: item } });
    push('TaskStarted', { resourceType: 'lambda', resource: 'invoke' });
    push('TaskSucceeded', { resourceType: 'lambda', resource: 'invoke', output: result });
    push('TaskStateExited', { name: 'T', output: result });
    push('MapIterationSucceeded', { name: 'M', index: i });
  }
  push('MapStateSucceeded', undefined);
  push('MapStateExited', { name: 'M', output: [] });
  push('ExecutionSucceeded', { output: [] });
  return events;
}

const snapshotOf = (k) => ({ version: 1, k, threads: Array.from({ length: 2000 }, (_, i) => ({ id: i, state: `S${i}`, input: { text: 'x'.repeat(420), i, k } })) });

function newExecution(name, events) {
  return { arn: PREFIX + name, name, machineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:StoreCommitBench',
    definitionHash: 'a'.repeat(64), startDate: 1000, input: { x: 1 }, attributes: {}, snapshot: { at: 'start' }, events };
}

/** One execution written; returns its CPU ms (the data is built before the clock starts). */
async function sample(store, workload, name) {
  if (workload === 'snap') {
    const snapshots = Array.from({ length: 5 }, (_, k) => snapshotOf(k));
    globalThis.gc();
    const start = process.cpuUsage();
    await store.createExecution(newExecution(name, [{ id: 1, previousEventId: 0, timestamp: 1, type: 'ExecutionStarted', details: { input: {} } }]));
    let id = 1;
    for (let c = 0; c < 250; c++) {
      const events = [];
      for (let e = 0; e < 4; e++, id++) events.push({ id: id + 1, previousEventId: id, timestamp: id, type: 'WaitStateEntered', details: { name: 'W', input: { c } } });
      await store.commit({ arn: PREFIX + name, events, status: 'RUNNING', snapshot: snapshots[c % 5] });
    }
    return cpuMs(start);
  }
  const events = historyOf(workload);
  const last = events.pop();
  globalThis.gc();
  const start = process.cpuUsage();
  await store.createExecution(newExecution(name, events));
  await store.commit({ arn: PREFIX + name, events: [last], status: 'SUCCEEDED', output: last.details.output, stopDate: 5000 });
  return cpuMs(start);
}

console.log('workload | write (median CPU ms) | min | read whole history | read 100 from the middle');
for (const workload of workloads) {
  const dir = mkdtempSync(join(tmpdir(), 'asl-store-bench-'));
  try {
    const store = await openSqliteStore(join(dir, 'store.db'));
    const times = [];
    // Two warm-up executions first: they compile the statements and grow the heap.
    for (let i = 0; i < runs + 2; i++) {
      const ms = await sample(store, workload, `${workload}-${i}`);
      if (i >= 2) times.push(ms);
    }
    const arn = `${PREFIX}${workload}-${runs + 1}`;
    globalThis.gc();
    let start = process.cpuUsage();
    const history = await store.history(arn);
    const readAll = cpuMs(start);
    start = process.cpuUsage();
    await store.history(arn, { afterId: Math.floor(history.length / 2), limit: 100 });
    const readPage = cpuMs(start);
    await store.close();
    console.log(`${workload} | ${median(times).toFixed(1)} | ${Math.min(...times).toFixed(1)} | ${readAll.toFixed(1)} (${history.length} events) | ${readPage.toFixed(2)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

#!/usr/bin/env node
// Memory of the durable engine over many finished executions: openEngine on a fresh SQLite file,
// a 5-state Pass chain run N times (default 10,000, in concurrent batches of 100), and the RSS and
// JS heap after a full GC every 1,000 finished. Finished executions belong to the store, not the
// heap, so the series should stay flat once warm: the first few thousand grow V8's young generation
// and malloc's arena (SQLite's page cache), so flatness is judged on the second half of the run.
//   node --expose-gc bench/durable-rss.mjs [--total N] [--batch N] [--every N] [--store :memory:] [--no-yield] [--json]
// --store :memory: runs the same on the in-memory store, which keeps everything in the heap by design.
// The loop lets the event loop turn once after each batch, as a server would between requests;
// --no-yield chains batches on promises alone, which never gives the event loop a turn: it checks
// that a finished execution is not kept alive by the commit it had queued for that turn.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate } from 'node:timers';
import { openEngine, VirtualClock } from '../dist/index.js';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const total = Number(option('--total', 10_000));
const batch = Math.max(1, Number(option('--batch', 100)));
const every = Number(option('--every', 1000));
const memoryStore = option('--store', 'sqlite') === ':memory:';
const yieldEachBatch = !args.includes('--no-yield');
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
if (typeof globalThis.gc !== 'function') {
  console.error('durable-rss: run with node --expose-gc (RSS is read after a full GC)');
  process.exit(2);
}

const chain = (n) => {
  const name = (i) => `Step${i}`;
  const States = {};
  for (let i = 0; i < n; i++) {
    States[name(i)] = { Type: 'Pass', Parameters: { 'step.$': '$.step', 'tag.$': '$.tag', at: i }, ResultPath: '$.last', ...(i + 1 < n ? { Next: name(i + 1) } : { End: true }) };
  }
  return { Comment: `${n} Pass states`, StartAt: name(0), States };
};

const mb = (bytes) => +(bytes / 1048576).toFixed(1);
function sample(finished) {
  globalThis.gc();
  globalThis.gc();
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { finished, rss_mb: mb(rss), heap_used_mb: mb(heapUsed), external_mb: mb(external + arrayBuffers) };
}

const dir = mkdtempSync(join(tmpdir(), 'asl-bench-rss-'));
const file = join(dir, 'executions.db');
const t0 = process.hrtime.bigint();
const series = [];
let engine;
try {
  engine = await openEngine({ store: memoryStore ? ':memory:' : file, clock: new VirtualClock({ autoAdvance: true }) });
  await engine.register('rss', chain(5));
  series.push(sample(0));
  let finished = 0;
  while (finished < total) {
    const size = Math.min(batch, total - finished);
    const started = await Promise.all(Array.from({ length: size }, (_, i) => engine.start('rss', { step: finished + i, tag: 'rss' })));
    const results = await Promise.all(started.map((e) => e.result));
    const failed = results.find((r) => r.status !== 'SUCCEEDED');
    if (failed) throw new Error(`an execution ended ${failed.status}: ${failed.error ?? ''} ${failed.cause ?? ''}`);
    finished += size;
    if (yieldEachBatch) await nextTurn();
    if (finished % every === 0 || finished === total) series.push(sample(finished));
  }
  const stored = (await engine.list({ limit: 1 })).executions.length;
  if (stored !== 1) throw new Error('the store lists no execution');
} finally {
  await engine?.close();
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const fileMb = memoryStore ? null : mb(statSync(file).size + sizeIfAny(`${file}-wal`));
rmSync(dir, { recursive: true, force: true });

function sizeIfAny(path) {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

// Growth over the second half of the run, once warm.
const warm = series.find((s) => s.finished >= total / 2) ?? series[0];
const last = series[series.length - 1];
const perExecution = (mbGrowth) => (last.finished > warm.finished ? Math.round((mbGrowth * 1048576) / (last.finished - warm.finished)) : 0);
const report = {
  store: memoryStore ? ':memory:' : 'sqlite', total, batch, yield_each_batch: yieldEachBatch, seconds: +seconds.toFixed(1), store_file_mb: fileMb,
  second_half_from: warm.finished,
  rss_growth_second_half_mb: +(last.rss_mb - warm.rss_mb).toFixed(1), rss_bytes_per_execution_second_half: perExecution(last.rss_mb - warm.rss_mb),
  heap_growth_second_half_mb: +(last.heap_used_mb - warm.heap_used_mb).toFixed(1), heap_bytes_per_execution_second_half: perExecution(last.heap_used_mb - warm.heap_used_mb),
  series, node: process.version,
};
if (args.includes('--json')) console.log(JSON.stringify(report));
else {
  const turns = yieldEachBatch ? 'one event-loop turn after each' : 'no event-loop turn between them';
  console.log(`${total.toLocaleString('en-US')} durable executions (5-state Pass chain, batches of ${batch}, ${turns}) on ${report.store}, ${report.seconds} s${fileMb === null ? '' : `, store file ${fileMb} MB`}`);
  console.log('| finished | RSS | JS heap used | external |');
  console.log('| ---: | ---: | ---: | ---: |');
  for (const s of series) console.log(`| ${s.finished.toLocaleString('en-US')} | ${s.rss_mb} MB | ${s.heap_used_mb} MB | ${s.external_mb} MB |`);
  console.log(
    `second half (${warm.finished.toLocaleString('en-US')} → ${last.finished.toLocaleString('en-US')} finished): RSS ${report.rss_growth_second_half_mb} MB ` +
      `(${report.rss_bytes_per_execution_second_half} bytes/execution), JS heap ${report.heap_growth_second_half_mb} MB (${report.heap_bytes_per_execution_second_half} bytes/execution)`,
  );
}

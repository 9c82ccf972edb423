#!/usr/bin/env node
// npm run bench:serve [-- options]: `asl serve` under load on loopback. The server runs as a child
// process (the `asl` binary, bundled from src/ into bench/results/asl.mjs as the build bundles it,
// or dist/cli/asl.mjs with --dist) on a durable SQLite store in a temp folder; this process is the
// client, over keep-alive connections (so the figures measure the server, not the AWS SDK's own
// per-call cost): a lean client on node:net by default (lib/keepalive-client.mjs), node:http's with
// --client node-http.
//
//   1. Load: N StartExecution calls (default 1,000) at concurrency C (default 50) of a 3-state
//      STANDARD machine, after a warm-up (--warmup); then waits until ListExecutions shows none RUNNING.
//      Reports durable executions/s (start of the first call to the last one finished) and the
//      StartExecution latency p50/p99.
//   2. StartSyncExecution of bench workloads created as EXPRESS machines: the 1,000-Pass chain, the
//      Choice loop (10,002 transitions) and the Map over 10,000 items; output checked against the
//      expected one; min and median latency.
//
//   --executions N   --concurrency C   --warmup N (default 3,000: V8 needs about that many calls
//                    before the server's CPU per call settles, from ~0.5 ms to ~0.2 ms; a server
//                    that has run a while is warm)
//   --rounds N       run the load phase N times on the same server (default 1): one row each
//   --client keepalive|node-http   the load client (default keepalive: lib/keepalive-client.mjs)
//   --json           print the results as JSON
//   --profile        write the server's CPU profile to bench/results/profiles (node --cpu-prof)
//   --store FILE     use this store file instead of a fresh one in a temp folder
//   --floor          also measure a trivial node:http server answering every call at once, with
//                    the same client: what the machine itself allows (it is shared and noisy)
//   --only load|sync one phase only (with --profile: a profile of that phase)
//   --dist           run dist/cli/asl.mjs (npm run build first) instead of bundling src/
//   --gc             per load round, the server's garbage collections (node --trace-gc-nvp): scavenges,
//                    their median and longest pause, bytes they moved per byte allocated, full GCs
//   --node-flags S   flags for the server's node, space-separated (e.g. "--trace-gc"); its output after
//                    "serving on" goes to stderr
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { gcTrace } from './lib/gc-trace.mjs';
import { keepAliveClient } from './lib/keepalive-client.mjs';

const here = dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const opts = { executions: 1000, concurrency: 50, warmup: 3000, rounds: 1, client: 'keepalive', json: false, profile: false, store: undefined, dist: false, only: undefined, floor: false, nodeFlags: [], gc: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--executions') opts.executions = Number(argv[++i]);
    else if (a === '--concurrency') opts.concurrency = Number(argv[++i]);
    else if (a === '--warmup') opts.warmup = Number(argv[++i]);
    else if (a === '--rounds') opts.rounds = Number(argv[++i]);
    else if (a === '--client') opts.client = argv[++i];
    else if (a === '--json') opts.json = true;
    else if (a === '--profile') opts.profile = true;
    else if (a === '--store') opts.store = argv[++i];
    else if (a === '--dist') opts.dist = true;
    else if (a === '--only') opts.only = argv[++i];
    else if (a === '--floor') opts.floor = true;
    else if (a === '--gc') opts.gc = true;
    else if (a === '--node-flags') opts.nodeFlags = argv[++i].split(' ').filter(Boolean);
    else if (a === '--help' || a === '-h') {
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 32).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown option ${a} (see --help)`);
  }
  if (opts.client !== 'keepalive' && opts.client !== 'node-http') throw new Error(`--client takes keepalive or node-http, not ${opts.client}`);
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const log = (msg) => process.stderr.write(`${msg}\n`);
const gc = gcTrace();
/** The binary: dist's, or src/ bundled the way the build bundles it (two folders below the root, where it finds package.json). */
function binary() {
  if (opts.dist) {
    const cli = join(here, '..', 'dist', 'cli', 'asl.mjs');
    if (!existsSync(cli)) {
      console.error('bench:serve: dist/ is missing; run `npm run build` first (or leave out --dist)');
      process.exit(3);
    }
    return cli;
  }
  const outdir = join(here, 'results');
  const bundled = spawnSync(process.execPath, [join(here, '..', 'scripts', 'bundle-cli.mjs'), '--from-source', '--outdir', outdir], { encoding: 'utf8' });
  if (bundled.status !== 0) {
    console.error(`bench:serve: bundling src/ failed:\n${bundled.stderr}`);
    process.exit(3);
  }
  return join(outdir, 'asl.mjs');
}
const CLI = binary();

/** The 3-state machine of the load phase: shape the input, branch on it, succeed. */
const THREE_STATES = {
  StartAt: 'Shape',
  States: {
    Shape: { Type: 'Pass', Parameters: { 'order.$': '$.order', 'total.$': 'States.MathAdd($.price, $.tax)' }, Next: 'Route' },
    Route: { Type: 'Choice', Choices: [{ Variable: '$.total', NumericGreaterThan: 100, Next: 'Done' }], Default: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

const SYNC_WORKLOADS = [
  { file: 'b-pass-chain-1000.json', reps: 20 },
  { file: 'a-choice-loop.json', reps: 5 },
  { file: 'c-map-10k-pass.json', reps: 3 },
];

/** A server that answers every POST with a StartExecution-shaped body at once: the floor of the load phase. */
const FLOOR_SERVER = `
import { createServer } from 'node:http';
let n = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const text = JSON.stringify({ executionArn: 'arn:aws:states:us-east-1:123456789012:execution:Floor:' + n++, startDate: 1767225600 });
    res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.0', 'Content-Length': Buffer.byteLength(text), 'x-amzn-RequestId': String(n) });
    res.end(text);
  });
});
server.listen(0, '127.0.0.1', () => console.log('serving on http://127.0.0.1:' + server.address().port));
process.on('SIGINT', () => server.close(() => process.exit(0)));
`;

/** Starts `asl serve` (or the floor server) as a child and resolves with its URL. */
function startServer(store, floor = false) {
  const args = floor ? ['--input-type=module', '-e', FLOOR_SERVER] : [...(opts.profile ? ['--cpu-prof', '--cpu-prof-dir', join(here, 'results', 'profiles')] : []), ...opts.nodeFlags, ...(opts.gc ? ['--trace-gc-nvp'] : []), CLI, 'serve', '--port', '0', '--store', store];
  if (opts.profile) mkdirSync(join(here, 'results', 'profiles'), { recursive: true });
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let serving = false;
    child.stdout.on('data', (chunk) => {
      if (serving) return void (opts.gc ? gc.take(chunk) : process.stderr.write(chunk));
      out += chunk;
      const url = /on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        serving = true;
        resolve({ child, url: new URL(url) });
      }
    });
    child.on('exit', (code) => reject(new Error(`asl serve exited with ${code} before serving: ${out}`)));
  });
}

function stopServer(child) {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

function client(url, concurrency) {
  return opts.client === 'keepalive' ? keepAliveClient(url, concurrency) : nodeHttpClient(url, concurrency);
}

function nodeHttpClient(url, concurrency) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const call = (operation, body) =>
    new Promise((resolve, reject) => {
      const text = JSON.stringify(body);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/',
          agent,
          headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `AWSStepFunctions.${operation}`, 'Content-Length': Buffer.byteLength(text) },
        },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () => {
            const answer = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== 200) reject(new Error(`${operation}: HTTP ${res.statusCode} ${answer.slice(0, 300)}`));
            else resolve(JSON.parse(answer));
          });
        },
      );
      req.on('error', reject);
      req.end(text);
    });
  return { call, close: () => agent.destroy() };
}

/** Runs `count` calls of `task(i)`, `concurrency` at a time; gives each call's latency in ms. */
async function pool(count, concurrency, task) {
  const latencies = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t0 = performance.now();
      await task(i);
      latencies[i] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return latencies;
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function countByStatus(call, stateMachineArn, statusFilter) {
  let total = 0;
  let nextToken;
  do {
    const page = await call('ListExecutions', { stateMachineArn, statusFilter, maxResults: 1000, ...(nextToken ? { nextToken } : {}) });
    total += page.executions.length;
    nextToken = page.nextToken;
  } while (nextToken);
  return total;
}

async function loadPhase(call, pid) {
  const { stateMachineArn } = await call('CreateStateMachine', { name: 'Load3', definition: JSON.stringify(THREE_STATES), roleArn: 'arn:aws:iam::123456789012:role/bench' });
  const input = (i) => JSON.stringify({ order: `o-${i}`, price: i % 200, tax: 7 });
  await pool(opts.warmup, opts.concurrency, (i) => call('StartExecution', { stateMachineArn, name: `warm-${i}`, input: input(i) }));
  const rounds = [];
  for (let index = 0; index < opts.rounds; index++) rounds.push(await loadRound(call, pid, stateMachineArn, input, index));
  return rounds;
}

async function loadRound(call, pid, stateMachineArn, input, index) {
  const gcMark = gc.mark();
  const cpu0 = cpuMs(pid);
  const t0 = performance.now();
  const latencies = await pool(opts.executions, opts.concurrency, (i) => call('StartExecution', { stateMachineArn, name: `load-${index}-${i}`, input: input(i) }));
  const started = performance.now() - t0;
  let polls = 0;
  while ((await call('ListExecutions', { stateMachineArn, statusFilter: 'RUNNING', maxResults: 1 })).executions.length > 0) {
    polls++;
    await nextTurn();
  }
  const finished = performance.now() - t0;
  const cpu1 = cpuMs(pid);
  const succeeded = await countByStatus(call, stateMachineArn, 'SUCCEEDED');
  const expected = opts.warmup + opts.executions * (index + 1);
  if (succeeded !== expected) throw new Error(`expected ${expected} SUCCEEDED executions, found ${succeeded}`);
  return {
    executions: opts.executions,
    concurrency: opts.concurrency,
    startPhaseMs: round(started),
    allFinishedMs: round(finished),
    pollsAfterLastStart: polls,
    executionsPerSecond: Math.round((opts.executions / finished) * 1000),
    startP50Ms: round(percentile(latencies, 50)),
    startP99Ms: round(percentile(latencies, 99)),
    startMaxMs: round(Math.max(...latencies)),
    // The server's CPU per execution (HTTP, engine, SQLite; the polls after the last start included).
    serverCpuMsPerExecution: cpu0 === undefined || cpu1 === undefined ? undefined : round((cpu1 - cpu0) / opts.executions),
    ...(opts.gc ? { gc: gc.since(gcMark) } : {}),
  };
}

/** The load phase's calls against the floor server. */
async function floorPhase() {
  const { child, url } = await startServer('', true);
  const { call, close } = client(url, opts.concurrency);
  try {
    await pool(opts.warmup, opts.concurrency, () => call('StartExecution', {}));
    const cpu0 = cpuMs(child.pid);
    const t0 = performance.now();
    const latencies = await pool(opts.executions, opts.concurrency, (i) => call('StartExecution', { stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Floor', name: `load-${i}`, input: '{}' }));
    const ms = performance.now() - t0;
    const cpu1 = cpuMs(child.pid);
    return {
      serverCpuMsPerCall: cpu0 === undefined || cpu1 === undefined ? undefined : round((cpu1 - cpu0) / opts.executions),
      callsPerSecond: Math.round((opts.executions / ms) * 1000), p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)), maxMs: round(Math.max(...latencies)) };
  } finally {
    close();
    await stopServer(child);
  }
}

async function syncPhase(call) {
  const results = [];
  for (const { file, reps } of SYNC_WORKLOADS) {
    const workload = JSON.parse(readFileSync(join(here, 'workloads', file), 'utf8'));
    const { stateMachineArn } = await call('CreateStateMachine', { name: `Sync-${workload.name}`, definition: JSON.stringify(workload.definition), roleArn: 'arn:aws:iam::123456789012:role/bench', type: 'EXPRESS' });
    const input = JSON.stringify(workload.input);
    // One untimed run first: compiles the machine and warms the JIT, as a long-running server would be.
    await call('StartSyncExecution', { stateMachineArn, input });
    const latencies = await pool(reps, 1, async () => {
      const out = await call('StartSyncExecution', { stateMachineArn, input });
      if (out.status !== 'SUCCEEDED') throw new Error(`${workload.name}: ${out.status} ${out.error ?? ''} ${out.cause ?? ''}`);
      if (!isDeepStrictEqual(JSON.parse(out.output), workload.expected)) throw new Error(`${workload.name}: unexpected output`);
    });
    results.push({ workload: workload.name, transitions: workload.transitions, reps, minMs: round(Math.min(...latencies)), medianMs: round(percentile(latencies, 50)), maxMs: round(Math.max(...latencies)) });
  }
  return results;
}

/** The server's CPU time so far (user + system, ms) from /proc: robust to a machine shared with other work. Linux only. */
function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

function round(ms) {
  return Math.round(ms * 100) / 100;
}

const dir = opts.store === undefined ? mkdtempSync(join(tmpdir(), 'asl-serve-load-')) : undefined;
const store = opts.store ?? join(dir, 'executions.db');
const { child, url } = await startServer(store);
const { call, close } = client(url, opts.concurrency);
let results;
try {
  log(`asl serve on ${url.href} (store ${store}); load: ${opts.executions} StartExecution at concurrency ${opts.concurrency} after ${opts.warmup} warm-up`);
  const load = opts.only === 'sync' ? undefined : await loadPhase(call, child.pid);
  if (opts.only !== 'load') log('StartSyncExecution of the bench workloads (EXPRESS)');
  const sync = opts.only === 'load' ? [] : await syncPhase(call);
  const floor = opts.floor && opts.only !== 'sync' ? await floorPhase() : undefined;
  results = { node: process.version, client: opts.client === 'keepalive' ? 'keep-alive on node:net' : 'node:http keep-alive', store: 'sqlite (temp folder)', load, floor, sync };
} finally {
  close();
  const code = await stopServer(child);
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  if (code !== 0) log(`asl serve exited with ${code}`);
}

if (opts.json) console.log(JSON.stringify(results, null, 2));
else {
  const { load, sync } = results;
  console.log(`\n## asl serve on loopback (${results.client}, durable SQLite store, Node ${results.node})\n`);
  console.log('| load | executions/s | StartExecution p50 | p99 | max | server CPU per call |');
  console.log('|---|---:|---:|---:|---:|---:|');
  const floor = results.floor;
  if (floor) console.log(`| floor: trivial node:http server, same calls | ${floor.callsPerSecond} | ${floor.p50Ms} ms | ${floor.p99Ms} ms | ${floor.maxMs} ms | ${floor.serverCpuMsPerCall ?? '?'} ms |`);
  for (const round of load ?? []) console.log(`| ${round.executions} StartExecution, concurrency ${round.concurrency}, 3-state STANDARD | ${round.executionsPerSecond} | ${round.startP50Ms} ms | ${round.startP99Ms} ms | ${round.startMaxMs} ms | ${round.serverCpuMsPerExecution ?? '?'} ms |`);
  if (opts.gc) {
    console.log('\n| load round: server GC | scavenges | median pause | longest | moved per allocated | full GCs | longest full |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const [i, { gc: g }] of (load ?? []).entries()) console.log(`| round ${i + 1} | ${g.scavenges} | ${g.scavengeMedianMs} ms | ${g.scavengeMaxMs} ms | ${g.survivedPercent}% | ${g.fullGcs} | ${g.fullGcMaxMs} ms |`);
  }
  console.log('\n| StartSyncExecution (EXPRESS) | transitions | min | median | max |');
  console.log('|---|---:|---:|---:|---:|');
  for (const s of sync) console.log(`| ${s.workload} | ${s.transitions} | ${s.minMs} ms | ${s.medianMs} ms | ${s.maxMs} ms |`);
}

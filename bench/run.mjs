#!/usr/bin/env node
// npm run bench [-- options]: asl-engine and the peer (aws-local-stepfunctions) on every workload,
// workload by workload, each engine in a fresh child process (run-one.mjs), with a check of every
// output against the expected one. Prints a Markdown table (or JSON with --json).
//
//   --quick          1 timed sample instead of 5 (--reps N for N)
//   --json           machine-readable results on stdout (always saved to bench/results/latest*.json)
//   --only a,c-map   only workloads whose name starts with one of these (--only pbt: property-check runs/s)
//   --no-peer        asl-engine only;  --floor  add the plain-JavaScript floor
//                    (the peer is installed on first use into bench/peer/node_modules)
//   --scaling        one execution per child: Express loop at 100k / 1M transitions and Map at
//                    10k / 100k items, with baseline and peak RSS, to show memory growth
//                    (asl-engine and the plain-JS floor; --peer adds the peer)
//   --standard       run asl-engine as a Standard machine that keeps its history (default: Express, no history)
//   --profile        write a CPU profile per child to bench/results/profiles (see profile-summary.mjs)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const PEER = 'aws-local-stepfunctions';
const CHILD_TIMEOUT_MS = 30 * 60 * 1000;

function parseArgs(argv) {
  const opts = { reps: 5, json: false, only: [], peer: true, floor: false, scaling: false, standard: false, profile: false, peerInScaling: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') opts.reps = 1;
    else if (a === '--reps') opts.reps = Math.max(1, Number(argv[++i]));
    else if (a === '--json') opts.json = true;
    else if (a === '--only') opts.only.push(...argv[++i].split(','));
    else if (a === '--no-peer') opts.peer = false;
    else if (a === '--peer') opts.peerInScaling = true;
    else if (a === '--floor') opts.floor = true;
    else if (a === '--scaling') opts.scaling = true;
    else if (a === '--standard') opts.standard = true;
    else if (a === '--profile') opts.profile = true;
    else if (a === '--help' || a === '-h') {
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 15).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown option ${a} (see --help)`);
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const log = (msg) => process.stderr.write(`${msg}\n`);

// --only pbt: property-check executions/s (bench/pbt-runs.mjs), which runs on its own.
if (opts.only.includes('pbt')) {
  const pbt = spawnSync(process.execPath, [join(here, 'pbt-runs.mjs'), '--reps', String(opts.reps), ...(opts.json ? ['--json'] : [])], { stdio: 'inherit' });
  process.exit(pbt.status ?? 1);
}

if (!existsSync(join(here, '..', 'dist', 'index.js'))) {
  console.error('bench: dist/ is missing; run `npm run build` first');
  process.exit(3);
}
if (opts.scaling ? opts.peerInScaling : opts.peer) ensurePeerInstalled();
const gen = spawnSync(process.execPath, [join(here, 'gen-workloads.mjs'), '--quiet'], { stdio: 'inherit' });
if (gen.status !== 0) process.exit(gen.status ?? 1);
const index = JSON.parse(readFileSync(join(here, 'workloads', 'index.json'), 'utf8'));
const wanted = (w) => opts.only.length === 0 || opts.only.some((p) => w.name.startsWith(p));

/**
 * The peer lives in bench/peer (its own package.json, git-ignored node_modules) rather than in the
 * project's devDependencies: it asks for Node 22, and the project's install must stay quiet on 20.
 */
function ensurePeerInstalled() {
  const peerDir = join(here, 'peer');
  if (existsSync(join(peerDir, 'node_modules', PEER, 'package.json'))) return;
  log(`bench: installing the peer (${PEER}) into bench/peer/node_modules, once ...`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // --loglevel=error: its "needs Node 22" EBADENGINE notice is expected (we polyfill what it uses).
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: peerDir, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('bench: could not install the peer; run with --no-peer to benchmark asl-engine alone');
    process.exit(3);
  }
}

function runChild(engine, workload, extra = []) {
  const nodeArgs = ['--expose-gc'];
  if (opts.profile) {
    const dir = join(here, 'results', 'profiles');
    mkdirSync(dir, { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${engine}.${workload}${extra.includes('--single') ? '.single' : ''}.cpuprofile`);
  }
  const env = { ...process.env, ...(opts.standard ? { BENCH_ASL_MODE: 'standard' } : {}) };
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [...nodeArgs, join(here, 'run-one.mjs'), engine, workload, '--reps', String(opts.reps), ...extra], {
    encoding: 'utf8', env, timeout: CHILD_TIMEOUT_MS, maxBuffer: 64 << 20,
  });
  const line = (r.stdout ?? '').trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (line) return JSON.parse(line);
  const oom = /heap out of memory/i.test(r.stderr ?? '');
  return {
    engine, workload, ok: false,
    failure: oom ? `ran out of memory after ${((Date.now() - t0) / 1000).toFixed(0)} s`
      : `child failed (status ${r.status}, signal ${r.signal}) after ${((Date.now() - t0) / 1000).toFixed(0)} s: ${(r.stderr ?? '').trim().slice(-300)}`,
  };
}

/** The last run's raw results, in bench/results/ (git-ignored). */
function saveResults(file, text) {
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(join(here, 'results', file), `${text}\n`);
}

// ---------- formatting ----------
const fmtMs = (ms) => (ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : ms >= 1 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(3)} ms`);
const fmtRate = (perS) => (perS >= 1e6 ? `${(perS / 1e6).toFixed(2)}M` : perS >= 1e3 ? `${(perS / 1e3).toFixed(0)}k` : perS.toFixed(0));
const fmtMb = (x) => (x == null ? '—' : `${x.toFixed(0)} MB`);
const statesPerS = (r) => r.transitions / (r.median_ms / 1000);
const rssOf = (r) => r.cli_peak_rss_mb ?? r.peak_rss_mb;
const cell = (r, cli) => {
  if (!r) return ['—', '—', '—'];
  if (!r.ok) return ['**FAIL**', '—', fmtMb(r.peak_rss_mb)];
  return [fmtMs(r.median_ms) + (cli ? ' wall' : ''), cli ? '—' : fmtRate(statesPerS(r)), fmtMb(rssOf(r))];
};
const table = (header, rows) =>
  [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');

function machineLine() {
  const cpu = cpus();
  return `Node ${process.version}, ${cpu.length} × ${cpu[0]?.model?.trim() ?? 'unknown CPU'}, ${opts.reps} timed sample(s) per workload${opts.standard ? ', asl-engine in Standard mode with history' : ''}`;
}

// ---------- main table ----------
async function mainTable() {
  const engines = ['asl-engine', ...(opts.peer ? [PEER] : []), ...(opts.floor ? ['plain'] : [])];
  const results = [];
  for (const w of index.filter((x) => x.table && wanted(x))) {
    // The peer has no local AWS services, no durable mode and no child executions: those workloads are asl-engine's (and the floor's) alone.
    for (const engine of engines.filter((e) => !((w.services || w.durable || w.distributed) && e === PEER))) {
      log(`bench: ${w.name} / ${engine} ...`);
      const r = runChild(engine, w.name);
      log(`bench:   ${r.ok ? `${fmtMs(r.median_ms)}, peak RSS ${fmtMb(rssOf(r))}` : `FAIL ${r.failure}`}`);
      results.push(r);
    }
  }
  log('bench: compile time of a 1,000-state definition ...');
  const c = spawnSync(process.execPath, [join(here, 'compile.mjs'), '--json'], { encoding: 'utf8' });
  const compile = c.status === 0 ? JSON.parse(c.stdout.trim().split('\n').pop()) : { error: c.stderr.slice(-300) };

  const report = JSON.stringify({ machine: machineLine(), node: process.version, reps: opts.reps, results, compile }, null, 2);
  saveResults('latest.json', report);
  if (opts.json) {
    console.log(report);
    return results;
  }
  const find = (engine, name) => results.find((r) => r.workload === name && (r.engine === engine || (engine === 'plain' && r.engine === 'plain-js')));
  const peerVersion = results.find((r) => r.engine === PEER && r.version)?.version ?? '';
  const header = ['workload', 'transitions', 'asl-engine', 'states/s', 'peak RSS'];
  if (opts.peer) header.push(`${PEER} ${peerVersion}`.trim(), 'states/s', 'peak RSS', 'speed-up');
  if (opts.floor) header.push('plain JS');
  const rows = [];
  for (const w of index.filter((x) => x.table && wanted(x))) {
    const mine = find('asl-engine', w.name);
    const row = [w.name, w.transitions.toLocaleString('en-US'), ...cell(mine, w.cli)];
    if (opts.peer) {
      const peer = find(PEER, w.name);
      const speedup = mine?.ok && peer?.ok ? `${(peer.median_ms / mine.median_ms).toFixed(1)}×` : '—';
      row.push(...cell(peer, w.cli), speedup);
    }
    if (opts.floor) {
      const floor = find('plain', w.name);
      row.push(floor?.ok ? fmtMs(floor.median_ms) : '—');
    }
    rows.push(row);
  }
  console.log(machineLine());
  console.log();
  console.log(table(header, rows));
  console.log();
  const durable = durableRatios(index.filter((x) => x.table && x.durable && wanted(x)), (name) => find('asl-engine', name));
  if (durable) console.log(`${durable}\n`);
  const calls = serviceCallsTable(index.filter((x) => x.table && x.calls && wanted(x)), (name) => find('asl-engine', name));
  if (calls) console.log(`${calls}\n`);
  if (compile.error) console.log(`compile: FAIL ${compile.error}`);
  else {
    console.log(`Compile (createStateMachine) of a ${compile.states}-state definition: first ${compile.first_compile_ms} ms, ` +
      `then ${compile.warm_compile_ms} ms (median of ${compile.reps}); importing the library: ${compile.import_ms} ms.`);
  }
  const failures = results.filter((r) => !r.ok);
  for (const f of failures) console.log(`FAIL ${f.workload} / ${f.engine}: ${f.failure}`);
  return results;
}

/**
 * Service calls per second of the service workloads (asl-engine): all calls, and per class where a
 * workload makes calls of one class only (i-map-1k-sns-sqs, i-map-1k-dynamodb) — a mixed workload's
 * time cannot be split between its classes honestly.
 */
function serviceCallsTable(workloads, resultOf) {
  const rows = [];
  for (const w of workloads) {
    const r = resultOf(w.name);
    if (!r?.ok) continue;
    const perS = (n) => n / (r.median_ms / 1000);
    const { dynamodb, snsSqs } = w.calls;
    const only = (n, other) => (n > 0 && other === 0 ? fmtRate(perS(n)) : n > 0 ? 'mixed' : '—');
    rows.push([w.name, w.backend, (dynamodb + snsSqs).toLocaleString('en-US'), fmtMs(r.median_ms), fmtRate(perS(dynamodb + snsSqs)), only(snsSqs, dynamodb), only(dynamodb, snsSqs)]);
  }
  if (rows.length === 0) return undefined;
  return table(['service workload', 'backend', 'calls per run', 'time', 'calls/s', 'SNS+SQS calls/s', 'DynamoDB calls/s'], rows);
}

/**
 * Each durable workload's time against its in-memory workload's in this run: Express without history
 * by default, Standard with its whole history under --standard (the like-for-like comparison, as the
 * durable engine keeps the whole history too).
 */
function durableRatios(workloads, resultOf) {
  const lines = [];
  for (const w of workloads) {
    const durable = resultOf(w.name);
    const memory = resultOf(w.inMemory);
    if (!durable?.ok || !memory?.ok) continue;
    lines.push(`${w.name}: ${(durable.median_ms / memory.median_ms).toFixed(1)}× ${w.inMemory}`);
  }
  if (lines.length === 0) return undefined;
  const against = opts.standard ? 'in-memory Standard with history' : 'in-memory Express without history; --standard compares with Standard with history';
  return `Durable (SQLite file) against ${against}: ${lines.join('; ')}.`;
}

// ---------- scaling ----------
async function scaling() {
  const order = ['x-express-loop-100k', 'g-express-loop-1m', 'c-map-10k-pass', 'h-map-100k-pass'];
  const engines = ['asl-engine', ...(opts.peerInScaling ? [PEER] : []), 'plain'];
  const results = [];
  for (const name of order.filter((n) => wanted({ name: n }))) {
    for (const engine of engines) {
      log(`bench --scaling: ${name} / ${engine} ...`);
      const r = runChild(engine, name, ['--single']);
      log(`bench:   ${r.ok ? `${fmtMs(r.median_ms)}, peak RSS ${fmtMb(r.peak_rss_mb)}` : `FAIL ${r.failure}`}`);
      results.push(r);
    }
  }
  const report = JSON.stringify({ machine: machineLine(), node: process.version, results }, null, 2);
  saveResults('latest-scaling.json', report);
  if (opts.json) {
    console.log(report);
    return results;
  }
  const rows = results.map((r) => {
    const w = index.find((x) => x.name === r.workload);
    const size = w.name.includes('map') ? `${(w.transitions - 1).toLocaleString('en-US')} items` : `${w.transitions.toLocaleString('en-US')} transitions`;
    if (!r.ok) return [r.workload, size, r.engine, '**FAIL**', '—', fmtMb(r.peak_rss_mb), '—'];
    const growth = r.peak_rss_mb - r.baseline_rss_mb;
    return [r.workload, size, r.engine, fmtMs(r.median_ms), fmtMb(r.baseline_rss_mb), fmtMb(r.peak_rss_mb), `${growth.toFixed(0)} MB`];
  });
  console.log(`${machineLine().replace(/, \d+ timed sample\(s\) per workload/, '')}; one execution per fresh process`);
  console.log();
  console.log(table(['workload', 'size', 'engine', 'time', 'RSS before', 'peak RSS', 'growth'], rows));
  console.log();
  console.log('RSS before = after import, input parse and compile (after a GC); growth = peak RSS − RSS before.');
  const growth = (engine, name) => {
    const r = results.find((x) => x.workload === name && x.engine === engine && x.ok);
    return r ? r.peak_rss_mb - r.baseline_rss_mb : undefined;
  };
  for (const engine of engines.map((e) => (e === 'plain' ? 'plain-js' : e))) {
    const loop = [growth(engine, 'x-express-loop-100k'), growth(engine, 'g-express-loop-1m')];
    const map = [growth(engine, 'c-map-10k-pass'), growth(engine, 'h-map-100k-pass')];
    const parts = [];
    if (loop.every((x) => x !== undefined)) parts.push(`loop growth ${loop[0].toFixed(0)} MB at 100k → ${loop[1].toFixed(0)} MB at 1M transitions`);
    if (map.every((x) => x !== undefined)) {
      parts.push(`Map growth ${map[0].toFixed(0)} MB at 10k → ${map[1].toFixed(0)} MB at 100k items (${((map[1] * 1048576) / 100_000).toFixed(0)} bytes/item)`);
    }
    if (parts.length) console.log(`${engine}: ${parts.join('; ')}`);
  }
  for (const f of results.filter((r) => !r.ok)) console.log(`FAIL ${f.workload} / ${f.engine}: ${f.failure}`);
  return results;
}

const results = opts.scaling ? await scaling() : await mainTable();
process.exitCode = results.some((r) => !r.ok && r.engine === 'asl-engine') ? 1 : 0;

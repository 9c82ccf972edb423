#!/usr/bin/env node
/* global structuredClone */
// One engine on one workload, in this (fresh) process; prints one JSON line.
//   node --expose-gc bench/run-one.mjs <engine> <workload> [--reps N] [--single]
// <engine>: asl-engine | aws-local-stepfunctions | plain (a file in engines/).
// In-process workloads: load (compile) once, one untimed first execution (`warmup` of them when the
// workload says so), then N timed samples of
// `repeat` executions each (GC between samples when --expose-gc is on); every output is checked.
// --single: one execution only, timed, for --scaling (peak RSS = one execution's).
// CLI workloads: N+1 runs of the engine's command line (the first untimed), wall clock each.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { taskFunctions } from './handlers.mjs';
import { firstDifference, median } from './lib/compare.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const now = () => process.hrtime.bigint();
const msSince = (t0) => Number(now() - t0) / 1e6;
const mb = (kb) => +(kb / 1024).toFixed(1);
const gc = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};

function parseArgs(argv) {
  const [engine, workload, ...rest] = argv;
  const opts = { engine, workload, reps: 5, single: false };
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--reps') opts.reps = Math.max(1, Number(rest[++i]));
    else if (rest[i] === '--single') opts.single = true;
    else throw new Error(`unknown option ${rest[i]}`);
  }
  if (!engine || !workload) throw new Error('usage: run-one.mjs <engine> <workload> [--reps N] [--single]');
  return opts;
}

function check(output, expected) {
  const diff = firstDifference(output, expected);
  return diff === undefined ? undefined : `output differs at ${diff}`;
}

async function inProcess(engine, w, opts) {
  const t0 = now();
  const prepared = await engine.load(w.definition, { workload: w.name, tasks: taskFunctions(w.tasks), options: w.options, world: w.world, backend: w.backend, durable: w.durable });
  const loadMs = msSince(t0);
  try {
    return await measure(engine, w, opts, prepared, loadMs);
  } finally {
    // Whatever load() started (the emulators of an aws-backend workload) stops here.
    await engine.close?.(prepared);
  }
}

async function measure(engine, w, opts, prepared, loadMs) {
  const base = { transitions: w.transitions };
  let t0;
  gc();
  const baselineRss = process.memoryUsage.rss() / 1024;

  if (opts.single) {
    t0 = now();
    const output = await engine.run(prepared, w.input);
    const timeMs = msSince(t0);
    const failure = check(output, w.expected);
    if (failure) return { ...base, ok: false, failure };
    return { ...base, ok: true, load_ms: +loadMs.toFixed(2), median_ms: +timeMs.toFixed(3), samples_ms: [+timeMs.toFixed(3)], baseline_rss_mb: mb(baselineRss) };
  }

  t0 = now();
  const first = await engine.run(prepared, structuredClone(w.input));
  const firstMs = msSince(t0);
  const failure = check(first, w.expected);
  if (failure) return { ...base, ok: false, failure };
  // Workloads with `warmup` run that many untimed executions in all (the first included), so the
  // timed ones measure the steady state rather than V8 still compiling the code they run.
  for (let i = 1; i < (w.warmup ?? 1); i++) {
    const bad = check(await engine.run(prepared, structuredClone(w.input)), w.expected);
    if (bad) return { ...base, ok: false, failure: `warm-up ${i}: ${bad}` };
  }

  const samples = [];
  for (let s = 0; s < opts.reps; s++) {
    const inputs = Array.from({ length: w.repeat }, () => structuredClone(w.input));
    const outputs = new Array(w.repeat);
    gc();
    t0 = now();
    for (let r = 0; r < w.repeat; r++) outputs[r] = await engine.run(prepared, inputs[r]);
    samples.push(msSince(t0) / w.repeat);
    for (const output of outputs) {
      const bad = check(output, w.expected);
      if (bad) return { ...base, ok: false, failure: `sample ${s}: ${bad}` };
    }
  }
  return {
    ...base,
    ok: true,
    load_ms: +loadMs.toFixed(2),
    first_ms: +firstMs.toFixed(3),
    median_ms: +median(samples).toFixed(3),
    samples_ms: samples.map((x) => +x.toFixed(3)),
    repeat: w.repeat,
    baseline_rss_mb: mb(baselineRss),
  };
}

function cli(engine, w, opts) {
  const machinePath = join(here, 'workloads', `${w.name}.asl.json`);
  const inputPath = join(here, 'workloads', `${w.name}.input.json`);
  const { args, stdinFile } = engine.cliCommand(machinePath, inputPath);
  const stdin = stdinFile ? readFileSync(stdinFile) : '';
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const walls = [];
  let peakKb = 0;
  for (let i = 0; i <= opts.reps; i++) {
    const [cmd, cmdArgs] = timeBin ? [timeBin, ['-f', '__MAXRSS_KB=%M', process.execPath, ...args]] : [process.execPath, args];
    const t0 = now();
    const r = spawnSync(cmd, cmdArgs, { input: stdin, encoding: 'utf8' });
    const wall = msSince(t0);
    if (r.status !== 0) return { transitions: w.transitions, ok: false, failure: `exit ${r.status}: ${(r.stderr || '').slice(-300)}` };
    let output;
    try {
      output = engine.cliOutput(r.stdout, w.expected);
    } catch (e) {
      return { transitions: w.transitions, ok: false, failure: `unreadable output ${JSON.stringify(r.stdout.slice(0, 200))}: ${e.message}` };
    }
    const bad = check(output, w.expected);
    if (bad) return { transitions: w.transitions, ok: false, failure: bad };
    const rss = /__MAXRSS_KB=(\d+)/.exec(r.stderr ?? '');
    if (rss) peakKb = Math.max(peakKb, Number(rss[1]));
    if (i > 0) walls.push(wall); // the first run only warms the file cache
  }
  return {
    transitions: w.transitions,
    ok: true,
    median_ms: +median(walls).toFixed(1),
    samples_ms: walls.map((x) => +x.toFixed(1)),
    cli_peak_rss_mb: timeBin ? mb(peakKb) : null,
  };
}

const opts = parseArgs(process.argv.slice(2));
let result;
try {
  const t0 = now();
  const engine = await import(new URL(`./engines/${opts.engine}.mjs`, import.meta.url).href);
  const importMs = msSince(t0);
  const w = JSON.parse(readFileSync(join(here, 'workloads', `${opts.workload}.json`), 'utf8'));
  const measured = w.cli ? cli(engine, w, opts) : await inProcess(engine, w, opts);
  result = { engine: engine.info.engine, version: engine.info.version, workload: w.name, import_ms: +importMs.toFixed(1), ...measured };
} catch (error) {
  result = { engine: opts.engine, workload: opts.workload, ok: false, failure: `error: ${String(error?.stack ?? error).slice(0, 600)}` };
}
result.peak_rss_mb = mb(process.resourceUsage().maxRSS);
result.node = process.version;
console.log(JSON.stringify(result));

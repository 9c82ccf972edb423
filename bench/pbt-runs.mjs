#!/usr/bin/env node
// Executions per second of a property check: asl-examples/order-workflow under fault injection
// (taskOutcomes over every Task, retries and catches on a virtual clock), as checkMachine runs it.
// Property tests are only useful when thousands of runs are cheap; this keeps that measured.
//
//   node bench/pbt-runs.mjs [--runs N] [--reps N] [--express] [--json]   (also: npm run bench -- --only pbt)
// Default STANDARD (checkMachine's default type); --express measures an Express machine.
//
// The testing toolkit is bundled from src/ with esbuild (fast-check and other packages stay
// external), so the bench measures the current source without a full build.
import { build } from 'esbuild';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const runs = option('--runs', 5000);
const reps = option('--reps', 5);

const outDir = join(here, 'results');
mkdirSync(outDir, { recursive: true });
const bundle = join(outDir, 'pbt-toolkit.bundle.mjs');
const entry = [
  "export { checkMachine } from './src/testing/check.ts';",
  "export { taskOutcomes } from './src/testing/outcomes.ts';",
  "export { neverFailsUnhandled, alwaysEndsIn } from './src/testing/properties.ts';",
].join('\n');
await build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: bundle, logLevel: 'error' });
const { checkMachine, taskOutcomes, alwaysEndsIn } = await import(pathToFileURL(bundle).href);
const fc = (await import('fast-check')).default;

const example = join(root, 'asl-examples', 'order-workflow');
const definition = JSON.parse(readFileSync(join(example, 'definition.asl.json'), 'utf8'));
const mocks = JSON.parse(readFileSync(join(example, 'mocks.json'), 'utf8'));
const input = fc.record({ orderId: fc.string({ maxLength: 8 }), items: fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }), total: fc.integer({ min: 0, max: 1000 }) });
// A property every run satisfies, so that every one of the `runs` executions is made (a failing
// property would stop at the first counterexample and shrink instead).
const property = alwaysEndsIn(['OrderConfirmed', 'OrderFailed', 'NotifyCustomer']);
const outcomes = taskOutcomes(definition, { mocks, maxDelayMs: 500 });

// Wall time, and CPU time of this process: on a busy machine (CI, shared cores) the second says
// what one core does when it is not taken away.
const samples = [];
const cpuSamples = [];
for (let rep = 0; rep < reps + 1; rep++) {
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  await checkMachine(definition, { input, outcomes, property, runs, seed: rep + 1, type: args.includes('--express') ? 'EXPRESS' : 'STANDARD' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStarted);
  if (rep > 0) {
    // the first pass warms up the JIT
    samples.push(runs / seconds);
    cpuSamples.push(runs / ((cpu.user + cpu.system) / 1e6));
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const result = {
  workload: 'pbt-order-workflow-faults',
  runsPerCheck: runs,
  samples: samples.map(Math.round),
  executionsPerSecond: Math.round(median(samples)),
  best: Math.round(Math.max(...samples)),
  executionsPerCpuSecond: Math.round(median(cpuSamples)),
};
if (args.includes('--json')) console.log(JSON.stringify(result));
else console.log(`pbt: order-workflow under fault injection: ${result.executionsPerSecond.toLocaleString('en-US')} executions/s (median of ${reps}; best ${result.best.toLocaleString('en-US')}; ${result.executionsPerCpuSecond.toLocaleString('en-US')} per CPU-second; ${runs} runs per check, ${args.includes('--express') ? 'EXPRESS' : 'STANDARD'}, Node ${process.version})`);

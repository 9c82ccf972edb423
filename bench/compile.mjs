#!/usr/bin/env node
// Compile time of a 1,000-state definition (b-pass-chain-1000) with createStateMachine, in a fresh
// process: the first compile (cold: includes JIT warm-up and lazy initialisation such as the
// schema validator), then the median of N more (warm). From a JSON value and from JSON text.
//   node bench/compile.mjs [--reps N] [--json]
import { readFileSync } from 'node:fs';
import { median } from './lib/compare.mjs';

const argv = process.argv.slice(2);
const reps = argv.includes('--reps') ? Number(argv[argv.indexOf('--reps') + 1]) : 20;
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

let t0 = process.hrtime.bigint();
const { createStateMachine } = await import('../dist/index.js');
const importMs = ms(t0);
const w = JSON.parse(readFileSync(new URL('./workloads/b-pass-chain-1000.json', import.meta.url), 'utf8'));
const states = Object.keys(w.definition.States).length;
const text = JSON.stringify(w.definition, null, 2);

function time(fn) {
  const t = process.hrtime.bigint();
  fn();
  return ms(t);
}
const fromValue = () => createStateMachine(w.definition, { type: 'EXPRESS' });
const fromText = () => createStateMachine(text, { type: 'EXPRESS' });

const coldValue = time(fromValue);
const coldText = time(fromText);
const warmValue = median(Array.from({ length: reps }, () => time(fromValue)));
const warmText = median(Array.from({ length: reps }, () => time(fromText)));

const result = {
  states,
  import_ms: +importMs.toFixed(1),
  first_compile_ms: +coldValue.toFixed(1),
  first_compile_text_ms: +coldText.toFixed(1),
  warm_compile_ms: +warmValue.toFixed(2),
  warm_compile_text_ms: +warmText.toFixed(2),
  reps,
};
if (argv.includes('--json')) console.log(JSON.stringify(result));
else {
  console.log(`createStateMachine on a ${states}-state definition (median of ${reps} after the first):`);
  console.log(`  first compile ${result.first_compile_ms} ms (from text right after: ${result.first_compile_text_ms} ms)`);
  console.log(`  warm compile  ${result.warm_compile_ms} ms (from text: ${result.warm_compile_text_ms} ms)`);
  console.log(`  module import ${result.import_ms} ms`);
}

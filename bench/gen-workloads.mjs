#!/usr/bin/env node
/* global structuredClone */
// Writes bench/workloads/<name>.json for every workload in lib/workloads.mjs: the definition, the
// input, the expected output (from the plain-JavaScript reference), the transition count and the
// run settings. CLI workloads also get <name>.asl.json and <name>.input.json for the command line.
// Deterministic: `npm run bench` regenerates them before running.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { taskFunctions } from './handlers.mjs';
import { WORKLOADS } from './lib/workloads.mjs';

const out = join(dirname(fileURLToPath(import.meta.url)), 'workloads');
mkdirSync(out, { recursive: true });

const index = [];
for (const w of WORKLOADS) {
  const { reference, makeInput, ...data } = w;
  const input = makeInput();
  const expected = await reference(structuredClone(input), taskFunctions(w.tasks));
  const file = `${w.name}.json`;
  writeFileSync(join(out, file), JSON.stringify({ ...data, input, expected }) + '\n');
  if (w.cli) {
    writeFileSync(join(out, `${w.name}.asl.json`), JSON.stringify(w.definition, null, 2) + '\n');
    writeFileSync(join(out, `${w.name}.input.json`), JSON.stringify(input) + '\n');
  }
  index.push({
    name: w.name, file, transitions: w.transitions, table: !!w.table, scaling: !!w.scaling, cli: !!w.cli, services: !!w.services,
    ...(w.calls ? { calls: w.calls, backend: w.backend ?? 'local' } : {}),
    ...(w.durable ? { durable: w.durable, inMemory: w.inMemory } : {}),
    ...(w.distributed ? { distributed: true } : {}),
  });
}
writeFileSync(join(out, 'index.json'), JSON.stringify(index, null, 2) + '\n');
if (!process.argv.includes('--quiet')) console.log(`${index.length} workloads written to ${out}`);

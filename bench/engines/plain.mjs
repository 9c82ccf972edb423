// The floor: each workload's data work as plain JavaScript (lib/workloads.mjs), no interpreter.
// Same inputs and outputs as the ASL machines; used by --scaling to show what the data alone costs.
import { WORKLOADS } from '../lib/workloads.mjs';

export const info = { engine: 'plain-js', version: process.version };

export async function load(_definition, { workload, tasks = {} } = {}) {
  const w = WORKLOADS.find((x) => x.name === workload);
  if (!w) throw new Error(`no plain version of ${workload}`);
  return { reference: w.reference, tasks };
}

export async function run({ reference, tasks }, input) {
  return reference(input, tasks);
}

export function cliCommand(machinePath) {
  // A bare node process that reads the machine and prints the Pass state's Result.
  const script = `const d=JSON.parse(require('fs').readFileSync(${JSON.stringify(machinePath)},'utf8'));console.log(JSON.stringify(d.States[d.StartAt].Result))`;
  return { args: ['-e', script] };
}

export function cliOutput(stdout) {
  return JSON.parse(stdout);
}

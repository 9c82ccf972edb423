#!/usr/bin/env node
// Top self-time functions (and files) of a V8 CPU profile, e.g. from `npm run bench -- --profile`.
//   node bench/profile-summary.mjs <file.cpuprofile> [--top N]
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const argv = process.argv.slice(2);
const file = argv.find((a) => !a.startsWith('--'));
const top = argv.includes('--top') ? Number(argv[argv.indexOf('--top') + 1]) : 20;
if (!file) {
  console.error('usage: profile-summary.mjs <file.cpuprofile> [--top N]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const where = (cf) => {
  if (!cf.url) return '';
  const path = cf.url.replace(/^file:\/\//, '');
  return `${path.startsWith('/') ? relative(process.cwd(), path) : path}:${cf.lineNumber + 1}`;
};
const fns = new Map();
const files = new Map();
for (const [id, us] of selfUs) {
  const cf = byId.get(id).callFrame;
  const key = `${cf.functionName || '(anonymous)'} ${where(cf)}`.trim();
  fns.set(key, (fns.get(key) ?? 0) + us);
  const f = cf.url ? relative(process.cwd(), cf.url.replace(/^file:\/\//, '')) || cf.url : cf.functionName;
  files.set(f, (files.get(f) ?? 0) + us);
}
const print = (title, map) => {
  console.log(`${title} (of ${(total / 1000).toFixed(0)} ms sampled)`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * us) / total).toFixed(1).padStart(6)}%  ${(us / 1000).toFixed(1).padStart(8)} ms  ${key}`);
  }
};
print('self time by function', fns);
console.log();
print('self time by file', files);

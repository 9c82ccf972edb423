#!/usr/bin/env node
// npm run validate:corpus — every definition recorded in ../shared/conformance (*.jsonl) was created
// on AWS, so `asl validate` must find no ERROR in any of them (warnings are fine: AWS accepts what
// they point at). Runs over the built library (dist/); exits 1 and lists the cases otherwise.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = join(here, '..', '..', 'shared', 'conformance');
const { validateDefinition } = await import(join(here, '..', 'dist', 'index.js'));

let total = 0;
const rejected = [];
for (const file of readdirSync(corpus).filter((name) => name.endsWith('.jsonl'))) {
  for (const line of readFileSync(join(corpus, file), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const recorded = JSON.parse(line);
    total++;
    const type = recorded.mode === 'EXPRESS' ? 'EXPRESS' : 'STANDARD';
    const errors = validateDefinition(JSON.stringify(recorded.definition), { type }).diagnostics.filter((d) => d.severity === 'ERROR');
    if (errors.length > 0) rejected.push(`${recorded.id}\n    ${errors.map((d) => `${d.code} ${d.path}: ${d.message}`).join('\n    ')}`);
  }
}
for (const entry of rejected) console.log(entry);
console.log(`${total} recorded definitions validated, ${rejected.length} rejected`);
process.exitCode = rejected.length === 0 ? 0 : 1;

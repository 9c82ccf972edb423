import fc from 'fast-check';
import { it } from 'vitest';
import { validateDefinition } from '../../src/index.js';
import { fuzzMachine } from '../support/fuzz-machines.js';
it('tally', () => {
  const counts = new Map<string, number>();
  const samples = fc.sample(fuzzMachine, { numRuns: 300, seed: 1 });
  for (const d of samples) {
    const { diagnostics } = validateDefinition(d);
    for (const x of diagnostics.filter((x) => x.severity === 'ERROR')) {
      const k = `${x.code} ${x.message.slice(0, 90)}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  console.log([...counts].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${v} ${k}`).join('\n'));
});

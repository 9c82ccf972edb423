import { it } from 'vitest';
import jsonata from 'jsonata';
import { bindings } from './jsonata-helpers.js';
import { compileJsonataValue } from '../../../src/paths/jsonata.js';
it('bench', async () => {
  const items = Array.from({ length: 100 }, (_, i) => ({ name: `n${i}`, price: i * 3, tags: ['a', 'b'] }));
  const b = bindings({ input: { items }, variables: { a: 1, b: 2, c: { x: 1 } } });
  for (const src of ['$states.input.items[price > 100].name', '$states.input.items[0].name', '{"a": $a, "b": $b + 1}', '$sum($states.input.items.price)', '$states.input', '$map($states.input.items, function($i){ {"n": $i.name, "p": $i.price * 2} })']) {
    const compiled = compileJsonataValue(`{% ${src} %}`);
    const raw = jsonata(src);
    const n = 1000; let ours = Infinity, base = Infinity;
    for (let r = 0; r < 5; r++) {
    let t = performance.now();
    for (let i = 0; i < n; i++) await compiled.evaluate(b, 'Output');
    ours = Math.min(ours, (performance.now() - t) / n * 1000);
    t = performance.now();
    for (let i = 0; i < n; i++) await raw.evaluate(undefined, { states: { input: b.input, context: {} }, a: 1, b: 2 });
    base = Math.min(base, (performance.now() - t) / n * 1000);
    }
    console.log(src, 'ours', ours.toFixed(1), 'us; raw', base.toFixed(1), 'us');
  }
}, 60000);

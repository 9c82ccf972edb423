import fc from 'fast-check';
import { it } from 'vitest';
import { AslError, createStateMachine, DefinitionError, type LambdaHandler, VirtualClock } from '../../src/index.js';
import { FUNCTIONS, fuzzInput, fuzzMachine } from '../support/fuzz-machines.js';
const macrotask = (): Promise<void> => new Promise((r) => setImmediate(r));
function weirdValue(selector: number): unknown {
  const circular: Record<string, unknown> = { a: 1 }; circular['self'] = circular;
  let deep: unknown = 0; for (let i = 0; i < 5000; i++) deep = [deep];
  const values: unknown[] = [undefined, Number.NaN, Infinity, 10n, () => 1, Symbol('s'), circular, new Map([[1, 2]]), deep, 'x'.repeat(2_000_000), -0,
    { toJSON: () => { throw new Error('toJSON exploded'); } }, Object.create(null) as unknown, [undefined, () => 2], { big: 1e308 * 10 }];
  return values[Math.abs(Math.trunc(selector)) % values.length];
}
const lambdas: Record<string, LambdaHandler> = {
  echo: (e) => e, boom: () => { throw new Error('boom'); }, custom: () => { throw new AslError('Custom.Error', 'x'); },
  weird: (e) => weirdValue(typeof e === 'object' && e !== null && !Array.isArray(e) && typeof e['n'] === 'number' ? e['n'] : 3),
  slow: async (_e, c) => { await c.sleep(15000); return { late: true }; }, hang: async (_e, c) => { await c.sleep(1e12); return null; },
};
it('hunt', async () => {
  const escaped: unknown[] = [];
  process.on('unhandledRejection', (r) => escaped.push(r)); process.on('uncaughtException', (r) => escaped.push(r));
  const bad = new Map<string, string>(); const outcomes: Record<string, number> = {}; const causes = new Map<string, number>();
  const samples = fc.sample(fc.tuple(fuzzMachine, fuzzInput, fc.boolean()), { numRuns: Number(process.env.RUNS ?? 2000), seed: Number(process.env.SEED ?? 5) });
  for (const [def, input, express] of samples) {
    let m;
    try { m = createStateMachine(def, { type: express ? 'EXPRESS' : 'STANDARD', clock: new VirtualClock({ autoAdvance: true }), seed: 11, lambdas, maxTransitions: 150, maxHistoryEvents: 500, recordHistory: !express }); }
    catch (e) { if (!(e instanceof DefinitionError)) bad.set(`compile: ${String(e)}`, JSON.stringify(def)); outcomes.invalid = (outcomes.invalid ?? 0) + 1; continue; }
    let r;
    try { r = await m.start(input).result; } catch (e) { bad.set(`reject: ${String(e)}`, JSON.stringify(def)); continue; }
    outcomes[r.status] = (outcomes[r.status] ?? 0) + 1;
    if (r.status !== 'SUCCEEDED') { const k = `${r.error} ${(r.cause ?? '').replace(/'[^']*'/g, "'…'").replace(/#\d+/g, '#').slice(0, 110)}`; causes.set(k, (causes.get(k) ?? 0) + 1);
      if (/Internal error|is not a function|Cannot read prop|Maximum call stack|Invalid string length|Invalid time value|NaN|Infinity/.test((r.cause ?? '').replace(/Runtime.MarshalError.*|is not a JSON.*/, ''))) bad.set(`${r.error}: ${r.cause?.slice(0, 300)}`, JSON.stringify({def, input}).slice(0, 1500)); }
    else { try { JSON.stringify(r.output); } catch (e) { bad.set(`output: ${String(e)}`, JSON.stringify(def)); } }
    await macrotask();
    if (escaped.length) { bad.set(`escaped: ${String(escaped[0])}`, JSON.stringify(def)); escaped.length = 0; }
  }
  console.log(JSON.stringify(outcomes));
  console.log([...causes].sort((a, b) => b[1] - a[1]).slice(0, 60).map(([k, v]) => `${v} ${k}`).join('\n'));
  console.log('BAD', bad.size); for (const [k, v] of bad) console.log('BAD>', k, '\n   ', v.slice(0, 800));
}, 600000);

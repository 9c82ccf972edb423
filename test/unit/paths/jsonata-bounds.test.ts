import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { DEFAULT_JSONATA_LIMITS, type JsonataLimits } from '../../../src/paths/jsonata.js';
import { bindings, evaluate, failure } from './jsonata-helpers.js';

// Small bounds keep these tests fast; the defaults are checked once at the end.
const LIMITS: JsonataLimits = { timeMs: 50, callDepth: 200, maxNodes: 100_000, maxStringLength: 100_000 };

/** Fails, and fails well before `ms` (the hostile expressions would otherwise never return). */
async function boundedFailure(expression: string, limits: JsonataLimits = LIMITS, ms = 2000) {
  const started = performance.now();
  const error = await failure(`{% ${expression} %}`, bindings(), 'Output', limits);
  expect(performance.now() - started).toBeLessThan(ms);
  return error;
}

describe('compileJsonataValue: bounds on hostile expressions', () => {
  it('stops a tail-recursive infinite loop at the time bound', async () => {
    const error = await boundedFailure('($f := function($n){ $f($n + 1) }; $f(0))');
    expect(error.cause).toBe(
      "The JSONata expression '($f := function($n){ $f($n + 1) }; $f(0))' specified for the field 'Output' exceeded asl-engine's time bound of 50 ms (an infinite loop?).",
    );
    expect(error.location).toBe('Output');
  });

  it('stops unbounded non-tail recursion at the depth bound', async () => {
    const error = await boundedFailure('($f := function($n){ 1 + $f($n + 1) }; $f(0))');
    expect(error.cause).toContain("exceeded asl-engine's depth bound of 200 function calls in flight");
  });

  it('lets recursion within the bound and many sequential calls through', async () => {
    expect(await evaluate('{% ($f := function($n){ $n > 0 ? 1 + $f($n - 1) : 0 }; $f(150)) %}', bindings(), 'Output', LIMITS)).toBe(150);
    expect(await evaluate('{% $sum($map([1..1000], function($x){ $x })) %}', bindings(), 'Output', LIMITS)).toBe(500500);
  });

  it('stops nested iteration over huge ranges at the time bound', async () => {
    const error = await boundedFailure('$count([1..1000].([1..1000].([1..1000])))', { ...LIMITS, maxNodes: 10_000_000 });
    expect(error.cause).toContain("exceeded asl-engine's time bound of 50 ms");
  });

  it('stops a huge range at the size bound', async () => {
    const error = await boundedFailure('$count([1..10000000])', DEFAULT_JSONATA_LIMITS);
    expect(error.cause).toContain("exceeded asl-engine's size bound: a step produced a value of more than 2000000 JSON values.");
  });

  it('refuses $range beyond 1000 elements at once', async () => {
    const error = await boundedFailure('$range(0, 1e9, 1)');
    expect(error.cause).toContain('threw an error during evaluation. $range would return 1000000001 elements; the limit is 1000');
  });

  it.each([
    ['arrays doubled by copying', '$reduce([1..40], function($a, $i){ $append($a, $a) }, [1])'],
    ['arrays doubled by sharing', '$reduce([1..60], function($a, $i){ [$a, $a] }, [1])'],
    ['objects doubled by sharing, then written out', "$string($reduce([1..60], function($a, $i){ {'l': $a, 'r': $a} }, 1))"],
    ['deep-compared', "($d := $reduce([1..60], function($a, $i){ {'l': $a, 'r': $a} }, 1); $d = $d)"],
  ])('stops %s at the size bound', async (_label, expression) => {
    expect((await boundedFailure(expression, { ...LIMITS, timeMs: 2000 })).cause).toContain("exceeded asl-engine's size bound: a step produced a value of more than 100000 JSON values.");
  });

  it('stops strings doubled past the size bound', async () => {
    const error = await boundedFailure("$length($reduce([1..60], function($a, $i){ $a & $a }, 'xy'))");
    expect(error.cause).toContain("exceeded asl-engine's size bound: a step produced a string of 131072 characters (the limit is 100000).");
  });

  it('stops the branches still running after a sibling branch failed', async () => {
    const limits = { ...LIMITS, timeMs: 10_000 };
    const error = await boundedFailure("[$error('boom'), ($f := function($n){ $f($n + 1) }; $f(0))]", limits);
    expect(error.cause).toContain('threw an error during evaluation. D3137: boom');
    // The orphaned loop runs on microtasks: were it still going, this would not resolve before 10 s.
    const started = performance.now();
    await nextMacrotask();
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('uses generous defaults: 5 s, 10,000 calls, two million values, a million characters', () => {
    expect(DEFAULT_JSONATA_LIMITS).toEqual({ timeMs: 5000, callDepth: 10_000, maxNodes: 2_000_000, maxStringLength: 1_000_000 });
  });

  it('lets a one-million range through by default, as JSONata does', async () => {
    expect(await evaluate('{% $count([1..1000000]) %}')).toBe(1_000_000);
  });
});

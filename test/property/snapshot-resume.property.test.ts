// Executions are values (issue 12): for random terminating machines and random stop points,
// snapshot → JSON text → resume in a fresh machine on a fresh virtual clock gives the result and the
// history (types, ids, previous ids, timestamps, details) of the run that never stopped, also when the
// resumed run is itself stopped and resumed again. Inside a Lambda invocation (mid-step) the engine
// may refuse the snapshot (SnapshotError); one it gives must resume as exactly. Machines:
// test/support/durable-machines.ts; driver: test/support/durable-runs.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { durableInput, durableMachine } from '../support/durable-machines.js';
import { NOWHERE, type Run, run, type Stops, tiedAcrossStop } from '../support/durable-runs.js';

/** A few seconds; set SNAPSHOT_PROPERTY_RUNS (e.g. 2000) for a longer search. */
const RUNS = Number(process.env['SNAPSHOT_PROPERTY_RUNS'] ?? 100);

/**
 * Where to stop, in ten-thousandths of the reference run's steps (1-3 of them) and, sometimes, of
 * its Lambda invocations (one of them).
 */
const stopPoints = fc.record({
  steps: fc.uniqueArray(fc.integer({ min: 0, max: 9_999 }), { minLength: 1, maxLength: 3 }),
  invocation: fc.option(fc.integer({ min: 0, max: 9_999 }), { nil: undefined }),
});

/** The stops of one run, from the points and the reference run's length. */
function stopsFor(points: { readonly steps: readonly number[]; readonly invocation: number | undefined }, reference: Run): Stops {
  const steps = reference.steps === 0 ? [] : [...new Set(points.steps.map((p) => Math.floor((p * reference.steps) / 10_000)))];
  const count = reference.invocations.length;
  const invocation = points.invocation === undefined || count === 0 ? undefined : 1 + Math.floor((points.invocation * count) / 10_000);
  return { steps, invocation };
}

describe('snapshot → JSON → resume', () => {
  it('gives the output and history of the run that never stopped, at random stop points, chained', async () => {
    const seen = { runs: 0, resumed: 0, chained: 0, midStep: 0, tied: 0, succeeded: 0, failed: 0 };
    await fc.assert(
      fc.asyncProperty(durableMachine, durableInput, fc.integer({ min: 1, max: 2 ** 31 - 1 }), stopPoints, async (definition, input, seed, points) => {
        const reference = await run(definition, seed, input, NOWHERE);
        // Same seed, same machine, same input: the same history (the comparison below means nothing otherwise).
        const again = await run(definition, seed, input, NOWHERE);
        expect(again.history).toEqual(reference.history);
        expect(again.result).toEqual(reference.result);
        seen.runs++;
        seen[reference.result.status === 'SUCCEEDED' ? 'succeeded' : 'failed']++;
        const stops = stopsFor(points, reference);
        if (stops.steps.length === 0 && stops.invocation === undefined) return;
        // A stop inside an invocation counts, for ties, as a stop at the step it happened in.
        const stopSteps = stops.invocation === undefined ? stops.steps : [...stops.steps, reference.invocations[stops.invocation - 1] as number];
        if (tiedAcrossStop(reference.sleeps, stopSteps)) {
          seen.tied++;
          return;
        }
        const resumed = await run(definition, seed, input, stops);
        // Inside an invocation the engine may refuse (SnapshotError) or give a snapshot that resumes
        // exactly; an invocation inside start() has no stop (the caller holds no execution yet).
        if (stops.invocation !== undefined && (resumed.refused > 0 || resumed.resumes > stops.steps.length)) seen.midStep++;
        if (resumed.resumes > 0) seen.resumed++;
        if (resumed.resumes > 1) seen.chained++;
        expect(resumed.result).toEqual(reference.result);
        expect(resumed.history).toEqual(reference.history);
      }),
      { numRuns: RUNS },
    );
    // The generator must mostly produce machines that wait somewhere, or little is resumed.
    const counts = JSON.stringify(seen);
    expect(seen.resumed, counts).toBeGreaterThan(seen.runs / 2);
    expect(seen.chained, counts).toBeGreaterThan(seen.runs / 10);
    expect(seen.midStep, counts).toBeGreaterThan(seen.runs / 20);
    expect(seen.succeeded, counts).toBeGreaterThan(seen.runs / 5);
    expect(seen.failed, counts).toBeGreaterThan(0);
    // Runs set aside for a known limitation (tiedAcrossStop) stay a minority.
    expect(seen.tied, counts).toBeLessThan(seen.runs / 3);
  }, 60_000 + RUNS * 200);
});

// Cases the snapshot/resume property (test/property/snapshot-resume.property.test.ts) found, shrunk
// to a few states: each one stops a run at one clock step, resumes the JSON text of its snapshot on a
// fresh machine and clock, and compares with the run that never stopped.
import { describe, expect, it } from 'vitest';
import { AslError, createStateMachine, type Execution, type HistoryEvent, type JsonValue, type LambdaHandler, VirtualClock } from '../../../src/index.js';

const START = Date.UTC(2026, 0, 1);

/** A function that always fails: its Task waits in a retry back-off. */
const lambdas: Record<string, LambdaHandler> = {
  fail: () => {
    throw new AslError('Flaky', 'always');
  },
};

/** Lets every promise and immediate settle (the virtual clock does not move). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

async function finish(execution: Execution, clock: VirtualClock): Promise<void> {
  for (;;) {
    await settle();
    if (execution.status !== 'RUNNING') return;
    clock.advanceToNext();
  }
}

/** The history of the run that never stopped, and the one stopped after `stopAfter` clock steps and resumed. */
async function bothRuns(definition: JsonValue, input: JsonValue, stopAfter: number): Promise<{ reference: readonly HistoryEvent[]; resumed: HistoryEvent[] }> {
  const machineOn = (clock: VirtualClock) => createStateMachine(definition, { clock, seed: 1, lambdas });
  const clock = new VirtualClock({ startMs: START });
  const reference = machineOn(clock).start(input, { name: 'e' });
  await finish(reference, clock);

  const clock1 = new VirtualClock({ startMs: START });
  const first = machineOn(clock1).start(input, { name: 'e' });
  for (let i = 0; i < stopAfter; i++) {
    await settle();
    clock1.advanceToNext();
  }
  await settle();
  const text = JSON.stringify(first.snapshot());
  first.suspend();
  const snapshot = JSON.parse(text) as JsonValue;
  const clock2 = new VirtualClock({ startMs: (snapshot as { takenAt: number }).takenAt });
  const second = machineOn(clock2).resume(snapshot);
  await finish(second, clock2);
  return { reference: reference.history, resumed: [...first.history, ...second.history] };
}

describe('resume regressions', () => {
  // KNOWN BUG (found by the property; `it.fails` until the engine keeps the order): two branches
  // wake at the same instant, t = 10 s. Uninterrupted, branch 1 (asleep since 0 s) wakes before
  // branch 0 (asleep since 5 s): the virtual clock resolves equal deadlines in the order they were
  // asked for. Resumed at 5 s, both sleeps are asked for again in the order the threads are restored
  // (branch 0 first), so the two WaitStateExited events swap ids (8 ⇄ 9, previousEventId 5 and 7).
  // Remove `.fails` once wake-ups due at the same instant keep their original order after a resume.
  it('keeps the order of wake-ups due at the same instant in different branches', async () => {
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'A1', States: { A1: { Type: 'Wait', Seconds: 5, Next: 'A2' }, A2: { Type: 'Wait', Seconds: 5, End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Wait', Seconds: 10, End: true } } },
          ],
        },
      },
    };
    const { reference, resumed } = await bothRuns(definition, {}, 1);
    // The reference run: B (entered as event 5) exits first at 10 s.
    expect(reference.filter((e) => e.type === 'WaitStateExited').map((e) => [e.id, e.previousEventId, e.timestamp - START])).toEqual([
      [6, 4, 5_000],
      [8, 5, 10_000],
      [9, 7, 10_000],
    ]);
    expect(resumed).toEqual(reference);
  });

  // KNOWN BUG (found by the property; `it.fails` until fixed): iteration 0 fails at 5 s while
  // iteration 1 sleeps in a Wait and iteration 2 in a retry back-off, both from 0 s. Uninterrupted,
  // the back-off's iteration is aborted first (MapIterationAborted index 2, then index 1); resumed
  // at 0 s, index 1 comes first. Each aborted child records its own event when the cancellation
  // reaches its runScope, so the order follows how many promise hops lie between its sleep and
  // there, and a resumed visit (resumeVisit) has a different number of hops than a fresh one (recover).
  it('aborts the siblings of a failed Map iteration in the same order', async () => {
    const definition = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          End: true,
          ItemProcessor: {
            StartAt: 'Route',
            States: {
              Route: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericEquals: 0, Next: 'Short' }, { Variable: '$.n', NumericEquals: 1, Next: 'Long' }], Default: 'Work' },
              Short: { Type: 'Wait', Seconds: 5, Next: 'Stop' },
              Stop: { Type: 'Fail', Error: 'Stopped' },
              Long: { Type: 'Wait', Seconds: 100, End: true },
              Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'fail', Payload: {} }, Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 50, MaxAttempts: 1 }], End: true },
            },
          },
        },
      },
    };
    const { reference, resumed } = await bothRuns(definition, { items: [{ n: 0 }, { n: 1 }, { n: 2 }] }, 0);
    expect(reference.filter((e) => e.type === 'MapIterationAborted').map((e) => e.details?.['index'])).toEqual([2, 1]);
    expect(resumed).toEqual(reference);
  });
});

// Cases the snapshot/resume property (test/property/snapshot-resume.property.test.ts) found, shrunk
// to a few states: each one stops a run at one clock step (or inside a Lambda invocation), resumes
// the JSON text of its snapshot on a fresh machine and clock, and compares with the run that never
// stopped.
import { describe, expect, it } from 'vitest';
import { AslError, createStateMachine, type ExecutionResult, SnapshotError, type Execution, type HistoryEvent, type JsonValue, type LambdaHandler, VirtualClock } from '../../../src/index.js';
import { finish, START, stopAndResume } from '../../support/stop-and-resume.js';

/** `fail` always fails (its Task waits in a retry back-off); `echo` answers at once. */
const lambdas: Record<string, LambdaHandler> = {
  fail: () => {
    throw new AslError('Flaky', 'always');
  },
  echo: (event) => event,
};

/** The history of the run that never stopped, and the one stopped after `stopAfter` clock steps and resumed. */
async function bothRuns(definition: JsonValue, input: JsonValue, stopAfter: number): Promise<{ reference: readonly HistoryEvent[]; resumed: HistoryEvent[] }> {
  const machineOn = (clock: VirtualClock) => createStateMachine(definition, { clock, seed: 1, lambdas });
  const clock = new VirtualClock({ startMs: START });
  const reference = machineOn(clock).start(input, { name: 'e' });
  await finish(reference, clock);
  const { history } = await stopAndResume(machineOn, input, 'e', stopAfter);
  return { reference: reference.history, resumed: history };
}

describe('resume regressions', () => {
  // Two branches wake at the same instant, t = 10 s. Uninterrupted, branch 1 (asleep since 0 s)
  // wakes before branch 0 (asleep since 5 s). Resumed at 5 s, both sleeps are asked for again, in
  // the order the threads are restored (branch 0 first): the WaitStateExited events swapped ids
  // (8 ⇄ 9) until sleeps kept the instant they were first asked for (Clock.sleep's requestedAt).
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

  // Both branches begin a 10 s Wait at 0 s, branch 1 first: branch 0 runs a Task before its Wait, a
  // few promise hops later. Uninterrupted, B (asked first) wakes first. Resumed at 0 s, both sleeps
  // carried the same `since` (ms), so the tie fell back to the order they were asked for again,
  // restore order: A first (WaitStateExited 11 and 12 swapped) until the order got a rank within the
  // millisecond (the id of the last event before the wait).
  it('keeps the order of wake-ups asked for in the same millisecond', async () => {
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          End: true,
          Branches: [
            {
              StartAt: 'Call',
              States: {
                Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'echo', Payload: {} }, Next: 'A' },
                A: { Type: 'Wait', Seconds: 10, End: true },
              },
            },
            { StartAt: 'B', States: { B: { Type: 'Wait', Seconds: 10, End: true } } },
          ],
        },
      },
    };
    const { reference, resumed } = await bothRuns(definition, {}, 0);
    expect(reference.filter((e) => e.type === 'WaitStateExited').map((e) => e.details?.['name'])).toEqual(['B', 'A']);
    expect(resumed).toEqual(reference);
  });

  // Iteration 0 fails at 5 s while iteration 1 sleeps in a Wait and iteration 2 in a retry back-off,
  // both since 0 s. When each aborted child recorded its event as the cancellation reached it, the
  // order followed the promise hops from its sleep, and resumed visits took other paths (index 1
  // came first, then 2 for uninterrupted ones). The Map now records them once all have settled, in
  // index order, whichever path each took.
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
    expect(reference.filter((e) => e.type === 'MapIterationAborted').map((e) => e.details?.['index'])).toEqual([1, 2]);
    expect(resumed).toEqual(reference);
  });

  // Item 0 goes straight to Succeed; item 1 calls a Lambda function, which takes a snapshot. By then
  // iteration 0 had finished and left `children.running`, but its result was stored only a microtask
  // later (map.ts, after `await ctx.runScope`): the snapshot held it neither as finished nor as
  // running, and the resumed Map output null for it (a Parallel lost a branch the same way and ran it
  // twice). Refusing the snapshot (SnapshotError, mid-step) keeps the contract too.
  it('keeps a Map iteration that finished just before a snapshot taken inside a sibling', async () => {
    const definition = {
      StartAt: 'Pause',
      States: {
        Pause: { Type: 'Wait', Seconds: 1, Next: 'Each' },
        Each: {
          Type: 'Map',
          End: true,
          ItemProcessor: {
            StartAt: 'Route',
            States: {
              Route: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 1, Next: 'Done' }], Default: 'Work' },
              Done: { Type: 'Succeed' },
              Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'snap', 'Payload.$': '$' }, OutputPath: '$.Payload', End: true },
            },
          },
        },
      },
    };
    let current: Execution | undefined;
    let text: string | undefined;
    const snapping: Record<string, LambdaHandler> = {
      snap: (event) => {
        try {
          text ??= JSON.stringify(current?.snapshot());
        } catch (error) {
          if (!(error instanceof SnapshotError)) throw error;
          text = 'refused';
        }
        return event;
      },
    };
    const machineOn = (clock: VirtualClock) => createStateMachine(definition, { clock, seed: 1, lambdas: snapping });
    const clock = new VirtualClock({ startMs: START });
    current = machineOn(clock).start([1, 2], { name: 'e' });
    await finish(current, clock);
    expect(await current.result).toEqual({ status: 'SUCCEEDED', output: [1, 2] });
    // Refusing the snapshot is also right; otherwise its resume must give the same output.
    if (text === 'refused') return;
    const snapshot = JSON.parse(text as string) as JsonValue;
    const clock2 = new VirtualClock({ startMs: (snapshot as { takenAt: number }).takenAt });
    current = machineOn(clock2).resume(snapshot);
    await finish(current, clock2);
    const resumed: ExecutionResult = await current.result;
    expect(resumed).toEqual({ status: 'SUCCEEDED', output: [1, 2] });
  });

  // A snapshot taken inside a Lambda invocation (mid-step) while a sibling branch has work left at the
  // same instant: uninterrupted, First's task (invoked first) succeeds before Second's. Resumed, both
  // were invoked again and the one with TimeoutSeconds (more promise hops through its deadline race)
  // finished second. The engine now refuses snapshots in the middle of a step; one it gives must
  // resume exactly.
  it('refuses a snapshot inside an invocation, or resumes it with the same same-instant order', async () => {
    const call = (timeout: boolean): JsonValue => ({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'snap', Payload: {} },
      ...(timeout ? { TimeoutSeconds: 1 } : {}),
      End: true,
    });
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'First', States: { First: call(true) } },
            { StartAt: 'Zero', States: { Zero: { Type: 'Wait', Seconds: 0, Next: 'Second' }, Second: call(false) } },
          ],
        },
      },
    };
    let current: Execution | undefined;
    let calls = 0;
    let text: string | undefined;
    const snapping: Record<string, LambdaHandler> = {
      snap: async (event) => {
        // The second call (Second's) takes the snapshot: First's is in flight.
        try {
          if (++calls === 2) text = JSON.stringify(current?.snapshot());
        } catch (error) {
          if (!(error instanceof SnapshotError)) throw error;
          text = 'refused';
        }
        await Promise.resolve();
        return event;
      },
    };
    const machineOn = (clock: VirtualClock) => createStateMachine(definition, { clock, seed: 1, lambdas: snapping });
    const clock = new VirtualClock({ startMs: START });
    current = machineOn(clock).start({}, { name: 'e' });
    const reference = current;
    await finish(reference, clock);
    expect((await reference.result).status).toBe('SUCCEEDED');
    if (text === 'refused') return;
    const snapshot = JSON.parse(text as string) as JsonValue;
    const lastEventId = (snapshot as { lastEventId: number }).lastEventId;
    const clock2 = new VirtualClock({ startMs: (snapshot as { takenAt: number }).takenAt });
    current = machineOn(clock2).resume(snapshot);
    await finish(current, clock2);
    expect([...reference.history.filter((e) => e.id <= lastEventId), ...current.history]).toEqual(reference.history);
  });
});
